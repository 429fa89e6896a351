import { describe, expect, it } from 'vitest';
import type { SubjectIdentifier } from '../certificate-subject.js';
import type { UserRow } from '../identity.repository.js';
import { challengeText, matchAccount } from './certificate-proof.js';

const citizen = { kind: 'citizen', idNumber: '001199000777', taxCode: null } as UserRow;
const business = { kind: 'business', idNumber: null, taxCode: '0100686209' } as UserRow;
const id = (kind: SubjectIdentifier['kind'], value: string): SubjectIdentifier => ({ kind, value, source: 'UID' });
const codeOf = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('whose certificate proves which account', () => {
  it("a citizen's personal ID number, not another's, not an old 9-digit card number", () => {
    expect(matchAccount(citizen, [id('tax_code', '0100686209'), id('personal_id', '001199000777')]).value).toBe(
      '001199000777',
    );
    expect(codeOf(() => matchAccount(citizen, [id('personal_id', '001199000778')]))).toBe('CERT_ID_MISMATCH');
    expect(codeOf(() => matchAccount(citizen, [id('old_id_card', '162952530')]))).toBe('CERT_ID_MISMATCH');
    expect(codeOf(() => matchAccount(citizen, []))).toBe('CERT_NO_PERSONAL_ID');
  });

  it("a business's tax code in an organisation's certificate, not in an employee's", () => {
    expect(matchAccount(business, [id('tax_code', '0100686209')]).kind).toBe('tax_code');
    expect(
      codeOf(() => matchAccount(business, [id('tax_code', '0100686209'), id('personal_id', '025199009534')])),
    ).toBe('CERT_ID_MISMATCH');
    expect(codeOf(() => matchAccount(business, [id('tax_code', '0100686210')]))).toBe('CERT_ID_MISMATCH');
  });

  it('the text to sign names the deployment, the account and the nonce, with LF line ends', () => {
    const t = challengeText('https://dichvucong.example.vn', '001199000777', 'abc', new Date('2026-12-07T00:10:00Z'));
    expect(t).toContain('Cổng dịch vụ công: https://dichvucong.example.vn\nTài khoản: 001199000777\n');
    expect(t).toContain('Mã dùng một lần: abc\nHết hạn: 2026-12-07T00:10:00.000Z\n');
    expect(t).not.toContain('\r');
  });
});
