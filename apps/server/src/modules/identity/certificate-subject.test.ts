import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { subjectIdentifiers } from './certificate-subject.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** A self-signed certificate with this subject (the parser reads only the subject). */
async function certWith(subject: string | x509.JsonNameParams): Promise<Uint8Array> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, false, ['sign', 'verify']);
  const name = typeof subject === 'string' ? subject : new x509.Name(subject).toString();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    notBefore: new Date('2026-01-01'),
    notAfter: new Date('2027-01-01'),
    signingAlgorithm: alg,
    keys: keys as CryptoKeyPair,
  });
  return new Uint8Array(cert.rawData);
}

const UID = '0.9.2342.19200300.100.1.1';
const u = (v: string) => [{ utf8String: v }];

describe('identifiers in a certificate subject, as Vietnamese CAs write them', () => {
  it('reads UID=CCCD:, UID=CMND: with 12 or 9 digits, and MST (several UIDs in one subject)', async () => {
    // Shapes seen in CA integration documents: VNPT SmartCA (`UID=CMND:<9 digits>`), Viettel
    // MySign (`UID=CMND:<12 digits>`), an employee's certificate (`UID=MST:<company>-<branch>,UID=CCCD:<id>`).
    const der = await certWith([
      { C: [{ printableString: 'VN' }] },
      { CN: u('NGUYỄN HỒNG NHUNG') },
      { [UID]: u('MST:0100686209-199') },
      { [UID]: u('CCCD:025199009534') },
    ]);
    expect(subjectIdentifiers(der)).toEqual([
      { kind: 'tax_code', value: '0100686209-199', source: 'UID=MST' },
      { kind: 'personal_id', value: '025199009534', source: 'UID=CCCD' },
    ]);
    const cmnd12 = await certWith([{ CN: u('PHAM ĐỨC HUY') }, { [UID]: u('CMND:001089020747') }]);
    expect(subjectIdentifiers(cmnd12)).toEqual([{ kind: 'personal_id', value: '001089020747', source: 'UID=CMND' }]);
    const cmnd9 = await certWith([{ CN: u('Ngô Quang Đạt') }, { [UID]: u('CMND:162952530') }]);
    expect(subjectIdentifiers(cmnd9)).toEqual([{ kind: 'old_id_card', value: '162952530', source: 'UID=CMND' }]);
    // An individual's tax code is his personal ID number (Circular 86/2024).
    const mst12 = await certWith([{ CN: u('Lê Văn Bốn') }, { [UID]: u('MST:001199000777') }]);
    expect(subjectIdentifiers(mst12)).toEqual([{ kind: 'personal_id', value: '001199000777', source: 'UID=MST' }]);
  });

  it('reads serialNumber with a label or an ETSI semantics identifier, but not a bare number', async () => {
    const labelled = await certWith([{ CN: u('A') }, { '2.5.4.5': [{ printableString: 'CCCD:001199000777' }] }]);
    expect(subjectIdentifiers(labelled)).toEqual([
      { kind: 'personal_id', value: '001199000777', source: 'serialNumber=CCCD' },
    ]);
    const etsi = await certWith([{ CN: u('A') }, { '2.5.4.5': [{ printableString: 'IDCVN-001199000777' }] }]);
    expect(subjectIdentifiers(etsi)[0]).toMatchObject({ kind: 'personal_id', value: '001199000777' });
    const bare = await certWith([{ CN: u('A') }, { '2.5.4.5': [{ printableString: '001199000777' }] }]);
    expect(subjectIdentifiers(bare)).toEqual([]);
    const bareUid = await certWith([{ CN: u('A') }, { [UID]: u('001199000777') }]);
    expect(subjectIdentifiers(bareUid)).toEqual([{ kind: 'personal_id', value: '001199000777', source: 'UID' }]);
  });

  it('ignores what is no ID number: malformed values, unknown labels, other attributes', async () => {
    const der = await certWith([
      { CN: u('CCCD:001199000777') },
      { [UID]: u('CCCD:12345') },
      { [UID]: u('ABC:001199000777') },
      { [UID]: u('MST:01001091') },
    ]);
    expect(subjectIdentifiers(der)).toEqual([]);
  });
});
