import { spawnSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextStep, pickAddress } from './support/api';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot, submitLogin } from './support/browser';
import { type RunningServer, startServer } from './support/server';

/** A one-page PDF (the result is sealed with a visible signature block, which needs a page). */
const onePage = await (async () => {
  const d = await PDFDocument.create();
  d.addPage([595, 842]);
  return Buffer.from(await d.save());
})();
const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: onePage });

const PROCEDURE = '1.001193'; // Đăng ký khai sinh: commune level, full online, H26.X001 … under H26
const AGENCY = 'H26.X001';

describe('dossier journey: a citizen applies online, the one-stop desk processes, the citizen gets the result', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let citizen: Page;
  let code = '';
  const pageErrors: string[] = [];

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const ctx = await browser.newContext({ baseURL: server.url, locale: 'vi-VN', viewport });
    contexts.push(ctx);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    return p;
  }

  async function login(p: Page, username: string, password = 'Demo@12345', next = '/') {
    await submitLogin(p, username, password, next);
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    // A commune dossier goes to a specialist of the commune: the demo seed has one (hk.chuyenvien at AGENCY).
    citizen = await newPage();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('finds the procedure without diacritics and shows its published content', async () => {
    await login(citizen, '001099012345', 'Demo@12345', '/procedures');
    await citizen.waitForURL('**/procedures');
    await citizen.getByRole('list', { name: 'Danh sách thủ tục' }).waitFor();
    await citizen.locator('#q').fill('khai sinh');
    await citizen.getByRole('button', { name: 'Tìm kiếm' }).click();
    await citizen.waitForURL('**/procedures?q=khai+sinh');
    const result = citizen
      .getByRole('list', { name: 'Danh sách thủ tục' })
      .getByRole('link', { name: 'Thủ tục đăng ký khai sinh' });
    await result.waitFor();
    await expectAccessible(citizen, 'services-search');
    await result.click();
    await citizen.waitForURL(`**/procedures/${PROCEDURE}`);
    await citizen.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
    await citizen.getByRole('heading', { name: 'Căn cứ pháp lý' }).waitFor();
    expect(await citizen.locator('main').textContent()).toContain('Trực tuyến toàn trình');
    await expectAccessible(citizen, 'services-procedure');

    // Fees in VND: a procedure with fees shows them as 1.000.000 ₫.
    await citizen.goto('/procedures/2.001610');
    await eventually(() => citizen.locator('main').textContent()).toContain('50.000\u00a0₫');
    await citizen.goto(`/procedures/${PROCEDURE}`);
  });

  it('the application form is split into steps, prefilled from the account, and each step checked before the next', async () => {
    await citizen.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await citizen.waitForURL(`**/procedures/${PROCEDURE}/apply`);
    await citizen.getByRole('heading', { name: 'Bước 1/9: Cơ quan tiếp nhận hồ sơ' }).waitFor();
    await expectAccessible(citizen, 'services-apply');

    // Nothing chosen: the step's check says what is missing, and the applicant stays on it.
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    const summary = citizen.getByRole('alert').filter({ hasText: 'Có lỗi cần khắc phục' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Cơ quan tiếp nhận');
    await citizen.locator('#agencyCode').selectOption(AGENCY);
    await nextStep(citizen, 'Bước 2/9: Người yêu cầu đăng ký khai sinh');
    await citizen.waitForURL(/\/apply\?draft=/);

    // What the account knows is filled in, not asked again.
    expect(await citizen.locator('#fd-declarant-fullName').inputValue()).toBe('Nguyễn Văn An');
    expect(await citizen.locator('#fd-declarant-idNumber').inputValue()).toBe('001099012345');
    expect(await citizen.locator('#fd-declarant-email').inputValue()).toBe('citizen@demo.egov.local');
    await pickAddress(citizen, 'fd-declarant-residence', 'Số 1 Tràng Tiền');
    await nextStep(citizen, 'Bước 3/9');
    await citizen.locator('#fd-declarantRelation').selectOption('father');
    await nextStep(citizen, 'Bước 4/9: Người được khai sinh');
    expect(await citizen.locator('#fd-child-nationality').inputValue()).toBe('Việt Nam');

    // The child's step, empty: its required fields are listed and marked.
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Người được khai sinh › Họ, chữ đệm, tên');
    expect(await citizen.locator('#fd-child-fullName').getAttribute('aria-invalid')).toBe('true');
    await screenshot(citizen, 'services-apply-errors');
    await citizen.locator('#fd-child-fullName').fill('Nguyễn Minh Khang');
    await citizen.locator('#fd-child-gender input[value="male"]').check();
    await citizen.locator('#fd-child-dateOfBirth').fill('2026-11-01');
    await citizen.locator('#fd-child-placeOfBirth').fill('Bệnh viện Phụ sản Hà Nội');
    await citizen.locator('#fd-child-hometown').fill('Phường Hoàn Kiếm, Hà Nội');
    await nextStep(citizen, 'Bước 5/9: Thông tin người mẹ');

    // A pattern from the schema (12 digits) is checked in the browser too.
    await citizen.locator('#fd-mother-fullName').fill('Trần Thị Mai');
    await citizen.locator('#fd-mother-yearOfBirth').fill('1995');
    await pickAddress(citizen, 'fd-mother-residence', 'Số 1 Tràng Tiền');
    await citizen.locator('#fd-mother-idNumber').fill('123');
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    await citizen
      .locator('#fd-mother-idNumber-error')
      .filter({ hasText: 'Số định danh cá nhân gồm đúng 12 chữ số.' })
      .waitFor();
    await citizen.locator('#fd-mother-idNumber').fill('');
    await nextStep(citizen, 'Bước 6/9');
    await nextStep(citizen, 'Bước 7/9');
    await nextStep(citizen, 'Bước 8/9');
    await nextStep(citizen, 'Bước 9/9: Giấy tờ kèm theo và nộp hồ sơ');
  });

  it('uploads each required document (type errors shown), saves a draft and resumes it at its step', async () => {
    // The declaration is the form itself: its PDF is optional (never asked twice); the birth certificate is not.
    await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    await citizen.getByRole('alert').filter({ hasText: 'Có lỗi cần khắc phục' }).waitFor();
    expect(await citizen.locator('#doc-giay_chung_sinh').getAttribute('aria-invalid')).toBe('true');
    expect(await citizen.locator('#doc-to_khai').getAttribute('aria-invalid')).not.toBe('true');

    // Wrong type: refused in the browser. An executable named .pdf: refused by the server's sniffing.
    await citizen
      .locator('#doc-uy_quyen')
      .setInputFiles({ name: 'virus.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00') });
    await citizen.locator('#doc-uy_quyen-error').filter({ hasText: 'Định dạng tệp không được chấp nhận' }).waitFor();
    await citizen.locator('#doc-uy_quyen').setInputFiles({
      name: 'giay-uy-quyen.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('MZ\x90\x00\x03'), Buffer.alloc(200)]),
    });
    await citizen
      .locator('#doc-uy_quyen-error')
      .filter({ hasText: /Định dạng tệp|Nội dung tệp/ })
      .waitFor();
    await screenshot(citizen, 'services-apply-upload-error');

    await citizen.locator('#doc-to_khai').setInputFiles(pdf('to-khai-khai-sinh.pdf'));
    await citizen.locator('#doc-to_khai-status').filter({ hasText: 'to-khai-khai-sinh.pdf' }).waitFor();
    await citizen.locator('#doc-giay_chung_sinh').setInputFiles(pdf('giay-chung-sinh.pdf'));
    await citizen.locator('#doc-giay_chung_sinh-status').filter({ hasText: 'giay-chung-sinh.pdf' }).waitFor();

    await citizen.getByRole('button', { name: 'Lưu nháp' }).click();
    await citizen.getByText('Đã lưu nháp lúc').waitFor();
    await citizen.waitForURL(/\/apply\?draft=/);
    await screenshot(citizen, 'services-apply-filled');

    // Reload: the server draft comes back at its step, files included, and the earlier steps kept.
    await citizen.reload();
    await citizen.locator('#step-heading', { hasText: 'Bước 9/9' }).waitFor();
    await citizen.locator('#doc-giay_chung_sinh-status').filter({ hasText: 'giay-chung-sinh.pdf' }).waitFor();
    await citizen.getByRole('button', { name: 'Quay lại' }).click();
    await citizen.locator('#step-heading', { hasText: 'Bước 8/9' }).waitFor();
    await citizen.locator('summary', { hasText: 'Xem tất cả các bước' }).click();
    await citizen.getByRole('button', { name: 'Người được khai sinh', exact: true }).click();
    await eventually(() => citizen.locator('#fd-child-fullName').inputValue()).toBe('Nguyễn Minh Khang');
    // Moving saves the draft at the step moved to: wait for it before leaving the page.
    const saved = citizen.waitForResponse(
      (r) => r.url().includes('/api/dossier-drafts/') && r.request().method() === 'PUT',
    );
    await citizen.getByRole('button', { name: 'Giấy tờ kèm theo và nộp hồ sơ', exact: true }).click();
    await citizen.locator('#step-heading', { hasText: 'Bước 9/9' }).waitFor();
    expect((await saved).status()).toBe(200);

    // And from "Hồ sơ của tôi" (as from another device).
    await citizen
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Hồ sơ của tôi' })
      .click();
    await citizen.waitForURL('**/my/dossiers');
    await citizen
      .getByRole('link', { name: /Tiếp tục soạn/ })
      .first()
      .click();
    await citizen.waitForURL(/\/apply\?draft=/);
    await citizen.locator('#step-heading', { hasText: 'Bước 9/9' }).waitFor();
    await citizen.locator('#doc-to_khai-status').waitFor();
  });

  it('a double click on submit files one dossier and shows its code with a tracking QR code', async () => {
    const before = (await citizen.request.get('/api/dossiers?mine=true')).ok()
      ? ((await (await citizen.request.get('/api/dossiers?mine=true')).json()) as { total: number }).total
      : -1;
    await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).dblclick();
    await citizen.waitForURL('**/dossiers/submitted/**');
    code = ((await citizen.getByTestId('dossier-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^H26\.X001-\d{6}-\d{4}$/);
    await citizen.getByRole('img', { name: `Mã QR tra cứu hồ sơ ${code}` }).waitFor();
    await expectAccessible(citizen, 'services-submitted');
    const after = (await (await citizen.request.get('/api/dossiers?mine=true')).json()) as {
      total: number;
      items: { code: string }[];
    };
    expect(after.total).toBe(before + 1);
    // The draft is gone once submitted.
    const drafts = (await (await citizen.request.get('/api/dossier-drafts')).json()) as { items: unknown[] };
    expect(drafts.items).toEqual([]);

    await citizen.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await citizen.waitForURL(`**/my/dossiers/${code}`);
    await eventually(() => citizen.getByTestId('dossier-status').textContent()).toBe('Mới đăng ký');
    await citizen.getByRole('button', { name: 'Rút hồ sơ' }).waitFor();
    await expectAccessible(citizen, 'services-my-dossier-new');
  });

  it('public tracking by code works without login', async () => {
    const anon = await newPage();
    await anon.goto(`/track?code=${encodeURIComponent(code)}`);
    // The code alone is not enough: the last 4 digits of the applicant's ID number (001099012345) too.
    await anon.locator('#track-digits').fill('2345');
    await anon.getByRole('button', { name: 'Tra cứu' }).click();
    await eventually(() => anon.getByTestId('track-result').textContent()).toContain('Mới đăng ký');
    await expectAccessible(anon, 'track');
  });

  it('reception receives and assigns, the specialist submits, the leader approves and issues the result', async () => {
    const reception = await newPage();
    await login(reception, 'hn.motcua', 'Demo@12345', '/staff');
    await reception.waitForURL('**/staff/dossiers');
    const row = reception.locator(`tr[data-dossier="${code}"]`);
    await row.waitFor();
    await expectAccessible(reception, 'staff-inbox');
    await row.getByRole('link', { name: code }).click();
    await reception.waitForURL(`**/staff/dossiers/${code}`);
    await reception.getByRole('heading', { name: 'Quá trình giải quyết' }).waitFor();
    expect(await reception.getByTestId('dossier-summary').textContent()).toContain('Nguyễn Văn An');
    await expectAccessible(reception, 'staff-dossier');
    await reception.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await reception.getByRole('button', { name: 'Xác nhận: Tiếp nhận' }).click();
    await eventually(() => reception.getByTestId('dossier-status').textContent()).toBe('Đã tiếp nhận');

    await reception.getByRole('button', { name: 'Chuyển xử lý' }).click();
    // The desk picks the commune's specialist by name from the competent unit's list.
    await reception.getByRole('radio', { name: /Ngô Thị Báo Cáo/ }).check();
    await screenshot(reception, 'staff-assign');
    await reception.getByRole('button', { name: 'Xác nhận: Chuyển xử lý' }).click();
    await eventually(() => reception.getByTestId('dossier-status').textContent()).toBe('Đang xử lý');

    const specialist = await newPage();
    await login(specialist, 'hk.chuyenvien', 'Demo@12345', '/staff/dossiers?box=mine');
    await specialist.locator(`tr[data-dossier="${code}"]`).getByRole('link').click();
    await specialist.getByRole('button', { name: 'Trình phê duyệt' }).click();
    await specialist.getByRole('button', { name: 'Xác nhận: Trình phê duyệt' }).click();
    await eventually(() => specialist.getByTestId('dossier-status').textContent()).toBe('Chờ phê duyệt');

    const leader = await newPage();
    await login(leader, 'hn.lanhdao', 'Demo@12345', '/staff/dossiers?box=approval');
    await leader.locator(`tr[data-dossier="${code}"]`).getByRole('link').click();
    await leader.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await leader.getByRole('button', { name: 'Xác nhận: Phê duyệt' }).click();
    await eventually(() => leader.getByTestId('dossier-status').textContent()).toBe('Đã phê duyệt');
    await leader.getByRole('button', { name: 'Ban hành kết quả' }).click();
    await leader.locator('#action-file').setInputFiles(pdf('giay-khai-sinh.pdf'));
    await leader.getByRole('button', { name: 'Xác nhận: Ban hành kết quả' }).click();
    // Full-online procedure: the result is returned electronically at once.
    await eventually(() => leader.getByTestId('dossier-status').textContent()).toBe('Đã trả kết quả');
    expect(await leader.locator('.timeline').textContent()).toContain('Trả kết quả');
    await expectAccessible(leader, 'staff-dossier-returned');

    // Leaders see the statistics.
    await leader.goto('/staff/stats');
    await leader.getByRole('heading', { name: 'Thống kê giải quyết hồ sơ' }).waitFor();
    await leader.getByRole('table').waitFor();
    await expectAccessible(leader, 'staff-stats');
  });

  it('the citizen sees "Đã trả kết quả" and the result', async () => {
    await citizen.goto('/my/dossiers');
    const item = citizen.locator(`li[data-dossier="${code}"]`);
    await eventually(() => item.textContent()).toContain('Đã trả kết quả');
    await expectAccessible(citizen, 'services-my-dossiers');
    await item.getByRole('link').first().click();
    await eventually(() => citizen.getByTestId('dossier-status').textContent()).toBe('Đã trả kết quả');
    // The result downloads, sealed by the agency: poppler's pdfsig finds a valid signature by the province.
    const [download] = await Promise.all([
      citizen.waitForEvent('download'),
      citizen.getByTestId('dossier-result').getByRole('link', { name: 'Tải tệp kết quả' }).click(),
    ]);
    const sig = spawnSync('pdfsig', [await download.path()], { encoding: 'utf8' });
    expect(sig.stdout).toContain('Signature is Valid');
    expect(sig.stdout).toContain('Ủy ban nhân dân thành phố Hà Nội');
    expect(await citizen.locator('.timeline').textContent()).toContain('Ban hành kết quả');
    // The form data reads with the procedure's labels and document names, not raw keys.
    await citizen.getByTestId('dossier-form-data').getByText('Người được khai sinh', { exact: true }).waitFor();
    expect(await citizen.getByTestId('dossier-form-data').textContent()).not.toContain('wantsCopies');
    await expectAccessible(citizen, 'services-my-dossier-returned');
  });

  it('counter submission by the reception officer, and the admin pages', async () => {
    const reception = await newPage();
    await login(reception, 'hn.motcua', 'Demo@12345', '/staff/counter');
    await reception.locator('#counter-procedure').selectOption(PROCEDURE);
    await reception.locator('#applicant-idNumber').waitFor();
    await expectAccessible(reception, 'staff-counter');

    const admin = await newPage();
    await login(admin, 'hn.admin', 'Demo@12345', `/admin/procedures/${PROCEDURE}`);
    await admin.getByRole('heading', { name: 'Thiết kế tờ khai' }).waitFor();
    await admin.getByTestId('designer-preview').locator('#fd-child-fullName').waitFor();
    await admin.getByRole('heading', { name: 'Quy trình xử lý' }).waitFor();
    await expectAccessible(admin, 'admin-procedure-editor');
    await admin.goto('/admin/calendar');
    await admin.getByRole('heading', { name: 'Lịch làm việc' }).waitFor();
    await expectAccessible(admin, 'admin-calendar');
  });

  it('fits a phone (375 px) on search, procedure, application and my dossiers', async () => {
    const ctx = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    contexts.push(ctx);
    const p = await ctx.newPage();
    const ok = await p.request.post('/api/auth/login', { data: { username: '001099012345', password: 'Demo@12345' } });
    expect(ok.status()).toBe(200);
    for (const [path, name, ready] of [
      ['/procedures?q=khai+sinh', 'phone-services-search', '.results li'],
      [`/procedures/${PROCEDURE}`, 'phone-services-procedure', 'table'],
      [`/procedures/${PROCEDURE}/apply`, 'phone-services-apply', '#step-heading'],
      ['/my/dossiers', 'phone-my-dossiers', 'li[data-dossier]'],
    ] as const) {
      await p.goto(path);
      await p.locator(ready).first().waitFor();
      await p.evaluate(() => document.fonts.ready);
      await screenshot(p, name);
      expect(await hasHorizontalScroll(p, 375), `${path} scrolls sideways on a phone`).toBe(false);
    }
  });

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
