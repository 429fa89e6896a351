import { describe, expect, it } from 'vitest';
import { formatFingerprint, nameAttribute, pemFileName } from './certificate-text';

describe('certificate text helpers', () => {
  const dn = 'C=VN, O=Ủy ban nhân dân thành phố Hà Nội, OU=Mã định danh H26, CN=Phạm Văn Lãnh Đạo';
  it('reads attributes of a name, escaped commas included', () => {
    expect(nameAttribute(dn, 'CN')).toBe('Phạm Văn Lãnh Đạo');
    expect(nameAttribute(dn, 'o')).toBe('Ủy ban nhân dân thành phố Hà Nội');
    expect(nameAttribute('CN=Công ty A\\, B, C=VN', 'CN')).toBe('Công ty A, B');
    expect(nameAttribute(dn, 'L')).toBeNull();
  });
  it('makes ASCII file names without diacritics', () => {
    expect(pemFileName(dn, '4f3a9c0012ab')).toBe('pham-van-lanh-dao-4f3a9c00.pem');
    expect(pemFileName('C=VN', 'ab')).toBe('chung-thu-ab.pem');
  });
  it('formats fingerprints as browsers do', () => {
    expect(formatFingerprint('a1b2c3')).toBe('A1:B2:C3');
  });
});
