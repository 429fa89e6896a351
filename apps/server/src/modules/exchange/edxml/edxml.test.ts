import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDocumentPackage, buildStatusPackage } from './build.js';
import { fromEdxmlDate, fromEdxmlTimestamp, toEdxmlTimestamp } from './dates.js';
import { readPackage } from './parse.js';
import { samplePackage } from './test-data.js';

const SAMPLE = readFileSync(new URL('./fixtures/hand-made-sample.edxml', import.meta.url), 'utf8');
const codes = (xml: string) => readPackage(xml).issues.map((i) => `${i.code}@${i.path}`);

describe('edXML build and parse', () => {
  it('round-trips a document package, escaping what it carries', () => {
    const p = samplePackage();
    const xml = buildDocumentPackage(p);
    expect(xml).toContain('xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"');
    expect(xml).toContain('&lt;của&gt;');
    expect(xml).toContain('<edXML:BussinessDocType>0</edXML:BussinessDocType>');
    expect(xml).toContain('<edXML:PromulgationDate>2026/03/02</edXML:PromulgationDate>');
    const r = readPackage(xml);
    expect(r.issues).toEqual([]);
    expect(r.package).toEqual(p);
  });

  it('round-trips a status notification', () => {
    const s = {
      kind: 'status' as const,
      from: { organId: '000.00.00.G09', organName: 'Bộ Nội vụ' },
      responseFor: {
        organId: '000.00.00.H26',
        code: '15/QĐ-UBND',
        promulgationDate: '2026-03-02',
        documentId: '000.00.00.H26,2026/03/02,15/QĐ-UBND',
      },
      statusCode: '03' as const,
      description: 'Đã tiếp nhận, số đến 42',
      staff: { staff: 'Lê Văn Thư' },
      timestamp: new Date('2026-03-02T03:00:00Z'),
      traces: [{ organId: '000.00.00.G09', timestamp: new Date('2026-03-02T03:00:00Z') }],
    };
    const xml = buildStatusPackage(s);
    // The national exchange's structure: everything inside MessageHeader, no Status element.
    expect(xml).not.toContain('<edXML:Status>');
    expect(xml).toContain('<edXML:MessageHeader><edXML:From>');
    expect(xml).toContain('</edXML:StaffInfo><edXML:StatusCode>03</edXML:StatusCode><edXML:Description>');
    expect(xml).toContain('<edXML:Timestamp>2026/03/02 10:00:00</edXML:Timestamp>');
    expect(readPackage(xml)).toMatchObject({ issues: [], package: s });
  });

  it('writes revoke and replace business types with the document concerned', () => {
    const p = samplePackage();
    const replace = {
      ...p,
      business: {
        ...p.business,
        type: 'replace' as const,
        documentId: '000.00.00.H26,2026/02/01,09/QĐ-UBND',
        replacement: { documentId: '000.00.00.H26,2026/02/01,09/QĐ-UBND', organIds: ['000.00.00.G09'] },
      },
    };
    const xml = buildDocumentPackage(replace);
    expect(xml).toContain('<edXML:BussinessDocType>3</edXML:BussinessDocType>');
    expect(readPackage(xml).package).toEqual(replace);
    const revoke = buildDocumentPackage({ ...p, business: { ...p.business, type: 'revoke' } });
    expect(readPackage(revoke).package).toMatchObject({ business: { type: 'revoke' } });
  });

  it('accepts the hand-made sample (default-namespace root, unprefixed attachments)', () => {
    const r = readPackage(SAMPLE);
    expect(r.issues).toEqual([]);
    expect(r.signed).toBe(false);
    const p = r.package!;
    expect(p.kind).toBe('document');
    if (p.kind !== 'document') return;
    expect(p.from.organId).toBe('000.00.00.H26');
    expect(p.to.map((t) => t.organId)).toEqual(['000.00.00.G09']);
    expect(p.header.subject).toBe(
      'V/v báo cáo tình hình triển khai dịch vụ công trực tuyến quý I năm 2026 & kế hoạch quý II',
    );
    expect(p.header.otherInfo.priority).toBe(1);
    expect(p.business.staff?.staff).toBe('Trần Thị Hoa');
    expect(p.attachments[0]!.data.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(p.traces[0]!.timestamp.toISOString()).toBe('2026-03-02T02:15:00.000Z');
  });
});

describe('edXML validator names what is wrong', () => {
  it('a missing element', () => {
    expect(codes(SAMPLE.replace(/<edXML:Subject>.*<\/edXML:Subject>/, ''))).toEqual([
      'MISSING_ELEMENT@MessageHeader/Subject',
    ]);
    expect(codes(SAMPLE.replace(/<edXML:To>[\s\S]*?<\/edXML:To>/, ''))).toEqual(['MISSING_ELEMENT@MessageHeader/To']);
  });
  it('a bad OrganId', () => {
    expect(
      codes(SAMPLE.replace('<edXML:OrganId>000.00.00.G09</edXML:OrganId>', '<edXML:OrganId>bo-noi-vu</edXML:OrganId>')),
    ).toEqual(['INVALID_ORGAN_ID@MessageHeader/To[1]/OrganId']);
    // Every form the national exchange uses is read (^[0-9A-Z.]{1,35}$).
    for (const id of ['28.22.H17', '14.00.W00', '01.02.G22', '777.77.04.D77'])
      expect(
        codes(SAMPLE.replace('<edXML:OrganId>000.00.00.G09</edXML:OrganId>', `<edXML:OrganId>${id}</edXML:OrganId>`)),
      ).toEqual([]);
    expect(
      codes(
        SAMPLE.replace(
          '<edXML:OrganId>000.00.00.G09</edXML:OrganId>',
          `<edXML:OrganId>${'1'.repeat(36)}</edXML:OrganId>`,
        ),
      ),
    ).toEqual(['INVALID_ORGAN_ID@MessageHeader/To[1]/OrganId']);
  });
  it('a bad date or timestamp format', () => {
    expect(codes(SAMPLE.replace('<edXML:PromulgationDate>2026/03/02', '<edXML:PromulgationDate>02/03/2026'))).toEqual([
      'INVALID_DATE@MessageHeader/PromulgationInfo/PromulgationDate',
    ]);
    expect(codes(SAMPLE.replace('<edXML:DueDate>2026/03/31', '<edXML:DueDate>2026/02/30'))).toEqual([
      'INVALID_DATE@MessageHeader/DueDate',
    ]);
    expect(codes(SAMPLE.replace('2026/03/02 09:15:00', '2026-03-02T09:15:00'))).toEqual([
      'INVALID_TIMESTAMP@TraceHeaderList/TraceHeader[1]/Timestamp',
    ]);
  });
  it('an attachment whose cid does not match the manifest, or is not base64', () => {
    expect(codes(SAMPLE.replace('<ContentId>cid:cv-125</ContentId>', '<ContentId>cid:other</ContentId>'))).toEqual([
      'ATTACHMENT_CID_MISMATCH@edXMLManifest/Reference[1]/ContentId',
      'ATTACHMENT_CID_MISMATCH@AttachmentEncoded',
    ]);
    expect(codes(SAMPLE.replace(/<ContentTransferEncoded>[^<]*/, '<ContentTransferEncoded>not*base64!'))).toEqual([
      'ATTACHMENT_NOT_BASE64@AttachmentEncoded/Attachment[cid:cv-125]/ContentTransferEncoded',
    ]);
  });
  it('attachment content: wrapped in lines or with non-zero padding bits reads as it decodes; base64url, bad padding or none is refused', () => {
    const data = Buffer.from('Công văn số 125 về việc tổ chức hội nghị, bản đính kèm.');
    const b64 = data.toString('base64');
    const withContent = (text: string) =>
      SAMPLE.replace(/<ContentTransferEncoded>[^<]*/, `<ContentTransferEncoded>${text}`);
    const attached = (xml: string | Buffer) => {
      const p = readPackage(xml).package;
      return p?.kind === 'document' ? p.attachments[0]!.data : null;
    };
    const wrapped = b64.replace(/(.{16})/g, '$1\n  ');
    expect(attached(withContent(wrapped))).toEqual(data);
    expect(attached(Buffer.from(withContent(wrapped)))).toEqual(data);
    // 'QQ==' is "A"; 'QR==' has non-zero unused bits and decodes to the same byte.
    expect(attached(withContent('QR=='))).toEqual(Buffer.from('A'));
    const notBase64 = ['ATTACHMENT_NOT_BASE64@AttachmentEncoded/Attachment[cid:cv-125]/ContentTransferEncoded'];
    expect(codes(withContent(b64.replace(/.$/, '-').replace(/^./, '_')))).toEqual(notBase64);
    expect(codes(withContent('QQ='))).toEqual(notBase64);
    expect(codes(withContent('Q==Q'))).toEqual(notBase64);
    expect(codes(withContent(''))).toEqual([
      'MISSING_ELEMENT@AttachmentEncoded/Attachment[cid:cv-125]/ContentTransferEncoded',
    ]);
  });
  it('bad codes: business type, priority, status code', () => {
    expect(codes(SAMPLE.replace('<edXML:BussinessDocType>0', '<edXML:BussinessDocType>7'))).toEqual([
      'INVALID_NUMBER@TraceHeaderList/Bussiness/BussinessDocType',
    ]);
    expect(codes(SAMPLE.replace('<edXML:Priority>1', '<edXML:Priority>9'))).toEqual([
      'INVALID_NUMBER@MessageHeader/OtherInfo/Priority',
    ]);
    const status = buildStatusPackage({
      kind: 'status',
      from: { organId: 'G09', organName: 'Bộ Nội vụ' },
      responseFor: {
        organId: 'H26',
        code: '1/UBND',
        promulgationDate: '2026-01-05',
        documentId: 'H26,2026/01/05,1/UBND',
      },
      statusCode: '03',
      timestamp: new Date(),
      traces: [],
    });
    expect(codes(status.replace('<edXML:StatusCode>03', '<edXML:StatusCode>09'))).toEqual([
      'INVALID_STATUS_CODE@MessageHeader/StatusCode',
    ]);
  });
  it('several problems at once', () => {
    const bad = SAMPLE.replace(/<edXML:Subject>.*<\/edXML:Subject>/, '').replace(
      '<edXML:DueDate>2026/03/31',
      '<edXML:DueDate>31/03/2026',
    );
    expect(codes(bad)).toEqual(['MISSING_ELEMENT@MessageHeader/Subject', 'INVALID_DATE@MessageHeader/DueDate']);
  });
  it('the wrong namespace', () => {
    expect(codes(SAMPLE.replaceAll('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'urn:other'))).toEqual([
      'WRONG_NAMESPACE@/',
    ]);
  });
});

describe('hostile input is refused, not processed', () => {
  it('XXE: an external entity', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${SAMPLE.split('?>')[1]!.replace('Hà Nội</edXML:Place>', '&xxe;</edXML:Place>')}`;
    expect(codes(xxe)).toEqual(['DOCTYPE_FORBIDDEN@/']);
  });
  it('billion laughs', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&lol3;</edXML>`;
    expect(codes(lol)).toEqual(['DOCTYPE_FORBIDDEN@/']);
  });
  it('an undeclared entity and broken XML', () => {
    expect(codes(SAMPLE.replace('Hà Nội</edXML:Place>', '&undeclared;</edXML:Place>'))[0]).toMatch(/^NOT_WELL_FORMED@/);
    expect(codes(SAMPLE.slice(0, 2000))[0]).toMatch(/^NOT_WELL_FORMED@/);
    expect(codes('')[0]).toMatch(/^NOT_WELL_FORMED@/);
  });
  it('a package or an attachment over the limits', () => {
    const big = buildDocumentPackage(samplePackage({}, 3 * 1024 * 1024));
    expect(
      readPackage(big, { maxChars: 1024 * 1024, maxAttachmentBytes: 10 * 1024 * 1024 }).issues.map((i) => i.code),
    ).toEqual(['PACKAGE_TOO_LARGE']);
    expect(
      readPackage(big, { maxChars: 10 * 1024 * 1024, maxAttachmentBytes: 1024 * 1024 }).issues.map((i) => i.code),
    ).toEqual(['ATTACHMENT_TOO_LARGE']);
  });
});

describe('edXML dates', () => {
  it('are Vietnam time and reject impossible dates', () => {
    expect(toEdxmlTimestamp(new Date('2026-12-31T17:30:05Z'))).toBe('2027/01/01 00:30:05');
    expect(fromEdxmlTimestamp('2027/01/01 00:30:05')?.toISOString()).toBe('2026-12-31T17:30:05.000Z');
    expect(fromEdxmlDate('2026/02/29')).toBeNull();
    expect(fromEdxmlDate('2028/02/29')).toBe('2028-02-29');
  });
});
