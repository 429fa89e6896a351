import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../platform/db/index.js';
import { systemActor } from '../../platform/http/auth.js';
import { buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { documentsInbox } from '../documents/index.js';
import { applyFeeEvent } from '../dossiers/index.js';
import type { ExchangeOutbox } from '../exchange/index.js';
import { totp } from '../identity/index.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

/** The exchange's facade faked at the boundary: sending records nothing but a package id. */
const outbox: ExchangeOutbox = {
  async sendDocument(_tx: Tx, _ctx, msg) {
    return { packageIds: Object.fromEntries(msg.to.map((t, i) => [t.organId, `pkg_rep_${Date.now()}_${i}`])) };
  },
  async sendStatus() {},
};

async function makePdf() {
  const doc = await PDFDocument.create();
  doc.addPage();
  return Buffer.from(await doc.save());
}

/**
 * Resolution 17 and Decision 766 figures computed by the rollups from dossiers, documents, fees,
 * accounts and ratings made here through each module's own API, checked against a count by hand.
 */
describe.each(DB_KINDS)('computed indicators on %s', (kind) => {
  let p: TestPlatform;
  let admin: Staff;
  let reception: Staff;
  let specialist: Staff;
  let leader: Staff & { otp: () => string };
  let clerk: Staff;
  let h41Reception: Staff;
  let g22Leader: Staff;
  let c1: Awaited<ReturnType<TestPlatform['citizen']>>;
  let c2: Awaited<ReturnType<TestPlatform['citizen']>>;
  const codes: string[] = [];
  let pdf: Buffer;

  const submit = async (token: string, agencyCode: string, extra: Record<string, unknown> = {}) => {
    const r = await p.call('POST', '/api/dossiers', {
      token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        procedureCode: '1.000777',
        agencyCode,
        formData: { childName: 'Trần Bảo Ngọc', childBirthDate: '2026-11-01', childGender: 'female' },
        attachments: [
          { documentId: 'to_khai', fileId: await p.upload(token, pdf) },
          { documentId: 'giay_chung_sinh', fileId: await p.upload(token, pdf) },
        ],
        ...extra,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().code as string;
  };
  const dAct = (code: string, token: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/dossiers/${code}/actions`, { token, body });
  const docAct = (id: string, token: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/documents/${id}/actions`, { token, body });
  const refresh = async () => {
    const r = await p.call('POST', '/api/reporting/refresh', { token: admin.token });
    expect(r.statusCode, r.body).toBe(200);
  };
  const indicators = async (token: string, q = '') =>
    p.call('GET', `/api/indicators?from=2026-12-01&to=2026-12-31${q}`, { token });
  const byCode = (r: { indicators: { code: string; value: number | null }[] }) =>
    Object.fromEntries(r.indicators.map((i) => [i.code, i.value]));

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    p.clock.set(new Date('2026-12-07T03:00:00Z')); // Monday 10:00 in Hà Nội
    pdf = await makePdf();
    p.documents.exchange = outbox;
    admin = await p.staff({ roles: ['admin'] });
    for (const [code, agencies, onlineMode] of [
      ['1.000777', ['H26', 'H41'], 'full'],
      ['1.000888', ['H26'], 'partial'],
    ] as const) {
      const c = await p.call('POST', '/api/procedures', {
        token: admin.token,
        body: { code, ...buildProcedureContent({ implementingAgencies: agencies, onlineMode }) },
      });
      expect(c.statusCode, c.body).toBe(201);
      expect((await p.call('POST', `/api/procedures/${code}/publish`, { token: admin.token })).statusCode).toBe(200);
    }
    await p.seal('H26');
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    h41Reception = await p.staff({ roles: ['reception'], agencyCode: 'H41' });
    g22Leader = await p.staff({ roles: ['leader'], agencyCode: 'G22' });
    // A leader who signs: TOTP on (a level-2 session) and a person certificate.
    const u = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    const { secret } = (await p.call('POST', '/api/auth/mfa/totp/enroll', { token: u.token })).json();
    let last = Math.floor(p.clock.now().getTime() / 30_000) - 1;
    await p.call('POST', '/api/auth/mfa/totp/confirm', {
      token: u.token,
      body: { otp: totp(secret, new Date(last * 30_000)) },
    });
    await p.signatures.seedDemoCertificates(systemActor, { usernames: [u.username], agencyCodes: [] });
    leader = {
      ...u,
      otp: () => {
        if (Math.floor(p.clock.now().getTime() / 30_000) <= last) p.clock.advance(30_000);
        last = Math.floor(p.clock.now().getTime() / 30_000);
        return totp(secret, p.clock.now());
      },
    };
    c1 = await p.citizen();
    c2 = await p.citizen();
    await p.verifyAtDesk(c1);

    // Dossiers at H26: three online (c1), one at the counter; one at H41 (c2).
    for (let i = 0; i < 3; i++) codes.push(await submit(c1.token, 'H26'));
    codes.push(
      await submit(reception.token, 'H26', {
        channel: 'counter',
        applicant: { idNumber: c1.username, fullName: 'Nguyễn Văn Thử' },
      }),
    );
    codes.push(await submit(c2.token, 'H41'));
    // d0 goes the whole way and its result is issued electronically (sealed PDF).
    const [d0, d1, d2, d3] = codes as [string, string, string, string];
    expect((await dAct(d0, reception.token, { action: 'receive' })).statusCode).toBe(200);
    expect((await dAct(d0, reception.token, { action: 'assign', assigneeId: specialist.id })).statusCode).toBe(200);
    expect((await dAct(d0, specialist.token, { action: 'submit_for_approval' })).statusCode).toBe(200);
    expect((await dAct(d0, leader.token, { action: 'approve' })).statusCode).toBe(200);
    const issued = await dAct(d0, leader.token, {
      action: 'issue_result',
      resultFileId: await p.upload(leader.token, pdf),
    });
    expect(issued.statusCode, issued.body).toBe(200);
    // d2 is refused before receipt: it ends (status 3) but is not resolved in the Decision 766 sense
    // (vn-standards §4.4: resolved = 7, 9, 10), so it weighs on neither timeliness nor digitisation.
    expect(
      (await dAct(d2, reception.token, { action: 'refuse', note: 'Hồ sơ không thuộc thẩm quyền' })).statusCode,
    ).toBe(200);
    // Fees, as the payments module reports them: d1 paid online, d3 (at the counter) owed.
    await applyFeeEvent(p.dossiers, {
      code: d1,
      version: 1,
      event: 'set',
      collection: 'after',
      amount: 50_000,
      paidAt: null,
      paidOnline: false,
    });
    await applyFeeEvent(p.dossiers, {
      code: d1,
      version: 2,
      event: 'paid',
      collection: 'after',
      amount: 50_000,
      paidAt: p.clock.now().toISOString(),
      paidOnline: true,
    });
    await applyFeeEvent(p.dossiers, {
      code: d3,
      version: 1,
      event: 'set',
      collection: 'after',
      amount: 20_000,
      paidAt: null,
      paidOnline: false,
    });

    // Documents at H26: one incoming through the exchange, one on paper; two outgoing signed and issued, one sent.
    const scan = await p.upload(clerk.token, pdf, 'den.pdf', 'application/octet-stream');
    const inbox = documentsInbox(p.documents);
    const { localDocumentId } = await p.database.db.transaction((tx) =>
      inbox.documentArrived(tx, {
        packageId: `pkg_in_${kind}`,
        recipient: '000.00.00.H26',
        from: { organId: '000.00.00.H41', organName: 'Ủy ban nhân dân tỉnh Nghệ An' },
        to: [{ organId: '000.00.00.H26', organName: 'Ủy ban nhân dân thành phố Hà Nội' }],
        documentId: '000.00.00.H41,2026/12/01,15/UBND-VP',
        header: {
          codeNumber: '15',
          codeNotation: 'UBND-VP',
          promulgation: { place: 'Nghệ An', date: '2026-12-01' },
          documentType: { type: 0, typeDetail: 0, typeName: 'Công văn' },
          subject: 'Về việc phối hợp báo cáo',
          signerInfo: { competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn Đệ' },
          dueDate: '2026-12-20',
          toPlaces: ['Ủy ban nhân dân thành phố Hà Nội'],
          otherInfo: { priority: 1, pageAmount: 1 },
        },
        business: { type: 'new', paper: false },
        attachments: [{ fileId: scan, name: '15-UBND-VP.pdf', mediaType: 'application/pdf' }],
        signatureReport: {
          mediaType: 'application/xml',
          indication: 'TOTAL_PASSED',
          subIndication: null,
          signatures: [],
          validatedAt: new Date().toISOString(),
        },
        receivedAt: p.clock.now(),
      }),
    );
    expect((await docAct(localDocumentId, clerk.token, { action: 'register' })).statusCode).toBe(200);
    const paper = await p.call('POST', '/api/documents/incoming', {
      token: clerk.token,
      body: {
        type: 'CV',
        subject: 'Về việc cung cấp thông tin',
        senderName: 'Công ty Demo',
        fileIds: [await p.upload(clerk.token, pdf, 'giay.pdf', 'application/octet-stream')],
        pageCount: 1,
      },
    });
    expect(paper.statusCode, paper.body).toBe(201);
    expect((await docAct(paper.json().id, clerk.token, { action: 'register' })).statusCode).toBe(200);
    for (const send of [true, false]) {
      const fileId = await p.upload(specialist.token, pdf, 'du-thao.pdf', 'application/octet-stream');
      const d = await p.call('POST', '/api/documents', {
        token: specialist.token,
        body: {
          type: 'CV',
          subject: 'Về việc báo cáo chuyển đổi số',
          recipients: send ? ['H41'] : [],
          fileIds: [fileId],
        },
      });
      expect(d.statusCode, d.body).toBe(201);
      const id = d.json().id as string;
      expect((await docAct(id, specialist.token, { action: 'submit' })).statusCode).toBe(200);
      const s = await docAct(id, leader.token, {
        action: 'sign',
        signerPosition: 'Chủ tịch',
        signerCompetence: 'TM. ỦY BAN NHÂN DÂN',
        otp: leader.otp(),
      });
      expect(s.statusCode, s.body).toBe(200);
      expect((await docAct(id, clerk.token, { action: 'issue' })).statusCode).toBe(200);
      if (send) expect((await docAct(id, clerk.token, { action: 'send' })).statusCode).toBe(200);
    }
  }, 300_000);
  afterAll(() => p?.close());

  it('a citizen rates a finished dossier of theirs once (1–5 with a reason); not an unfinished one, not another’s', async () => {
    const [d0, d1] = codes as [string, string];
    expect((await p.call('PUT', `/api/dossier-ratings/${d0}`, { body: { score: 5 } })).statusCode).toBe(401);
    expect(
      (await p.call('PUT', `/api/dossier-ratings/${d0}`, { token: c2.token, body: { score: 5 } })).statusCode,
    ).toBe(404);
    expect(
      (await p.call('PUT', `/api/dossier-ratings/${d0}`, { token: reception.token, body: { score: 5 } })).statusCode,
    ).toBe(403);
    expect(
      (await p.call('PUT', `/api/dossier-ratings/${d1}`, { token: c1.token, body: { score: 5 } })).statusCode,
    ).toBe(409);
    const bad = await p.call('PUT', `/api/dossier-ratings/${d0}`, { token: c1.token, body: { score: 6 } });
    expect(bad.json().errors[0]).toMatchObject({ path: 'score' });
    expect(
      (await p.call('PUT', `/api/dossier-ratings/${d0}`, { token: c1.token, body: { score: 2, reason: 'Chờ lâu' } }))
        .statusCode,
    ).toBe(200);
    const again = await p.call('PUT', `/api/dossier-ratings/${d0}`, {
      token: c1.token,
      body: { score: 4, reason: 'Cán bộ hướng dẫn tận tình' },
    });
    expect(again.json()).toMatchObject({ score: 4, reason: 'Cán bộ hướng dẫn tận tình' });
    expect((await p.call('GET', `/api/dossier-ratings/${d0}`, { token: c1.token })).json().rating.score).toBe(4);
  });

  it('needs a leader of the scope: no login 401, a citizen or a specialist 403, another province 403', async () => {
    expect((await p.call('GET', '/api/indicators?from=2026-12-01&to=2026-12-31')).statusCode).toBe(401);
    expect((await indicators(c1.token)).statusCode).toBe(403);
    expect((await indicators(specialist.token, '&scope=H26')).statusCode).toBe(403);
    expect((await indicators(leader.token, '&scope=H41')).statusCode).toBe(403);
    expect((await indicators(leader.token)).statusCode).toBe(403);
    const bad = await indicators(leader.token, '&scope=H26&from=2026-13-01');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'from' });
  });

  it('computes the Resolution 17 shares from the rollups, equal to a count by hand', async () => {
    await refresh();
    const res = await indicators(leader.token, '&scope=H26');
    expect(res.statusCode, res.body).toBe(200);
    const h26 = res.json();
    expect(h26.refreshedAt).not.toBeNull();
    // By hand, H26: dossiers 4 received, 3 online; procedures 2, 1 full online; fees 2, 1 paid online;
    // documents 2 in (1 exchanged) + 2 out (1 sent), 2 out both signed.
    const docs = h26.indicators.find((i: { code: string }) => i.code === 'R17.ELECTRONIC_DOCUMENTS');
    expect([docs.numerator, docs.denominator]).toEqual([2, 4]);
    expect(byCode(h26)).toMatchObject({
      'R17.ONLINE_DOSSIERS': 75,
      'R17.FULL_ONLINE_PROCEDURES': 50,
      'R17.ELECTRONIC_DOCUMENTS': 50,
      'R17.SIGNED_DOCUMENTS': 100,
      'R17.PAID_ONLINE': 50,
    });
    const national = (await indicators(g22Leader.token)).json();
    // Country: 5 dossiers, 4 online; procedures 3 (H26 2, H41 1), 2 full; accounts 2, 1 verified at the desk.
    expect(byCode(national)).toMatchObject({
      'R17.ONLINE_DOSSIERS': 80,
      'R17.FULL_ONLINE_PROCEDURES': 66.67,
      'R17.VERIFIED_ACCOUNTS': 50,
    });
    expect(
      national.children.find((c: { agencyCode: string }) => c.agencyCode === 'H41').values['R17.ONLINE_DOSSIERS'],
    ).toBe(100);
    expect(national.series).toEqual([expect.objectContaining({ month: '2026-12' })]);
    expect(national.indicators.find((i: { code: string }) => i.code === 'R17.ONLINE_DOSSIERS')).toMatchObject({
      numerator: 4,
      denominator: 5,
      target: 50,
    });
  });

  it('is incremental: a new dossier shows after the next refresh, not before', async () => {
    const before = (await indicators(g22Leader.token)).json();
    await submit(c2.token, 'H41');
    expect((await indicators(g22Leader.token)).json().indicators[0]).toEqual(before.indicators[0]);
    await refresh();
    expect((await indicators(g22Leader.token)).json().indicators[0]).toMatchObject({ numerator: 5, denominator: 6 });
  });

  it('gives the same sums over ragged ranges (day facts at the ends, month facts inside)', async () => {
    const over = async (from: string, to: string) => {
      const r = await p.call('GET', `/api/indicators?from=${from}&to=${to}`, { token: g22Leader.token });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().indicators.map((i: { numerator: number; denominator: number }) => [i.numerator, i.denominator]);
    };
    const month = await over('2026-12-01', '2026-12-31');
    expect(month[0]).toEqual([5, 6]);
    // The dossiers were all received on 7 December (local).
    expect(await over('2026-11-20', '2027-01-31')).toEqual(month); // days of November, then whole months
    expect(await over('2026-12-07', '2026-12-07')).toEqual(month); // one day
    expect(await over('2026-12-05', '2027-02-10')).toEqual(month); // days at both ends around January
    const none = await over('2026-12-08', '2027-01-31');
    expect(none[0]).toEqual([0, 0]);
    expect((await over('2026-11-01', '2026-12-06'))[0]).toEqual([0, 0]);
  });

  it('scores Decision 766 groups per agency from the table of rules and ranks them; public as CSV and JSON', async () => {
    const r = (await p.call('GET', '/api/indicators/766?agency=H26&period=2026-M12', { token: leader.token })).json();
    const h26 = r.items.find((i: { agencyCode: string }) => i.agencyCode === 'H26');
    const points = Object.fromEntries(h26.groups.map((g: { code: string; score: number | null }) => [g.code, g.score]));
    // By hand: transparency 18; timeliness 1 of 1 resolved on time → 20; online 0.5·(1/2) + 0.5·(3/4) of 12 → 7.5;
    // payment 1 of 2 → 5; satisfaction mean 4 of 5 → 14.4; digitisation 1 result of 1 resolved → 22.
    expect(points).toEqual({ CKMB: 18, TDGQ: 20, DVCTT: 7.5, TTTT: 5, MDHL: 14.4, MDSH: 22 });
    expect(h26.total).toBe(86.9);
    expect((await p.call('GET', '/api/indicators/766?period=2026-M12')).statusCode).toBe(401);
    const pub = await p.call('GET', '/api/public/scores?period=2026-M12');
    expect(pub.statusCode).toBe(200);
    const ranked = pub.json().items.filter((i: { rank: number | null }) => i.rank !== null);
    expect(ranked.map((i: { agencyCode: string; rank: number }) => [i.agencyCode, i.rank])).toEqual([
      ['H41', 1],
      ['H26', 2],
    ]);
    expect(pub.json().items).toHaveLength(34);
    const csv = await p.call('GET', '/api/public/scores/2026-M12.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('\uFEFFrank,agency_code,agency_name,CKMB,TDGQ,DVCTT,TTTT,MDHL,MDSH,total');
    expect(csv.body).toContain('2,H26,Ủy ban nhân dân thành phố Hà Nội,18,20,7.5,5,14.4,22,86.9');
    const json = await p.call('GET', '/api/public/scores/2026-M12.json');
    expect(json.json().items).toHaveLength(34);
    expect((await p.call('GET', '/api/public/scores?period=2026-13')).statusCode).toBe(422);
  });

  it('keeps the dossiers of the other province out of a province’s figures', async () => {
    await submit(h41Reception.token, 'H41', {
      channel: 'counter',
      applicant: { idNumber: c2.username, fullName: 'Nguyễn Văn Thử' },
    });
    await refresh();
    const h26 = (await indicators(leader.token, '&scope=H26')).json();
    expect(h26.indicators[0]).toMatchObject({ numerator: 3, denominator: 4 });
  });
});
