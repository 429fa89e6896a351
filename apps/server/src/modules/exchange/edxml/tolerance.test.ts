import { readFileSync } from 'node:fs';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { buildDocumentPackage, buildStatusPackage } from './build.js';
import type { DocumentPackage, StatusPackage } from './model.js';
import { readPackage } from './parse.js';
import { samplePackage } from './test-data.js';

const real = (name: string) => readFileSync(new URL(`../fixtures/real/${name}`, import.meta.url), 'utf8');
const status: StatusPackage = {
  kind: 'status',
  from: { organId: '000.00.00.G09', organName: 'Bộ Nội vụ' },
  responseFor: {
    organId: '000.00.00.H26',
    code: '15/QĐ-UBND',
    promulgationDate: '2026-03-02',
    documentId: '000.00.00.H26,2026/03/02,15/QĐ-UBND',
  },
  statusCode: '03',
  description: 'Đã tiếp nhận',
  staff: { department: 'Văn thư', staff: 'Lê Văn Thư', mobile: '0912000001', email: 'vt@moha.gov.vn' },
  timestamp: new Date('2026-03-02T03:00:00Z'),
  traces: [],
};

/** The local names of an element's children, in order (the structure, element by element). */
function shape(xml: string, path: string[]): string[] {
  let el = new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element;
  for (const name of path) {
    const next = Array.from(el.childNodes).find((n) => n.nodeType === 1 && (n as Element).localName === name);
    el = next as Element;
  }
  return Array.from(el.childNodes)
    .filter((n) => n.nodeType === 1)
    .map((n) => (n as Element).localName!);
}
const HEADER = ['edXMLEnvelope', 'edXMLHeader'];
const dedupe = (xs: string[]) => xs.filter((x, i) => xs[i - 1] !== x);

describe('our packages keep the structure of the real ones', () => {
  it('a status message: the same elements in the same order as the national exchange writes', () => {
    const ours = buildStatusPackage(status);
    expect(shape(ours, [...HEADER, 'MessageHeader'])).toEqual(
      shape(real('status_acceptance_03.edxml'), [...HEADER, 'MessageHeader']),
    );
    expect(shape(ours, [...HEADER, 'MessageHeader', 'ResponseFor'])).toEqual(
      shape(real('status_rejection_02.edxml'), [...HEADER, 'MessageHeader', 'ResponseFor']),
    );
    expect(shape(ours, ['edXMLEnvelope'])).toEqual(shape(real('status_acceptance_03.edxml'), ['edXMLEnvelope']));
  });

  it('a document: MessageHeader and Bussiness in the order of the real ones', () => {
    const p = samplePackage();
    p.header.content = 'Nội dung';
    p.header.otherInfo.sphereOfPromulgation = 'Liên thông văn bản quốc gia';
    const ours = buildDocumentPackage(p);
    expect(dedupe(shape(ours, [...HEADER, 'MessageHeader']))).toEqual(
      dedupe(shape(real('dc0bdef0-c7a3-4aaf-b717-777303442973.edxml'), [...HEADER, 'MessageHeader'])),
    );
    const update = buildDocumentPackage({
      ...p,
      business: {
        ...p.business,
        type: 'update',
        documentInfo: {
          documentInfo: 1,
          documentReceiver: 1,
          receivers: [{ organId: '000.00.00.H41', receiverType: 0 }],
        },
      },
    });
    const B = [...HEADER, 'TraceHeaderList', 'Bussiness'];
    expect(shape(update, B)).toEqual(shape(real('edoc_update.edxml'), B));
    expect(shape(update, [...B, 'BussinessDocumentInfo'])).toEqual(
      shape(real('edoc_update.edxml'), [...B, 'BussinessDocumentInfo']),
    );
  });
});

