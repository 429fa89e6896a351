import { generateKeyPairSync } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../test/harness.js';
import { COMMUNE_REGIME_TO_G22, openCommuneRegimeToG22, reportSigner } from './reporting.test-support.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { TestClock } from '../../platform/time/clock.js';
import { DELIVER_JOB, DELIVER_STATUS_JOB, FEDERATION_REPORTS_PATH } from './reporting-contract.js';

const b64 = (k: ReturnType<typeof generateKeyPairSync>) => ({
  priv: k.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  pub: k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
});

const signer = reportSigner;

/** A TCP relay in front of the hub that can be switched off: a real connection refused, not a mock. */
function switchableRelay(port: number, target: () => number) {
  let up = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const s = connect(target(), '127.0.0.1');
    sockets.add(s).add(client);
    client.pipe(s).pipe(client);
    const end = () => {
      s.destroy();
      client.destroy();
    };
    s.on('error', end).on('close', end);
    client.on('error', end).on('close', end);
  });
  return {
    listen: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', r)),
    set(on: boolean) {
      up = on;
      if (!on) for (const s of sockets) s.destroy();
      sockets.clear();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/*
 * ADR 0024, "Reports across deployments": a regime on a node (Hà Nội, H26) whose communes report to
 * the Government Office (G22), served by the hub. The commune's leader signs and submits on the node;
 * a job carries the signed report to the hub (retried while the hub cannot be reached), the hub's
 * officer accepts or returns it there, and the decision comes back to the node's obligation.
 */
describe.each(DB_KINDS)('reports across deployments (%s)', (kind) => {
  let hub: TestPlatform;
  let node: TestPlatform;
  let relay: ReturnType<typeof switchableRelay>;
  const clock = new TestClock();
  const hubKey = b64(generateKeyPairSync('ed25519'));
  const nodeKey = b64(generateKeyPairSync('ed25519'));
  type Signer = Awaited<ReturnType<typeof signer>>;
  let x1Leader: Signer;
  let x2Leader: Signer;
  let hubOfficer: Awaited<ReturnType<TestPlatform['staff']>>;
  const ids: Record<string, string> = {};
  const received: Record<string, string> = {};

  const nodeGet = (id: string, token = x1Leader.token) => node.call('GET', `/api/report-obligations/${id}`, { token });
  const hubList = (token = hubOfficer.token) => hub.call('GET', '/api/received-reports?pageSize=50', { token });

  async function signAndSubmit(u: Signer, agency: string, values: Record<string, number>) {
    const id = ids[agency]!;
    const saved = await node.call('PUT', `/api/report-obligations/${id}`, {
      token: u.token,
      body: { values, texts: { S1: `Báo cáo của ${agency}: đúng tiến độ.` } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const version = saved.json().version as number;
    // The regime does not ask for a signature, the far receiver does: the report page says so.
    expect((await node.call('GET', `/api/report-obligations/${id}`, { token: u.token })).json().access).toMatchObject({
      submit: true,
      signatureRequired: true,
    });
    // Not signed: a receiver on another deployment gets only a signed report.
    const unsigned = await node.call('POST', `/api/report-obligations/${id}/actions`, {
      token: u.token,
      body: { action: 'submit' },
    });
    expect([unsigned.statusCode, unsigned.json().code, unsigned.json().params.remote]).toEqual([
      409,
      'SIGNATURE_REQUIRED',
      true,
    ]);
    const signed = await node.call('POST', `/api/report-obligations/${id}/signature`, {
      token: u.token,
      body: { certificateId: u.certificateId, otp: u.otp(), version },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const sent = await node.call('POST', `/api/report-obligations/${id}/actions`, {
      token: u.token,
      body: { action: 'submit' },
      headers: { 'idempotency-key': `submit-${agency}-${kind}` },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().status).toBe('submitted');
  }

  beforeAll(async () => {
    clock.set(new Date('2026-12-07T03:00:00Z'));
    const hubPort = await freePort();
    hub = await createTestPlatform(kind, {
      clock,
      env: { EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub', EXCHANGE_NODE_KEY: hubKey.priv },
    });
    await hub.app.listen({ port: hubPort, host: '127.0.0.1' });
    const relayPort = await freePort();
    relay = switchableRelay(relayPort, () => hubPort);
    await relay.listen();
    const nodePort = await freePort();
    const nodeUrl = `http://127.0.0.1:${nodePort}`;
    node = await createTestPlatform(kind, {
      clock,
      fresh: true,
      env: {
        PUBLIC_URL: nodeUrl,
        EXCHANGE_ROLE: 'node',
        EXCHANGE_NODE_ID: 'ha-noi',
        EXCHANGE_NODE_KEY: nodeKey.priv,
        EXCHANGE_HUB_KEY: hubKey.pub,
        EXCHANGE_HUB_URL: `http://127.0.0.1:${relayPort}`,
        EXCHANGE_AGENCIES: 'H26',
      },
    });
    await node.app.listen({ port: nodePort, host: '127.0.0.1' });
    const hubAdmin = await hub.staff({ roles: ['admin'] });
    const reg = await hub.call('POST', '/api/exchange/nodes', {
      token: hubAdmin.token,
      body: { id: 'ha-noi', name: 'Hà Nội', baseUrl: nodeUrl, publicKey: nodeKey.pub, agencies: ['H26'] },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    await node.exchange.worker.sync();

    const nodeAdmin = await node.staff({ roles: ['admin'] });
    expect((await openCommuneRegimeToG22(node, nodeAdmin.token)).opened).toBeGreaterThan(1);
    x1Leader = await signer(node, ['leader'], 'H26.X001');
    x2Leader = await signer(node, ['leader'], 'H26.X002');
    for (const a of ['H26.X001', 'H26.X002']) {
      const list = await node.call('GET', `/api/report-obligations?regime=BC-LT&agency=${a}`, {
        token: nodeAdmin.token,
      });
      const item = list.json().items[0];
      expect(item, list.body).toBeDefined();
      expect(item.receiverCode).toBe('G22');
      ids[a] = item.id;
    }
    hubOfficer = await hub.staff({ roles: ['specialist'], agencyCode: 'G22' });
  }, 300_000);
  afterAll(async () => {
    await relay?.close();
    await node?.close();
    await hub?.close();
  });

  it('delivers the signed report once: the hub down at the first try, the job retries, a redelivery stores nothing', async () => {
    relay.set(false);
    await signAndSubmit(x1Leader, 'H26.X001', { C01: 120, C02: 90 });
    await signAndSubmit(x2Leader, 'H26.X002', { C01: 40, C02: 10 });
    const jobs = async () =>
      (
        (await node.deps.db.execute(
          `select status, attempts, last_error from platform.jobs where name = '${DELIVER_JOB}' order by created_at`,
        )) as unknown as { rows: { status: string; attempts: number; last_error: string | null }[] }
      ).rows;
    await node.deps.jobs.runOnce();
    const failed = await jobs();
    expect(failed.map((j) => [j.status, Number(j.attempts)])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    expect(failed[0]!.last_error).toBeTruthy();
    expect((await hubList()).json().total).toBe(0);

    relay.set(true);
    clock.advance(3_000); // past the first backoff
    await node.deps.jobs.runOnce();
    expect((await jobs()).map((j) => j.status)).toEqual(['done', 'done']);
    const list = (await hubList()).json();
    expect(list.total).toBe(2);
    for (const item of list.items) received[item.agency.code] = item.id;
    expect(list.items.find((i: { agency: { code: string } }) => i.agency.code === 'H26.X001')).toMatchObject({
      origin: 'ha-noi',
      status: 'submitted',
      regime: { code: 'BC-LT' },
      period: '2026-M12',
      receiver: { code: 'G22' },
      signedByName: x1Leader.fullName,
    });

    // The same submission delivered again (a retry after a lost answer): acknowledged, stored once.
    await enqueueJob(node.deps.db, DELIVER_JOB, {
      id: ids['H26.X001'],
      submittedAt: (await nodeGet(ids['H26.X001']!)).json().submittedAt,
    });
    await node.deps.jobs.runOnce();
    expect((await jobs()).map((j) => j.status)).toEqual(['done', 'done', 'done']);
    expect((await hubList()).json().total).toBe(2);
    const events = (await nodeGet(ids['H26.X001']!)).json().events.map((e: { action: string }) => e.action);
    expect(events.filter((a: string) => a === 'delivered')).toHaveLength(2);

    // The figures at the hub are the ones in the signed JSON.
    const detail = await hub.call('GET', `/api/received-reports/${received['H26.X001']}`, {
      token: hubOfficer.token,
    });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().indicators.map((i: { code: string; value: number }) => [i.code, i.value])).toEqual([
      ['C01', 120],
      ['C02', 90],
      ['C03', 75],
    ]);
    expect(detail.json().sections[0].text).toBe('Báo cáo của H26.X001: đúng tiến độ.');
    expect(detail.json().access).toEqual({ decide: true });
  });

  it('refuses a package that is not signed, not from the reporting agency’s deployment, or tampered with', async () => {
    const fed = node.exchange.federation;
    const hubPeer = { id: 'hub', baseUrl: `http://127.0.0.1:${(hub.app.server.address() as { port: number }).port}` };
    const file = async (part: string) =>
      Buffer.from(
        (
          await node.call('GET', `/api/report-obligations/${ids['H26.X001']}/signature/${part}`, {
            token: x1Leader.token,
          })
        ).rawPayload,
      );
    const content = await file('content');
    const signature = await file('signature');
    const submittedAt = (await nodeGet(ids['H26.X001']!)).json().submittedAt as string;
    const pkg = (c: Buffer, s: string, obligationId = ids['H26.X001']) => ({
      kind: 'vn.egov.report/1',
      obligationId,
      origin: 'ha-noi',
      content: c.toString('base64'),
      signature: s,
      submittedAt,
      late: false,
    });
    const post = (body: unknown) => fed.post(hubPeer, FEDERATION_REPORTS_PATH, Buffer.from(JSON.stringify(body)), 5000);

    // No federation signature on the request: 401.
    const anon = await hub.call('POST', FEDERATION_REPORTS_PATH, { body: pkg(content, signature.toString('base64')) });
    expect(anon.statusCode).toBe(401);
    // A package without the leader's signature.
    const unsigned = await post(pkg(content, ''));
    expect([unsigned.status, unsigned.body?.code]).toEqual([422, 'VALIDATION_FAILED']);
    // A figure changed after signing: the CAdES signature no longer verifies over the bytes.
    const tampered = Buffer.from(content.toString('utf8').replace('"value": 120', '"value": 1200'));
    expect(tampered.equals(content)).toBe(false);
    const t = await post(pkg(tampered, signature.toString('base64')));
    expect([t.status, t.body?.code]).toEqual([422, 'REPORT_SIGNATURE_INVALID']);
    // The signature of another report over these bytes.
    const x2Signature = Buffer.from(
      (
        await node.call('GET', `/api/report-obligations/${ids['H26.X002']}/signature/signature`, {
          token: x2Leader.token,
        })
      ).rawPayload,
    );
    const other = await post(pkg(content, x2Signature.toString('base64')));
    expect([other.status, other.body?.code]).toEqual([422, 'REPORT_SIGNATURE_INVALID']);
    // A report of an agency the node does not serve (the hub's own G09): the node may not speak for it.
    const foreign = Buffer.from(content.toString('utf8').replace('"code": "H26.X001"', '"code": "G09"'));
    const f = await post(pkg(foreign, signature.toString('base64')));
    expect([f.status, f.body?.code]).toEqual([403, 'REPORT_PEER_NOT_REPORTING_AGENCY']);
    // Still the two genuine reports, unchanged.
    const list = (await hubList()).json();
    expect(list.total).toBe(2);
    expect(list.items.every((i: { status: string }) => i.status === 'submitted')).toBe(true);
  });

  it('who may see and decide at the hub: no login, wrong role, wrong agency', async () => {
    const id = received['H26.X001'];
    expect((await hub.call('GET', `/api/received-reports/${id}`)).statusCode).toBe(401);
    const citizen = await hub.citizen();
    expect((await hub.call('GET', '/api/received-reports', { token: citizen.token })).statusCode).toBe(403);
    const otherAgency = await hub.staff({ roles: ['specialist'], agencyCode: 'G09' });
    expect((await hub.call('GET', `/api/received-reports/${id}`, { token: otherAgency.token })).statusCode).toBe(404);
    expect((await hubList(otherAgency.token)).json().total).toBe(0);
    const act = (token: string, body: unknown, key?: string) =>
      hub.call('POST', `/api/received-reports/${id}/actions`, {
        token,
        body,
        headers: key ? { 'idempotency-key': key } : undefined,
      });
    expect((await act(otherAgency.token, { action: 'accept' })).statusCode).toBe(404);
    const clerk = await hub.staff({ roles: ['clerk'], agencyCode: 'G22' });
    const byClerk = await act(clerk.token, { action: 'accept' });
    expect([byClerk.statusCode, byClerk.json().code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const noComment = await act(hubOfficer.token, { action: 'return' });
    expect(noComment.statusCode).toBe(422);
  });

  it('the hub accepts one and returns the other with a comment; the node’s obligations show it, once', async () => {
    const act = (id: string, body: unknown, key?: string) =>
      hub.call('POST', `/api/received-reports/${id}/actions`, {
        token: hubOfficer.token,
        body,
        headers: key ? { 'idempotency-key': key } : undefined,
      });
    const a1 = await act(received['H26.X001']!, { action: 'accept' }, `acc-${kind}`);
    expect(a1.statusCode, a1.body).toBe(200);
    const a2 = await act(received['H26.X001']!, { action: 'accept' }, `acc-${kind}`);
    expect([a2.statusCode, a2.json().status]).toEqual([200, 'accepted']);
    expect((await act(received['H26.X001']!, { action: 'accept' })).statusCode).toBe(409);
    const comment = 'Số hồ sơ trực tuyến chưa khớp với Cổng dịch vụ công; đề nghị rà soát lại.';
    const r = await act(received['H26.X002']!, { action: 'return', comment });
    expect([r.statusCode, r.json().status, r.json().returnComment]).toEqual([200, 'returned', comment]);

    // The decisions travel back by jobs (the retried idempotent accept enqueued one).
    await hub.deps.jobs.runOnce();
    const sent = (
      (await hub.deps.db.execute(
        `select status from platform.jobs where name = '${DELIVER_STATUS_JOB}'`,
      )) as unknown as { rows: { status: string }[] }
    ).rows;
    expect(sent.map((j) => j.status)).toEqual(['done', 'done']);
    const x1 = (await nodeGet(ids['H26.X001']!)).json();
    expect(x1).toMatchObject({ status: 'accepted', returnComment: null });
    expect(x1.signature).not.toBeNull();
    const x2 = (await nodeGet(ids['H26.X002']!, x2Leader.token)).json();
    expect(x2).toMatchObject({ status: 'returned', returnComment: comment, signature: null });
    const x2Return = x2.events.find((e: { action: string }) => e.action === 'returned');
    expect(x2Return).toMatchObject({ comment });
    expect(x2Return.actorName).toContain(hubOfficer.username);

    // A status delivered again changes nothing.
    await enqueueJob(hub.deps.db, DELIVER_STATUS_JOB, { id: received['H26.X002'] });
    await hub.deps.jobs.runOnce();
    const again = (await nodeGet(ids['H26.X002']!, x2Leader.token)).json();
    expect(again.events.filter((e: { action: string }) => e.action === 'returned')).toHaveLength(1);
    expect(again.version).toBe(x2.version);

    // Corrected, signed again and sent again: the hub's returned row takes the new submission.
    const saved = await node.call('PUT', `/api/report-obligations/${ids['H26.X002']}`, {
      token: x2Leader.token,
      body: { values: { C02: 12 } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const signed = await node.call('POST', `/api/report-obligations/${ids['H26.X002']}/signature`, {
      token: x2Leader.token,
      body: { certificateId: x2Leader.certificateId, otp: x2Leader.otp(), version: saved.json().version },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const resent = await node.call('POST', `/api/report-obligations/${ids['H26.X002']}/actions`, {
      token: x2Leader.token,
      body: { action: 'submit' },
    });
    expect(resent.statusCode, resent.body).toBe(200);
    await node.deps.jobs.runOnce();
    const list = (await hubList()).json();
    expect(list.total).toBe(2);
    const back = await hub.call('GET', `/api/received-reports/${received['H26.X002']}`, { token: hubOfficer.token });
    expect(back.json()).toMatchObject({ status: 'submitted', returnComment: null });
    expect(back.json().indicators.find((i: { code: string }) => i.code === 'C02').value).toBe(12);
  });

  it('an accepted report from the node counts in the hub’s aggregate of a regime of the same code', async () => {
    const g22Admin = await hub.staff({ roles: ['agency_admin'], agencyCode: 'G22' });
    const r = await hub.call('POST', '/api/report-regimes', { token: g22Admin.token, body: COMMUNE_REGIME_TO_G22 });
    expect(r.statusCode, r.body).toBe(201);
    const agg = await hub.call('GET', '/api/reports/aggregate?regime=BC-LT&period=2026-M12', {
      token: hubOfficer.token,
    });
    expect(agg.statusCode, agg.body).toBe(200);
    // H26.X001 accepted (120 / 90); H26.X002 sent again, not yet accepted: not in the sums.
    expect(agg.json()).toMatchObject({ agencies: ['H26.X001'], values: { C01: 120, C02: 90, C03: 75 } });
    expect(agg.json().reports.accepted).toBe(1);
    expect(agg.json().reports.expected).toBeGreaterThan(2);
  });
});
