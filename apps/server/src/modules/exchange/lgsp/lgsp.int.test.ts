import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../../test/harness.js';
import { buildStatusPackage } from '../edxml/build.js';
import type { DocumentPackage } from '../edxml/model.js';
import { readPackage } from '../edxml/parse.js';
import { LgspExampleClient } from './lgsp-example-client.js';

const SAMPLE = readFileSync(new URL('../edxml/fixtures/hand-made-sample.edxml', import.meta.url));

/** Run the seal jobs and the outbox until nothing is left. */
async function settle(p: TestPlatform) {
  for (let i = 0; i < 10; i++) {
    await p.deps.jobs.drain();
    await p.exchange.worker.drain();
  }
}

/*
 * The hub serves the LGSP REST API; a client written from the public example's calls (token, then
 * /truclienthong/v1.0.0 with the unit's secret) sends, lists, fetches, answers and acknowledges.
 */
describe.each(DB_KINDS)('LGSP REST API on the hub (%s)', (kind) => {
  let p: TestPlatform;
  let base: string;
  let client: LgspExampleClient;
  let hanoi: string;
  let bnv: string;
  let admin: { token: string };

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    await p.seal('H26', 'G09');
    await p.exchange.worker.sync();
    const port = await freePort();
    await p.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
    admin = await p.staff({ roles: ['admin'] });
    const c = await p.call('POST', '/api/exchange/lgsp/clients', {
      token: admin.token,
      body: { name: 'Phần mềm QLVB thử' },
    });
    expect(c.statusCode, c.body).toBe(201);
    client = new LgspExampleClient(base, c.json().consumerKey, c.json().consumerSecret);
    const unit = async (code: string) => {
      const r = await p.call('POST', '/api/exchange/lgsp/units', { token: admin.token, body: { code } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().secret as string;
    };
    hanoi = await unit('000.00.00.H26');
    bnv = await unit('G09');
  }, 120_000);
  afterAll(() => p?.close());

  it('only the hub operator issues clients and unit secrets; bad codes name the field', async () => {
    const clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    expect((await p.call('POST', '/api/exchange/lgsp/clients', { body: { name: 'x' } })).statusCode).toBe(401);
    expect(
      (await p.call('POST', '/api/exchange/lgsp/clients', { token: clerk.token, body: { name: 'x' } })).statusCode,
    ).toBe(403);
    expect(
      (await p.call('POST', '/api/exchange/lgsp/units', { token: clerk.token, body: { code: 'H26' } })).statusCode,
    ).toBe(403);
    const bad = await p.call('POST', '/api/exchange/lgsp/units', {
      token: admin.token,
      body: { code: '999.99.99.Z99' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('code');
  });

  it('token: client credentials by HTTP Basic; a wrong secret is invalid_client', async () => {
    expect(await client.generate()).toMatch(/^[\w-]+\.[\w-]+$/);
    await expect(new LgspExampleClient(base, 'nobody', 'wrong').generate()).rejects.toThrow(/HTTP 401.*invalid_client/);
  });

  it('a document sent by one unit is listed, fetched, answered and acknowledged by the other', async () => {
    const sent = await client.vanbansPost(SAMPLE.toString('base64'), hanoi, 'edoc');
    expect(sent).toMatchObject({ status: 'OK', errorCode: '0', docId: expect.stringMatching(/^pkg_/) });
    await settle(p);

    const list = await client.vanbansGet(bnv);
    expect(list.status).toBe('OK');
    const item = list.data.find((v) => v.messageType === 'edoc' && v.from === '000.00.00.H26')!;
    expect(item).toMatchObject({ serviceType: 'eDoc', to: '000.00.00.G09', status: 'INITIAL', docId: sent.docId });
    // Another unit cannot fetch it.
    const foreign = await client.vanbansDocIdGet(item.docId, hanoi);
    expect([client.lastStatus, foreign.status, foreign.errorCode]).toEqual([404, 'FAIL', 'NOT_FOUND']);

    const detail = await client.vanbansDocIdGet(item.docId, bnv);
    const r = readPackage(Buffer.from(detail.data, 'base64'));
    expect(r.issues).toEqual([]);
    expect(r.signed).toBe(true); // sealed by the hub with H26's seal
    const doc = r.package as DocumentPackage;
    expect(doc.from.organId).toBe('000.00.00.H26');

    expect(await client.vanbansDocIdPut(item.docId, 'PROCESSING', bnv)).toMatchObject({ status: 'OK' });
    expect((await client.vanbansGet(bnv)).data.find((v) => v.docId === item.docId)?.status).toBe('PROCESSING');
    const badState = await client.vanbansDocIdPut(item.docId, 'READ', bnv);
    expect([client.lastStatus, badState.errorCode]).toEqual([400, 'INVALID_STATUS']);

    // The receiving product answers with a status message of the national exchange's form.
    const status = buildStatusPackage({
      kind: 'status',
      from: { organId: '000.00.00.G09', organName: 'Bộ Nội vụ' },
      responseFor: {
        organId: doc.from.organId,
        code: `${doc.header.codeNumber}/${doc.header.codeNotation}`,
        promulgationDate: doc.header.promulgation.date,
        documentId: doc.documentId,
      },
      statusCode: '03',
      description: 'Đã tiếp nhận',
      timestamp: p.clock.now(),
      traces: [],
    });
    const answered = await client.vanbansPost(Buffer.from(status).toString('base64'), bnv, 'status');
    expect(answered, JSON.stringify(answered)).toMatchObject({ status: 'OK', docId: item.docId });
    await settle(p);
    const back = await client.vanbansGet(hanoi);
    expect(back.data.some((v) => v.messageType === 'status' && v.from === '000.00.00.G09')).toBe(true);

    expect(await client.vanbansDocIdPut(item.docId, 'DONE', bnv)).toMatchObject({ status: 'OK' });
    expect((await client.vanbansGet(bnv)).data.find((v) => v.docId === item.docId)).toBeUndefined();
  });

  it('refuses a missing token, a wrong unit secret and a body that is not base64, in the envelope', async () => {
    const noToken = await fetch(`${base}/truclienthong/v1.0.0/vanbans`, { headers: { secret: bnv } });
    expect([noToken.status, (await noToken.json()).errorCode]).toEqual([401, 'UNAUTHORIZED']);
    const wrong = await client.vanbansGet('0'.repeat(64));
    expect([client.lastStatus, wrong.status, wrong.errorCode]).toEqual([401, 'FAIL', 'INVALID_SECRET']);
    const junk = await client.vanbansPost('not base64!', hanoi, 'edoc');
    expect([client.lastStatus, junk.errorCode]).toEqual([400, 'INVALID_BASE64']);
    // A package for another agency than the unit's own is refused.
    const other = await client.vanbansPost(SAMPLE.toString('base64'), bnv, 'edoc');
    expect([client.lastStatus, other.errorCode]).toEqual([403, 'FORBIDDEN_AGENCY']);
  });

  it('lists connected units; a unit registers and unregisters one under itself, not elsewhere', async () => {
    const units = await client.donvilienthongsGet(hanoi);
    expect(units.data.map((u) => u.code)).toEqual(expect.arrayContaining(['000.00.00.H26', '000.00.00.G09']));
    expect(units.data.find((u) => u.code === '000.00.00.H26')).toMatchObject({ name: expect.any(String) });
    const child = (await p.directory.search({ page: 1, pageSize: 5, parentCode: 'H26' })).items[0]!;
    const code = child.legacyCode ?? child.code;
    expect(await client.donvilienthongsPost(hanoi, { code, name: child.name, pcode: '000.00.00.H26' })).toMatchObject({
      status: 'OK',
    });
    expect((await client.donvilienthongsGet(hanoi)).data.map((u) => u.code)).toContain(code);
    const notMine = await client.donvilienthongsPost(bnv, { code, name: child.name, pcode: '000.00.00.G09' });
    expect([client.lastStatus, notMine.errorCode]).toEqual([403, 'NOT_ALLOWED']);
    expect(await client.donvilienthongsPut(hanoi, code)).toMatchObject({ status: 'OK' });
    expect((await client.donvilienthongsGet(hanoi)).data.map((u) => u.code)).not.toContain(code);
  });
});
