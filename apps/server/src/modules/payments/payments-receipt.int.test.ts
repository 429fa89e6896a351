import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { feeProcedure, fileDossier, listeningPlatform, payAtGateway } from '../../../test/payments-kit.js';
import { pdfText } from '../../platform/pdf/testing.js';

/** pdfsig (poppler, NSS) with only our platform's root trusted; it asks our OCSP responder over HTTP. */
async function pdfsig(nss: string, dir: string, pdf: Buffer): Promise<string> {
  const file = join(dir, `receipt-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  const r = await promisify(execFile)('pdfsig', ['-nssdir', `sql:${nss}`, file], { encoding: 'utf8' }).catch(
    (e: { stdout: string }) => ({ stdout: e.stdout }),
  );
  return r.stdout;
}

describe.each(DB_KINDS)('electronic receipts sealed with the agency seal on %s', (kind) => {
  let p: TestPlatform & { base: string };
  let admin: { token: string };
  let dir: string;
  let nss: string;

  const pay = async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900008');
    const { paymentId, redirectUrl } = (
      await p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/payments`, {
        token: c.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: {},
      })
    ).json();
    await payAtGateway(redirectUrl, 'success');
    return { c, paymentId };
  };
  const receipt = async (token: string, id: string) => {
    const r = await p.call('GET', `/api/payments/${id}/receipt.pdf`, { token });
    expect(r.statusCode, r.body).toBe(200);
    return { sealed: r.headers['x-receipt-sealed'], pdf: Buffer.from(r.rawPayload) };
  };

  beforeAll(async () => {
    p = await listeningPlatform(kind);
    const agencyAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    await feeProcedure(p, agencyAdmin.token, '1.900008');
    admin = await p.staff({ roles: ['admin'] });
    dir = mkdtempSync(join(tmpdir(), 'egov-receipt-'));
    nss = join(dir, 'nss');
    spawnSync('mkdir', ['-p', nss]);
    spawnSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    const der = Buffer.from((await p.call('GET', '/pki/root.crt')).rawPayload);
    const pem = `-----BEGIN CERTIFICATE-----\n${der
      .toString('base64')
      .match(/.{1,64}/g)!
      .join('\n')}\n-----END CERTIFICATE-----\n`;
    writeFileSync(join(dir, 'root.pem'), pem);
    expect(
      spawnSync('certutil', [
        '-A',
        '-d',
        `sql:${nss}`,
        '-n',
        'platform-root',
        '-t',
        'CT,C,C',
        '-i',
        join(dir, 'root.pem'),
      ]).status,
    ).toBe(0);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await p?.close();
  });

  it('without a seal certificate the receipt is issued unsealed; once the agency has a seal it is sealed, and pdfsig trusts it', async () => {
    const { c, paymentId } = await pay();
    await p.deps.jobs.drain(); // the seal job finds no seal certificate and leaves the receipt as it is
    const before = await receipt(c.token, paymentId);
    expect(before.sealed).toBe('false');
    expect(await pdfsig(nss, dir, before.pdf)).toMatch(/does not contain any signatures/);

    const seal = await p.call('POST', '/api/pki/certificates', {
      token: admin.token,
      body: { profile: 'seal', agencyCode: 'H26' },
    });
    expect(seal.statusCode, seal.body).toBe(201);
    const after = await receipt(c.token, paymentId);
    expect(after.sealed).toBe('true');
    const tool = await pdfsig(nss, dir, after.pdf);
    expect(tool).toContain('Signature is Valid');
    expect(tool).toContain('Certificate is Trusted');
    expect(tool).toMatch(/Signer Certificate Common Name: .*Hà Nội/);
    expect(pdfText(after.pdf)).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    // Kept once sealed: the same bytes every time.
    expect((await receipt(c.token, paymentId)).pdf.equals(after.pdf)).toBe(true);
  });

  it('a receipt issued while the agency has a seal is sealed by the job right after payment', async () => {
    const { c, paymentId } = await pay();
    await p.deps.jobs.drain();
    const rows = await p.database.db.execute(
      `select sealed_sha256 from payments.receipts where payment_id = '${paymentId}'`,
    );
    const sha = (rows as unknown as { rows: { sealed_sha256: string | null }[] }).rows[0]!.sealed_sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    const r = await receipt(c.token, paymentId);
    expect(r.sealed).toBe('true');
    expect(await pdfsig(nss, dir, r.pdf)).toContain('Signature is Valid');
  });
});
