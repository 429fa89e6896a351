import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What an auditor does with `GET /api/gateway/evidence/{messageId}`, offline, with OpenSSL only. */
export interface EvidenceJson {
  messageId: string;
  entries: {
    id: string;
    side: string;
    record: string;
    recordHash: string;
    signature: string;
    seq: number | null;
    prevHash: string | null;
    chainHash: string | null;
    batch: { manifest: string; timestampToken: string | null } | null;
    peer: { record: string; signature: string } | null;
  }[];
  trustAnchors: { pem: string }[];
}

export interface Check {
  ok: boolean;
  out: string;
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function openssl(args: string[]): Check {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

/** Files in a fresh directory, and the OpenSSL checks of one signed record (record, CMS signature). */
export function auditorFiles(ev: EvidenceJson) {
  const dir = mkdtempSync(join(tmpdir(), 'gw-evidence-'));
  const f = (name: string, data: Uint8Array | string) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  const roots = f('roots.pem', ev.trustAnchors.map((a) => a.pem).join(''));
  return {
    dir,
    f,
    /** `openssl cms -verify` of a detached signature over the record bytes. */
    verifySignature(name: string, record: Buffer, signature: Buffer): Check {
      return openssl([
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        f(`${name}.p7s`, signature),
        '-content',
        f(`${name}.json`, record),
        '-CAfile',
        roots,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
    },
    /** `openssl ts -verify` of the batch token over the manifest. */
    verifyTimestamp(name: string, manifest: Buffer, token: Buffer): Check {
      return openssl([
        'ts',
        '-verify',
        '-token_in',
        '-in',
        f(`${name}.tst`, token),
        '-data',
        f(`${name}.txt`, manifest),
        '-CAfile',
        roots,
      ]);
    },
    /** The signer's subject, as OpenSSL reads it from the signature. */
    signer(name: string, signature: Buffer): string {
      const certs = execFileSync(
        'openssl',
        ['pkcs7', '-inform', 'DER', '-in', f(`${name}.p7s`, signature), '-print_certs', '-noout'],
        {
          encoding: 'utf8',
        },
      );
      return (
        certs
          .split('\n')
          .find((l) => l.startsWith('subject='))
          ?.slice('subject='.length) ?? ''
      );
    },
  };
}

/** Every check of every entry: hash, signature, chain link, manifest line, time-stamp. */
export function verifyEvidence(ev: EvidenceJson) {
  const a = auditorFiles(ev);
  return ev.entries.map((e, i) => {
    const record = Buffer.from(e.record, 'base64');
    const manifest = e.batch ? Buffer.from(e.batch.manifest, 'base64') : null;
    return {
      side: e.side,
      record: JSON.parse(record.toString('utf8')) as Record<string, unknown>,
      hashMatches: sha256(record) === e.recordHash,
      signature: a.verifySignature(`r${i}`, record, Buffer.from(e.signature, 'base64')),
      signer: a.signer(`r${i}`, Buffer.from(e.signature, 'base64')),
      chainLinks: e.prevHash !== null && sha256(`${e.prevHash}${e.recordHash}`) === e.chainHash,
      inManifest:
        manifest !== null &&
        manifest.toString('utf8').split('\n').includes(`${e.seq} ${e.id} ${e.recordHash} ${e.prevHash} ${e.chainHash}`),
      timestamp:
        manifest && e.batch?.timestampToken
          ? a.verifyTimestamp(`b${i}`, manifest, Buffer.from(e.batch.timestampToken, 'base64'))
          : { ok: false, out: 'no batch time-stamp' },
      peerSignature: e.peer
        ? a.verifySignature(`p${i}`, Buffer.from(e.peer.record, 'base64'), Buffer.from(e.peer.signature, 'base64'))
        : null,
      peerRecord: e.peer
        ? (JSON.parse(Buffer.from(e.peer.record, 'base64').toString('utf8')) as Record<string, unknown>)
        : null,
    };
  });
}
