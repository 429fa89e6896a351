import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPdf, buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, staffWithPasskey, type TestPlatform } from '../../../test/harness.js';
import { totp } from '../identity/index.js';

const ORIGIN = 'http://localhost:3000';
/** A 1×1 PNG: an upload the store accepts, but not a PDF. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The specialist puts his opinion and a draft result before the leader (Trình phê duyệt); the leader's
 * approval asks for a second factor when the procedure says so (`approvalStepUp`, ADR 0029).
 */
describe.each(DB_KINDS)('submission for approval and the approval on %s', (kind) => {
  let p: TestPlatform;
  let pdf: Buffer;
  let admin: Awaited<ReturnType<TestPlatform['staff']>>;
  let reception: Awaited<ReturnType<TestPlatform['staff']>>;
  let specialist: Awaited<ReturnType<TestPlatform['staff']>>;
  type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

  const STEP_UP = '1.001193';
  const PLAIN = '1.001194';
  const upload = (token: string, bytes: Buffer = pdf, name = 'du-thao-ket-qua.pdf') =>
    p.upload(token, bytes, name, 'application/pdf');
  const act = (token: string, code: string, body: Record<string, unknown>, key?: string) =>
    p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, {
      token,
      body,
      headers: key ? { 'idempotency-key': key } : {},
    });
  const get = (token: string, code: string) => p.call('GET', `/api/dossiers/${encodeURIComponent(code)}`, { token });
  const audits = async (action: string) =>
    (await p.call('GET', `/api/audit/events?action=${action}&pageSize=100`, { token: audit.token })).json()
      .total as number;
  let audit: Staff;

  /** A dossier of `procedureCode` received, assigned to the specialist and in processing. */
  async function processing(procedureCode = STEP_UP) {
    const c = await p.citizen();
    const r = await p.call('POST', '/api/dossiers', {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        procedureCode,
        agencyCode: 'H26',
        formData: { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' },
        attachments: [
          { documentId: 'to_khai', fileId: await upload(c.token) },
          { documentId: 'giay_chung_sinh', fileId: await upload(c.token) },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const code = r.json().code as string;
    expect((await act(reception.token, code, { action: 'receive' })).statusCode).toBe(200);
    expect((await act(reception.token, code, { action: 'assign', assigneeId: specialist.id })).statusCode).toBe(200);
    return { code, citizen: c };
  }
  async function pending(procedureCode = STEP_UP) {
    const d = await processing(procedureCode);
    const r = await act(specialist.token, d.code, { action: 'submit_for_approval', note: 'Đủ điều kiện.' });
    expect(r.statusCode, r.body).toBe(200);
    return d;
  }

  /** A leader of `agencyCode` with an authenticator app enrolled; `otp()` gives a fresh code each call. */
  async function leaderWithTotp(agencyCode = 'H26') {
    const u = await p.staff({ roles: ['leader'], agencyCode });
    const { secret } = (await p.call('POST', '/api/auth/mfa/totp/enroll', { token: u.token })).json() as {
      secret: string;
    };
    const stepOf = () => Math.floor(p.clock.now().getTime() / 30_000);
    let last = stepOf() - 1;
    const ok = await p.call('POST', '/api/auth/mfa/totp/confirm', {
      token: u.token,
      body: { otp: totp(secret, new Date(last * 30_000)) },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const otp = () => {
      if (stepOf() <= last) p.clock.advance(30_000);
      last = stepOf();
      return totp(secret, p.clock.now());
    };
    return { ...u, otp };
  }

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    pdf = await blankPdf();
    admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    audit = await p.staff({ roles: ['admin'] });
    for (const [code, stepUp] of [
      [STEP_UP, 'totp_or_passkey'],
      [PLAIN, 'none'],
    ] as const) {
      const c = await p.call('POST', '/api/procedures', {
        token: admin.token,
        body: { code, ...buildProcedureContent({ approvalStepUp: stepUp }) },
      });
      expect(c.statusCode, c.body).toBe(201);
      expect(c.json().approvalStepUp).toBe(stepUp);
      expect((await p.call('POST', `/api/procedures/${code}/publish`, { token: admin.token })).statusCode).toBe(200);
    }
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
  });
  afterAll(async () => p?.close());

  describe('the draft result with the submission for approval', () => {
    it('is kept on the history with the opinion; the leader opens it, the applicant and another agency do not', async () => {
      const { code, citizen } = await processing();
      const draftId = await upload(specialist.token);
      const r = await act(specialist.token, code, {
        action: 'submit_for_approval',
        note: 'Hồ sơ đủ điều kiện, đề nghị phê duyệt.',
        draftFileId: draftId,
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().status).toBe('pending_approval');

      const leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
      const seen = (await get(leader.token, code)).json();
      const step = seen.history.find((h: { action: string }) => h.action === 'submit_for_approval');
      expect(step).toMatchObject({
        note: 'Hồ sơ đủ điều kiện, đề nghị phê duyệt.',
        draft: { fileId: draftId, name: 'du-thao-ket-qua.pdf' },
      });
      // Not the issued result: that is sealed at issue.
      expect(seen.resultFileId).toBeNull();
      expect(seen.approvalStepUp).toBe('totp_or_passkey');
      const file = await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}/files/${draftId}`, {
        token: leader.token,
      });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

      // The applicant sees the step, not the agency's working paper.
      const mine = (await get(citizen.token, code)).json();
      expect(mine.history.find((h: { action: string }) => h.action === 'submit_for_approval').draft).toBeNull();
      const theirs = await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}/files/${draftId}`, {
        token: citizen.token,
      });
      expect(theirs.statusCode).toBe(404);
      const elsewhere = await p.staff({ roles: ['leader'], agencyCode: 'H41' });
      const foreign = await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}/files/${draftId}`, {
        token: elsewhere.token,
      });
      expect(foreign.statusCode).toBe(404);
      expect((await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}/files/${draftId}`)).statusCode).toBe(401);
    });

    it('must be a PDF by its bytes, his own upload, and only with the submission for approval', async () => {
      const { code } = await processing();
      // The store sniffs the bytes: a PNG named .pdf is refused at upload, and a PNG stays an image.
      await expect(p.upload(specialist.token, PNG, 'du-thao.pdf', 'application/pdf')).rejects.toThrow(
        /415 .*FILE_TYPE_MISMATCH/,
      );
      const image = await p.upload(specialist.token, PNG, 'du-thao.png', 'image/png');
      const notPdf = await act(specialist.token, code, { action: 'submit_for_approval', draftFileId: image });
      expect(notPdf.statusCode).toBe(422);
      expect(notPdf.json().errors[0]).toMatchObject({ path: 'draftFileId', code: 'DRAFT_NOT_PDF' });

      const someoneElses = await upload(reception.token);
      const notHis = await act(specialist.token, code, { action: 'submit_for_approval', draftFileId: someoneElses });
      expect(notHis.statusCode).toBe(422);
      expect(notHis.json().errors[0]).toMatchObject({ path: 'draftFileId', code: 'FILE_NOT_FOUND' });

      const other = await processing();
      const wrongStep = await act(specialist.token, other.code, {
        action: 'request_supplement',
        note: 'Thiếu giấy tờ.',
        draftFileId: await upload(specialist.token),
      });
      expect(wrongStep.statusCode).toBe(422);
      expect(wrongStep.json().errors[0]).toMatchObject({ path: 'draftFileId', code: 'DRAFT_NOT_ACCEPTED' });
      // Nothing moved.
      expect((await get(specialist.token, code)).json().status).toBe('processing');
      expect((await get(specialist.token, other.code)).json().status).toBe('processing');
    });
  });

  describe('the approval with step-up', () => {
    it('tells a leader without a second factor what to do, and asks one with an authenticator for his code', async () => {
      const { code } = await pending();
      const bare = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
      const none = await act(bare.token, code, { action: 'approve', note: 'Đồng ý.' });
      expect(none.statusCode).toBe(403);
      expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(none.json()).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED', params: { setupUrl: '/account' } });
      expect(none.json().detail).toMatch(/passkey/);

      const leader = await leaderWithTotp();
      const noCode = await act(leader.token, code, { action: 'approve' });
      expect(noCode.statusCode).toBe(422);
      expect(noCode.json().errors[0]).toMatchObject({ path: 'otp', code: 'STEP_UP_REQUIRED' });
      const wrong = await act(leader.token, code, { action: 'approve', otp: '000000' });
      // A field error of the form, not a lost login.
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().errors[0]).toMatchObject({ path: 'otp', code: 'INVALID_OTP' });
      expect((await get(leader.token, code)).json().status).toBe('pending_approval');

      const confirmed = await audits('user.action_confirmed');
      const ok = await act(leader.token, code, { action: 'approve', note: 'Đồng ý ban hành.', otp: leader.otp() });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().status).toBe('approved');
      expect(ok.json().history.at(-1)).toMatchObject({ action: 'approve', note: 'Đồng ý ban hành.' });
      expect(await audits('user.action_confirmed')).toBe(confirmed + 1);
    });

    it('refuses the wrong role and another agency before asking for a code; no login is 401', async () => {
      const { code } = await pending();
      const byRole = await act(specialist.token, code, { action: 'approve' });
      expect(byRole.statusCode).toBe(403);
      expect(byRole.json().code).toBe('ACTION_FORBIDDEN_FOR_ROLE');
      const elsewhere = await leaderWithTotp('H41');
      const foreign = await act(elsewhere.token, code, { action: 'approve', otp: elsewhere.otp() });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('DOSSIER_NOT_FOUND');
      expect((await act('', code, { action: 'approve' })).statusCode).toBe(401);
      expect((await get(specialist.token, code)).json().status).toBe('pending_approval');
    });

    it('a double submit approves once: the same key replays, a second click meets the new state without spending a code', async () => {
      const { code } = await pending();
      const leader = await leaderWithTotp();
      const key = crypto.randomUUID();
      const body = { action: 'approve', note: 'Đồng ý.', otp: leader.otp() };
      const first = await act(leader.token, code, body, key);
      expect(first.statusCode, first.body).toBe(200);
      const again = await act(leader.token, code, body, key);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().status).toBe('approved');
      const twice = await act(leader.token, code, { action: 'approve', otp: '000000' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
      const approvals = (await get(leader.token, code))
        .json()
        .history.filter((h: { action: string }) => h.action === 'approve');
      expect(approvals).toHaveLength(1);
    });

    it('a leader with a passkey confirms with an assertion made for this dossier only', async () => {
      const a = await pending();
      const b = await pending();
      const leader = await staffWithPasskey(p, { roles: ['leader'], agencyCode: 'H26', origin: ORIGIN });
      const options = async (code: string) => {
        const r = await p.call('POST', '/api/auth/mfa/passkey/action-options', {
          token: leader.token,
          body: { action: `dossier_approval:${code}` },
        });
        expect(r.statusCode, r.body).toBe(200);
        return r.json();
      };
      const forB = leader.auth.get(await options(b.code));
      const crossed = await act(leader.token, a.code, { action: 'approve', passkey: forB });
      expect(crossed.statusCode).toBe(422);
      expect(crossed.json().errors[0]).toMatchObject({ path: 'passkey', code: 'WEBAUTHN_CHALLENGE_INVALID' });
      const ok = await act(leader.token, a.code, {
        action: 'approve',
        passkey: leader.auth.get(await options(a.code)),
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().status).toBe('approved');
    });

    it('a procedure without step-up approves on the confirmation alone; publishing step-up applies to dossiers waiting', async () => {
      const waiting = await pending(PLAIN);
      const plain = await pending(PLAIN);
      const bare = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
      expect((await get(bare.token, plain.code)).json().approvalStepUp).toBe('none');
      const ok = await act(bare.token, plain.code, { action: 'approve', note: 'Đồng ý.' });
      expect(ok.statusCode, ok.body).toBe(200);

      // The administrator turns step-up on where procedures are configured, and publishes it.
      const draft = (await p.call('GET', `/api/procedures/${PLAIN}/draft`, { token: admin.token })).json();
      const { code: _c, version: _v, status: _s, publishedAt: _p, ...content } = draft;
      const saved = await p.call('PUT', `/api/procedures/${PLAIN}/draft`, {
        token: admin.token,
        body: { ...content, approvalStepUp: 'totp_or_passkey' },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await p.call('POST', `/api/procedures/${PLAIN}/publish`, { token: admin.token })).statusCode).toBe(200);
      const now = await act(bare.token, waiting.code, { action: 'approve' });
      expect(now.statusCode).toBe(403);
      expect(now.json().code).toBe('SECOND_FACTOR_REQUIRED');
      // Anyone else may not change the setting.
      const notAdmin = await p.call('PUT', `/api/procedures/${PLAIN}/draft`, {
        token: bare.token,
        body: { ...content, approvalStepUp: 'none' },
      });
      expect(notAdmin.statusCode).toBe(403);
    });
  });
});
