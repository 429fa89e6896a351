import { describe, expect, it } from 'vitest';
import { workPlace } from './work-place';

describe('workPlace', () => {
  it('sends each person where their work is', () => {
    expect(workPlace({ kind: 'citizen', roles: [] })).toBe('/my/dossiers');
    expect(workPlace({ kind: 'business', roles: [] })).toBe('/my/dossiers');
    expect(workPlace({ kind: 'staff', roles: ['reception'] })).toBe('/staff/dossiers?box=reception');
    expect(workPlace({ kind: 'staff', roles: ['specialist'] })).toBe('/staff/dossiers?box=mine');
    expect(workPlace({ kind: 'staff', roles: ['leader'] })).toBe('/staff/dossiers?box=approval');
    expect(workPlace({ kind: 'staff', roles: ['clerk'] })).toBe('/staff/documents');
    expect(workPlace({ kind: 'staff', roles: ['agency_admin'] })).toBe('/admin');
    expect(workPlace({ kind: 'staff', roles: [] })).toBe('/account');
    expect(workPlace(null)).toBe('/');
  });
});
