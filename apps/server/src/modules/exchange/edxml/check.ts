import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { DEFAULT_SIGNATURE_POLICY, type SignaturePolicy, signatureAlgorithm, verifyPackage } from './dsig.js';
import { DEFAULT_READ_OPTIONS, type PackageIssue, readPackage } from './parse.js';

/** One line of `egov edxml check`: what the hub would read from a file. */
export interface CheckResult {
  file: string;
  /** Read without problems, and any signature it carries is intact (and trusted when roots were given). */
  ok: boolean;
  kind: 'document' | 'status' | null;
  from: string | null;
  to: string[];
  /** A document's `CodeNumber/CodeNotation`; a status message's: the code of the document it answers. */
  code: string | null;
  statusCode: string | null;
  signed: boolean;
  /** The signature method (`RSA-SHA256`, `RSA-SHA1`, or its URI), null when unsigned. */
  algorithm: string | null;
  /** RSA-SHA1: verified under the legacy policy only (ADR 0017). */
  legacyAlgorithm: boolean;
  /** The validator's verdict on the signature (ETSI indication / sub-indication), null when unsigned. */
  signature: { indication: string; subIndication: string | null; messages: string[] } | null;
  problems: PackageIssue[];
}

export interface CheckOptions {
  /** Trusted roots (DER); without them a seal that is intact is INDETERMINATE (no chain), which is not a problem. */
  roots?: Uint8Array[];
  policy?: SignaturePolicy;
  now?: Date;
}

/** Check one package with the hub's parser and validator. */
export async function checkPackage(file: string, bytes: Uint8Array, o: CheckOptions = {}): Promise<CheckResult> {
  const r = readPackage(bytes, DEFAULT_READ_OPTIONS);
  const pkg = r.package;
  const problems = [...r.issues];
  const alg = r.doc ? signatureAlgorithm(r.doc) : null;
  let signature: CheckResult['signature'] = null;
  if (r.signed && r.doc) {
    const roots = o.roots ?? [];
    const v = await verifyPackage(
      { doc: r.doc },
      { roots: async () => roots, now: () => o.now ?? new Date(), policy: o.policy ?? DEFAULT_SIGNATURE_POLICY },
    );
    const s = v.signatures[0];
    signature = { indication: v.indication, subIndication: v.subIndication, messages: s?.messages ?? [] };
    const untrustedOnly = v.subIndication === 'NO_CERTIFICATE_CHAIN_FOUND' && roots.length === 0;
    if (v.indication !== 'TOTAL_PASSED' && !untrustedOnly)
      problems.push({
        path: 'edXMLHeader/Signature',
        code: `SIGNATURE_${v.subIndication ?? v.indication}`,
        message: s?.messages[0] ?? `${v.indication} / ${v.subIndication}`,
      });
  }
  return {
    file,
    ok: problems.length === 0 && pkg !== null,
    kind: pkg?.kind ?? null,
    from: pkg?.from.organId ?? null,
    to: !pkg ? [] : pkg.kind === 'document' ? pkg.to.map((t) => t.organId) : [pkg.responseFor.organId],
    code: !pkg
      ? null
      : pkg.kind === 'document'
        ? `${pkg.header.codeNumber}/${pkg.header.codeNotation}`
        : pkg.responseFor.code,
    statusCode: pkg?.kind === 'status' ? pkg.statusCode : null,
    signed: r.signed,
    algorithm: r.signed ? (alg?.name ?? null) : null,
    legacyAlgorithm: !!alg?.legacy,
    signature,
    problems,
  };
}

/** Certificates from PEM files (the `--roots` option). */
export function readRoots(paths: string[]): Uint8Array[] {
  return paths.flatMap((p) =>
    (readFileSync(p, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
      (pem) => new Uint8Array(new X509Certificate(pem).raw),
    ),
  );
}

export const EDXML_HELP = `  edxml check [--roots CA.pem] [--refuse-sha1] FILE…
                                  read each edXML package as the hub does: one JSON line per file
                                  {file, ok, kind, from, to[], code, statusCode, signed, algorithm, problems[]}`;

/** `egov edxml check FILE…`: exit 0 when every file is ok, 1 otherwise, 2 on bad usage. */
export async function edxmlCli(sub: string | undefined, rest: string[]): Promise<number> {
  if (sub !== 'check') return 2;
  const files: string[] = [];
  const roots: string[] = [];
  let policy = DEFAULT_SIGNATURE_POLICY;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--roots') roots.push(rest[++i] ?? '');
    else if (a === '--refuse-sha1') policy = { acceptLegacySha1: false };
    else files.push(a);
  }
  if (files.length === 0) {
    console.error('edxml check needs at least one FILE');
    return 2;
  }
  const trusted = readRoots(roots.filter(Boolean));
  let allOk = true;
  for (const f of files) {
    let line: CheckResult;
    try {
      line = await checkPackage(f, readFileSync(f), { roots: trusted, policy });
    } catch (e) {
      line = {
        file: f,
        ok: false,
        kind: null,
        from: null,
        to: [],
        code: null,
        statusCode: null,
        signed: false,
        algorithm: null,
        legacyAlgorithm: false,
        signature: null,
        problems: [{ path: '/', code: 'UNREADABLE', message: (e as Error).message }],
      };
    }
    allOk &&= line.ok;
    console.log(JSON.stringify(line));
  }
  return allOk ? 0 : 1;
}
