import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocumentPackage } from './edxml/build.js';
import type { CheckResult } from './edxml/check.js';
import { signPackage } from './edxml/dsig.js';
import { samplePackage } from './edxml/test-data.js';
import { createSealCa, issueSeal, signingKeyOf, toPem } from './edxml/test-seal-pki.js';

const ROOT = resolve(import.meta.dirname, '../../../../..');
const REAL = resolve(import.meta.dirname, 'fixtures/real');

/** `npm run egov -- edxml check …` as an integrator runs it (no database). */
function check(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'edxml', 'check', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const lines = r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CheckResult);
  return { code: r.status, lines, err: r.stderr };
}

describe('egov edxml check', () => {
  it('prints one JSON line per real file with what the hub reads from it', { timeout: 180_000 }, async () => {
    const files = readdirSync(REAL)
      .filter((f) => f.endsWith('.edxml'))
      .sort();
    expect(files).toHaveLength(16);
    // And a package sealed here, checked against its CA: the one fully ok document.
    const dir = mkdtempSync(join(tmpdir(), 'edxml-check-'));
    const ca = await createSealCa('CA thử nghiệm');
    const seal = await issueSeal(ca, { code: 'H26', name: 'UBND thành phố Hà Nội' });
    writeFileSync(
      join(dir, 'ours.edxml'),
      await signPackage(buildDocumentPackage(samplePackage()), await signingKeyOf(seal, ca.certDer)),
    );
    writeFileSync(join(dir, 'ca.pem'), toPem(ca.certDer));
    const { code, lines } = check(
      '--roots',
      join(dir, 'ca.pem'),
      ...files.map((f) => join(REAL, f)),
      join(dir, 'ours.edxml'),
    );
    expect(code).toBe(1); // some real files are not ok
    expect(lines).toHaveLength(17);
    const by = (name: string) => lines.find((l) => l.file.endsWith(`/${name}`))!;

    for (const f of files.filter((x) => x.startsWith('status')))
      expect(by(f)).toMatchObject({
        ok: true,
        kind: 'status',
        to: [expect.stringMatching(/^000\.00\.00\.(G22|H41)$/)],
        code: '7816/VPCP-TTĐT',
        statusCode: expect.stringMatching(/^(01|02|03|04|05|06|13|15|16)$/),
        signed: false,
        algorithm: null,
        problems: [],
      });
    expect(by('status_finish_06.edxml')).toMatchObject({
      from: '000.00.00.H41',
      to: ['000.00.00.G22'],
      statusCode: '06',
    });

    // The real documents read completely; their signatures are placeholders (a certificate cut to 11
    // characters), which the validator names, after accepting RSA-SHA1 as a legacy algorithm.
    expect(by('edoc_new.edxml')).toMatchObject({
      ok: false,
      kind: 'document',
      from: '000.00.00.A80',
      to: ['28.22.H17'],
      code: '74fass22/VPCP-TTĐT',
      statusCode: null,
      signed: true,
      algorithm: 'RSA-SHA1',
      legacyAlgorithm: true,
      problems: [
        {
          code: 'SIGNATURE_FORMAT_FAILURE',
          path: 'edXMLHeader/Signature',
          message: expect.stringMatching(/certificate/),
        },
      ],
    });
    for (const f of [
      'edoc_update.edxml',
      'edoc_replacement.edxml',
      'edoc_revocation.edxml',
      'dc0bdef0-c7a3-4aaf-b717-777303442973.edxml',
    ])
      expect(by(f)).toMatchObject({
        kind: 'document',
        from: '000.00.00.G22',
        to: ['000.00.00.H41', '000.00.00.H14', '000.00.00.G17'],
        code: '7816/VPCP-TTĐT',
        algorithm: 'RSA-SHA1',
        problems: [{ code: 'SIGNATURE_FORMAT_FAILURE' }],
      });
    expect(by('edoc.edxml')).toMatchObject({ ok: false, kind: null, problems: [{ code: 'NOT_WELL_FORMED' }] });
    expect(by('ours.edxml')).toMatchObject({
      ok: true,
      kind: 'document',
      from: '000.00.00.H26',
      to: ['000.00.00.G09'],
      code: '15/QĐ-UBND',
      signed: true,
      algorithm: 'RSA-SHA256',
      legacyAlgorithm: false,
      signature: { indication: 'TOTAL_PASSED' },
      problems: [],
    });
  });
});
