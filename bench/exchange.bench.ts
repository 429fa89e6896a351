import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlatform, type Platform } from '../apps/server/src/app.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { newId } from '../apps/server/src/platform/ids/index.js';
import { createStaffUser } from '../apps/server/src/modules/identity/index.js';
import { buildDocumentPackage } from '../apps/server/src/modules/exchange/edxml/build.js';
import { signPackage } from '../apps/server/src/modules/exchange/edxml/dsig.js';
import { samplePackage } from '../apps/server/src/modules/exchange/edxml/test-data.js';
import { createSealCa, issueSeal, signingKeyOf } from '../apps/server/src/modules/exchange/edxml/test-seal-pki.js';
import { registerNode } from '../apps/server/src/modules/exchange/use-cases/registration.js';
import { PACKAGES_PATH, postSigned, REGISTRATION_PATH } from '../apps/server/src/modules/exchange/transport/client.js';
import { signRequest } from '../apps/server/src/modules/exchange/transport/http-signature.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { benchConfig, type LoadRequest, measure, measureHttp, type Result } from './harness.js';

const SECRET = 'bench-secret-0123456789-abcdefghijklmnop';

async function start(
  dir: string,
  env: Record<string, string>,
  databaseUrl?: string,
): Promise<{ p: Platform; base: string }> {
  const config = benchConfig(dir, databaseUrl, { APP_SECRET: SECRET, EXCHANGE_POLL_MS: '10', ...env });
  const p = await buildPlatform(config);
  await seedReferenceData(p);
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  return { p, base: `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}` };
}

