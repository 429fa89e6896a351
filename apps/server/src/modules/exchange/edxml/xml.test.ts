import { XMLSerializer } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { buildDocumentPackage } from './build.js';
import { readPackage } from './parse.js';
import { samplePackage } from './test-data.js';
import { decodeUtf8, parseSettingAside, parseXml, parseXmlBytes, XmlRefused } from './xml.js';

const B64 = Buffer.alloc(12_000, 7).toString('base64');
const PACKAGE = buildDocumentPackage(samplePackage({}, 20_000));
const bytes = (s: string) => Buffer.from(s, 'utf8');
const serialize = (d: ReturnType<typeof parseXml>) => new XMLSerializer().serializeToString(d);
/** What the plain path gives: the document, or the refusal's code. */
const plain = (b: Buffer, max = 1e9) => {
  try {
    return serialize(parseXml(decodeUtf8(b), max));
  } catch (e) {
    return (e as XmlRefused).code;
  }
};
const viaBytes = (b: Buffer, max = 1e9) => {
  try {
    return serialize(parseXmlBytes(b, max));
  } catch (e) {
    return (e as XmlRefused).code;
  }
};

describe('parseXmlBytes', () => {
  it('sets long base64 text aside and gives the same document as parsing the decoded string', () => {
    const b = bytes(PACKAGE);
    expect(parseSettingAside(b, 1e9)).not.toBeNull();
    expect(viaBytes(b)).toBe(plain(b));
    expect(readPackage(b)).toEqual(readPackage(PACKAGE));
    expect(readPackage(b).package?.kind === 'document' && readPackage(b).package).toMatchObject({
      attachments: [{ data: expect.any(Buffer) }],
    });
  });

  it.each([
    ['a comment around the text', `<a><!-- x>${B64}< --></a>`],
    ['a CDATA section around the text', `<a><![CDATA[>${B64}<]]></a>`],
    ['a processing instruction around the text', `<a><?pi >${B64}< ?></a>`],
    ['a ">" in the text before it', `<a>Hà Nội>${B64}</a>`],
    [
      'the marker itself in the document',
      `<a><b>\uE000edxml-large-text\uE0000\uE000edxml-large-text\uE000</b><c>${B64}</c></a>`,
    ],
    ['a DOCTYPE', `<!DOCTYPE a [<!ENTITY x "y">]><a><b>${B64}</b></a>`],
    ['a broken document', `<a><b>${B64}</b></c>`],
  ])('takes the plain path with %s, with the same result', (_name, xml) => {
    const b = bytes(xml);
    expect(parseSettingAside(b, 1e9)).toBeNull();
    expect(viaBytes(b)).toBe(plain(b));
  });

  it('refuses what the plain path refuses: too large, not UTF-8', () => {
    const b = bytes(`<a><b>${B64}</b><c>Hà Nội</c></a>`);
    expect([viaBytes(b, 1000), plain(b, 1000)]).toEqual(['PACKAGE_TOO_LARGE', 'PACKAGE_TOO_LARGE']);
    const broken = Buffer.concat([bytes(`<a><b>${B64}</b><c>`), Buffer.from([0xc3, 0x28]), bytes('</c></a>')]);
    expect(viaBytes(broken)).toBe('NOT_UTF8');
  });

  it('keeps text that is short, has a carriage return or an entity, as parsed', () => {
    const xml = `<a><b>${B64}</b><c>short</c><d>${B64.slice(0, 5000)}\r\n${B64.slice(5000)}</d><e>${B64}&amp;</e></a>`;
    const b = bytes(xml);
    expect(viaBytes(b)).toBe(plain(b));
  });

  it('refuses elements nested deeper than edXML ever needs before building the tree (a 5 MB nested package)', () => {
    const n = 400_000;
    const deep = `<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">${'<a>'.repeat(n)}${'</a>'.repeat(n)}</edXML:edXML>`;
    expect(deep.length).toBeGreaterThan(2_500_000);
    expect(() => parseXml(deep, 40 * 1024 * 1024)).toThrow(expect.objectContaining({ code: 'TOO_DEEP' }));
    expect(() => parseXmlBytes(Buffer.from(deep), 40 * 1024 * 1024)).toThrow(
      expect.objectContaining({ code: 'TOO_DEEP' }),
    );
    // 64 levels pass; comments and CDATA holding '<' do not count.
    const ok = `<r>${'<a>'.repeat(63)}<!-- <b><b><b> -->${'</a>'.repeat(63)}<![CDATA[<x><x>]]></r>`;
    expect(parseXml(ok, 1e6).documentElement?.localName).toBe('r');
  });
});
