import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPdf, publishProcedure } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { listOutbox } from '../../platform/mail/index.js';

/** The one-stop desk's work on a dossier: whom to assign it to, its receipt, its audit trail. */
describe.each(DB_KINDS)('the desk on %s', (kind) => {
  let p: TestPlatform;
  let pdf: Buffer;
  let reception: Awaited<ReturnType<TestPlatform['staff']>>;
  let leader: Awaited<ReturnType<TestPlatform['staff']>>;

  const upload = (token: string) => p.upload(token, pdf, 'giay-to.pdf', 'application/pdf');
  async function submit(token: string, over: Record<string, unknown> = {}) {
    const r = await p.call('POST', '/api/dossiers', {
      token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        ...over,
        procedureCode: '1.001193',
        agencyCode: 'H26',
        formData: { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' },
        attachments: [
          { documentId: 'to_khai', fileId: await upload(token) },
          { documentId: 'giay_chung_sinh', fileId: await upload(token) },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().code as string;
  }
  const act = (token: string, code: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, { token, body });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    pdf = await blankPdf();
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await publishProcedure(p, admin, '1.001193');
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
  });
  afterAll(async () => p?.close());

  describe('GET /api/dossiers/{code}/assignees', () => {
    it('lists the active specialists of the competent unit and below it, least loaded first, with names of their units', async () => {
      const c = await p.citizen();
      const busy = await p.staff({ roles: ['specialist'], agencyCode: 'H26.S02' });
      const free = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
      const elsewhere = await p.staff({ roles: ['specialist'], agencyCode: 'H41' });
      const notSpecialist = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
      // The busy one already holds an open dossier.
      const first = await submit(c.token);
      await act(reception.token, first, { action: 'receive' });
      expect((await act(reception.token, first, { action: 'assign', assigneeId: busy.id })).statusCode).toBe(200);

      const code = await submit(c.token);
      const r = await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}/assignees`, {
        token: reception.token,
      });
      expect(r.statusCode, r.body).toBe(200);
      const items = r.json().items as {
        id: string;
        agencyName: string;
        openDossiers: number;
        overdueDossiers: number;
      }[];
      const ids = items.map((x) => x.id);
      expect(ids).toContain(busy.id);
      expect(ids).toContain(free.id);
      expect(ids).not.toContain(elsewhere.id);
      expect(ids).not.toContain(notSpecialist.id);
      expect(ids).not.toContain(leader.id);
      const busyRow = items.find((x) => x.id === busy.id)!;
      expect(busyRow).toMatchObject({ openDossiers: 1, overdueDossiers: 0, agencyCode: 'H26.S02' });
      expect(busyRow.agencyName).toMatch(/^Sở /);
      expect(items.find((x) => x.id === free.id)).toMatchObject({
        openDossiers: 0,
        agencyName: 'Ủy ban nhân dân thành phố Hà Nội',
      });
      expect(ids.indexOf(free.id)).toBeLessThan(ids.indexOf(busy.id));
      // No login details leak into the picker.
      expect(Object.keys(busyRow).sort()).toEqual(
        ['agencyCode', 'agencyName', 'current', 'fullName', 'id', 'openDossiers', 'overdueDossiers'].sort(),
      );

      // A leader may assign too (the workflow's assign roles).
      expect(
        (await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}/assignees`, { token: leader.token }))
          .statusCode,
      ).toBe(200);
      // The picked id is accepted by the assign action.
      await act(reception.token, code, { action: 'receive' });
      expect((await act(reception.token, code, { action: 'assign', assigneeId: free.id })).json()).toMatchObject({
        status: 'processing',
        assigneeId: free.id,
      });
    });

    it('needs login; a role that does not assign gets 403, another agency and the applicant 404', async () => {
      const c = await p.citizen();
      const code = await submit(c.token);
      const url = `/api/dossiers/${encodeURIComponent(code)}/assignees`;
      expect((await p.call('GET', url)).statusCode).toBe(401);
      const specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
      const wrongRole = await p.call('GET', url, { token: specialist.token });
      expect(wrongRole.statusCode).toBe(403);
      expect(wrongRole.json().code).toBe('FORBIDDEN_ROLE');
      const clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
      expect((await p.call('GET', url, { token: clerk.token })).statusCode).toBe(403);
      const otherDesk = await p.staff({ roles: ['reception'], agencyCode: 'H41' });
      const wrongAgency = await p.call('GET', url, { token: otherDesk.token });
      expect(wrongAgency.statusCode).toBe(404);
      expect(wrongAgency.json().code).toBe('DOSSIER_NOT_FOUND');
      expect((await p.call('GET', url, { token: c.token })).statusCode).toBe(404);
      expect(
        (await p.call('GET', '/api/dossiers/H26-000000-9999/assignees', { token: reception.token })).statusCode,
      ).toBe(404);
    });
  });

  describe('links in what the platform sends', () => {
    // The mails as queued (the development outbox route is opt-in; the table is what it would show).
    const mailsTo = async (to: string) => (await listOutbox(p.deps.db, 500)).filter((m) => m.to === to);
    const links = (text: string) => [...text.matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0]));

    it("the applicant's status mails open the dossier in “Hồ sơ của tôi”; the holder's reminder opens the officer's page", async () => {
      const c = await p.citizen();
      const code = await submit(c.token);
      const specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
      await act(reception.token, code, { action: 'receive' });
      await act(reception.token, code, { action: 'assign', assigneeId: specialist.id });
      const due = new Date((await p.call('GET', `/api/dossiers/${code}`, { token: c.token })).json().dueAt);
      // The reminder is due a day before the promised date.
      await p.clock.during(new Date(due.getTime() - 3600_000), () => p.deps.jobs.drain());
      await p.deps.jobs.drain();

      const status = (await mailsTo(c.email)).filter((m) => m.subject.includes(code));
      expect(status.length).toBeGreaterThanOrEqual(3);
      for (const m of status) {
        const [link, ...more] = links(m.text);
        expect(more).toEqual([]);
        expect(link!.pathname).toBe(`/my/dossiers/${code}`);
      }
      const reminder = await mailsTo(`${specialist.username}@test.vn`);
      expect(reminder).toHaveLength(1);
      expect(links(reminder[0]!.text).map((u) => u.pathname)).toEqual([`/staff/dossiers/${code}`]);
    });

    it('a dossier filed at the desk for a person mails the tracking page with the receipt’s token, which opens it without login', async () => {
      const email = `walkin.${crypto.randomUUID().slice(0, 8)}@test.vn`;
      const code = await submit(reception.token, {
        channel: 'counter',
        applicant: { idNumber: '001088000123', fullName: 'Trần Thị Khách', email },
      });
      await p.deps.jobs.drain();
      const [mail] = await mailsTo(email);
      const [link] = links(mail!.text);
      expect(link!.pathname).toBe('/track');
      expect(link!.searchParams.get('code')).toBe(code);
      const token = link!.searchParams.get('token')!;
      const seen = await p.call('GET', `/api/public/dossiers/${encodeURIComponent(code)}?token=${token}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().code).toBe(code);
    });
  });

  describe('what viewing a dossier records', () => {
    it('a view is one `dossier.viewed`; the receipt is offered by the dossier, built and audited only when downloaded', async () => {
      const c = await p.citizen();
      const code = await submit(c.token);
      const enc = encodeURIComponent(code);
      const admin = await p.staff({ roles: ['admin'] });
      const events = async () =>
        (
          await p.call('GET', `/api/audit/events?subjectType=dossier&subjectId=${enc}&pageSize=100`, {
            token: admin.token,
          })
        )
          .json()
          .items.map((e: { action: string }) => e.action)
          .sort() as string[];

      expect((await p.call('GET', `/api/dossiers/${enc}`, { token: reception.token })).json().printouts).toEqual([]);
      // Acting answers with the dossier: the action is audited, not a view of it.
      const received = await act(reception.token, code, { action: 'receive' });
      expect(received.json().printouts).toEqual(['receipt', 'control-sheet']);
      expect(await events()).toEqual(['dossier.receive', 'dossier.submitted', 'dossier.viewed']);
      // A probe of the PDF builds nothing and records nothing.
      const head = await p.app.inject({
        method: 'HEAD',
        url: `/api/dossiers/${enc}/receipt.pdf`,
        headers: { authorization: `Bearer ${reception.token}` },
      });
      expect(head.statusCode).toBe(404);
      expect(await events()).toEqual(['dossier.receive', 'dossier.submitted', 'dossier.viewed']);
      // The download is what is recorded.
      const pdf = await p.call('GET', `/api/dossiers/${enc}/receipt.pdf`, { token: reception.token });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await events()).toEqual(['dossier.printed', 'dossier.receive', 'dossier.submitted', 'dossier.viewed']);
      // The applicant's own reads are not an official's reads of personal data.
      expect((await p.call('GET', `/api/dossiers/${enc}`, { token: c.token })).json().printouts).toContain('receipt');
      expect(await events()).toHaveLength(4);
    });
  });

  describe('tracking by the code as the citizen types it', () => {
    it('finds the dossier whatever the case, with or without the 000.00.00. prefix, spaces and dashes of any kind', async () => {
      const c = await p.citizen();
      const code = await submit(c.token); // H26-YYMMDD-NNNN
      const digits = c.username.slice(-4);
      const track = (typed: string) =>
        p.call('GET', `/api/public/dossiers/${encodeURIComponent(typed)}?idDigits=${digits}`);
      for (const typed of [
        code,
        code.toLowerCase(),
        `000.00.00.${code}`,
        `000.00.00.${code}`.toLowerCase(),
        ` ${code.replace(/-/g, ' - ')} `,
        code.replace(/-/g, '–'),
      ]) {
        const r = await track(typed);
        expect(r.statusCode, typed).toBe(200);
        expect(r.json().code).toBe(code);
      }
      // Still the same answer for a wrong code or a wrong proof.
      expect((await track(code.replace(/\d{4}$/, '9999'))).statusCode).toBe(404);
      expect((await track(`000.00.01.${code}`)).statusCode).toBe(404);
      expect(
        (await p.call('GET', `/api/public/dossiers/${encodeURIComponent(code.toLowerCase())}?idDigits=0000`))
          .statusCode,
      ).toBe(404);
    });
  });
});
