import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPdf, buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { pdfText, pdfToPng } from '../../platform/pdf/testing.js';
import { vnIsoDate } from '../../platform/time/vn-time.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

/**
 * The register numbering of a one-stop unit (sổ theo dõi hồ sơ, Mẫu 07): a book a year per receiving
 * unit, every received dossier the next entry (số thứ tự) once, without gaps or duplicates when desks
 * receive at the same time, printed on the receipt (Mẫu 01) and the register, shown on the dossier.
 */
describe.each(DB_KINDS)('register book and entry numbers on %s', (kind) => {
  let p: TestPlatform;
  let pdf: Buffer;
  /** Two one-stop units of Hà Nội, each receiving for itself. */
  let deskA: Staff;
  let deskA2: Staff;
  let deskB: Staff;
  const A = 'H26.X001';
  const B = 'H26.X002';
  const PROCEDURE = '1.009001';
  const year = () => Number(vnIsoDate(p.clock.now()).slice(0, 4));

  const upload = (token: string) => p.upload(token, pdf, 'giay-to.pdf', 'application/pdf');
  async function counter(by: Staff, agencyCode: string, key: string = crypto.randomUUID()) {
    const body = {
      procedureCode: PROCEDURE,
      agencyCode,
      channel: 'counter',
      applicant: { idNumber: '001090000123', fullName: 'Lê Văn Sổ', phone: '0912000111' },
      formData: { childName: 'Lê Minh Khôi', childBirthDate: '2026-02-20', childGender: 'male' },
      attachments: [
        { documentId: 'to_khai', fileId: await upload(by.token) },
        { documentId: 'giay_chung_sinh', fileId: await upload(by.token) },
      ],
    };
    return {
      body,
      send: () => p.call('POST', '/api/dossiers', { token: by.token, headers: { 'idempotency-key': key }, body }),
    };
  }
  const file = async (by: Staff, agencyCode: string) => {
    const r = await (await counter(by, agencyCode)).send();
    expect(r.statusCode, r.body).toBe(201);
    return r.json().code as string;
  };
  const registerOf = async (code: string, token = deskA.token) =>
    (await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}`, { token })).json().register as {
      book: string;
      entry: number;
    } | null;

  beforeAll(async () => {
    p = await createTestPlatform(kind, { env: { ONE_STOP_REGISTER_BOOK: 'Q.01/{year}' } });
    pdf = await blankPdf();
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    const created = await p.call('POST', '/api/procedures', {
      token: admin,
      body: { code: PROCEDURE, ...buildProcedureContent({ implementingAgencies: [A, B] }) },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await p.call('POST', `/api/procedures/${PROCEDURE}/publish`, { token: admin })).statusCode).toBe(200);
    [deskA, deskA2, deskB] = await Promise.all([
      p.staff({ roles: ['reception'], agencyCode: A }),
      p.staff({ roles: ['reception'], agencyCode: A }),
      p.staff({ roles: ['reception'], agencyCode: B }),
    ]);
  });
  afterAll(async () => p?.close());

  it('two desks of one unit receiving at once number 1..N without gaps or duplicates; another unit counts apart', async () => {
    // Built first (uploads), then sent together: 10 receptions at unit A from two desks, 6 at unit B.
    const jobs = await Promise.all([
      ...Array.from({ length: 5 }, () => counter(deskA, A)),
      ...Array.from({ length: 5 }, () => counter(deskA2, A)),
      ...Array.from({ length: 6 }, () => counter(deskB, B)),
    ]);
    const answers = await Promise.all(jobs.map((j) => j.send()));
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 201));
    const regs = await Promise.all(
      answers.map(async (a, i) => registerOf(a.json().code as string, (i < 10 ? deskA : deskB).token)),
    );
    const book = `Q.01/${year()}`;
    expect(new Set(regs.map((r) => r?.book))).toEqual(new Set([book]));
    const at = (from: number, to: number) =>
      regs
        .slice(from, to)
        .map((r) => r!.entry)
        .sort((x, y) => x - y);
    expect(at(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(at(10, 16)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a replayed or double-clicked receipt keeps its number and takes no other', async () => {
    const before = (await registerOf(await file(deskA, A)))!.entry;
    const job = await counter(deskA, A);
    // The same request three times at once (a double click), then once more later (a retry).
    const answers = await Promise.all([job.send(), job.send(), job.send()]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().code)).size).toBe(1);
    const again = await job.send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    const code = again.json().code as string;
    expect((await registerOf(code))!.entry).toBe(before + 1);
    // The rolled-back duplicates gave their numbers back: the next reception follows without a gap.
    expect((await registerOf(await file(deskA, A)))!.entry).toBe(before + 2);
  });

  it('an online dossier is entered when the desk receives it, once, even when the button is clicked twice', async () => {
    const c = await p.citizen();
    const submitted = await p.call('POST', '/api/dossiers', {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        procedureCode: PROCEDURE,
        agencyCode: B,
        formData: { childName: 'Lê Minh Khôi', childBirthDate: '2026-02-20', childGender: 'male' },
        attachments: [
          { documentId: 'to_khai', fileId: await upload(c.token) },
          { documentId: 'giay_chung_sinh', fileId: await upload(c.token) },
        ],
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const code = submitted.json().code as string;
    expect(await registerOf(code, deskB.token)).toBeNull();
    const last = (await registerOf(await file(deskB, B), deskB.token))!.entry;
    const act = (body: Record<string, unknown>) =>
      p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, { token: deskB.token, body });
    // Two clicks on "Tiếp nhận": one receipt, one number.
    const clicks = await Promise.all([act({ action: 'receive' }), act({ action: 'receive' })]);
    expect(clicks.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const reg = await registerOf(code, deskB.token);
    expect(reg).toEqual({ book: `Q.01/${year()}`, entry: last + 1 });
    // The applicant sees it on his dossier too (it is on his receipt).
    expect((await p.call('GET', `/api/dossiers/${code}`, { token: c.token })).json().register).toEqual(reg);
    // The next reception at B follows it.
    expect((await registerOf(await file(deskB, B), deskB.token))!.entry).toBe(last + 2);
  });

  it('prints the book and the entry on the receipt (Mẫu 01) and in the register (Mẫu 07)', async () => {
    const code = await file(deskA, A);
    const reg = (await registerOf(code))!;
    const r = await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}/receipt.pdf`, { token: deskA.token });
    expect(r.statusCode).toBe(200);
    const text = pdfText(r.rawPayload);
    expect(text).toContain(`Vào Sổ theo dõi hồ sơ, Quyển số: ${reg.book}, Số thứ tự: ${reg.entry}`);
    if (process.env.RECEIPT_PNG_DIR) {
      mkdirSync(process.env.RECEIPT_PNG_DIR, { recursive: true });
      pdfToPng(r.rawPayload, process.env.RECEIPT_PNG_DIR, `receipt-${kind}`, 110);
    }
    const day = vnIsoDate(p.clock.now());
    const csv = await p.call('GET', `/api/dossier-register?from=${day}&to=${day}&format=csv`, { token: deskA.token });
    expect(csv.statusCode, csv.body).toBe(200);
    const rows = csv.body.trim().split('\r\n').slice(1);
    const mine = rows.find((l) => l.includes(code))!;
    expect(mine.startsWith(`${reg.entry},${reg.book},${code},`)).toBe(true);
    // The register lists unit A's book in order, every entry once.
    const entries = rows.map((l) => Number(l.split(',')[0]));
    expect(entries).toEqual(Array.from({ length: entries.length }, (_, i) => i + 1));
    const pdfReg = await p.call('GET', `/api/dossier-register?from=${day}&to=${day}&format=pdf`, {
      token: deskA.token,
    });
    expect(pdfText(pdfReg.rawPayload)).toContain(`${reg.entry} ${reg.book} ${code}`);
  });

  it('a new year opens a new book at 1', async () => {
    const next = year() + 1;
    await p.clock.during(new Date(`${next}-01-02T09:00:00+07:00`), async () => {
      // Signed in that day (the sessions of December have expired by then).
      const [a, b] = await Promise.all([
        p.staff({ roles: ['reception'], agencyCode: A }),
        p.staff({ roles: ['reception'], agencyCode: B }),
      ]);
      const first = await registerOf(await file(a, A), a.token);
      expect(first).toEqual({ book: `Q.01/${next}`, entry: 1 });
      expect(await registerOf(await file(a, A), a.token)).toEqual({ book: `Q.01/${next}`, entry: 2 });
      expect(await registerOf(await file(b, B), b.token)).toEqual({ book: `Q.01/${next}`, entry: 1 });
    });
  });
});
