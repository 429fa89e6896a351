import { describe, expect, it } from 'vitest';
import { deriveLegacyCode, isLegacyCode, isQd20Code } from './agency-code.js';

describe('agency codes', () => {
  it('accepts Decision 20/2020 codes and rejects malformed ones', () => {
    expect(isQd20Code('G22')).toBe(true);
    expect(isQd20Code('G09.20')).toBe(true);
    expect(isQd20Code('H37.DN.001')).toBe(true);
    expect(isQd20Code('Z22')).toBe(false); // Z is for other organisations (Art 6)
    expect(isQd20Code('g22')).toBe(false);
    expect(isQd20Code('G2')).toBe(false);
    expect(isQd20Code('G22.')).toBe(false);
    expect(isQd20Code(`G22.${'1'.repeat(33)}`)).toBe(false); // > 35 chars
  });
  it('accepts legacy QCVN 102:2016 codes', () => {
    expect(isLegacyCode('000.00.00.G22')).toBe(true);
    expect(isLegacyCode('001.00.10.H47')).toBe(true);
    expect(isLegacyCode('G22')).toBe(false);
    expect(isLegacyCode('00.00.00.G22')).toBe(false);
  });
  it('derives the legacy form right to left', () => {
    expect(deriveLegacyCode('G22')).toBe('000.00.00.G22');
    expect(deriveLegacyCode('G12.18')).toBe('000.00.18.G12');
    expect(deriveLegacyCode('H47.10.00.001')).toBe('001.00.10.H47');
    expect(deriveLegacyCode('H37.DN.001')).toBeNull();
    expect(deriveLegacyCode('H26.1234')).toBeNull();
  });
});
