import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPdf, fileAtCounter, publishProcedure } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { pdfText } from '../../platform/pdf/testing.js';
import { listOutbox } from '../../platform/mail/index.js';
import { makePersonalId } from '../identity/index.js';

/**
 * Issue 11 item 2: registering someone's ID number does not open the dossiers the desk filed for
 * them. A verified identity or the receipt's claim code does. Public tracking needs more than a code.
 */
describe.each(DB_KINDS)('dossiers filed for a person on %s', (kind) => {
  let p: TestPlatform;
  let pdf: Buffer;
  let reception: Awaited<ReturnType<TestPlatform['staff']>>;
  let seq = 0;

  const upload = (token: string) => p.upload(token, pdf, 'cccd.pdf', 'application/pdf');

  /** The desk files for `idNumber`; returns the dossier's code and its scanned ID card's file id. */
  async function fileAtDesk(idNumber: string, email?: string) {
    const scan = await upload(reception.token);
    const r = await fileAtCounter(p, reception.token, {
      applicant: { idNumber, fullName: 'Lê Thị Chủ', ...(email ? { email } : {}) },
      attachments: [
        { documentId: 'to_khai', fileId: scan },
        { documentId: 'giay_chung_sinh', fileId: await upload(reception.token) },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    return { code: r.json().code as string, scan };
  }

  /** Someone registers `idNumber` with his own e-mail and password (self-declared). */
  async function register(idNumber: string) {
    const email = `tk${seq++}${idNumber}@example.vn`;
    const body = {
      idNumber,
      fullName: 'Kẻ Đăng Ký',
      dateOfBirth: '1999-04-04',
      gender: 'female',
      email,
      phone: '0912345678',
      password: 'Dangky@2026',
    };
    expect((await p.call('POST', '/api/auth/register', { body })).statusCode).toBe(201);
    return { idNumber, email, token: await p.login(idNumber, 'Dangky@2026') };
  }
  const newId = () => makePersonalId('001', '1999-04-04', 'female', 100_000 + seq++ * 7);

  async function receiptCodes(code: string) {
    const r = await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}/receipt.pdf`, { token: reception.token });
    expect(r.statusCode).toBe(200);
    const text = pdfText(r.rawPayload);
    const claim = /Mã nhận hồ sơ trực tuyến: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(text)?.[1];
    return { claim: claim!, text };
  }

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    pdf = await blankPdf();
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await publishProcedure(p, admin, '1.001193');
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
  });
  afterAll(async () => p?.close());

  it("registering someone's ID number opens nothing the desk filed for them", async () => {
    const idNumber = newId();
    const { code, scan } = await fileAtDesk(idNumber);
    const attacker = await register(idNumber);
    const enc = encodeURIComponent(code);
    expect((await p.call('GET', '/api/dossiers?mine=true', { token: attacker.token })).json().total).toBe(0);
    for (const url of [
      `/api/dossiers/${enc}`,
      `/api/dossiers/${enc}/files/${scan}`,
      `/api/dossiers/${enc}/receipt.pdf`,
    ])
      expect((await p.call('GET', url, { token: attacker.token })).statusCode, url).toBe(404);
    const withdraw = await p.call('POST', `/api/dossiers/${enc}/actions`, {
      token: attacker.token,
      body: { action: 'withdraw', note: 'Tôi rút' },
    });
    expect(withdraw.statusCode).toBe(404);
    const claimWrong = await p.call('POST', `/api/dossiers/${enc}/claim`, {
      token: attacker.token,
      body: { claimCode: 'AAAAA-AAAAA' },
    });
    expect(claimWrong.statusCode).toBe(422);
    expect(claimWrong.json().errors[0]).toMatchObject({ path: 'claimCode', code: 'CLAIM_CODE_INVALID' });
    expect((await p.call('GET', `/api/dossiers/${enc}`, { token: reception.token })).json().status).toBe('received');
  });

  it('an account registered before the desk filed is not bound to the dossier, nor mailed about it', async () => {
    const idNumber = newId();
    const squatter = await register(idNumber);
    const { code } = await fileAtDesk(idNumber);
    expect(
      (await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}`, { token: squatter.token })).statusCode,
    ).toBe(404);
    await p.deps.jobs.drain();
    const mails = (await listOutbox(p.deps.db, 500)).filter((m) => m.to === squatter.email);
    expect(mails.some((m) => m.text.includes(code))).toBe(false);
  });

  it('the claim code on the receipt attaches the dossier to the account of its ID number, once', async () => {
    const idNumber = newId();
    const { code, scan } = await fileAtDesk(idNumber);
    const { claim, text } = await receiptCodes(code);
    expect(claim).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(text).toContain('Nhận hồ sơ nộp tại quầy');
    // Another person with the receipt but another ID number cannot take it.
    const other = await register(newId());
    const enc = encodeURIComponent(code);
    const foreign = await p.call('POST', `/api/dossiers/${enc}/claim`, {
      token: other.token,
      body: { claimCode: claim },
    });
    expect(foreign.statusCode).toBe(422);
    // A staff member does not claim.
    expect(
      (await p.call('POST', `/api/dossiers/${enc}/claim`, { token: reception.token, body: { claimCode: claim } }))
        .statusCode,
    ).toBe(403);
    const owner = await register(idNumber);
    const typed = claim.toLowerCase().replace('-', ' ');
    const ok = await p.call('POST', `/api/dossiers/${enc}/claim`, { token: owner.token, body: { claimCode: typed } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ code, claimed: true });
    const again = await p.call('POST', `/api/dossiers/${enc}/claim`, {
      token: owner.token,
      body: { claimCode: claim },
    });
    expect(again.json()).toEqual({ code, claimed: false });
    expect((await p.call('GET', '/api/dossiers?mine=true', { token: owner.token })).json().total).toBe(1);
    expect((await p.call('GET', `/api/dossiers/${enc}/files/${scan}`, { token: owner.token })).statusCode).toBe(200);
    const trail = await p.call('GET', `/api/audit/events?action=dossier.claimed&pageSize=5`, {
      token: (await p.staff({ roles: ['admin'] })).token,
    });
    expect(trail.json().items.map((e: { subjectId: string }) => e.subjectId)).toContain(code);
  });

  it('an identity verified at the desk sees what was filed for it; desk codes need the desk role and the right code', async () => {
    const idNumber = newId();
    const { code } = await fileAtDesk(idNumber);
    const person = await register(idNumber);
    expect((await p.call('GET', '/api/me', { token: person.token })).json().identityLevel).toBe('self_declared');
    const { code: deskCode } = (await p.call('POST', '/api/identity/desk-code', { token: person.token })).json();
    expect(deskCode).toMatch(/^\d{8}$/);
    const verify = (token: string, c: string) =>
      p.call('POST', '/api/identity/desk-verifications', {
        token,
        body: { login: idNumber, code: c, document: 'cccd' },
      });
    // Wrong role: the citizen himself, a specialist of the agency.
    expect((await verify(person.token, deskCode)).statusCode).toBe(403);
    const specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    expect((await verify(specialist.token, deskCode)).statusCode).toBe(403);
    const wrong = await verify(reception.token, deskCode === '00000000' ? '11111111' : '00000000');
    expect(wrong.json().errors[0]).toMatchObject({ path: 'code', code: 'DESK_CODE_INVALID' });
    const ok = await verify(reception.token, deskCode);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ username: idNumber, identityLevel: 'desk' });
    // The code is spent.
    expect((await verify(reception.token, deskCode)).statusCode).toBe(422);
    expect((await p.call('GET', '/api/me', { token: person.token })).json().identityLevel).toBe('desk');
    const list = (await p.call('GET', '/api/dossiers?mine=true', { token: person.token })).json();
    expect(list.items.map((d: { code: string }) => d.code)).toEqual([code]);
    const d = await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}`, { token: person.token });
    expect(d.statusCode).toBe(200);
    expect(d.json().allowedActions).toContain('withdraw');
  });

  it('public tracking needs the code and the last 4 digits of the ID number, or the token of the receipt’s QR link', async () => {
    const idNumber = newId();
    const { code } = await fileAtDesk(idNumber);
    const enc = encodeURIComponent(code);
    const { text } = await receiptCodes(code);
    expect(text).toContain(code);
    // The receipt's QR code (a vector drawing, not text) links to /track?code=…&token=<this>.
    const token = p.dossiers.receiptCodes.trackingToken((await dossierId(code))!);
    expect(token).toMatch(/^[0-9A-Z]{16}$/);
    const noProof = await p.call('GET', `/api/public/dossiers/${enc}`);
    expect(noProof.statusCode).toBe(422);
    expect(noProof.json().errors[0]).toMatchObject({ path: 'idDigits', code: 'TRACKING_PROOF_REQUIRED' });
    const digits = await p.call('GET', `/api/public/dossiers/${enc}?idDigits=${idNumber.slice(-4)}`);
    expect(digits.statusCode).toBe(200);
    expect(digits.json()).toMatchObject({ code, status: 'received' });
    expect(JSON.stringify(digits.json())).not.toContain(idNumber);
    const wrongDigits = idNumber.slice(-4) === '0000' ? '1111' : '0000';
    const wrong = await p.call('GET', `/api/public/dossiers/${enc}?idDigits=${wrongDigits}`);
    const unknown = await p.call('GET', `/api/public/dossiers/000.00.00.H26-260101-9999?idDigits=${wrongDigits}`);
    expect([wrong.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(wrong.json().code).toBe(unknown.json().code);
    expect((await p.call('GET', `/api/public/dossiers/${enc}?token=${token}`)).statusCode).toBe(200);
    expect((await p.call('GET', `/api/public/dossiers/${enc}?token=${token.replace(/.$/, 'Z')}0`)).statusCode).toBe(
      404,
    );
  });

  async function dossierId(code: string) {
    const rows = (await p.database.db.execute(
      `select id from dossiers.dossiers where code = '${code}'`,
    )) as unknown as { rows: { id: string }[] };
    return rows.rows[0]?.id;
  }
});