/**
 * Exchange: the hub's intake (request signature, edXML parse, seal verification, store, route in one
 * transaction) with 100 KB and 5 MB attachments, then node → hub → node latency with the outbox
 * workers running. The sending node is this process (a registered node with its own seal CA). The
 * intake rows send from a worker thread (measureHttp), so the hub's event loop does not also build
 * and send the requests: each request is signed here beforehand (its own package id and nonce, used
 * once) and all share one body, which crosses to the worker once.
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string) {
  const dirs = [mkdtempSync(join(tmpdir(), 'egov-bench-hub-')), mkdtempSync(join(tmpdir(), 'egov-bench-node-'))];
  const hub = await start(
    dirs[0]!,
    { EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub', EXCHANGE_AGENCIES: 'G22' },
    databaseUrl,
  );
  const hubKey = hub.p.exchange.context.settings.publicKey;
  const node = await start(dirs[1]!, {
    EXCHANGE_ROLE: 'node',
    EXCHANGE_NODE_ID: 'node-b',
    EXCHANGE_HUB_URL: hub.base,
    EXCHANGE_HUB_KEY: hubKey,
    EXCHANGE_AGENCIES: 'G09',
  });
  try {
    const sender = generateKeyPairSync('ed25519');
    const ca = await createSealCa('CA nút đo hiệu năng');
    const seal = await signingKeyOf(await issueSeal(ca, { code: 'H26', name: 'UBND thành phố Hà Nội' }), ca.certDer);
    const admin = { ...systemActor, actorName: 'bench' };
    await registerNode(hub.p.exchange.context, admin, {
      id: 'node-x',
      name: 'Nút gửi',
      baseUrl: 'http://127.0.0.1:9',
      publicKey: sender.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      agencies: ['H26'],
    });
    await registerNode(hub.p.exchange.context, admin, {
      id: 'node-b',
      name: 'Nút nhận',
      baseUrl: node.base,
      publicKey: node.p.exchange.context.settings.publicKey,
      agencies: ['G09'],
    });
    const signer = () => ({ keyId: 'node-x', key: sender.privateKey, now: new Date() });
    const reg = await postSigned(
      hub.base,
      REGISTRATION_PATH,
      Buffer.from(
        JSON.stringify({
          agencies: [{ code: 'H26', legacyCode: '000.00.00.H26', name: 'UBND thành phố Hà Nội' }],
          caCertificates: [Buffer.from(ca.certDer).toString('base64')],
        }),
      ),
      'application/json',
      {},
      signer(),
    );
    if (reg.status !== 200) throw new Error(`registration ${reg.status}`);
    await node.p.exchange.worker.sync();

    const pkg = async (bytes: number) =>
      Buffer.from(
        await signPackage(
          buildDocumentPackage(
            samplePackage(
              {
                from: { organId: 'H26', organName: 'UBND thành phố Hà Nội' },
                to: [{ organId: 'G09', organName: 'Bộ Nội vụ' }],
              },
              bytes,
            ),
          ),
          seal,
        ),
      );
    const send = async (body: Buffer) => {
      const id = newId('pkg');
      const r = await postSigned(
        hub.base,
        PACKAGES_PATH,
        body,
        'application/xml',
        { 'exchange-package-id': id, 'exchange-recipient': 'G09', 'exchange-kind': 'document' },
        signer(),
      );
      if (r.status !== 202) throw new Error(`hub answered ${r.status} ${JSON.stringify(r.body)}`);
      return id;
    };
    // Signed beforehand, one request per package id (a nonce is accepted once): enough for `max` sends.
    const presigned = (body: Buffer, max: number): LoadRequest[] =>
      Array.from({ length: max }, () => {
        const headers = {
          'exchange-package-id': newId('pkg'),
          'exchange-recipient': 'G09',
          'exchange-kind': 'document',
        };
        const s = signer();
        return {
          method: 'POST',
          path: PACKAGES_PATH,
          headers: {
            'content-type': 'application/xml',
            ...headers,
            ...signRequest({ method: 'POST', path: PACKAGES_PATH, headers, body }, s.keyId, s.key, s.now),
          },
          body,
        };
      });
    const intake = async (name: string, body: Buffer, o: { seconds: number; concurrency: number; max: number }) => {
      const requests = presigned(body, o.max);
      return measureHttp(name, {
        baseUrl: hub.base,
        requests,
        seconds: o.seconds,
        concurrency: o.concurrency,
        maxRequests: o.max,
      });
    };
    const small = await pkg(100 * 1024);
    const large = await pkg(5 * 1024 * 1024);
    const results: Result[] = [];
    results.push(
      await intake(`[${kind}] hub intake, signed package 100 KB, c=8`, small, {
        seconds: 10,
        concurrency: 8,
        max: 10_000,
      }),
    );
    results.push(
      await intake(`[${kind}] hub intake, signed package 5 MB, c=2`, large, { seconds: 10, concurrency: 2, max: 40 }),
    );

    // End to end: the hub's outbox delivers to node B over signed HTTP; B verifies, stores, and answers 01.
    await createStaffUser(node.p.identity, systemActor, null, {
      username: 'bench.vanthu',
      password: 'Bench@12345',
      fullName: 'Văn thư',
      email: null,
      roles: ['clerk'],
      agencyCode: 'G09',
    });
    const login = await (
      await fetch(`${node.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench.vanthu', password: 'Bench@12345' }),
      })
    ).json();
    // Deliver the intake backlog first, so the latency below is not the queue's.
    await hub.p.exchange.worker.drain(100_000);
    hub.p.exchange.worker.start();
    node.p.exchange.worker.start();
    node.p.deps.jobs.start();
    const arrived = async (id: string) => {
      for (let i = 0; i < 2400; i++) {
        const r = await fetch(`${node.base}/api/exchange/packages/${id}`, {
          headers: { authorization: `Bearer ${login.accessToken}` },
        });
        await r.arrayBuffer();
        if (r.status === 200) return;
        await new Promise((res) => setTimeout(res, 25));
      }
      throw new Error('not delivered');
    };
    results.push(
      await measure(
        `[${kind}] node → hub → node, 100 KB, until stored at B (polled every 25 ms), c=4`,
        async () => arrived(await send(small)),
        { seconds: 10, concurrency: 4 },
      ),
    );
    return results;
  } finally {
    await Promise.allSettled([hub.p.close(), node.p.close()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
