import { describe, expect, it } from 'vitest';
import {
  formatCode,
  formatCodeNumber,
  formatNotation,
  formatRecordCode,
  seriesOf,
  urgencyOf,
  vnIsoDateTime,
  vnYear,
} from './numbering.js';
import { DOCUMENT_TYPES, documentType, typeFromName } from './reference/document-types.js';

describe('Decree 30 numbering', () => {
  it('pads numbers under 10 with one zero and leaves others alone', () => {
    expect(formatCodeNumber(1)).toBe('01');
    expect(formatCodeNumber(9)).toBe('09');
    expect(formatCodeNumber(10)).toBe('10');
    expect(formatCodeNumber(1234)).toBe('1234');
    expect(() => formatCodeNumber(0)).toThrow(RangeError);
  });

  it('writes the notation with the type, the agency and the drafting unit; Công văn has no type', () => {
    expect(formatCode(formatCodeNumber(15), formatNotation('QĐ', 'UBND'))).toBe('15/QĐ-UBND');
    expect(formatCode(formatCodeNumber(5), formatNotation(documentType('CV')!.abbreviation, 'BNV', 'VP'))).toBe(
      '05/BNV-VP',
    );
    expect(formatNotation('TTr', 'STP', '')).toBe('TTr-STP');
  });

  it('has the 29 types of Phụ lục III, two of them without abbreviation', () => {
    expect(DOCUMENT_TYPES).toHaveLength(29);
    expect(new Set(DOCUMENT_TYPES.map((t) => t.code)).size).toBe(29);
    expect(DOCUMENT_TYPES.filter((t) => t.abbreviation === null).map((t) => t.name)).toEqual(['Công văn', 'Thư công']);
    expect(documentType('QYD')!.abbreviation).toBe('QyĐ');
    expect(typeFromName('Quyết định').code).toBe('QD');
    expect(typeFromName('Không rõ').code).toBe('CV');
  });

  it('keeps secret documents in their own series and maps urgency to edXML priority', () => {
    expect(seriesOf('none')).toBe('normal');
    expect(['confidential', 'secret', 'top_secret'].map((s) => seriesOf(s as 'secret'))).toEqual([
      'secret',
      'secret',
      'secret',
    ]);
    expect(urgencyOf(3)).toBe('express');
    expect(urgencyOf(4)).toBe('express');
    expect(urgencyOf(0)).toBe('normal');
  });

  it('uses the Vietnamese year (31 December 17:30 UTC is already 1 January in Hà Nội)', () => {
    expect(vnYear(new Date('2026-12-31T17:30:00Z'))).toBe(2027);
    expect(vnYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(vnIsoDateTime(new Date('2026-03-02T02:15:30.123Z'))).toBe('2026-03-02T09:15:30+07:00');
  });

  it('builds record codes as OrganId.year.FileNotation', () => {
    expect(formatRecordCode('000.06.16.G09', 2010, '01.TH')).toBe('000.06.16.G09.2010.01.TH');
  });
});
