import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../apps/server/src/app';
import { systemActor } from '../apps/server/src/platform/http/auth';
import { listOutbox } from '../apps/server/src/platform/mail/index';
import { TestClock } from '../apps/server/src/platform/time/clock';
import {
  createStaffUser,
  makePersonalId,
  markIdentityVerified,
  registerAccount,
} from '../apps/server/src/modules/identity/index';
import { buildProcedureContent } from '../apps/server/test/factories';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, screenshot, submitLogin } from './support/browser';
import { BrowserPeople, E2E_ADMIN, E2E_DB_KINDS, type InProcessPlatform, startInProcess } from './support/in-process';

const PROCEDURE = '1.009901';

/**
 * Issue 18, "Done when", in the browser. The platform runs in this process with a test clock (the
 * answer must come late: the clock is moved past the limit and the escalation job run), on PGlite
 * and, with TEST_DATABASE_URL, on a fresh PostgreSQL database too.
 */
describe.each(E2E_DB_KINDS)('feedback and petitions in the browser (%s)', (kind) => {
  let p: Platform;
  let server: InProcessPlatform;
  let people: BrowserPeople;
  let base = '';
  const clock = new TestClock();

  const newPage = (width = 1280): Promise<Page> => people.newPage({ width, height: 900 });
  const mails = async (to: string) => {
    await p.deps.jobs.drain();
    return (await listOutbox(p.deps.db, 500)).filter((m) => m.to === to);
  };
  async function verifiedCitizen(n: number) {
    const idNumber = makePersonalId('001', '1988-03-03', n % 2 ? 'male' : 'female', 770_000 + n);
    await registerAccount(p.identity, systemActor, {
      idNumber,
      fullName: `Công dân ${n}`,
      dateOfBirth: '1988-03-03',
      gender: n % 2 ? 'male' : 'female',
      email: `congdan${n}.${kind}@example.vn`,
      phone: '0912345678',
      password: 'Matkhau@2026',
    });
    await markIdentityVerified(p.identity, systemActor, idNumber);
    return idNumber;
  }

  beforeAll(async () => {
    [server, people] = await Promise.all([
      startInProcess(kind, 'feedback', { clock, env: { PETITION_THRESHOLD: '3' } }),
      BrowserPeople.launch(() => base),
    ]);
    p = server.p;
    base = server.base;
    const admin = E2E_ADMIN;
    await p.procedures.create(
      systemActor,
      admin,
      PROCEDURE,
      buildProcedureContent({ name: 'Cấp giấy phép hoạt động bến thủy nội địa', implementingAgencies: ['H26'] }),
    );
    await p.procedures.publish(systemActor, admin, PROCEDURE);
    await createStaffUser(p.identity, systemActor, null, {
      username: 'hn.xuly',
      password: 'Demo@12345',
      fullName: 'Lê Văn Xử Lý',
      email: 'hn.xuly@demo.egov.local',
      roles: ['reception', 'specialist', 'leader'],
      agencyCode: 'H26',
    });
  }, 240_000);

  afterAll(async () => {
    await people?.close();
    await server?.close();
    expect(people?.pageErrors).toEqual([]);
  });

  it('an anonymous citizen files on a procedure; it is routed, answered late (escalated), approved and published masked', async () => {
    const email = `an.danh.${kind}@example.vn`;
    const page = await newPage();
    await page.goto(`/phan-anh/gui?procedure=${PROCEDURE}`);
    await page.getByRole('heading', { name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    await expectAccessible(page, 'feedback-new');
    await page.locator('#fb-email').fill(email);
    await page.locator('#fb-name').fill('Trần Thị Bích');
    await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await page.getByText(`Đã gửi mã xác nhận đến ${email}`).waitFor();
    const code6 = /(\d{6})/.exec((await mails(email))[0]!.subject)![1]!;
    await page.locator('#fb-code').fill(code6);
    await page.locator('#fb-title').fill('Cán bộ yêu cầu nộp thêm giấy tờ');
    await page
      .locator('#fb-text')
      .fill(
        'Tôi là Trần Thị Bích, CCCD 001190012345, điện thoại 0912345678, ở số 12 ngõ 34 phố Huế. Cán bộ Nguyễn Văn Hùng yêu cầu bản sao sổ hộ khẩu.',
      );
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForURL('**/phan-anh/theo-doi/PA*');
    const code = /theo-doi\/(PA\d{2}-[0-9A-Z]{8})/.exec(page.url())![1]!;
    await page.getByText(`Mã phản ánh của bạn là ${code}`).waitFor();
    await page.getByTestId('feedback-summary').getByText('Đang xử lý').waitFor();
    await screenshot(page, 'feedback-filed');
    const trackUrl = new URL(page.url()).pathname + new URL(page.url()).search;

    // Nobody answers in time: past the limit, the escalation job alerts the leader.
    const view = (await (
      await fetch(
        `${base.replace('localhost', '127.0.0.1')}${trackUrl.replace('/phan-anh/theo-doi/', '/api/feedback/')}`,
      )
    ).json()) as {
      dueAt: string;
    };
    clock.set(new Date(new Date(view.dueAt).getTime() + 3600_000));
    await p.deps.jobs.drain();
    expect((await mails('hn.xuly@demo.egov.local')).some((m) => m.subject.includes(code))).toBe(true);

    const staff = await newPage();
    await submitLogin(staff, 'hn.xuly', 'Demo@12345', '/staff/feedback?box=overdue');
    await staff.waitForURL('**/staff/feedback?box=overdue');
    await staff.locator(`tr[data-feedback="${code}"]`).getByRole('link', { name: code }).click();
    await staff.getByText('Đã báo lãnh đạo').waitFor();
    await staff.locator('[data-event="escalated"]').waitFor();
    await expectAccessible(staff, 'staff-feedback');
    await staff
      .locator('#fb-answer')
      .fill('Cơ quan đã nhắc nhở cán bộ Nguyễn Văn Hùng; bà Trần Thị Bích không phải nộp sổ hộ khẩu.');
    await staff.getByRole('button', { name: 'Dự thảo trả lời' }).click();
    await staff.getByRole('button', { name: 'Duyệt trả lời' }).click();
    await staff.getByRole('button', { name: 'Công khai (che thông tin cá nhân)' }).click();
    const published = staff.getByTestId('feedback-public-text');
    await published.waitFor();
    const text = (await published.textContent())!;
    for (const secret of ['Bích', 'Hùng', '001190012345', '0912345678', 'ngõ 34']) expect(text).not.toContain(secret);
    expect(text).toContain('không phải nộp sổ hộ khẩu');
    await staff.locator('[data-event="approved"]').getByText('trễ hạn').waitFor();
    await screenshot(staff, 'feedback-published');

    // The citizen sees the answer and rates it; the public list shows it masked.
    await page.goto(trackUrl);
    await page.getByTestId('feedback-answer').getByText('không phải nộp sổ hộ khẩu').waitFor();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn bạn đã đánh giá.').waitFor();
    await page.goto('/phan-anh?q=so%20ho%20khau');
    await page.locator(`tr[data-feedback="${code}"]`).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('001190012345');
    await expectAccessible(page, 'feedback-public');
  });

  it('a petition reaches its threshold with supports from several verified citizens and opens a response case', async () => {
    const citizens = [await verifiedCitizen(1), await verifiedCitizen(2), await verifiedCitizen(3)];
    const author = await newPage();
    await submitLogin(author, citizens[0]!, 'Matkhau@2026', '/kien-nghi');
    await author.waitForURL('**/kien-nghi');
    await author.locator('#pet-title').fill('Mở bộ phận một cửa đến 20 giờ thứ Năm');
    await author.locator('#pet-text').fill('Người lao động không thể đến trong giờ hành chính.');
    await author.locator('#pet-to').selectOption('H26');
    await author.getByRole('button', { name: 'Tạo kiến nghị' }).click();
    await author.waitForURL('**/kien-nghi/pet_*');
    const url = new URL(author.url()).pathname;
    let last = author;
    for (const [i, c] of citizens.entries()) {
      const page = i === 0 ? author : await newPage();
      last = page;
      if (i > 0) {
        await submitLogin(page, c, 'Matkhau@2026', url);
        await page.waitForURL(`**${url}`);
      }
      await page.getByRole('button', { name: 'Ủng hộ kiến nghị' }).click();
      await page.getByText('Bạn đã ủng hộ kiến nghị này.').waitFor();
      await eventually(() => page.getByTestId('petition-count').textContent()).toContain(`${i + 1} / 3`);
    }
    await last.getByText('Đủ ngưỡng, chờ trả lời').waitFor();
    await last.getByText('Hạn trả lời').waitFor();
    await screenshot(last, 'petition-threshold');
    await expectAccessible(last, 'petition');
  });

  it('the statistics page shows the counts', async () => {
    const page = await newPage();
    await page.goto('/phan-anh/thong-ke?agency=H26&from=2020-01-01&to=2100-01-01');
    const row = page.locator('tr[data-agency="H26"]');
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    // received 1, answered 1, on time 0, late 1
    expect(cells.slice(1, 5)).toEqual(['1', '1', '0', '1']);
    await expectAccessible(page, 'feedback-stats');
  });

  it('the public list says "more than 1,000" past its count cap, and pages on', async () => {
    // 1,050 published items of one agency, bulk-loaded (the list counts to 1,000 and stops).
    await p.deps.db.execute(
      sql.raw(`insert into feedback.items (id, code, content_type, subject_kind, agency_code, title, body, allow_publish, status,
        group_id, created_at, updated_at, published_at, public_title, public_body, public_answer)
      select 'fbk_e2e' || g, 'PA26-E' || lpad(g::text, 7, '0'), 'other', 'agency', 'H41', t, t, true, 'published', 'fbk_e2e' || g,
        now() - interval '30 days', now(), now() - interval '11 days' - g * interval '1 minute', t, t, 'Cơ quan đã trả lời.'
      from (select g, 'Phản ánh về lệ phí hộ chiếu số ' || g as t from generate_series(1, 1050) g) s`),
    );
    const page = await newPage();
    await page.goto('/phan-anh?agency=H41');
    await page.getByText('Số kết quả: hơn 1.000').waitFor();
    await page.getByText('Trang 1 / hơn 50').waitFor();
    await page.locator('tr[data-feedback="PA26-E0000001"]').waitFor();
    await page.getByRole('button', { name: 'Trang sau ›' }).click();
    await page.getByText('Trang 2 / hơn 50').waitFor();
    await page.locator('tr[data-feedback="PA26-E0000021"]').waitFor();
    await screenshot(page, 'feedback-public-capped');
    await expectAccessible(page, 'feedback-public-capped');
    // A narrower search counts exactly again.
    await page.goto(`/phan-anh?agency=H41&q=${encodeURIComponent('hộ chiếu số 104')}`);
    await page.getByText('Số kết quả: 11', { exact: true }).waitFor();
    // The same rare phrase typed by a citizen on a phone: ten of the 11 are past the agency's newest
    // 1,000 (found by the search index's walk, ADR 0020 addendum 9), the oldest of them listed too.
    const phone = await newPage(375);
    await phone.goto('/phan-anh');
    await phone.getByLabel('Tìm kiếm').fill('hộ chiếu số 104');
    await phone.getByLabel('Cơ quan').selectOption({ label: 'Ủy ban nhân dân tỉnh Nghệ An' });
    await phone.getByRole('button', { name: 'Áp dụng' }).click();
    await phone.getByText('Số kết quả: 11', { exact: true }).waitFor();
    await phone.locator('tr[data-feedback="PA26-E0001049"]').waitFor();
    await phone.locator('tr[data-feedback="PA26-E0000104"]').waitFor();
    await screenshot(phone, 'feedback-public-rare-phone');
    expect(await hasHorizontalScroll(phone, 375), 'the public list scrolls sideways on a phone').toBe(false);
    // A common phrase is counted to 100 (from the same look at the newest items as its page).
    await page.goto(`/phan-anh?agency=H41&q=${encodeURIComponent('lệ phí')}`);
    await page.getByText('Số kết quả: hơn 100').waitFor();
    await page.getByText('Trang 1 / hơn 5').waitFor();
    await page.locator('tr[data-feedback="PA26-E0000001"]').waitFor();
    await screenshot(page, 'feedback-public-phrase-capped');
  });
});
