import { PDFDocument } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot, submitLogin } from './support/browser';
import { DESKTOP, Journey, linksIn, PHONE } from './support/journey';
import { E2E_DB_KINDS, freshDatabase } from './support/in-process';
import { type RunningServer, startServer } from './support/server';

/**
 * Issue 15: the secretary (thư ký) prepares a meeting of the Hà Nội People's Committee entirely in
 * the browser, in Vietnamese, without knowing any id — from an empty list to a convened meeting with
 * two items and papers (one uploaded, one chosen from the documents module, then a new version);
 * a member delegates to a deputy from his phone; in session the secretary notes an opinion, records
 * a decision and assigns a task to a ward, whose specialist reports it done on his phone.
 */

const PASSWORD = 'Demo@12345';
const TITLE = 'Phiên họp chuyên đề về chuyển đổi số tháng 12';
const UPLOADED = 'Tờ trình về kế hoạch chuyển đổi số năm 2027';
const FROM_DOCUMENTS = 'Triển khai chuyển đổi số năm 2026: báo cáo của Văn phòng';
/** A draft of the demo's outgoing documents (documents module), by the office's specialist. */
const DOC_SUBJECT = 'Về việc triển khai chuyển đổi số năm 2026';
const TASK = 'Rà soát hạ tầng số của phường, báo cáo Ủy ban';
const CLOSED = 'Phiên họp thường kỳ tháng 1';

async function pdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage();
  return Buffer.from(await doc.save());
}

