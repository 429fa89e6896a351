import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../test/harness.js';
import { exchangeRepository as repo } from './exchange.repository.js';

const SAMPLE = readFileSync(new URL('./edxml/fixtures/hand-made-sample.edxml', import.meta.url));
const b64 = (k: ReturnType<typeof generateKeyPairSync>) => ({
  priv: k.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  pub: k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
});

/*
 * A node whose requests the hub refuses (it was never registered there): it retries for a bounded
 * time, then sets the delivery aside for the operator and shows the clerk a failure, not "sent".
 * A hub that cannot be reached leaves the cause (ECONNREFUSED) in lastError.
 */
describe.each(DB_KINDS)('a node refused by its hub (%s)', (kind) => {
  let hub: TestPlatform;
  let node: TestPlatform;
  let deadNode: TestPlatform;
  const hubKey = b64(generateKeyPairSync('ed25519'));
  const nodeKey = b64(generateKeyPairSync('ed25519'));

  beforeAll(async () => {
    hub = await createTestPlatform(kind, {
      env: { EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub', EXCHANGE_NODE_KEY: hubKey.priv },
    });
    const port = await freePort();
    await hub.app.listen({ port, host: '127.0.0.1' });
    const nodeEnv = (url: string) => ({
      EXCHANGE_ROLE: 'node',
      EXCHANGE_NODE_ID: 'node-q',
      EXCHANGE_NODE_KEY: nodeKey.priv,
      EXCHANGE_HUB_KEY: hubKey.pub,
      EXCHANGE_HUB_URL: url,
      EXCHANGE_AGENCIES: 'H26',
      EXCHANGE_REFUSED_GIVE_UP_MS: String(30 * 60_000),
    });
    node = await createTestPlatform(kind, { env: nodeEnv(`http://127.0.0.1:${port}`) });
    deadNode = await createTestPlatform('pglite', { env: nodeEnv(`http://127.0.0.1:${await freePort()}`) });
    for (const n of [node, deadNode]) await n.seal('H26');
  }, 240_000);
  afterAll(async () => {
    await Promise.all([node?.close(), deadNode?.close()]);
    await hub?.close();
  });

  async function submit(p: TestPlatform) {
    const clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    const sent = await p.call('POST', '/api/exchange/packages', {
      token: clerk.token,
      body: SAMPLE,
      headers: { 'content-type': 'application/xml' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    await p.deps.jobs.drain();
    return { clerk, packageId: sent.json().packageIds['000.00.00.G09'] as string };
  }
  const deliveryOf = async (p: TestPlatform, packageId: string) =>
    (await repo.deliveries(p.deps.db, { page: 1, pageSize: 100 })).items.find((d) => d.packageId === packageId)!;
  const packageOf = async (p: TestPlatform, clerk: { token: string }, packageId: string) =>
    (await p.call('GET', '/api/exchange/packages?box=outgoing', { token: clerk.token }))
      .json()
      .items.find((i: { id: string }) => i.id === packageId);

  it('retries a refusal for a bounded time, then sets the delivery aside and shows the clerk a failure', async () => {
    const { clerk, packageId } = await submit(node);
    await node.exchange.worker.drain(1);
    let d = await deliveryOf(node, packageId);
    expect(d).toMatchObject({ state: 'pending', lastError: expect.stringMatching(/^HTTP 401 SIGNATURE_UNKNOWN_KEY/) });
    expect((await packageOf(node, clerk, packageId)).state).not.toBe('failed');

    // Past the bound, the next refusal sets it aside.
    node.clock.advance(31 * 60_000);
    await node.exchange.worker.drain(1);
    d = await deliveryOf(node, packageId);
    expect(d).toMatchObject({ state: 'set_aside', lastError: expect.stringContaining('401') });
    const mine = await packageOf(node, clerk, packageId);
    expect(mine.state).toBe('failed');
    // Nothing is retried any more: the operator decides.
    node.clock.advance(24 * 3600_000);
    await node.exchange.worker.drain(3);
    expect((await deliveryOf(node, packageId)).attempts).toBe(d.attempts);
    const admin = await node.staff({ roles: ['admin'] });
    const list = await node.call('GET', '/api/exchange/deliveries?state=set_aside', { token: admin.token });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((i: { packageId: string }) => i.packageId)).toContain(packageId);
  });

  it('keeps the cause of a network failure (ECONNREFUSED), not "fetch failed", and keeps retrying it', async () => {
    if (kind !== 'pglite') return;
    const { packageId } = await submit(deadNode);
    await deadNode.exchange.worker.drain(1);
    const d = await deliveryOf(deadNode, packageId);
    expect(d.state).toBe('pending');
    expect(d.lastError).toMatch(/ECONNREFUSED/);
    deadNode.clock.advance(31 * 60_000);
    await deadNode.exchange.worker.drain(1);
    expect((await deliveryOf(deadNode, packageId)).state).toBe('pending');
  });
});
