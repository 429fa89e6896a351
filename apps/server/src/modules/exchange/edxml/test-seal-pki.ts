import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import {
  BasicConstraintsExtension,
  cryptoProvider,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
} from '@peculiar/x509';
import type { SigningKey } from '../../signatures/index.js';

cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]) };

export interface IssuedKey {
  certDer: Uint8Array;
  /** PKCS#8 DER of the private key. */
  pkcs8: Uint8Array;
}

/** Distinguished-name values are escaped (RFC 4514) because agency names carry commas. */
const dn = (s: string) => s.replace(/([,+"\\<>;=])/g, '\\$1');

function serial(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(16));
  b[0]! &= 0x7f;
  return Buffer.from(b).toString('hex');
}

/** A deployment's seal CA (self-signed root, RSA-3072). */
export async function createSealCa(name: string, now = new Date(), years = 10): Promise<IssuedKey> {
  const keys = await webcrypto.subtle.generateKey({ ...RSA, modulusLength: 3072 }, true, ['sign', 'verify']);
  const cert = await X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${dn(name)}, O=${dn('Trục liên thông văn bản')}, C=VN`,
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter: new Date(now.getTime() + years * 365 * 86400_000),
    signingAlgorithm: RSA,
    keys,
    extensions: [
      new BasicConstraintsExtension(true, 0, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      await SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certDer: new Uint8Array(cert.rawData),
    pkcs8: new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

/** An agency seal certificate (RSA-2048) issued by the CA; the agency code is in the subject's serialNumber. */
export async function issueSeal(
  ca: IssuedKey,
  agency: { code: string; name: string },
  now = new Date(),
  years = 3,
): Promise<IssuedKey> {
  const caCert = new X509Certificate(new Uint8Array(ca.certDer));
  const caKey = await webcrypto.subtle.importKey('pkcs8', ca.pkcs8, RSA, false, ['sign']);
  const keys = await webcrypto.subtle.generateKey({ ...RSA, modulusLength: 2048 }, true, ['sign', 'verify']);
  const cert = await X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${dn(agency.name)}, 2.5.4.5=${dn(agency.code)}, C=VN`,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter: new Date(Math.min(now.getTime() + years * 365 * 86400_000, caCert.notAfter.getTime())),
    signingAlgorithm: RSA,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation, true),
    ],
  });
  return {
    certDer: new Uint8Array(cert.rawData),
    pkcs8: new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

/** A SigningKey (the signatures module's port) over a PKCS#8 RSA key held in memory. */
export async function signingKeyOf(seal: IssuedKey, caDer: Uint8Array): Promise<SigningKey> {
  const key = await webcrypto.subtle.importKey('pkcs8', seal.pkcs8, RSA, false, ['sign']);
  return {
    chain: [seal.certDer, caDer],
    algorithm: 'RSA-2048',
    async sign(data, hash) {
      if (hash !== 'SHA-256') throw new Error('this seal signs with SHA-256');
      return new Uint8Array(await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', key, data));
    },
  };
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}
