import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../../test/harness.js';

type User = Awaited<ReturnType<TestPlatform['staff']>>;

/** A self-signed CA (a "public CA" root) and a leaf certificate, made by OpenSSL. */
function opensslCa(cn: string) {
  const dir = mkdtempSync(join(tmpdir(), 'egov-ca-'));
  const o = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  o(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-subj',
    `/C=VN/O=Thử nghiệm/CN=${cn}`,
    '-utf8',
    '-days',
    '365',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    'ca.pem',
  );
  writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=critical,CA:FALSE\n');
  writeFileSync(join(dir, 'sub.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  for (const [name, ext] of [
    ['leaf', 'leaf.ext'],
    ['sub', 'sub.ext'],
  ]) {
    o(
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-subj',
      `/CN=${name}`,
      '-out',
      `${name}.csr`,
    );
    o(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '30',
      '-extfile',
      ext!,
      '-out',
      `${name}.pem`,
    );
  }
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { ca: read('ca.pem'), notCa: read('leaf.pem'), intermediate: read('sub.pem') };
}

describe.each(DB_KINDS)('PKI API: access, validation, idempotency (%s)', (kind) => {
  let p: TestPlatform;
  let admin: User;
  let hnAdmin: User;
  let hnLeader: User;
  let hnSpecialist: User;
  let qnAdmin: User;
  let citizen: { token: string };
  let leaderCert: { id: string; serial: string };

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = await p.staff({ roles: ['admin'] });
    hnAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    hnLeader = await p.staff({ roles: ['leader'], agencyCode: 'H26.S02' });
    hnSpecialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    qnAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H41' });
    citizen = await p.citizen();
    const r = await p.call('POST', '/api/pki/certificates', {
      token: hnAdmin.token,
      body: { profile: 'person', userId: hnLeader.id },
    });
    expect(r.statusCode, r.body).toBe(201);
    leaderCert = r.json();
  });
  afterAll(() => p?.close());

  it('needs a login on every /api/pki endpoint', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/pki/cas'],
      ['POST', '/api/pki/certificates', { profile: 'seal', agencyCode: 'H26' }],
      ['GET', '/api/pki/certificates'],
      ['GET', `/api/pki/certificates/${leaderCert.id}`],
      ['POST', `/api/pki/certificates/${leaderCert.id}/revoke`, { reason: 'superseded' }],
      ['GET', '/api/pki/trust-anchors'],
      ['POST', '/api/pki/trust-anchors', { certificate: 'x', category: 'public' }],
      ['DELETE', '/api/pki/trust-anchors/tan_x'],
    ];
    for (const [method, url, body] of calls) {
      const r = await p.call(method as 'GET', url, { body });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('refuses the wrong role: citizens everywhere, non-admin staff for issue, revoke and the trust list', async () => {
    for (const [method, url] of [
      ['GET', '/api/pki/cas'],
      ['GET', '/api/pki/certificates'],
      ['GET', `/api/pki/certificates/${leaderCert.id}`],
      ['GET', '/api/pki/trust-anchors'],
    ]) {
      expect((await p.call(method as 'GET', url!, { token: citizen.token })).statusCode, url).toBe(403);
    }
    const issue = await p.call('POST', '/api/pki/certificates', {
      token: hnSpecialist.token,
      body: { profile: 'person', userId: hnSpecialist.id },
    });
    expect(issue.statusCode).toBe(403);
    expect(issue.json().code).toBe('FORBIDDEN_ROLE');
    expect(
      (
        await p.call('POST', `/api/pki/certificates/${leaderCert.id}/revoke`, {
          token: hnLeader.token,
          body: { reason: 'keyCompromise' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await p.call('POST', '/api/pki/trust-anchors', {
          token: hnAdmin.token,
          body: { certificate: opensslCa('X').ca, category: 'public' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await p.call('DELETE', '/api/pki/trust-anchors/tan_x', { token: hnAdmin.token })).statusCode).toBe(403);
  });

  it('keeps agency admins to their agency (and the units below it)', async () => {
    const seal = await p.call('POST', '/api/pki/certificates', {
      token: qnAdmin.token,
      body: { profile: 'seal', agencyCode: 'H26' },
    });
    expect(seal.statusCode).toBe(403);
    expect(seal.json().code).toBe('FORBIDDEN_AGENCY');
    const person = await p.call('POST', '/api/pki/certificates', {
      token: qnAdmin.token,
      body: { profile: 'person', userId: hnLeader.id },
    });
    expect(person.json().code).toBe('FORBIDDEN_AGENCY');
    expect((await p.call('GET', `/api/pki/certificates/${leaderCert.id}`, { token: qnAdmin.token })).statusCode).toBe(
      403,
    );
    const revoke = await p.call('POST', `/api/pki/certificates/${leaderCert.id}/revoke`, {
      token: qnAdmin.token,
      body: { reason: 'keyCompromise' },
    });
    expect(revoke.statusCode).toBe(403);
    const theirs = await p.call('GET', '/api/pki/certificates', { token: qnAdmin.token });
    expect(theirs.json().items.map((c: { id: string }) => c.id)).not.toContain(leaderCert.id);
    // H26.S02 is below H26: the Hà Nội admin sees and manages it.
    const ours = await p.call('GET', '/api/pki/certificates?owner=' + hnLeader.id, { token: hnAdmin.token });
    expect(ours.json().items.map((c: { id: string }) => c.id)).toEqual([leaderCert.id]);
    expect((await p.call('GET', `/api/pki/certificates/${leaderCert.id}`, { token: hnAdmin.token })).statusCode).toBe(
      200,
    );
  });

  it("shows a civil servant his own certificates and nobody else's", async () => {
    const mine = await p.call('GET', '/api/pki/certificates', { token: hnLeader.token });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      total: 1,
      items: [{ id: leaderCert.id, ownerUserId: hnLeader.id, status: 'active', keyHeld: true }],
    });
    expect(mine.json().items[0].pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect((await p.call('GET', `/api/pki/certificates/${leaderCert.id}`, { token: hnLeader.token })).statusCode).toBe(
      200,
    );
    expect(
      (await p.call('GET', `/api/pki/certificates/${leaderCert.id}`, { token: hnSpecialist.token })).statusCode,
    ).toBe(403);
    const other = await p.call('GET', `/api/pki/certificates?owner=${hnLeader.id}`, { token: hnSpecialist.token });
    expect(other.statusCode).toBe(403);
    expect((await p.call('GET', '/api/pki/certificates', { token: hnSpecialist.token })).json().total).toBe(0);
    expect((await p.call('GET', '/api/pki/certificates/crt_nope', { token: admin.token })).statusCode).toBe(404);
  });

  it('422 naming the field for bad input', async () => {
    const cases: [unknown, string][] = [
      [{ profile: 'robot', userId: hnLeader.id }, 'profile'],
      [{ profile: 'person' }, 'userId'],
      [{ profile: 'seal' }, 'agencyCode'],
      [{ profile: 'seal', agencyCode: 'Z99' }, 'agencyCode'],
      [{ profile: 'person', userId: hnLeader.id, keyAlgorithm: 'DSA' }, 'keyAlgorithm'],
    ];
    for (const [body, path] of cases) {
      const r = await p.call('POST', '/api/pki/certificates', { token: admin.token, body });
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const citizenCert = await p.call('POST', '/api/pki/certificates', {
      token: admin.token,
      body: { profile: 'person', userId: (await p.citizen()).id },
    });
    // A citizen keeps his key (ADR 0015 addendum): only from his CSR.
    expect(citizenCert.json().errors[0]).toMatchObject({ path: 'csr', code: 'CSR_REQUIRED_FOR_CITIZEN' });
    const reason = await p.call('POST', `/api/pki/certificates/${leaderCert.id}/revoke`, {
      token: admin.token,
      body: { reason: 'bored' },
    });
    expect(reason.statusCode).toBe(422);
    expect(reason.json().errors[0].path).toBe('reason');
  });

  it('a double click with the same Idempotency-Key issues one certificate', async () => {
    const u = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    const key = crypto.randomUUID();
    const send = () =>
      p.call('POST', '/api/pki/certificates', {
        token: hnAdmin.token,
        headers: { 'idempotency-key': key },
        body: { profile: 'person', userId: u.id },
      });
    const [a, b] = await Promise.all([send(), send()]);
    const ok = [a, b].filter((r) => r.statusCode === 201);
    // Either both answer with the same certificate, or the second is told the first is still running.
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of [a, b]) if (r.statusCode !== 201) expect(r.json().code, r.body).toBe('IDEMPOTENCY_IN_PROGRESS');
    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(ok[0]!.json().id);
    const list = await p.call('GET', `/api/pki/certificates?owner=${u.id}`, { token: admin.token });
    expect(list.json().total).toBe(1);
  });

  it('revoking twice answers 409 CERTIFICATE_ALREADY_REVOKED and keeps the first reason', async () => {
    const u = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    const c = (
      await p.call('POST', '/api/pki/certificates', { token: admin.token, body: { profile: 'person', userId: u.id } })
    ).json();
    const first = await p.call('POST', `/api/pki/certificates/${c.id}/revoke`, {
      token: hnAdmin.token,
      body: { reason: 'affiliationChanged' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'revoked', revocationReason: 'affiliationChanged' });
    const second = await p.call('POST', `/api/pki/certificates/${c.id}/revoke`, {
      token: hnAdmin.token,
      body: { reason: 'keyCompromise' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('CERTIFICATE_ALREADY_REVOKED');
    expect((await p.call('GET', `/api/pki/certificates/${c.id}`, { token: admin.token })).json().revocationReason).toBe(
      'affiliationChanged',
    );
  });

  it('lists our CAs with their public links', async () => {
    const r = await p.call('GET', '/api/pki/cas', { token: hnSpecialist.token });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { id: string; profile: string; certificateUrl: string; crlUrl: string }[];
    expect(items.map((c) => c.profile).sort()).toEqual(['issuing', 'root']);
    for (const c of items) {
      expect(c.certificateUrl).toBe(`http://localhost:3000/pki/${c.id}.crt`);
      expect((await p.call('GET', `/pki/${c.id}.crt`)).statusCode).toBe(200);
      expect((await p.call('GET', `/pki/${c.id}.crl`)).headers['content-type']).toBe('application/pkix-crl');
    }
    expect((await p.call('GET', '/pki/root.crt')).statusCode).toBe(200);
    expect((await p.call('GET', '/pki/ca_nope.crt')).statusCode).toBe(404);
    expect((await p.call('GET', '/pki/evil..crt')).statusCode).toBe(404);
  });

  it('trust list: an admin imports a public root, refuses duplicates, non-CAs and garbage, removes it; our root stays', async () => {
    const { ca, notCa, intermediate } = opensslCa('VNPT-CA thử nghiệm');
    const imported = await p.call('POST', '/api/pki/trust-anchors', {
      token: admin.token,
      body: { certificate: ca, category: 'public' },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({
      category: 'public',
      own: false,
      subject: expect.stringContaining('CN=VNPT-CA thử nghiệm'),
    });
    const dup = await p.call('POST', '/api/pki/trust-anchors', {
      token: admin.token,
      body: { certificate: ca, category: 'government' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('TRUST_ANCHOR_EXISTS');
    // DER in base64 is accepted too (same certificate, so a duplicate).
    const der = Buffer.from(ca.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64').toString('base64');
    expect(
      (
        await p.call('POST', '/api/pki/trust-anchors', {
          token: admin.token,
          body: { certificate: der, category: 'public' },
        })
      ).json().code,
    ).toBe('TRUST_ANCHOR_EXISTS');
    const leaf = await p.call('POST', '/api/pki/trust-anchors', {
      token: admin.token,
      body: { certificate: notCa, category: 'public' },
    });
    expect(leaf.statusCode).toBe(422);
    expect(leaf.json().errors[0]).toMatchObject({ path: 'certificate', code: 'NOT_A_CA' });
    const sub = await p.call('POST', '/api/pki/trust-anchors', {
      token: admin.token,
      body: { certificate: intermediate, category: 'public' },
    });
    expect(sub.json().errors[0]).toMatchObject({ path: 'certificate', code: 'NOT_A_ROOT' });
    const garbage = await p.call('POST', '/api/pki/trust-anchors', {
      token: admin.token,
      body: { certificate: 'not a certificate!', category: 'public' },
    });
    expect(garbage.json().errors[0]).toMatchObject({ path: 'certificate', code: 'INVALID_CERTIFICATE' });

    const list = (await p.call('GET', '/api/pki/trust-anchors', { token: hnSpecialist.token })).json().items as {
      id: string;
      own: boolean;
      category: string;
    }[];
    expect(list.filter((a) => a.own)).toEqual([expect.objectContaining({ category: 'government' })]);
    expect((await p.signatures.trustContext().anchors()).map((a) => a.id)).toContain(imported.json().id);

    const own = list.find((a) => a.own)!;
    const keep = await p.call('DELETE', `/api/pki/trust-anchors/${own.id}`, { token: admin.token });
    expect(keep.statusCode).toBe(409);
    expect(keep.json().code).toBe('TRUST_ANCHOR_IS_OWN_CA');
    expect(
      (await p.call('DELETE', `/api/pki/trust-anchors/${imported.json().id}`, { token: admin.token })).statusCode,
    ).toBe(200);
    expect(
      (await p.call('DELETE', `/api/pki/trust-anchors/${imported.json().id}`, { token: admin.token })).statusCode,
    ).toBe(404);
    expect((await p.signatures.trustContext().anchors()).map((a) => a.id)).not.toContain(imported.json().id);
  });

  it('re-signs the CRL when a revocation happens or when it is a day old, numbering each', async () => {
    const crlOf = async () => {
      const r = await p.call('GET', '/pki/issuing.crl');
      expect(r.statusCode).toBe(200);
      const crl = new x509.X509Crl(new Uint8Array(r.rawPayload));
      const number = crl.getExtension('2.5.29.20')!;
      return { crl, number: { valueDec: (asn1js.fromBER(number.value).result as asn1js.Integer).valueBlock.valueDec } };
    };
    const a = await crlOf();
    const b = await crlOf();
    expect(b.number.valueDec).toBe(a.number.valueDec);
    expect(a.crl.nextUpdate!.getTime() - a.crl.thisUpdate.getTime()).toBe(7 * 24 * 3600 * 1000);
    const u = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    const c = (
      await p.call('POST', '/api/pki/certificates', { token: admin.token, body: { profile: 'person', userId: u.id } })
    ).json();
    await p.call('POST', `/api/pki/certificates/${c.id}/revoke`, {
      token: admin.token,
      body: { reason: 'privilegeWithdrawn' },
    });
    const after = await crlOf();
    expect(after.number.valueDec).toBe(a.number.valueDec + 1);
    expect(after.crl.findRevoked(c.serial)).not.toBeNull();
    p.clock.advance(25 * 3600 * 1000);
    try {
      const stale = await crlOf();
      expect(stale.number.valueDec).toBe(after.number.valueDec + 1);
      expect(stale.crl.thisUpdate.getTime()).toBeGreaterThan(after.crl.thisUpdate.getTime());
    } finally {
      p.clock.advance(-25 * 3600 * 1000);
    }
  });

  it('answers bad OCSP and TSA requests in their own protocols, and the OCSP GET form', async () => {
    const ocsp = await p.call('POST', '/pki/ocsp', {
      headers: { 'content-type': 'application/ocsp-request' },
      body: Buffer.from('garbage') as unknown as object,
    });
    expect(ocsp.statusCode).toBe(200);
    expect(ocsp.headers['content-type']).toBe('application/ocsp-response');
    const status = pkijs.OCSPResponse.fromBER(new Uint8Array(ocsp.rawPayload).buffer).responseStatus.valueBlock
      .valueDec;
    expect(status).toBe(1); // malformedRequest
    const tsa = await p.call('POST', '/pki/tsa', {
      headers: { 'content-type': 'application/timestamp-query' },
      body: Buffer.from('garbage') as unknown as object,
    });
    expect(tsa.headers['content-type']).toBe('application/timestamp-reply');
    const resp = pkijs.TimeStampResp.fromBER(new Uint8Array(tsa.rawPayload).buffer);
    expect(resp.status.status).toBe(pkijs.PKIStatus.rejection);
    expect(resp.timeStampToken).toBeUndefined();
    const wrongType = await p.call('POST', '/pki/ocsp', {
      headers: { 'content-type': 'text/plain' },
      body: 'x' as unknown as object,
    });
    expect(wrongType.statusCode).toBe(415);

    // GET form (RFC 6960 A.1): base64 of a DER request, here one pkijs builds for our issuing CA.
    const cas = (await p.call('GET', '/api/pki/cas', { token: admin.token })).json().items as {
      profile: string;
      pem: string;
    }[];
    const issuer = pkijs.Certificate.fromBER(
      new x509.X509Certificate(cas.find((x) => x.profile === 'issuing')!.pem).rawData,
    );
    const leaf = pkijs.Certificate.fromBER(
      new x509.X509Certificate(
        (await p.call('GET', `/api/pki/certificates/${leaderCert.id}`, { token: admin.token })).json().pem,
      ).rawData,
    );
    const req = new pkijs.OCSPRequest();
    await req.createForCertificate(leaf, { hashAlgorithm: 'SHA-256', issuerCertificate: issuer });
    const b64 = Buffer.from(req.toSchema(true).toBER()).toString('base64');
    const get = await p.call('GET', `/pki/ocsp/${encodeURIComponent(b64)}`);
    const basic = pkijs.OCSPResponse.fromBER(new Uint8Array(get.rawPayload).buffer);
    expect(basic.responseStatus.valueBlock.valueDec).toBe(0);
    const status2 = await basic.getCertificateStatus(leaf, issuer);
    expect(status2).toMatchObject({ isForCertificate: true, status: 0 }); // good
  });
});
