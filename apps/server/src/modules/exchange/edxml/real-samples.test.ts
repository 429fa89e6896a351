import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentPackage, StatusPackage } from './model.js';
import { readPackage } from './parse.js';

/*
 * Packages that no one on this project wrote: the national exchange's samples as a vendor's public
 * example client ships them (origin and licence in ../fixtures/real/README.md). Each is read as the
 * hub reads it: accepted, with its fields extracted.
 */
const real = (name: string) => readFileSync(new URL(`../fixtures/real/${name}`, import.meta.url));

function status(name: string): StatusPackage {
  const r = readPackage(real(name));
  expect(r.issues).toEqual([]);
  expect(r.package?.kind).toBe('status');
  return r.package as StatusPackage;
}
function document(name: string): { pkg: DocumentPackage; signed: boolean } {
  const r = readPackage(real(name));
  expect(r.issues).toEqual([]);
  expect(r.package?.kind).toBe('document');
  return { pkg: r.package as DocumentPackage, signed: r.signed };
}

const VPCP_7816 = {
  organId: '000.00.00.G22',
  code: '7816/VPCP-TTĐT',
  documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT',
};

describe('real status messages of the national exchange (MessageHeader form)', () => {
  it.each([
    ['status.edxml', '01', 'Văn thư - Phòng Văn thư - Lưu trữ: Đã đến', '2018-09-28T10:25:11.000Z'],
    ['status_inbox_ 01.edxml', '01', 'Đã đến', null],
    ['status_rejection_02.edxml', '02', 'Từ chối không tiếp nhận văn bản điện tử', '2015-09-20T04:08:36.000Z'],
    ['status_acceptance_03.edxml', '03', null, null],
    ['status_assignment_04.edxml', '04', null, null],
    ['status_processing_05.edxml', '05', null, null],
    ['status_finish_06.edxml', '06', null, null],
    ['status_change-acceptance_15.edxml', '15', null, null],
    ['status_change-rejection_16.edxml', '16', null, null],
  ])('%s: status %s from Nghệ An about VPCP 7816', (file, code, description, timestamp) => {
    const s = status(file);
    expect(s.statusCode).toBe(code);
    expect(s.from.organId).toBe('000.00.00.H41');
    expect(s.from.organName).toBe('UBND Tỉnh Nghệ An');
    expect(s.responseFor).toMatchObject(VPCP_7816);
    expect(s.description?.length).toBeGreaterThan(0);
    if (description) expect(s.description).toContain(description);
    if (timestamp) expect(s.timestamp.toISOString()).toBe(timestamp);
    expect(s.timestamp.getTime()).toBeGreaterThan(0);
    expect(s.staff?.staff).toBeTruthy();
  });

  it('status_cancellation_13.edxml: the sender (VPCP) cancels its own document sent to Nghệ An', () => {
    const s = status('status_cancellation_13.edxml');
    expect(s.statusCode).toBe('13');
    expect(s.from.organId).toBe('000.00.00.G22');
    expect(s.responseFor.organId).toBe('000.00.00.H41');
  });
});

describe('real document packages of the national exchange', () => {
  it('edoc_new.edxml: a new document to 28.22.H17, signed in the QCVN namespace', () => {
    const { pkg, signed } = document('edoc_new.edxml');
    expect(signed).toBe(true);
    expect(pkg.from.organId).toBe('000.00.00.A80');
    expect(pkg.to.map((t) => t.organId)).toEqual(['28.22.H17']);
    expect(pkg.documentId).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(pkg.header).toMatchObject({
      codeNumber: '74fass22',
      codeNotation: 'VPCP-TTĐT',
      documentType: { type: 1, typeDetail: 0, typeName: 'Công văn' },
      steeringType: 1,
      promulgation: { place: 'Hà Nội', date: '2019-01-16' },
      toPlaces: ['Cac bo va co quan ngang bo', 'Uy ban nhan dan cac tinh, TP'],
    });
    expect(pkg.business).toMatchObject({
      type: 'new',
      documentId: '000.00.00.G22,2014/02/30,7806/VPCP-TTĐT',
      paper: false,
      staff: { staff: 'Nguyễn Thị Ngọc Trâm' },
    });
    expect(pkg.attachments).toHaveLength(1);
    expect(pkg.attachments[0]).toMatchObject({
      contentId: 'cid:209',
      name: '1896_QD-TTg_m_294779.doc',
      mediaType: 'application/zip',
    });
    // The attachment is a real zip: its first bytes are the local file header.
    expect(pkg.attachments[0]!.data.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });

  it('edoc_update.edxml: an update with BussinessDocumentInfo and its ReceiverList', () => {
    const { pkg } = document('edoc_update.edxml');
    expect(pkg.from.organId).toBe('000.00.00.G22');
    expect(pkg.to.map((t) => t.organId)).toEqual(['000.00.00.H41', '000.00.00.H14', '000.00.00.G17']);
    expect(pkg.business.type).toBe('update');
    expect(pkg.business.documentInfo).toEqual({
      documentInfo: 1,
      documentReceiver: 1,
      receivers: [
        { organId: '000.00.00.H41', receiverType: 0 },
        { organId: '000.00.00.H14', receiverType: 1 },
      ],
    });
  });

  it('edoc_replacement.edxml: a replacement with two ReplacementInfo and no Bussiness/DocumentId', () => {
    const { pkg } = document('edoc_replacement.edxml');
    expect(pkg.business.type).toBe('replace');
    // No Bussiness/DocumentId: the header's DocumentId stands in.
    expect(pkg.business.documentId).toBe(pkg.documentId);
    expect(pkg.business.replacements).toHaveLength(2);
    expect(pkg.business.replacement).toEqual({
      documentId: '000.00.00.G22,2014/01/30,7806/VPCP-TTĐT',
      organIds: ['000.00.00.H41', '000.00.00.H14'],
    });
  });

  it('edoc_revocation.edxml: a revocation answering another document', () => {
    const { pkg } = document('edoc_revocation.edxml');
    expect(pkg.business.type).toBe('revoke');
    expect(pkg.business.documentId).toBe(pkg.documentId);
    expect(pkg.header.responseFor?.[0]).toMatchObject({
      organId: '000.00.00.H14',
      documentId: '000.00.04.G14,2012/08/06,267/VPCP-TTĐT',
    });
  });

  it('dc0bdef0-….edxml: one document to three provinces and ministries', () => {
    const { pkg, signed } = document('dc0bdef0-c7a3-4aaf-b717-777303442973.edxml');
    expect(signed).toBe(true);
    expect(pkg.from).toMatchObject({ organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' });
    expect(pkg.to.map((t) => t.organId)).toEqual(['000.00.00.H41', '000.00.00.H14', '000.00.00.G17']);
    expect(`${pkg.header.codeNumber}/${pkg.header.codeNotation}`).toBe('7816/VPCP-TTĐT');
    expect(pkg.traces).toEqual([{ organId: '000.00.00.G22', timestamp: new Date('2019-04-10T17:00:00Z') }]);
  });

  it('edoc.edxml, a template (From inside From, undeclared xlink prefix), is refused with the reason', () => {
    const r = readPackage(real('edoc.edxml'));
    expect(r.package).toBeNull();
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues[0]!.message.length).toBeGreaterThan(0);
  });
});
