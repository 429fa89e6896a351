import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from '@peculiar/x509';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { buildDocumentPackage } from './edxml/build.js';
import { verifyPackage } from './edxml/dsig.js';
import { samplePackage } from './edxml/test-data.js';
import { createSealCa, toPem } from './edxml/test-seal-pki.js';

const xml = { 'content-type': 'application/xml' };

/** Run the seal jobs and the outbox until nothing is left. */
async function settle(p: TestPlatform) {
  for (let i = 0; i < 5; i++) {
    await p.deps.jobs.drain();
    await p.exchange.worker.drain();
  }
}

/** The signing certificate (first X509Certificate in KeyInfo) of a sealed edXML. */
const signerOf = (edxml: string) =>
  new X509Certificate(Buffer.from(/<X509Certificate>([^<]+)<\/X509Certificate>/.exec(edxml)![1]!, 'base64'));

describe.each(DB_KINDS)('exchange seals come from the signatures module (%s)', (kind) => {
  let p: TestPlatform;
  let admin: { token: string };

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    await p.seal('H26', 'G09');
    await p.exchange.worker.sync();
    admin = await p.staff({ roles: ['admin'] });
  });
  afterAll(() => p?.close());

  const pkgFrom = (organId: string, organName: string) =>
    buildDocumentPackage(samplePackage({ from: { organId, organName } }));
  const count = async (q: ReturnType<typeof sql>) =>
    ((await p.deps.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
  const countOf = (table: 'messages' | 'packages', col: 'from_code' | 'sender', code: string) =>
    count(sql.raw(`select count(*)::int as n from exchange.${table} where ${col} = '${code}'`));
  const sealJobs = () => count(sql`select count(*)::int as n from platform.jobs where name = 'exchange.seal-message'`);

  it('an agency without a seal anywhere up its lineage is refused with 409 naming it, and nothing is queued', async () => {
    // Hải Phòng (H31) is a province: no seal of its own, nothing above it.
    const clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H31' });
    const body = pkgFrom('H31', 'UBND thành phố Hải Phòng');
    const jobsBefore = await sealJobs();
    const r = await p.call('POST', '/api/exchange/packages', { token: clerk.token, body, headers: xml });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'SEAL_CERTIFICATE_MISSING', params: { agencyCode: 'H31' } });
    expect(r.json().detail).toContain('H31');
    expect(await countOf('messages', 'from_code', 'H31')).toBe(0);
    expect(await countOf('packages', 'sender', 'H31')).toBe(0);
    expect(await sealJobs()).toBe(jobsBefore);

    // Once the administrator issues H31 a seal, the same send goes through and is sealed with it.
    await p.seal('H31');
    const again = await p.call('POST', '/api/exchange/packages', { token: clerk.token, body, headers: xml });
    expect(again.statusCode, again.body).toBe(201);
    await settle(p);
    const pkgId = again.json().packageIds['000.00.00.G09'];
    const edxml = (await p.call('GET', `/api/exchange/packages/${pkgId}/edxml`, { token: clerk.token })).body;
    const h31 = await p.signatures.sealKeyFor('H31');
    expect(Buffer.from(signerOf(edxml).rawData).equals(Buffer.from(h31.chain[0]!))).toBe(true);
  });

  it('a department without its own seal is sealed with the nearest seal above it (H26.S01 → H26)', async () => {
    const clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26.S01' });
    const sent = await p.call('POST', '/api/exchange/packages', {
      token: clerk.token,
      body: pkgFrom('H26.S01', 'Sở Nội vụ Hà Nội'),
      headers: xml,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    await settle(p);
    const pkgId = sent.json().packageIds['000.00.00.G09'];
    const edxml = (await p.call('GET', `/api/exchange/packages/${pkgId}/edxml`, { token: clerk.token })).body;
    const h26 = await p.signatures.sealKeyFor('H26');
    expect(Buffer.from(signerOf(edxml).rawData).equals(Buffer.from(h26.chain[0]!))).toBe(true);
    // …and it was delivered: the seal verified at the receiving end.
    const bnv = await p.staff({ roles: ['clerk'], agencyCode: 'G09' });
    const inbox = (await p.call('GET', '/api/exchange/packages?box=incoming&pageSize=100', { token: bnv.token })).json()
      .items;
    expect(inbox.find((i: { id: string }) => i.id === pkgId)?.state).toBe('01');
  });

  it("the package's signing certificate chains to this deployment's root CA (the signatures module's), which the hub is given", async () => {
    const clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    const sent = await p.call('POST', '/api/exchange/packages', {
      token: clerk.token,
      body: pkgFrom('H26', 'UBND thành phố Hà Nội'),
      headers: xml,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    await settle(p);
    const edxml = (
      await p.call('GET', `/api/exchange/packages/${sent.json().packageIds['000.00.00.G09']}/edxml`, {
        token: clerk.token,
      })
    ).body;
    expect(edxml).toContain('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');

    const cas = await p.signatures.cas();
    const root = cas.find((c) => c.profile === 'root')!;
    const rootDer = new Uint8Array(new X509Certificate(root.pem).rawData);
    expect((await p.exchange.context.seals.localRoots()).map((d) => Buffer.from(d).toString('base64'))).toEqual([
      Buffer.from(rootDer).toString('base64'),
    ]);

    const ok = await verifyPackage(edxml, { roots: async () => [rootDer], now: () => p.clock.now() });
    expect(ok.indication).toBe('TOTAL_PASSED');
    expect(ok.signatures[0]!.trustAnchor?.subject).toBe(root.subject);
    expect(ok.signatures[0]!.chain).toHaveLength(3); // seal ← issuing CA ← root
    const stranger = await createSealCa('Một CA khác');
    const no = await verifyPackage(edxml, { roots: async () => [stranger.certDer], now: () => p.clock.now() });
    expect(no.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');

    // xmlsec1 agrees: the package verifies against the root alone (the issuing CA travels in KeyInfo), not against another CA.
    const dir = mkdtempSync(join(tmpdir(), 'exseal-'));
    try {
      writeFileSync(join(dir, 'root.pem'), root.pem);
      writeFileSync(join(dir, 'other.pem'), toPem(stranger.certDer));
      writeFileSync(join(dir, 'p.edxml'), edxml);
      const good = spawnSync('xmlsec1', ['--verify', '--trusted-pem', join(dir, 'root.pem'), join(dir, 'p.edxml')], {
        encoding: 'utf8',
      });
      expect(`${good.status} ${good.stderr}`).toMatch(/^0 [\s\S]*OK/);
      const bad = spawnSync('xmlsec1', ['--verify', '--trusted-pem', join(dir, 'other.pem'), join(dir, 'p.edxml')], {
        encoding: 'utf8',
      });
      expect(bad.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // The self endpoint counts the root among the trust roots the deployment shows the hub operator.
    const self = (await p.call('GET', '/api/exchange/self', { token: admin.token })).json();
    expect(self.trustRoots).toBeGreaterThanOrEqual(1);
  });

  it('an ECDSA seal is refused for edXML (RSA-SHA256 only) with the agency and algorithm named', async () => {
    const r = await p.call('POST', '/api/pki/certificates', {
      token: admin.token,
      body: { profile: 'seal', agencyCode: 'H41', keyAlgorithm: 'ECDSA-P256' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H41' });
    const sent = await p.call('POST', '/api/exchange/packages', {
      token: clerk.token,
      body: pkgFrom('H41', 'UBND tỉnh Nghệ An'),
      headers: xml,
    });
    expect(sent.statusCode, sent.body).toBe(409);
    expect(sent.json()).toMatchObject({
      code: 'SEAL_ALGORITHM_NOT_ACCEPTED',
      params: { agencyCode: 'H41', keyAlgorithm: 'ECDSA-P256' },
    });
    expect(await countOf('messages', 'from_code', 'H41')).toBe(0);
  });

  it('a seal issued without naming an algorithm is RSA, as edXML needs', async () => {
    const r = await p.call('POST', '/api/pki/certificates', {
      token: admin.token,
      body: { profile: 'seal', agencyCode: 'H29' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().keyAlgorithm).toBe('RSA-3072');
  });
});
