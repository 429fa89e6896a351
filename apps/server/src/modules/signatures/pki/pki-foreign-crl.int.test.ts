import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../../test/harness.js';
import { systemActor } from '../../../platform/http/auth.js';

const DAY = 24 * 3600 * 1000;
const der = (pemText: string) =>
  new Uint8Array(Buffer.from(pemText.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64'));

/**
 * A foreign hierarchy made by OpenSSL (a "NEAC" root, a "VNPT-CA" issuing CA, a subscriber), its
 * CRL served over real HTTP: the trust context answers revocation for it from that CRL.
 */
describe('trust context: revocation of foreign certificates from their CRL', () => {
  let p: TestPlatform;
  let server: Server;
  let dir: string;
  let requests = 0;
  const o = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }).toString();
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const gencrl = (days = 7) => {
    o(
      'ca',
      '-config',
      'ca.cnf',
      '-gencrl',
      '-crldays',
      String(days),
      '-keyfile',
      'sub.key',
      '-cert',
      'sub.pem',
      '-out',
      'sub.crl.pem',
    );
    o('crl', '-in', 'sub.crl.pem', '-outform', 'DER', '-out', 'sub.crl');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'egov-foreign-'));
    server = createServer((req, res) => {
      requests++;
      if (req.url !== '/vnpt.crl') return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(readFileSync(join(dir, 'sub.crl')));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    o(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'root.key',
      '-subj',
      '/C=VN/O=NEAC thử nghiệm/CN=Root CA thử nghiệm',
      '-utf8',
      '-days',
      '3650',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-out',
      'root.pem',
    );
    writeFileSync(
      join(dir, 'sub.ext'),
      'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n',
    );
    o(
      'req',
      '-new',
      ...ec,
      '-keyout',
      'sub.key',
      '-subj',
      '/C=VN/O=VNPT/CN=VNPT-CA thử nghiệm',
      '-utf8',
      '-out',
      'sub.csr',
    );
    o(
      'x509',
      '-req',
      '-in',
      'sub.csr',
      '-CA',
      'root.pem',
      '-CAkey',
      'root.key',
      '-CAcreateserial',
      '-days',
      '1825',
      '-extfile',
      'sub.ext',
      '-out',
      'sub.pem',
    );
    writeFileSync(
      join(dir, 'leaf.ext'),
      `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\ncrlDistributionPoints=URI:http://127.0.0.1:${port}/vnpt.crl\n`,
    );
    writeFileSync(
      join(dir, 'dead.ext'),
      `basicConstraints=CA:FALSE\ncrlDistributionPoints=URI:http://127.0.0.1:${port}/nothing-here.crl\n`,
    );
    for (const name of ['leaf', 'dead']) {
      o(
        'req',
        '-new',
        ...ec,
        '-keyout',
        `${name}.key`,
        '-subj',
        `/C=VN/CN=Công ty ${name}`,
        '-utf8',
        '-out',
        `${name}.csr`,
      );
      o(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'sub.pem',
        '-CAkey',
        'sub.key',
        '-CAcreateserial',
        '-days',
        '365',
        '-extfile',
        `${name}.ext`,
        '-out',
        `${name}.pem`,
      );
    }
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'crlnumber'), '01\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      '[ca]\ndefault_ca=CA_default\n[CA_default]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=7\n',
    );
    gencrl();
    p = await createTestPlatform('pglite');
  });
  afterAll(async () => {
    await p?.close();
    server?.close();
  });

  it('does not fetch anything for an issuer outside the trust list', async () => {
    const r = await p.signatures.trustContext().revocation(der(read('leaf.pem')), der(read('sub.pem')));
    expect(r).toEqual({ status: 'unknown', source: 'none' });
    expect(requests).toBe(0);
  });

  it('answers from the CRL once the root is on the trust list: good, then (after nextUpdate) revoked', async () => {
    await p.signatures.importTrustAnchor(systemActor, { certificate: read('root.pem'), category: 'public' });
    const tc = p.signatures.trustContext();
    const good = await tc.revocation(der(read('leaf.pem')), der(read('sub.pem')));
    expect(good).toMatchObject({ status: 'good', source: 'crl' });
    expect(good.producedAt).toBeInstanceOf(Date);
    expect(requests).toBe(1);

    o(
      'ca',
      '-config',
      'ca.cnf',
      '-revoke',
      'leaf.pem',
      '-keyfile',
      'sub.key',
      '-cert',
      'sub.pem',
      '-crl_reason',
      'keyCompromise',
    );
    gencrl(30);
    // The downloaded CRL is used until its nextUpdate, then fetched again.
    expect(await tc.revocation(der(read('leaf.pem')), der(read('sub.pem')))).toMatchObject({ status: 'good' });
    expect(requests).toBe(1);
    p.clock.advance(8 * DAY);
    try {
      const revoked = await tc.revocation(der(read('leaf.pem')), der(read('sub.pem')));
      expect(revoked).toMatchObject({ status: 'revoked', source: 'crl', reason: 'keyCompromise' });
      expect(revoked.revokedAt).toBeInstanceOf(Date);
      expect(requests).toBe(2);
    } finally {
      p.clock.advance(-8 * DAY);
    }
  });

  it('says unknown/none when the CRL cannot be had, or is not signed by the issuer', async () => {
    const tc = p.signatures.trustContext();
    expect(await tc.revocation(der(read('dead.pem')), der(read('sub.pem')))).toEqual({
      status: 'unknown',
      source: 'none',
    });
    // A certificate presented with the wrong issuer (the root did not sign the leaf): nothing is fetched.
    const before = requests;
    expect(await tc.revocation(der(read('leaf.pem')), der(read('root.pem')))).toEqual({
      status: 'unknown',
      source: 'none',
    });
    expect(requests).toBe(before);
  });
});
