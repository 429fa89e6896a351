// Test helper: a small PKI made by the OpenSSL command line (root CA, issuing CA, signers, an RFC 3161
// TSA), so our formats are proven against keys and certificates we did not make ourselves.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type {
  HashAlgorithm,
  RevocationInfo,
  SigningKey,
  TimestampAuthority,
  TrustAnchor,
  TrustContext,
} from '../../../signing-ports.js';
import { nodeHash, toHex } from '../der.js';
import { softwareSigningKey } from '../software-key.js';

const run = promisify(execFile);

export type KeyKind = 'ec256' | 'ec384' | 'rsa2048' | 'rsa3072';
export type Profile = 'person' | 'seal' | 'tsa';

export interface IssuedCert {
  name: string;
  certPath: string;
  keyPath: string;
  der: Uint8Array;
  /** Leaf, issuing CA, root. */
  chain: Uint8Array[];
  key: SigningKey;
}

const CONFIG = `
[req]
distinguished_name = dn
string_mask = utf8only
utf8 = yes
prompt = no
[dn]
CN = placeholder
[v3_root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_ca]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_person]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_seal]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_tsa]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
default_tsa = tsa1
[tsa1]
serial = SERIAL_FILE
crypto_device = builtin
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

const keyArgs: Record<KeyKind, string[]> = {
  ec256: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  ec384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  rsa2048: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  rsa3072: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072'],
};

export function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export const derToPem = (der: Uint8Array, label = 'CERTIFICATE') =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

/** Subject names in Vietnamese, as OpenSSL's `-subj` takes them (UTF-8). */
export const VN = {
  root: '/C=VN/O=Ban Cơ yếu Chính phủ/CN=Cơ quan chứng thực điện tử chuyên dùng Chính phủ (thử nghiệm)',
  issuing: '/C=VN/O=Ban Cơ yếu Chính phủ/CN=Trung tâm Chứng thực điện tử chuyên dùng Chính phủ (thử nghiệm)',
  person: '/C=VN/ST=Hà Nội/O=Ủy ban nhân dân thành phố Hà Nội/title=Chuyên viên/CN=Nguyễn Thị Hồng Nhung',
  seal: '/C=VN/ST=Hà Nội/O=Ủy ban nhân dân thành phố Hà Nội/CN=Ủy ban nhân dân thành phố Hà Nội',
  tsa: '/C=VN/O=Ban Cơ yếu Chính phủ/CN=Dịch vụ cấp dấu thời gian (thử nghiệm)',
};

export class OpensslPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'egov-pki-'));
  readonly cnf = join(this.dir, 'openssl.cnf');
  root!: IssuedCert;
  issuing!: IssuedCert;
  private serial = 0x1000;

  private constructor(private readonly caKey: KeyKind) {
    writeFileSync(this.cnf, CONFIG.replace('SERIAL_FILE', join(this.dir, 'tsaserial')));
    writeFileSync(join(this.dir, 'tsaserial'), '01\n');
  }

  /** A root and an issuing CA (ECDSA P-256 unless told), with Vietnamese names. */
  static create(caKey: KeyKind = 'ec256'): OpensslPki {
    const pki = new OpensslPki(caKey);
    pki.root = pki.makeRoot();
    pki.issuing = pki.issue('issuing', VN.issuing, { kind: caKey, ext: 'v3_ca', by: pki.root });
    return pki;
  }

  private ssl(args: string[]) {
    return execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  private genKey(name: string, kind: KeyKind) {
    const keyPath = join(this.dir, `${name}.key`);
    this.ssl(['genpkey', ...keyArgs[kind], '-out', keyPath]);
    return keyPath;
  }

  private makeRoot(): IssuedCert {
    const keyPath = this.genKey('root', this.caKey);
    const certPath = join(this.dir, 'root.pem');
    this.ssl([
      'req',
      '-x509',
      '-new',
      '-config',
      this.cnf,
      '-key',
      keyPath,
      '-out',
      certPath,
      '-days',
      '3650',
      '-utf8',
      '-subj',
      VN.root,
      '-extensions',
      'v3_root',
      '-sha256',
    ]);
    const der = pemToDer(readFileSync(certPath, 'utf8'));
    return {
      name: 'root',
      certPath,
      keyPath,
      der,
      chain: [der],
      key: softwareSigningKey(readFileSync(keyPath, 'utf8'), [der]),
    };
  }

  /** A certificate issued by `by` (the issuing CA unless told) with OpenSSL `x509 -req`. */
  issue(
    name: string,
    subject: string,
    o: { kind?: KeyKind; ext?: string; by?: IssuedCert; days?: number } = {},
  ): IssuedCert {
    const by = o.by ?? this.issuing;
    const keyPath = this.genKey(name, o.kind ?? 'ec256');
    const csr = join(this.dir, `${name}.csr`);
    const certPath = join(this.dir, `${name}.pem`);
    this.ssl(['req', '-new', '-config', this.cnf, '-key', keyPath, '-out', csr, '-utf8', '-subj', subject]);
    this.ssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      by.certPath,
      '-CAkey',
      by.keyPath,
      '-set_serial',
      String(this.serial++),
      '-days',
      String(o.days ?? 730),
      '-extfile',
      this.cnf,
      '-extensions',
      o.ext ?? 'v3_person',
      '-sha256',
      '-out',
      certPath,
    ]);
    const der = pemToDer(readFileSync(certPath, 'utf8'));
    const chain = [der, ...by.chain];
    return { name, certPath, keyPath, der, chain, key: softwareSigningKey(readFileSync(keyPath, 'utf8'), chain) };
  }

  /** PEM file of several certificates (for `-certfile`, `-chain`, `-CAfile`). */
  bundle(name: string, certs: Uint8Array[]): string {
    const path = join(this.dir, name);
    writeFileSync(path, certs.map((c) => derToPem(c)).join(''));
    return path;
  }

  /** An RFC 3161 TSA run by `openssl ts -reply` with a TSA certificate from this PKI. */
  tsa(
    cert: IssuedCert = this.issue(`tsa${this.serial}`, VN.tsa, { ext: 'v3_tsa' }),
  ): TimestampAuthority & { cert: IssuedCert } {
    const chainPath = this.bundle(`${cert.name}-chain.pem`, [this.issuing.der]);
    const dir = this.dir;
    const cnf = this.cnf;
    return {
      cert,
      async timestamp(digest: Uint8Array, hash: HashAlgorithm) {
        const id = `${Date.now()}${Math.random().toString(36).slice(2)}`;
        const q = join(dir, `${id}.tsq`);
        const out = join(dir, `${id}.tst`);
        await run('openssl', ['ts', '-query', '-digest', toHex(digest), `-${nodeHash(hash)}`, '-cert', '-out', q], {
          cwd: dir,
        });
        await run(
          'openssl',
          [
            'ts',
            '-reply',
            '-config',
            cnf,
            '-queryfile',
            q,
            '-signer',
            cert.certPath,
            '-inkey',
            cert.keyPath,
            '-chain',
            chainPath,
            '-token_out',
            '-out',
            out,
          ],
          { cwd: dir },
        );
        const token = new Uint8Array(readFileSync(out));
        rmSync(q, { force: true });
        rmSync(out, { force: true });
        return token;
      },
    };
  }

  /** A trust context that trusts this PKI's root as `category`, with revocations set by the test. */
  trust(
    o: {
      category?: TrustAnchor['category'];
      now?: () => Date;
      revoked?: Map<string, RevocationInfo>;
      anchors?: TrustAnchor[];
    } = {},
  ): TrustContext {
    const anchors: TrustAnchor[] = o.anchors ?? [
      { id: 'tl_test_root', category: o.category ?? 'government', subject: 'test root', der: this.root.der },
    ];
    return {
      anchors: async () => anchors,
      intermediates: async () => [this.issuing.der],
      revocation: async (cert) =>
        o.revoked?.get(toHex(cert)) ?? { status: 'good', source: 'local', producedAt: new Date() },
      now: o.now ?? (() => new Date()),
    };
  }

  /** An NSS database (for pdfsig) that trusts this PKI's root. */
  nssDb(): string {
    const db = join(this.dir, 'nss');
    execFileSync('mkdir', ['-p', db]);
    execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    execFileSync('certutil', [
      '-A',
      '-d',
      `sql:${db}`,
      '-n',
      'egov-test-root',
      '-t',
      'CT,C,C',
      '-i',
      this.root.certPath,
    ]);
    return db;
  }

  /** A PKCS#12 of a certificate with its key and chain (OpenSSL's defaults: AES-256, PBKDF2). */
  pkcs12(cert: IssuedCert, password: string, extra: string[] = []): Uint8Array {
    const out = join(this.dir, `${cert.name}.p12`);
    const chain = this.bundle(`${cert.name}-p12chain.pem`, cert.chain.slice(1));
    this.ssl([
      'pkcs12',
      '-export',
      '-in',
      cert.certPath,
      '-inkey',
      cert.keyPath,
      '-certfile',
      chain,
      '-name',
      cert.name,
      '-passout',
      `pass:${password}`,
      '-out',
      out,
      ...extra,
    ]);
    return new Uint8Array(readFileSync(out));
  }

  file(name: string, bytes: Uint8Array | string): string {
    const path = join(this.dir, name);
    writeFileSync(path, bytes);
    return path;
  }

  cleanup() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