describe.each(E2E_DB_KINDS)('e-Cabinet: the secretary prepares a meeting in the browser (%s)', (kind) => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let dropDb = async () => {};
  let sec: Page;
  let meetingUrl = '';
  const j = new Journey(
    () => server,
    () => browser,
  );

  async function as(username: string, viewport = DESKTOP): Promise<Page> {
    const ctx = await browser.newContext({ baseURL: server.url, locale: 'vi-VN', viewport });
    contexts.push(ctx);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
    await submitLogin(p, username, PASSWORD, '/staff/meetings');
    await p.waitForURL('**/staff/meetings');
    return p;
  }
  const item = (p: Page, seq: number) => p.locator(`[data-item="${seq}"]`);
  /** Type part of a name in a picker, then choose the person (or agency) from the list. */
  async function pick(p: Page, fieldId: string, typed: string, name: string) {
    await p.locator(`#${fieldId}`).fill(typed);
    await p.locator('.picker-option', { hasText: name }).first().click();
    await p.locator(`[data-picker="${fieldId}"] .chip`, { hasText: name }).waitFor();
  }

  beforeAll(async () => {
    const db = await freshDatabase(kind, 'meetings_secretary');
    dropDb = db.drop;
    [server, browser] = await Promise.all([startServer({ env: db.env }), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await dropDb();
    expect(pageErrors).toEqual([]);
  });

  it('from an empty list the secretary creates the meeting, picking people by name; the server names a missing place', async () => {
    sec = await as('hn.vanthu');
    await sec.getByText('Chưa có phiên họp nào.').waitFor();
    await sec.getByRole('link', { name: 'Tạo phiên họp' }).click();
    await sec.waitForURL('**/staff/meetings/new');
    await sec.getByRole('heading', { name: 'Tạo phiên họp' }).waitFor();
    await sec.getByLabel('Phiên họp chuyên đề').check();
    await sec.getByLabel('Tên phiên họp').fill(TITLE);
    await sec.locator('#day').fill('2026-12-21');
    await sec.locator('#start').fill('08:00');
    await sec.locator('#end').fill('11:30');
    await pick(sec, 'chairId', 'lanh dao', 'Phạm Văn Lãnh Đạo');
    await pick(sec, 'memberIds', 'Phó Chủ', 'Vũ Văn Phó Chủ Tịch');
    await pick(sec, 'memberIds', 'ủy viên', 'Đỗ Thị Ủy Viên');
    await pick(sec, 'guests', 'Tiếp Nhận', 'Trần Văn Tiếp Nhận');
    // The secretary is the one preparing it, unless another is chosen.
    await expect(sec.locator('[data-picker="secretaryId"] .chip').textContent()).resolves.toContain(
      'Hoàng Thị Văn Thư',
    );
    // Neither a place nor a video room: the server's problem+json names the field, shown next to it.
    await sec.getByRole('button', { name: 'Lưu dự kiến phiên họp' }).click();
    await sec.locator('#place-error').getByText('Nhập địa điểm, hoặc chọn họp trực tuyến.').waitFor();
    await expect(sec.locator('#place').getAttribute('aria-invalid')).resolves.toBe('true');
    await sec
      .getByRole('alert')
      .getByRole('link', { name: /Địa điểm/ })
      .waitFor();
    await expectAccessible(sec, 'meetings-secretary-create-error');

    await sec.getByLabel('Tạo phòng họp trực tuyến (hệ thống tự tạo đường dẫn)').check();
    await sec.getByLabel('Địa điểm').fill('Phòng họp số 2, trụ sở Ủy ban nhân dân thành phố');
    await sec.getByRole('button', { name: 'Lưu dự kiến phiên họp' }).click();
    await sec.waitForURL(/\/staff\/meetings\/mtg_[0-9a-z]{26}$/);
    meetingUrl = new URL(sec.url()).pathname;
    await sec.getByRole('heading', { name: TITLE }).waitFor();
    await expect(sec.getByTestId('meeting-status').textContent()).resolves.toBe('Dự kiến');
    const video = await sec.getByRole('link', { name: /egov-[0-9a-f]{20}/ }).getAttribute('href');
    expect(video).toMatch(/^https:\/\/meet\.jit\.si\/egov-[0-9a-f]{20}$/);
    for (const name of ['Phạm Văn Lãnh Đạo', 'Vũ Văn Phó Chủ Tịch', 'Đỗ Thị Ủy Viên', 'Trần Văn Tiếp Nhận'])
      await sec.getByRole('cell', { name, exact: true }).waitFor();

    // The same form on the secretary's phone: a person picked by name, an error beside its field.
    const phone = await as('hn.vanthu', PHONE);
    await phone.getByRole('link', { name: 'Tạo phiên họp' }).click();
    await phone.getByLabel('Tên phiên họp').fill('Phiên họp thường kỳ tháng 1');
    await pick(phone, 'chairId', 'lanh dao', 'Phạm Văn Lãnh Đạo');
    await phone.locator('#memberIds').fill('phó chủ');
    await phone.locator('.picker-option', { hasText: 'Vũ Văn Phó Chủ Tịch' }).waitFor();
    await phone.getByRole('button', { name: 'Lưu dự kiến phiên họp' }).click();
    await phone.locator('#day-error').waitFor();
    expect(await hasHorizontalScroll(phone, PHONE.width)).toBe(false);
    await expectAccessible(phone, 'meetings-secretary-create-phone');

    // A closed session (phiên họp kín) with its quorum: more than the members invited is refused beside the field.
    await phone.locator('#day').fill('2027-01-11');
    await phone.getByLabel('Số thành viên cần có mặt để khai mạc').fill('3');
    await phone.getByText('Tính cả chủ trì. Để trống: quá nửa số thành viên được mời.').waitFor();
    await phone.getByLabel('Phiên họp kín (mật)').check();
    await phone.getByText('Tài liệu chỉ xem trên hệ thống, có đóng dấu tên người xem').waitFor();
    await phone.getByLabel('Địa điểm').fill('Phòng họp số 3');
    await phone.getByRole('button', { name: 'Lưu dự kiến phiên họp' }).click();
    await phone
      .locator('#quorum-error')
      .getByText('Số thành viên cần có mặt vượt quá số thành viên được mời.')
      .waitFor();
    expect(await hasHorizontalScroll(phone, PHONE.width)).toBe(false);
    await expectAccessible(phone, 'meetings-secretary-closed-quorum-error-phone');
    await phone.locator('.picker-option', { hasText: 'Vũ Văn Phó Chủ Tịch' }).first().click();
    await phone.getByLabel('Số thành viên cần có mặt để khai mạc').fill('2');
    await phone.getByRole('button', { name: 'Lưu dự kiến phiên họp' }).click();
    await phone.waitForURL(/\/staff\/meetings\/mtg_[0-9a-z]{26}$/);
    await phone.getByRole('heading', { name: CLOSED }).getByText('MẬT').waitFor();
    await phone.getByText('0 / 2', { exact: true }).waitFor();
    expect(await hasHorizontalScroll(phone, PHONE.width)).toBe(false);
    await expectAccessible(phone, 'meetings-secretary-closed-created-phone');
    await phone.context().close();

    // On the desktop, from the list: the closed meeting is marked, and its page shows both.
    const desk = await as('hn.vanthu');
    await desk.locator('tbody tr', { hasText: CLOSED }).getByText('MẬT').waitFor();
    await desk.locator('tbody tr a', { hasText: CLOSED }).click();
    await desk.getByRole('heading', { name: CLOSED }).getByText('MẬT').waitFor();
    await desk.getByText('0 / 2', { exact: true }).waitFor();
    await expectAccessible(desk, 'meetings-secretary-closed-created');
    await desk.context().close();
  });

  it('two items with presenters and papers — one uploaded, one from the documents module — reordered, then convened with a new version', async () => {
    await sec.getByText('Chưa có nội dung nào trong chương trình họp.').waitFor();
    await sec.locator('#new-item-title').fill(UPLOADED);
    await sec.getByLabel('Tóm tắt').fill('Kế hoạch chuyển đổi số của thành phố năm 2027.');
    await pick(sec, 'new-item-presenter', 'pho chu tich', 'Vũ Văn Phó Chủ Tịch');
    await sec
      .locator('#new-item-file')
      .setInputFiles({ name: 'to-trinh-chuyen-doi-so.pdf', mimeType: 'application/pdf', buffer: await pdf(3) });
    // The chosen file is named in Vietnamese beside a translated button (not the browser's own).
    await expect(sec.locator('#new-item-file-name').textContent()).resolves.toBe('to-trinh-chuyen-doi-so.pdf');
    await sec.locator('label[for="new-item-file"]', { hasText: 'Thay tệp khác…' }).waitFor();
    await sec.getByRole('button', { name: 'Thêm nội dung' }).click();
    await item(sec, 1).getByRole('link', { name: 'to-trinh-chuyen-doi-so.pdf' }).waitFor();
    await expect(item(sec, 1).textContent()).resolves.toContain('Vũ Văn Phó Chủ Tịch');

    await sec.locator('#new-item-title').fill(FROM_DOCUMENTS);
    await pick(sec, 'new-item-presenter', 'uy vien', 'Đỗ Thị Ủy Viên');
    await sec.getByRole('button', { name: 'Thêm nội dung' }).click();
    await item(sec, 2)
      .getByRole('heading', { name: new RegExp(FROM_DOCUMENTS.slice(0, 20)) })
      .waitFor();
    // The paper is a draft of the documents module, found by its subject (the server checks the reader).
    await item(sec, 2).locator('summary', { hasText: 'Thêm tài liệu' }).click();
    await item(sec, 2).getByLabel('Hoặc chọn văn bản trong hệ thống quản lý văn bản').fill('trien khai chuyen doi');
    await item(sec, 2).locator('.picker-option', { hasText: DOC_SUBJECT }).click();
    await item(sec, 2)
      .getByRole('link', { name: `Dự thảo – ${DOC_SUBJECT}.pdf` })
      .waitFor();

    // The report goes first.
    await item(sec, 2)
      .getByRole('button', { name: `Chuyển lên: ${FROM_DOCUMENTS}` })
      .click();
    await eventually(() => item(sec, 1).getByRole('heading', { level: 3 }).textContent()).toContain(FROM_DOCUMENTS);
    await expect(item(sec, 2).getByRole('heading', { level: 3 }).textContent()).resolves.toContain(UPLOADED);
    await expectAccessible(sec, 'meetings-secretary-agenda');

    // The same page on the secretary's phone: nothing wider than the screen.
    const phone = await as('hn.vanthu', PHONE);
    await phone.locator('tbody tr a', { hasText: TITLE }).click();
    await item(phone, 2).getByRole('link', { name: 'to-trinh-chuyen-doi-so.pdf' }).waitFor();
    expect(await hasHorizontalScroll(phone, PHONE.width)).toBe(false);
    await screenshot(phone, 'meetings-secretary-agenda-phone');

    await sec.getByRole('button', { name: 'Triệu tập' }).click();
    await eventually(() => sec.getByTestId('meeting-status').textContent()).toBe('Đã triệu tập');
    // A new version of the uploaded paper after convening: marked new to the members.
    await item(sec, 2).locator('summary', { hasText: 'Thêm tài liệu' }).click();
    await item(sec, 2).getByLabel('Tệp tải lên là').selectOption({ label: 'Bản mới của: to-trinh-chuyen-doi-so.pdf' });
    await item(sec, 2)
      .locator('#item-2-file')
      .setInputFiles({ name: 'to-trinh-chuyen-doi-so-v2.pdf', mimeType: 'application/pdf', buffer: await pdf(4) });
    await item(sec, 2).getByRole('button', { name: 'Tải lên tài liệu' }).click();
    await item(sec, 2).getByRole('link', { name: 'to-trinh-chuyen-doi-so-v2.pdf' }).waitFor();
    await expect(item(sec, 2).locator('.file-list li').first().textContent()).resolves.toMatch(/bản 2, 4 trang\).*Mới/);
  });

  it('a member opens the meeting on his phone, sees the new version and sends a deputy (recorded)', async () => {
    const member = await as('hn.pct2', PHONE);
    await member.locator('tbody tr a', { hasText: TITLE }).click();
    await item(member, 2).locator('.tag', { hasText: 'Mới' }).waitFor();
    await pick(member, 'delegateId', 'thanh vien', 'Bùi Văn Thành Viên');
    await member.getByRole('button', { name: 'Cử người dự thay', exact: true }).click();
    await member.getByRole('cell', { name: 'Cử người dự thay → Bùi Văn Thành Viên' }).waitFor();
    // He has answered: no confirming, declining or second deputy is offered (nor accepted by the server).
    await member.getByRole('heading', { name: 'Cử người dự thay' }).waitFor({ state: 'detached' });
    for (const name of ['Xác nhận tham dự', 'Báo vắng'])
      expect(await member.getByRole('button', { name }).count()).toBe(0);
    expect(await hasHorizontalScroll(member, PHONE.width)).toBe(false);
    await expectAccessible(member, 'meetings-member-delegates-phone');
    // The secretary's page learns of it live.
    await sec.getByRole('cell', { name: 'Cử người dự thay → Bùi Văn Thành Viên' }).waitFor();
  });

  it('in session the secretary notes an opinion, records a decision and assigns a task to a ward picked by name', async () => {
    for (const name of ['Phạm Văn Lãnh Đạo', 'Vũ Văn Phó Chủ Tịch', 'Bùi Văn Thành Viên']) {
      await sec.getByLabel(`Điểm danh: ${name}`).selectOption({ label: 'Có mặt' });
      // The select shows what the server recorded (it is refetched after each change).
      await eventually(() => sec.getByLabel(`Điểm danh: ${name}`).inputValue()).toBe('present');
    }
    const chair = await as('hn.lanhdao');
    await chair.locator('tbody tr a', { hasText: TITLE }).click();
    await chair.getByRole('button', { name: 'Khai mạc phiên họp' }).click();
    await eventually(() => sec.getByTestId('meeting-status').textContent()).toBe('Đang họp');

    await item(sec, 2).getByLabel('Người phát biểu').selectOption({ label: 'Vũ Văn Phó Chủ Tịch (Thành viên)' });
    await item(sec, 2).getByLabel('Nội dung ý kiến').fill('Đề nghị bổ sung lộ trình cho cấp xã.');
    await item(sec, 2).getByRole('button', { name: 'Ghi ý kiến' }).click();
    await item(sec, 2).getByText('Vũ Văn Phó Chủ Tịch: Đề nghị bổ sung lộ trình cho cấp xã.').waitFor();
    // Undecided in session: the secretary may open a vote, under its heading.
    const votes = item(sec, 2).getByRole('heading', { name: 'Biểu quyết', exact: true });
    await votes.waitFor();
    await item(sec, 2).getByRole('button', { name: 'Mở biểu quyết điện tử' }).waitFor();
    await item(sec, 2).getByLabel('Nội dung kết luận').fill('Thông qua kế hoạch; bổ sung lộ trình cho cấp xã.');
    await item(sec, 2).getByRole('button', { name: 'Ghi kết luận' }).click();
    await eventually(() => item(sec, 2).getByTestId('outcome').textContent()).toBe('Thông qua');
    // Decided without a vote: no empty "Biểu quyết" heading is left over it.
    await eventually(() => votes.count()).toBe(0);

    // A task without an owner: named next to the field before anything is sent.
    await sec.getByLabel('Nội dung nhiệm vụ').fill(TASK);
    await sec.getByRole('button', { name: 'Giao nhiệm vụ', exact: true }).click();
    await sec.locator('#task-owner-error').waitFor();
    await sec.getByLabel('Theo nội dung').selectOption({ label: `2. ${UPLOADED}` });
    await pick(sec, 'task-owner', 'phuong Hoan Kiem', 'Ủy ban nhân dân phường Hoàn Kiếm');
    await sec.getByLabel('Thời hạn').fill('2027-01-15');
    await sec.getByRole('button', { name: 'Giao nhiệm vụ', exact: true }).click();
    await eventually(() => sec.getByTestId('meeting-tasks').textContent()).toContain(
      `${TASK} — Ủy ban nhân dân phường Hoàn Kiếm, hạn 15/01/2027 Đang thực hiện`,
    );
    await expectAccessible(sec, 'meetings-secretary-in-session');
  });

  it('the ward’s specialist sees the task on his phone and reports it done; the meeting shows it', async () => {
    // The ward's people were mailed the task, with the link to the page where they report it.
    const mails = (await j.mailsTo('hk.chuyenvien@demo.egov.local')).filter((m) => m.subject.includes(TASK));
    expect(mails.map((m) => m.subject)).toEqual([`Nhiệm vụ được giao: ${TASK}`]);
    expect(mails[0]!.text).toContain('Thời hạn: 15/01/2027.');
    const links = linksIn(mails[0]!.text);
    // The link opens this task itself, not only the tasks section.
    expect(links).toEqual([expect.stringMatching(new RegExp(`^${server.url}/staff/meetings/tasks/mtk_[0-9a-z]{26}$`))]);
    // Nobody of the body that assigned it was mailed the task.
    expect((await j.mailsTo('hn.vanthu@demo.egov.local')).filter((m) => m.subject.includes(TASK))).toEqual([]);
    const ward = await as('hk.chuyenvien', PHONE);
    await ward.goto(links[0]!);
    await ward.getByRole('heading', { name: 'Nhiệm vụ được giao cho đơn vị', level: 1 }).waitFor();
    const card = ward.locator('article[data-task]', { hasText: TASK });
    await card.waitFor();
    // Only that task, the one the mail names.
    expect(await ward.locator('article[data-task]').count()).toBe(1);
    expect(new URL(links[0]!).pathname).toBe(`/staff/meetings/tasks/${await card.getAttribute('data-task')}`);
    await card.getByText('Ủy ban nhân dân phường Hoàn Kiếm · hạn 15/01/2027').waitFor();
    // The meeting is named, not linked: the ward takes no part in it (a link would answer 404).
    await card.getByText(`Từ phiên họp: ${TITLE}`).waitFor();
    expect(await card.getByRole('link').count()).toBe(0);
    await card.getByLabel('Kết quả thực hiện').fill('Đã rà soát 12 điểm truy cập, gửi báo cáo số 45/BC-UBND.');
    await card.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    await card.locator('.tag', { hasText: 'Đã hoàn thành' }).waitFor();
    expect(await hasHorizontalScroll(ward, PHONE.width)).toBe(false);
    await expectAccessible(ward, 'meetings-ward-task-done-phone');
    await eventually(() => sec.getByTestId('meeting-tasks').textContent()).toContain('Đã hoàn thành');
    await screenshot(sec, 'meetings-secretary-task-done');

    // Ten more tasks for the ward (set up through the API, not the walk): its section shows ten a page,
    // the open ones first; the task reported done is on the second page.
    const token = await j.token('hn.vanthu');
    const meetingId = meetingUrl.split('/').pop()!;
    for (let n = 1; n <= 10; n++) {
      const r = await j.api(token, 'POST', `/api/meetings/${meetingId}/actions`, {
        action: 'assign_task',
        title: `Cập nhật số liệu chuyển đổi số, đợt ${n}`,
        ownerAgency: 'H26.X001',
        dueDate: `2027-02-${10 + n}`,
      });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    // From the task's page back to the list of the ward's tasks.
    await ward.locator('.breadcrumbs').getByRole('link', { name: 'Phiên họp và phiếu lấy ý kiến' }).click();
    await ward.waitForURL('**/staff/meetings');
    const section = ward.getByRole('region', { name: 'Nhiệm vụ được giao cho đơn vị' });
    await section.getByText('Trang 1 / 2').waitFor();
    await eventually(() => section.locator('article[data-task]').count()).toBe(10);
    await section.getByRole('button', { name: 'Trang sau ›' }).click();
    await section
      .locator('article[data-task]', { hasText: TASK })
      .locator('.tag', { hasText: 'Đã hoàn thành' })
      .waitFor();
    await section.getByText('Trang 2 / 2').waitFor();
    await eventually(() => section.locator('article[data-task]').count()).toBe(1);
    expect(await hasHorizontalScroll(ward, PHONE.width)).toBe(false);
    await expectAccessible(ward, 'meetings-ward-tasks-page-2-phone');
    expect(meetingUrl).toMatch(/^\/staff\/meetings\/mtg_/);
  });
});
