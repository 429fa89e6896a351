import { describe, expect, it } from 'vitest';
import { parseSubsystemId, SERVICE_CODE, serviceVersion } from './identifiers.js';

describe('gateway identifiers', () => {
  it('reads VN:GOV:{agency}:{subsystem} in both agency code forms, and nothing else', () => {
    expect(parseSubsystemId('VN:GOV:G22:danhmuc')).toEqual({ agencyCode: 'G22', code: 'danhmuc' });
    expect(parseSubsystemId('VN:GOV:000.00.00.G22:lgsp-hn')).toEqual({ agencyCode: '000.00.00.G22', code: 'lgsp-hn' });
    for (const bad of ['VN:COM:G22:x', 'VN:GOV:g22:x', 'VN:GOV:G22:', 'VN:GOV:G22:Ab', 'VN:GOV:G22:x:y', 'G22:x'])
      expect(parseSubsystemId(bad), bad).toBeNull();
  });

  it('service codes carry their version', () => {
    expect(SERVICE_CODE.test('population.person.v1')).toBe(true);
    expect(SERVICE_CODE.test('directory.agency.v12')).toBe(true);
    expect(SERVICE_CODE.test('population.person')).toBe(false);
    expect(SERVICE_CODE.test('Population.person.v1')).toBe(false);
    expect(serviceVersion('population.person.v2')).toBe(2);
  });
});
