import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import type { HashAlgorithm, SigningKey, SigningKeyAlgorithm } from '../../signing-ports.js';
import { nodeHash } from './der.js';

/** The port's algorithm name of a private (or public) key. */
export function keyAlgorithm(key: KeyObject): SigningKeyAlgorithm {
  const d = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') {
    if (d.namedCurve === 'prime256v1') return 'ECDSA-P256';
    if (d.namedCurve === 'secp384r1') return 'ECDSA-P384';
  }
  if (key.asymmetricKeyType === 'rsa') {
    const bits = d.modulusLength ?? 0;
    if (bits >= 4096) return 'RSA-4096';
    if (bits >= 3072) return 'RSA-3072';
    if (bits >= 2048) return 'RSA-2048';
  }
  throw new Error(`unsupported key: ${key.asymmetricKeyType} ${d.namedCurve ?? d.modulusLength ?? ''}`);
}

/**
 * A signing key held in this process (a key the user uploaded as PKCS#12 for one request, or a
 * test key). ECDSA signatures come out DER-encoded, RSA as PKCS#1 v1.5: the forms the port expects.
 */
export function softwareSigningKey(privateKey: KeyObject | string | Uint8Array, chain: Uint8Array[]): SigningKey {
  const key =
    typeof privateKey === 'string' || privateKey instanceof Uint8Array
      ? createPrivateKey(
          typeof privateKey === 'string' ? privateKey : { key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' },
        )
      : privateKey;
  return {
    chain,
    algorithm: keyAlgorithm(key),
    sign: async (data: Uint8Array, hash: HashAlgorithm) => new Uint8Array(sign(nodeHash(hash), data, key)),
  };
}
