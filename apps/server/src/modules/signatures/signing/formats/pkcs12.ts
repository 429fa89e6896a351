/**
 * A PKCS#12 (.p12/.pfx) the user uploads to sign with a certificate of a public CA: opened in
 * memory for one request, never stored. PBES2 (what OpenSSL 3, NSS and current Windows export) is
 * supported; the legacy RC2/3DES encryption is refused with a clear code.
 */
import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SigningKey } from '../../signing-ports.js';
import { type CertInfo, issuedBy, tryCertInfo } from './certs.js';
import { SignatureFormatError } from './errors.js';
import { softwareSigningKey } from './software-key.js';

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

function orderChain(leaf: CertInfo, others: CertInfo[]): Uint8Array[] {
  const chain = [leaf];
  for (let cur = leaf; chain.length < 8;) {
    const next = others.find((o) => !chain.includes(o) && issuedBy(cur, o));
    if (!next) break;
    chain.push(next);
    cur = next;
  }
  return chain.map((c) => c.der);
}

async function bags(der: Uint8Array, password: ArrayBuffer): Promise<pkijs.SafeBag[]> {
  const asn = asn1js.fromBER(der);
  if (asn.offset === -1) throw new SignatureFormatError('PKCS12_INVALID', 'The file is not a PKCS#12.');
  let pfx: pkijs.PFX;
  try {
    pfx = new pkijs.PFX({ schema: asn.result });
  } catch {
    throw new SignatureFormatError('PKCS12_INVALID', 'The file is not a PKCS#12.');
  }
  try {
    await pfx.parseInternalValues({ password, checkIntegrity: true }, engine);
  } catch {
    throw new SignatureFormatError('PKCS12_BAD_PASSWORD', 'The PKCS#12 password is wrong.');
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new SignatureFormatError('PKCS12_INVALID', 'The PKCS#12 holds nothing.');
  try {
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password })) }, engine);
  } catch (e) {
    const legacy = /contentEncryptionAlgorithm|1\.2\.840\.113549\.1\.12\.1/.test(String(e));
    throw legacy
      ? new SignatureFormatError(
          'PKCS12_UNSUPPORTED',
          'This PKCS#12 uses the legacy RC2/3DES encryption; export it again with AES (PBES2).',
        )
      : new SignatureFormatError('PKCS12_BAD_PASSWORD', 'The PKCS#12 password is wrong.');
  }
  return safe.parsedValue.safeContents.flatMap((sc: { value: pkijs.SafeContents }) => sc.value.safeBags);
}

/** The key and certificate chain of a PKCS#12, as a signing key for this request. */
export async function openPkcs12(der: Uint8Array, password: string): Promise<SigningKey> {
  const pw = new TextEncoder().encode(password).buffer as ArrayBuffer;
  const all = await bags(der, pw);
  const certs: CertInfo[] = [];
  let keyDer: Uint8Array | null = null;
  for (const bag of all) {
    const v = bag.bagValue;
    if (v instanceof pkijs.CertBag && v.parsedValue instanceof pkijs.Certificate) {
      const info = tryCertInfo(new Uint8Array(v.parsedValue.toSchema().toBER()));
      if (info) certs.push(info);
    } else if (v instanceof pkijs.PKCS8ShroudedKeyBag) {
      // pkijs marks this protected, yet it is how a shrouded key is decrypted.
      const shrouded = v as unknown as {
        parseInternalValues(p: { password: ArrayBuffer }, c: pkijs.ICryptoEngine): Promise<void>;
      };
      await shrouded.parseInternalValues({ password: pw }, engine).catch(() => {
        throw new SignatureFormatError(
          'PKCS12_UNSUPPORTED',
          'The private key in this PKCS#12 uses an unsupported encryption.',
        );
      });
      if (v.parsedValue) keyDer = new Uint8Array(v.parsedValue.toSchema().toBER());
    } else if (v instanceof pkijs.PrivateKeyInfo) {
      keyDer = new Uint8Array(v.toSchema().toBER());
    }
  }
  if (!keyDer) throw new SignatureFormatError('PKCS12_INVALID', 'The PKCS#12 has no private key.');
  const key = createPrivateKey({ key: Buffer.from(keyDer), format: 'der', type: 'pkcs8' });
  const mine = createPublicKey(key).export({ format: 'der', type: 'spki' });
  const leaf = certs.find((c) => c.publicKey.export({ format: 'der', type: 'spki' }).equals(mine));
  if (!leaf) throw new SignatureFormatError('PKCS12_INVALID', 'No certificate in the PKCS#12 matches its private key.');
  try {
    return softwareSigningKey(
      key,
      orderChain(
        leaf,
        certs.filter((c) => c !== leaf),
      ),
    );
  } catch {
    throw new SignatureFormatError('PKCS12_UNSUPPORTED', 'The key type of this PKCS#12 is not supported.');
  }
}
