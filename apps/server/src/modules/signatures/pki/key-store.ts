import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPair,
  hkdfSync,
  type KeyObject,
  randomBytes,
  sign as nodeSign,
} from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { keys } from '../db/schema.js';
import type { HashAlgorithm } from '../signing-ports.js';

export type KeyAlgorithm = 'ECDSA-P256' | 'ECDSA-P384' | 'RSA-3072';
export const KEY_ALGORITHMS = ['ECDSA-P256', 'ECDSA-P384', 'RSA-3072'] as const satisfies readonly KeyAlgorithm[];

/**
 * Where private keys live. The software implementation below keeps PKCS#8 keys sealed in the
 * database; a PKCS#11 / HSM backend implements the same calls (C_GenerateKeyPair, C_Sign,
 * C_GetAttributeValue on the public key) and the private key never leaves the device.
 * Nothing else in the module touches private key material.
 */
export interface KeyStore {
  /** Generate a key pair and return its id. `db` lets the software store write inside a transaction. */
  generate(alg: KeyAlgorithm, db?: Executor): Promise<string>;
  /**
   * Sign `data` (the whole message; the store hashes it) with the key. The result is in the form
   * X.509, CRLs, OCSP and CMS carry: DER `ECDSA-Sig-Value` for ECDSA, PKCS#1 v1.5 for RSA.
   */
  sign(keyId: string, data: Uint8Array, hash: HashAlgorithm): Promise<Uint8Array>;
  /** The public key as DER SubjectPublicKeyInfo. */
  publicKey(keyId: string): Promise<Uint8Array>;
  /** The key's algorithm. */
  algorithm(keyId: string): Promise<KeyAlgorithm>;
}

/** The key store cannot serve a key: missing, or sealed under another KEY_ENCRYPTION_KEY. */
export class KeyStoreError extends AppError {
  constructor(code: 'KEY_NOT_FOUND' | 'KEY_STORE_LOCKED', message: string, keyId: string) {
    super(500, code, message, { keyId });
  }
}

const generateAsync = promisify(generateKeyPair);

async function newKeyPair(alg: KeyAlgorithm): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  // Asynchronous: an RSA-3072 key takes long enough to stall every other request.
  if (alg === 'RSA-3072') return generateAsync('rsa', { modulusLength: 3072 });
  return generateAsync('ec', { namedCurve: alg === 'ECDSA-P384' ? 'P-384' : 'P-256' });
}

interface Entry {
  alg: KeyAlgorithm;
  spki: Uint8Array;
  key?: KeyObject;
}

/** Decrypted keys kept in memory; a bound so a large deployment does not keep every holder's key. */
const CACHE_LIMIT = 2000;

/** Software key store: AES-256-GCM over PKCS#8, key derived from KEY_ENCRYPTION_KEY with HKDF. */
export class SoftwareKeyStore implements KeyStore {
  private readonly kek: Buffer;
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly db: Db,
    keyEncryptionKey: string,
  ) {
    this.kek = Buffer.from(hkdfSync('sha256', keyEncryptionKey, 'egov-key-store', 'pkcs8-v1', 32));
  }

  async generate(alg: KeyAlgorithm, db: Executor = this.db): Promise<string> {
    const pair = await newKeyPair(alg);
    const id = newId('key');
    const spki = new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' }));
    const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
    await db.insert(keys).values({
      id,
      algorithm: alg,
      publicKey: Buffer.from(spki).toString('base64'),
      sealedPrivateKey: this.seal(pkcs8, id),
    });
    // Cached even if the caller's transaction rolls back: the id is then referenced by nothing.
    this.remember(id, { alg, spki, key: pair.privateKey });
    return id;
  }

  async sign(keyId: string, data: Uint8Array, hash: HashAlgorithm): Promise<Uint8Array> {
    const entry = await this.load(keyId);
    if (!entry.key) {
      const [row] = await this.db.select({ sealed: keys.sealedPrivateKey }).from(keys).where(eq(keys.id, keyId));
      if (!row) throw new KeyStoreError('KEY_NOT_FOUND', `No key ${keyId} in the key store.`, keyId);
      entry.key = createPrivateKey({ key: this.open(row.sealed, keyId), format: 'der', type: 'pkcs8' });
    }
    const algo = hash.replace('-', '').toLowerCase();
    return new Uint8Array(
      nodeSign(algo, data, entry.alg === 'RSA-3072' ? entry.key : { key: entry.key, dsaEncoding: 'der' }),
    );
  }

  async publicKey(keyId: string): Promise<Uint8Array> {
    return (await this.load(keyId)).spki;
  }

  async algorithm(keyId: string): Promise<KeyAlgorithm> {
    return (await this.load(keyId)).alg;
  }

  private async load(keyId: string): Promise<Entry> {
    const hit = this.cache.get(keyId);
    if (hit) return hit;
    const [row] = await this.db
      .select({ algorithm: keys.algorithm, publicKey: keys.publicKey })
      .from(keys)
      .where(eq(keys.id, keyId));
    if (!row) throw new KeyStoreError('KEY_NOT_FOUND', `No key ${keyId} in the key store.`, keyId);
    const entry: Entry = { alg: row.algorithm, spki: new Uint8Array(Buffer.from(row.publicKey, 'base64')) };
    this.remember(keyId, entry);
    return entry;
  }

  private remember(keyId: string, entry: Entry) {
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(keyId, entry);
  }

  // The key id is the associated data: a sealed key copied onto another row does not open.
  private seal(plain: Buffer, keyId: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.kek, iv);
    c.setAAD(Buffer.from(keyId));
    const ct = Buffer.concat([c.update(plain), c.final()]);
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  private open(sealed: string, keyId: string): Buffer {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined)
      throw new KeyStoreError('KEY_STORE_LOCKED', `Key ${keyId} has an unknown sealed format.`, keyId);
    try {
      const d = createDecipheriv('aes-256-gcm', this.kek, Buffer.from(iv, 'base64url'));
      d.setAAD(Buffer.from(keyId));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]);
    } catch {
      throw new KeyStoreError(
        'KEY_STORE_LOCKED',
        `KEY_ENCRYPTION_KEY does not open key ${keyId}: was the key changed?`,
        keyId,
      );
    }
  }
}

/** KEY_ENCRYPTION_KEY, or (outside production) one derived from APP_SECRET. */
export function resolveKeyEncryptionKey(
  configured: string | undefined,
  appSecret: string,
  production: boolean,
): string {
  if (configured) return configured;
  if (production) throw new Error('KEY_ENCRYPTION_KEY must be set in production (at least 32 characters).');
  return Buffer.from(hkdfSync('sha256', appSecret, 'egov-dev-kek', 'key-encryption-key', 32)).toString('base64url');
}
