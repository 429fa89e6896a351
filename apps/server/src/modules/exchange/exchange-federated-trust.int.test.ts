import { generateKeyPairSync } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../test/harness.js';
import { systemActor } from '../../platform/http/auth.js';
import { registerNode } from './use-cases/registration.js';

const b64 = (k: ReturnType<typeof generateKeyPairSync>) => ({
  priv: k.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  pub: k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
});

async function samplePdf() {
  const d = await PDFDocument.create();
  d.addPage([595, 842]).drawText('Cong van so 12/SNV', { x: 72, y: 760 });
  return Buffer.from(await d.save({ useObjectStreams: false }));
}

/*
 * Two deployments in one test: a hub and a node with its own PKI (own root CA, own CRL served on
 * loopback). A PDF and an XML sealed at the node validate at the hub once the node is federated,
 * with the anchor's category `federation` in the report; before, the hub found no chain.
 */
describe.each(DB_KINDS)('signatures from another deployment (%s)', (kind) => {
  let hub: TestPlatform;
  let node: TestPlatform;
  const hubKey = b64(generateKeyPairSync('ed25519'));
  const nodeKey = b64(generateKeyPairSync('ed25519'));

  beforeAll(async () => {
    hub = await createTestPlatform(kind, {
      env: { EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub', EXCHANGE_NODE_KEY: hubKey.priv },
    });
    const hubPort = await freePort();
    await hub.app.listen({ port: hubPort, host: '127.0.0.1' });
    const nodePort = await freePort();
    node = await createTestPlatform(kind, {
      fresh: true,
      env: {
        PUBLIC_URL: `http://127.0.0.1:${nodePort}`,
        EXCHANGE_ROLE: 'node',
        EXCHANGE_NODE_ID: 'so-noi-vu',
        EXCHANGE_NODE_KEY: nodeKey.priv,
        EXCHANGE_HUB_KEY: hubKey.pub,
        EXCHANGE_HUB_URL: `http://127.0.0.1:${hubPort}`,
        EXCHANGE_AGENCIES: 'H26',
      },
    });
    await node.app.listen({ port: nodePort, host: '127.0.0.1' });
    await node.seal('H26');
  }, 300_000);
  afterAll(async () => {
    await node?.close();
    await hub?.close();
  });

  it('a PDF and an XML sealed at the node validate at the hub once the node is federated', async () => {
    const pdf = await node.signing.sealPdf('H26', await samplePdf());
    const xml = await node.signing.sealXml(
      'H26',
      '<?xml version="1.0" encoding="UTF-8"?><VanBan><TrichYeu>Về việc thử liên thông</TrichYeu></VanBan>',
    );
    // At the node itself: its own root, category government.
    const atHome = await node.signing.validateBytes(pdf);
    expect(atHome.indication, JSON.stringify(atHome.signatures[0]?.messages)).toBe('TOTAL_PASSED');
    expect(atHome.signatures[0]!.trustAnchor?.category).toBe('government');

    // At the hub before federation: no chain (the defect as reported).
    const before = await hub.signing.validateBytes(pdf);
    expect([before.indication, before.subIndication]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);

    // The hub operator registers the node; the node registers with its root CA.
    await registerNode(
      hub.exchange.context,
      { ...systemActor, actorName: 'test' },
      {
        id: 'so-noi-vu',
        name: 'Sở Nội vụ',
        baseUrl: `http://127.0.0.1:9`,
        publicKey: nodeKey.pub,
        agencies: ['H26'],
      },
    );
    await node.exchange.worker.sync();

    const pdfAtHub = await hub.signing.validateBytes(pdf);
    expect(pdfAtHub.indication, JSON.stringify(pdfAtHub.signatures[0]?.messages)).toBe('TOTAL_PASSED');
    expect(pdfAtHub.signatures[0]!.trustAnchor).toMatchObject({ category: 'federation' });
    expect(pdfAtHub.signatures[0]!.revocation).toMatchObject({ status: 'good', source: 'crl' });
    const xmlAtHub = await hub.signing.validateBytes(Buffer.from(xml));
    expect(xmlAtHub.indication, JSON.stringify(xmlAtHub.signatures[0]?.messages)).toBe('TOTAL_PASSED');
    expect(xmlAtHub.signatures[0]!.trustAnchor?.category).toBe('federation');

    // The other way: the hub's root came back in the registration answer; a hub seal finds its chain at the node.
    await hub.seal('G09');
    const hubPdf = await hub.signing.sealPdf('G09', await samplePdf());
    const atNode = await node.signing.validateBytes(hubPdf);
    expect(atNode.subIndication).not.toBe('NO_CERTIFICATE_CHAIN_FOUND');
    expect(atNode.signatures[0]!.trustAnchor?.category).toBe('federation');
  });
});
