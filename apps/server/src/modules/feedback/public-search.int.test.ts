import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

interface Page {
  items: { code: string; publishedAt: string; agencyCode: string }[];
  total: number;
  totalCapped: boolean;
  next: string | null;
}

/**
 * The public list over more items than its count cap and its newest-first window: 1,300 published
 * items at H41 (three per second, so that the order's tie-break by id matters), "hộ chiếu" in all of
 * them, "trích lục" only in old ones; 45 at H26.S02. What it answers is compared with a plain query
 * over the same rows (no window, no cap, the folded text computed again).
 */
describe.each(DB_KINDS)('public feedback search on %s', (kind) => {
  let p: TestPlatform;
  const get = async (query: string) => {
    const r = await p.call('GET', `/api/public/feedback?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Page;
  };
  const expected = async (agency: string, phrase?: string) => {
    const r = (await p.database.db.execute(sql`
      select code from feedback.items
      where published_at is not null and agency_code = ${agency}
        and (${phrase ?? null}::text is null or vn_fold(public_title || ' ' || public_body) like '%' || ${phrase ?? ''} || '%')
      order by published_at desc, id desc`)) as unknown as { rows: { code: string }[] };
    return r.rows.map((x) => x.code);
  };
  const more = { total: 100, totalCapped: true };
  /** Page `page` of 20 of `query` is that slice of `want`, with this count when one is given. */
  const expectPage = async (query: string, want: string[], page: number, count?: typeof more) => {
    const r = await get(`${query}&pageSize=20&page=${page}`);
    expect(r.items.map((i) => i.code)).toEqual(want.slice((page - 1) * 20, page * 20));
    if (count) expect(r).toMatchObject(count);
  };
  /** Every page after the first by its `next` cursor. */
  const walk = async (query: string) => {
    const codes: string[] = [];
    let page = await get(query);
    for (;;) {
      codes.push(...page.items.map((i) => i.code));
      if (!page.next) return codes;
      page = await get(`${query}&after=${encodeURIComponent(page.next)}`);
    }
  };

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    const load = (from: number, to: number, agency: string, text: string) =>
      p.database.db.execute(
        sql.raw(`insert into feedback.items (id, code, content_type, subject_kind, agency_code, title, body, allow_publish, status,
          group_id, created_at, updated_at, due_at, approved_at, published_at, public_title, public_body, public_answer)
        select 'fbk_s' || g, 'PA26-S' || lpad(g::text, 7, '0'), 'other', 'agency', '${agency}', t, t, true, 'published', 'fbk_s' || g,
          now() - interval '30 days', now(), now() - interval '10 days', now() - interval '12 days',
          timestamptz '2026-11-01 00:00:00+00' - (g / 3) * interval '1 second', t, t || ' ' || ${text}, 'Đã trả lời.'
        from (select g, 'Phản ánh số ' || g as t from generate_series(${from}, ${to}) g) s`),
      );
    await load(1, 1300, 'H41', `'về hộ chiếu' || case when g > 1200 and g % 10 = 0 then ' và trích lục' else '' end`);
    await load(2001, 2045, 'H26.S02', `'về giấy phép 100% xây dựng'`);
    // Texts for the folding and literal cases, at an agency of their own.
    await load(
      3001,
      3003,
      'H33',
      `(array['về ĐĂNG KÝ KHAI SINH', 'về mã_số thuế và giấy phép', 'về đăng kí kết hôn'])[g - 3000]`,
    );
    // 20,000 at H27, one a minute (about 333 hours) and newer than all the others, for a rare
    // phrase's newest hours (see below).
    await load(
      100_001,
      120_000,
      'H27',
      `'về thủy lợi' || case when g - 100000 <= 950 and g % 50 = 7 then ' kênh tưới tiêu, mương nội đồng' else '' end
        || case when g - 100000 between 1001 and 4000 and g % 10 = 0 then ' kênh tưới tiêu' else '' end
        || case when g - 100000 between 2000 and 6500 and g % 500 = 0 then ' mương nội đồng' else '' end
        || case when g - 100000 between 12001 and 19500 and g % 50 = 0 then ' mương nội đồng' else '' end`,
    );
    await p.database.db.execute(
      sql`update feedback.items set published_at = timestamptz '2026-12-01 00:00:00+00' - (substr(id, 6)::int - 100000) * interval '1 minute' where agency_code = 'H27'`,
    );
    // 1,000 at H31, one a minute, 10 of them with "công viên cây xanh"; 150 more with it 2 to 8 days
    // apart, from two months earlier: the gap is longer than a walk's steps (see below).
    await load(
      200_001,
      201_000,
      'H31',
      `'về cây xanh' || case when g % 100 = 1 then ' công viên cây xanh' else '' end`,
    );
    await load(201_001, 201_150, 'H31', `'về công viên cây xanh'`);
    await p.database.db.execute(
      sql`update feedback.items set published_at = case when substr(id, 6)::int <= 201000
          then timestamptz '2026-12-02 00:00:00+00' - (substr(id, 6)::int - 200000) * interval '1 minute'
          else timestamptz '2026-10-01 00:00:00+00' - (substr(id, 6)::int - 201000) * interval '1 hour' end
        where agency_code = 'H31'`,
    );
    // Not published: never listed.
    await p.database.db.execute(sql`update feedback.items set published_at = null where id = 'fbk_s2045'`);
  }, 180_000);
  afterAll(() => p?.close());

  it('counts exactly below the cap, and says "more" above it', async () => {
    const few = await get('agency=H26.S02&pageSize=20');
    expect(few).toMatchObject({ total: 44, totalCapped: false });
    const many = await get('agency=H41&pageSize=20');
    expect(many).toMatchObject({ total: 1000, totalCapped: true });
    expect(many.items.map((i) => i.code)).toEqual((await expected('H41')).slice(0, 20));
  });

  it('walks every page by cursor in the order of the list, each item once', async () => {
    const want = await expected('H26.S02');
    expect(want).toHaveLength(44);
    expect(await walk('agency=H26.S02&pageSize=20')).toEqual(want);
    // The same by offset pages.
    const byPage = [
      ...(await get('agency=H26.S02&pageSize=20&page=1')).items,
      ...(await get('agency=H26.S02&pageSize=20&page=2')).items,
      ...(await get('agency=H26.S02&pageSize=20&page=3')).items,
    ].map((i) => i.code);
    expect(byPage).toEqual(want);
  });

  it('finds a common phrase among the newest and a rare one among the oldest, newest first', async () => {
    const common = await get(`agency=H41&q=${encodeURIComponent('ho chieu')}&pageSize=50&page=2`);
    expect(common.items.map((i) => i.code)).toEqual((await expected('H41', 'ho chieu')).slice(50, 100));
    // A phrase is counted up to 100 (PHRASE_TOTAL_CAP), from the same look at the newest items.
    expect(common).toMatchObject({ total: 100, totalCapped: true });
    const firstPage = await get(`agency=H41&q=${encodeURIComponent('ho chieu')}&pageSize=20`);
    expect(firstPage.items.map((i) => i.code)).toEqual((await expected('H41', 'ho chieu')).slice(0, 20));
    expect(firstPage).toMatchObject({ total: 100, totalCapped: true });

    // Only in items 1201–1300 (the oldest): past the newest-first window, found by the index.
    const rare = await expected('H41', 'trich luc');
    expect(rare).toHaveLength(10);
    const found = await get(`q=${encodeURIComponent('Trích Lục')}&pageSize=4`);
    expect(found).toMatchObject({ total: 10, totalCapped: false });
    expect(found.items.map((i) => i.code)).toEqual(rare.slice(0, 4));
    expect(await walk(`q=${encodeURIComponent('trich luc')}&pageSize=4`)).toEqual(rare);
  });

  it('takes a rare phrase day by day from the newest, and every match when the days run out', async () => {
    // 19 matches among the 1,000 newest items of H27 (fewer than a page of 20): 101 of them should be
    // about 4 days back (101 / 19 windows of 1,000 minutes), so both phrases are taken day by day.
    const canal = await expected('H27', 'kenh tuoi tieu');
    expect(canal).toHaveLength(19 + 300);
    // The first days hold more than the count's cap: the page and "more than 100" come from them.
    await expectPage(`agency=H27&q=${encodeURIComponent('kênh tưới tiêu')}`, canal, 1, more);
    await expectPage(`agency=H27&q=${encodeURIComponent('kenh tuoi tieu')}`, canal, 6);

    // The second phrase: 19 + 10 matches in the first days, 150 in days further back.
    const ditch = await expected('H27', 'muong noi dong');
    expect(ditch).toHaveLength(19 + 10 + 150);
    await expectPage(`agency=H27&q=${encodeURIComponent('mương nội đồng')}`, ditch, 1, more);
    await expectPage(`agency=H27&q=${encodeURIComponent('muong noi dong')}`, ditch, 8);
    expect(await walk(`agency=H27&q=${encodeURIComponent('muong noi dong')}&pageSize=50`)).toEqual(ditch);

    // 10 matches among the 1,000 newest of H31: 101 should be 7 days back, so day by day again; but
    // the next match is two months back, past the walk's last step: every match is then taken.
    const park = await expected('H31', 'cong vien cay xanh');
    expect(park).toHaveLength(10 + 150);
    await expectPage(`agency=H31&q=${encodeURIComponent('công viên cây xanh')}`, park, 1, more);
    await expectPage(`agency=H31&q=${encodeURIComponent('cong vien cay xanh')}`, park, 8);
    // Without the agency: the same newest 1,000 (H31's are everyone's newest), the keys of all agencies.
    await expectPage(`q=${encodeURIComponent('cong vien cay xanh')}`, park, 2);
  });

  it.runIf(kind === 'postgres')('runs on connections without JIT compilation', async () => {
    // The walk's cost estimate passes jit_above_cost; compiling it took 40 ms (ADR 0020, addendum 9).
    // Several at once, so that the pool opens more than one connection.
    const shown = await Promise.all(
      Array.from({ length: 4 }, () =>
        p.database.db.execute(sql`select current_setting('jit') as jit, pg_backend_pid() as pid, pg_sleep(0.05)`),
      ),
    );
    const rows = shown.map((r) => (r as unknown as { rows: { jit: string; pid: number }[] }).rows[0]!);
    expect(new Set(rows.map((r) => r.pid)).size).toBeGreaterThan(1);
    expect(rows.map((r) => r.jit)).toEqual(['off', 'off', 'off', 'off']);
  });

  it('answers the count of a rare phrase with a page past its matches', async () => {
    const past = await get(`q=${encodeURIComponent('trich luc')}&pageSize=4&page=4`);
    expect(past).toMatchObject({ items: [], total: 10, totalCapped: false, next: null });
  });

  it('folds diacritics and case on both sides, and matches a phrase across word boundaries', async () => {
    const codes = async (q: string) =>
      (await get(`agency=H33&q=${encodeURIComponent(q)}`)).items.map((i) => i.code).sort();
    // "ĐĂNG KÝ" (upper case, đ) in the text; typed without diacritics, in upper case, or with them.
    expect(await codes('dang ky khai sinh')).toEqual(['PA26-S0003001']);
    expect(await codes('ĐĂNG KÝ')).toEqual(['PA26-S0003001']);
    expect(await codes('Đăng Ký Khai')).toEqual(['PA26-S0003001']);
    // "kí" is another spelling, not the same letters: not found by "ký".
    expect(await codes('dang ki')).toEqual(['PA26-S0003003']);
    // The end of one word and the start of the next; part of a word.
    expect(await codes('ky khai')).toEqual(['PA26-S0003001']);
    expect(await codes('ue va gi')).toEqual(['PA26-S0003002']);
    expect(await codes('khai si')).toEqual(['PA26-S0003001']);
    // Words in another order are another phrase; so are the same letters without the space (the
    // index is on the text without spaces: it proposes, the phrase as typed decides).
    expect(await codes('khai sinh dang ky')).toEqual([]);
    expect(await codes('dangky')).toEqual([]);
  });

  it('takes LIKE wildcards in the phrase literally and refuses a cursor it did not give', async () => {
    // "_" is the underscore typed in "mã_số", not any one character.
    expect((await get(`q=${encodeURIComponent('ma_so')}`)).items.map((i) => i.code)).toEqual(['PA26-S0003002']);
    expect((await get(`q=${encodeURIComponent('ma so')}`)).total).toBe(0);
    expect((await get(`q=${encodeURIComponent('m_')}`)).total).toBe(0);
    expect((await get(`q=${encodeURIComponent('100%')}`)).total).toBe(44);
    expect((await get(`q=${encodeURIComponent('%')}`)).total).toBe(44);
    expect((await get(`q=${encodeURIComponent('_')}`)).items.map((i) => i.code)).toEqual(['PA26-S0003002']);
    const bad = await p.call('GET', '/api/public/feedback?after=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0]).toMatchObject({ path: 'after', code: 'INVALID_CURSOR' });
  });
});