describe('tolerant reading', () => {
  it('reads the Status element this platform wrote before 2026-12', () => {
    const legacy = `<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLEnvelope><edXML:edXMLHeader><edXML:Status>
<edXML:ResponseFor><edXML:OrganId>000.00.00.H26</edXML:OrganId><edXML:Code>15/QĐ-UBND</edXML:Code><edXML:PromulgationDate>2026/03/02</edXML:PromulgationDate><edXML:DocumentId>000.00.00.H26,2026/03/02,15/QĐ-UBND</edXML:DocumentId></edXML:ResponseFor>
<edXML:From><edXML:OrganId>000.00.00.G09</edXML:OrganId><edXML:OrganName>Bộ Nội vụ</edXML:OrganName></edXML:From>
<edXML:StatusCode>03</edXML:StatusCode><edXML:Description>Đã tiếp nhận</edXML:Description><edXML:Timestamp>2026/03/02 10:00:00</edXML:Timestamp>
<edXML:StaffInfo><edXML:Department>Văn thư</edXML:Department><edXML:Staff>Lê Văn Thư</edXML:Staff><edXML:Mobile>0912000001</edXML:Mobile><edXML:Email>vt@moha.gov.vn</edXML:Email></edXML:StaffInfo>
</edXML:Status></edXML:edXMLHeader><edXML:edXMLBody/></edXML:edXMLEnvelope></edXML:edXML>`;
    expect(readPackage(legacy)).toMatchObject({ issues: [], package: status });
    expect(readPackage(buildStatusPackage(status))).toMatchObject({ issues: [], package: status });
  });

  it('a missing Bussiness: a new document whose business id is the header DocumentId', () => {
    const xml = buildDocumentPackage(samplePackage()).replace(/<edXML:Bussiness>[\s\S]*<\/edXML:Bussiness>/, '');
    const r = readPackage(xml);
    expect(r.issues).toEqual([]);
    const p = r.package as DocumentPackage;
    expect(p.business).toMatchObject({ type: 'new', documentId: p.documentId, paper: false });
  });

  it('a missing Bussiness/DocumentId falls back to the header DocumentId and is accepted', () => {
    const p = samplePackage();
    const xml = buildDocumentPackage({ ...p, business: { ...p.business, documentId: 'X' } }).replace(
      '<edXML:DocumentId>X</edXML:DocumentId>',
      '',
    );
    const r = readPackage(xml);
    expect(r.issues).toEqual([]);
    expect((r.package as DocumentPackage).business.documentId).toBe(p.documentId);
  });

  it('an empty ResponseFor is no reference; a manifest entry without ContentType takes the attachment one', () => {
    const p = samplePackage();
    const xml = buildDocumentPackage(p)
      .replace(
        '<edXML:SteeringType>',
        '<edXML:ResponseFor><edXML:OrganId></edXML:OrganId><edXML:Code/><edXML:PromulgationDate></edXML:PromulgationDate><edXML:DocumentId/></edXML:ResponseFor><edXML:SteeringType>',
      )
      .replace(
        /(<edXML:Reference><edXML:ContentId>cid:att-1<\/edXML:ContentId>)<edXML:ContentType>[^<]*<\/edXML:ContentType>/,
        '$1',
      );
    const r = readPackage(xml);
    expect(r.issues).toEqual([]);
    const d = r.package as DocumentPackage;
    expect(d.header.responseFor).toBeUndefined();
    expect(d.attachments[0]!.mediaType).toBe('application/pdf');
  });

  it('every ReplacementInfo is read and written', () => {
    const p = samplePackage();
    const replacements = [
      { documentId: '000.00.00.H26,2026/02/01,09/QĐ-UBND', organIds: ['000.00.00.G09'] },
      { documentId: '000.00.00.H26,2026/02/02,10/QĐ-UBND', organIds: ['000.00.00.G09', '28.22.H17'] },
    ];
    const pkg = {
      ...p,
      business: { ...p.business, type: 'replace' as const, replacement: replacements[0], replacements },
    };
    const r = readPackage(buildDocumentPackage(pkg));
    expect(r.issues).toEqual([]);
    expect((r.package as DocumentPackage).business.replacements).toEqual(replacements);
  });
});
