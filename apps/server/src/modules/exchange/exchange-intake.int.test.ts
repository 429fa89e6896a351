import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { systemActor } from '../../platform/http/auth.js';
import { newId } from '../../platform/ids/index.js';
import { buildDocumentPackage } from './edxml/build.js';
import { signPackage } from './edxml/dsig.js';
import { samplePackage } from './edxml/test-data.js';
import { createSealCa, issueSeal, signingKeyOf } from './edxml/test-seal-pki.js';
import { exchangeRepository } from './exchange.repository.js';
import { PACKAGES_PATH, REGISTRATION_PATH } from './transport/client.js';
import { signRequest } from './transport/http-signature.js';
import { registerNode, updateNode } from './use-cases/registration.js';

/*
 * The hub's intake over signed HTTP from a registered node (node-x, serving H26 with its own seal
 * CA): what is stored, routed and logged for a package, a retry of it, a tampered one, and a
 * request from the node once the operator deactivated it.
 */
describe.each(DB_KINDS)('hub intake from a node (%s)', (kind) => {
  let p: TestPlatform;
  const sender = generateKeyPairSync('ed25519');
  let sealed: Buffer;
  const admin = { ...systemActor, actorName: 'test' };

  const post = (path: string, body: Buffer, type: string, headers: Record<string, string>) =>
    p.call('POST', path, {
      body,
      headers: {
        'content-type': type,
        ...headers,
        ...signRequest({ method: 'POST', path, headers, body }, 'node-x', sender.privateKey, p.clock.now()),
      },
    });
  const send = (body: Buffer, packageId: string) =>
    post(PACKAGES_PATH, body, 'application/xml', {
      'exchange-package-id': packageId,
      'exchange-recipient': 'G09',
      'exchange-kind': 'document',
    });
  const logOf = async (packageId: string) =>
    (
      await p.call('GET', `/api/exchange/log?packageId=${packageId}`, {
        token: (await p.staff({ roles: ['admin'] })).token,
      })
    ).json().items;

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    await p.exchange.worker.sync();
    const ca = await createSealCa('CA nút H26');
    const seal = await signingKeyOf(await issueSeal(ca, { code: 'H26', name: 'UBND thành phố Hà Nội' }), ca.certDer);
    await registerNode(p.exchange.context, admin, {
      id: 'node-x',
      name: 'Nút Hà Nội',
      baseUrl: 'http://127.0.0.1:9',
      publicKey: sender.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      agencies: ['H26'],
    });
    const reg = await post(
      REGISTRATION_PATH,
      Buffer.from(
        JSON.stringify({
          agencies: [{ code: 'H26', legacyCode: '000.00.00.H26', name: 'UBND thành phố Hà Nội' }],
          caCertificates: [Buffer.from(ca.certDer).toString('base64')],
        }),
      ),
      'application/json',
      {},
    );
    expect(reg.statusCode, reg.body).toBe(200);
    sealed = Buffer.from(
      await signPackage(
        buildDocumentPackage(
          samplePackage(
            {
              from: { organId: 'H26', organName: 'UBND thành phố Hà Nội' },
              to: [{ organId: 'G09', organName: 'Bộ Nội vụ' }],
            },
            100 * 1024,
          ),
        ),
        seal,
      ),
    );
  });
  afterAll(() => p?.close());

  it('stores a sealed package under its SHA-256, routes it once and logs it with that hash; a retry is a duplicate', async () => {
    const id = newId('pkg');
    const sha256 = createHash('sha256').update(sealed).digest('hex');
    const r = await send(sealed, id);
    expect([r.statusCode, r.json()]).toEqual([202, { outcome: 'accepted', packageId: id }]);
    expect(await p.deps.files.read(sha256)).toEqual(sealed);
    const deliveries = (await exchangeRepository.deliveries(p.deps.db, { page: 1, pageSize: 200 })).items.filter(
      (d) => d.packageId === id,
    );
    expect(deliveries).toMatchObject([{ target: 'local', recipient: 'G09', sha256, state: 'pending' }]);
    expect(await logOf(id)).toMatchObject([
      { event: 'routed', sender: 'H26', nodeId: 'node-x', sha256, size: sealed.length, reason: 'to local' },
    ]);

    const again = await send(sealed, id);
    expect([again.statusCode, again.json()]).toEqual([200, { outcome: 'duplicate', packageId: id }]);
    expect((await logOf(id)).map((l: { event: string }) => l.event).sort()).toEqual(['duplicate', 'routed']);
    expect(
      (await exchangeRepository.deliveries(p.deps.db, { page: 1, pageSize: 200 })).items.filter(
        (d) => d.packageId === id,
      ),
    ).toHaveLength(1);
  });

  it('refuses a package changed after sealing with 02 and the reason, and logs the refusal with its hash', async () => {
    const id = newId('pkg');
    const tampered = Buffer.from(sealed.toString('utf8').replace('<edXML:CodeNumber>15<', '<edXML:CodeNumber>16<'));
    expect(tampered.equals(sealed)).toBe(false);
    const r = await send(tampered, id);
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'SIGNATURE_INVALID', params: { statusCode: '02', packageId: id } });
    expect(r.json().detail).toMatch(/^HASH_FAILURE: The package was changed after it was sealed/);
    expect(await logOf(id)).toMatchObject([
      {
        event: 'rejected',
        nodeId: 'node-x',
        sha256: createHash('sha256').update(tampered).digest('hex'),
        reason: expect.stringContaining('HASH_FAILURE'),
      },
    ]);
  });

  it('a node the operator deactivates is refused at its next request, and accepted again once reactivated', async () => {
    await updateNode(p.exchange.context, admin, 'node-x', { active: false });
    const off = await send(sealed, newId('pkg'));
    expect([off.statusCode, off.json().code]).toEqual([401, 'SIGNATURE_UNKNOWN_KEY']);
    await updateNode(p.exchange.context, admin, 'node-x', { active: true });
    expect((await send(sealed, newId('pkg'))).statusCode).toBe(202);
  });

  const audit = async (action: string) =>
    (
      await p.call('GET', `/api/audit/events?action=${action}&pageSize=20`, {
        token: (await p.staff({ roles: ['admin'] })).token,
      })
    ).json().items as { actorName: string; subjectId: string; after: Record<string, unknown> }[];

  it('pinned trust: a node re-registering with another seal CA keeps the pinned one, and the attempt is audited', async () => {
    // The first registration (beforeAll, operator gave no CA) pinned the node's CA, audited.
    expect(await audit('exchange.node.ca_registered')).toMatchObject([
      { actorName: 'node:node-x', subjectId: 'node-x' },
    ]);
    const before = (await exchangeRepository.node(p.deps.db, 'node-x'))!.caCertificates;
    const intruder = await createSealCa('CA của kẻ giữ khóa yêu cầu');
    const reg = await post(
      REGISTRATION_PATH,
      Buffer.from(
        JSON.stringify({
          agencies: [{ code: 'H26', legacyCode: '000.00.00.H26', name: 'UBND thành phố Hà Nội' }],
          caCertificates: [Buffer.from(intruder.certDer).toString('base64')],
        }),
      ),
      'application/json',
      {},
    );
    expect(reg.statusCode, reg.body).toBe(200);
    expect(reg.json().refused).toContainEqual({ code: 'caCertificates', reason: 'CA_PINNED_BY_OPERATOR' });
    expect((await exchangeRepository.node(p.deps.db, 'node-x'))!.caCertificates).toEqual(before);
    const refusedChange = await audit('exchange.node.ca_change_refused');
    expect(refusedChange).toHaveLength(1);
    expect(refusedChange[0]).toMatchObject({ actorName: 'node:node-x', subjectId: 'node-x' });
    // The operator changes it: audited with both fingerprints.
    await updateNode(p.exchange.context, admin, 'node-x', {
      caCertificates: [Buffer.from(intruder.certDer).toString('base64')],
    });
    const changes = await audit('exchange.node.updated');
    expect(changes[0]!.after).toMatchObject({ caSha256: [expect.stringMatching(/^[0-9a-f]{64}$/)] });
    await updateNode(p.exchange.context, admin, 'node-x', { caCertificates: before });
  });

  it('refusals are security events: logged and audited with the key id and the reason', async () => {
    const stranger = generateKeyPairSync('ed25519');
    const body = Buffer.from('<x/>');
    const headers = { 'exchange-package-id': newId('pkg'), 'exchange-recipient': 'G09', 'exchange-kind': 'document' };
    const r = await p.call('POST', PACKAGES_PATH, {
      body,
      headers: {
        'content-type': 'application/xml',
        ...headers,
        ...signRequest(
          { method: 'POST', path: PACKAGES_PATH, headers, body },
          'node-ghost',
          stranger.privateKey,
          p.clock.now(),
        ),
      },
    });
    expect([r.statusCode, r.json().code]).toEqual([401, 'SIGNATURE_UNKNOWN_KEY']);
    // A forged signature under node-x's id.
    const forged = await p.call('POST', PACKAGES_PATH, {
      body,
      headers: {
        'content-type': 'application/xml',
        ...headers,
        ...signRequest(
          { method: 'POST', path: PACKAGES_PATH, headers, body },
          'node-x',
          stranger.privateKey,
          p.clock.now(),
        ),
      },
    });
    expect([forged.statusCode, forged.json().code]).toEqual([401, 'SIGNATURE_INVALID']);
    await updateNode(p.exchange.context, admin, 'node-x', { active: false });
    expect((await send(sealed, newId('pkg'))).statusCode).toBe(401);
    await updateNode(p.exchange.context, admin, 'node-x', { active: true });
    const events = await audit('exchange.request.refused');
    const reasons = events.map((e) => [e.subjectId, e.after.reason]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['node-ghost', 'SIGNATURE_UNKNOWN_KEY'],
        ['node-x', 'SIGNATURE_INVALID'],
        ['node-x', 'NODE_INACTIVE'],
      ]),
    );
  });

  it('authenticates before reading the body: an unknown key is refused without the body being parsed', async () => {
    const stranger = generateKeyPairSync('ed25519');
    const headers = { 'exchange-package-id': newId('pkg'), 'exchange-recipient': 'G09', 'exchange-kind': 'document' };
    const small = Buffer.from('<x/>');
    const sig = signRequest(
      { method: 'POST', path: PACKAGES_PATH, headers, body: small },
      'node-ghost',
      stranger.privateKey,
      p.clock.now(),
    );
    // A body that is not even the one signed, of a type no parser takes: before, the body came first
    // (415, or 413 past the limit, for anyone); now the key is refused from the headers alone.
    const r = await p.call('POST', PACKAGES_PATH, {
      body: Buffer.alloc(3 * 1024 * 1024, 0x3c),
      headers: { 'content-type': 'application/octet-stream', ...headers, ...sig },
    });
    expect([r.statusCode, r.json().code]).toEqual([401, 'SIGNATURE_UNKNOWN_KEY']);
    // A registered node whose body does not match its signed Content-Digest is refused after the read.
    const mine = signRequest(
      { method: 'POST', path: PACKAGES_PATH, headers, body: small },
      'node-x',
      sender.privateKey,
      p.clock.now(),
    );
    const other = await p.call('POST', PACKAGES_PATH, {
      body: Buffer.from('<y/>'),
      headers: { 'content-type': 'application/xml', ...headers, ...mine },
    });
    expect([other.statusCode, other.json().code]).toEqual([401, 'CONTENT_DIGEST_MISMATCH']);
  });
});
