import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { pdfText, pdfToPng } from '../apps/server/src/platform/pdf/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoanKiem, pickAddress } from './support/api';
import { eventually } from './support/eventually';
import { freshTotp } from './support/totp';
import { expectAccessible, hasHorizontalScroll, launchChromium, RESULTS_DIR, screenshot } from './support/browser';
import { Journey, linksIn } from './support/journey';
import { type RunningServer, startServer } from './support/server';

/**
 * Issue 14, the desk officer's and the citizen's paths, walked in the browser as each person would:
 * the scene (accounts, a dossier filed online) is set through the API before, never inside, a walk.
 */
const PROCEDURE = '2.000815'; // Chứng thực bản sao từ bản chính: commune level
const AGENCY = 'H26.X001';
const CITIZEN = { username: '001099012345', email: 'citizen@demo.egov.local' };
const onePage = await (async () => {
  const d = await PDFDocument.create();
  d.addPage([595, 842]);
  return await d.save();
})();

describe('the desk and the citizen walk their paths', () => {
  let server: RunningServer;
  let browser: Browser;
  /** The dossier the desk assigned in item 1 (later walks follow it). */
  let assigned = '';
  const j = new Journey(
    () => server,
    () => browser,
  );

  /** The demo citizen files a dossier online (the application form has its own journey). */
  async function fileOnline(): Promise<string> {
    const t = await j.token(CITIZEN.username);
    const fileId = await j.upload(t, 'ban-chinh.pdf', onePage);
    const r = await j.api(
      t,
      'POST',
      '/api/dossiers',
      {
        procedureCode: PROCEDURE,
        agencyCode: AGENCY,
        formData: {
          requester: { fullName: 'Nguyễn Văn An', idNumber: CITIZEN.username, residence: hoanKiem('Số 1 phố Huế') },
          documents: [{ name: 'Bằng tốt nghiệp đại học', pages: 1, copies: 2 }],
          outputType: 'paper',
        },
        attachments: [{ documentId: 'ban_chinh', fileId }],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    return String(r.json.code);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    // The commune's specialist is in the demo seed (hk.chuyenvien, specialist of phường Hoàn Kiếm, AGENCY).
  });

  afterAll(async () => {
    await j.close();
    await browser?.close();
    await server?.stop();
  });

  /** An irreversible step: its button opens a confirmation with an optional comment. */
  async function confirmStep(p: Page, action: string, comment?: string, shot?: string) {
    await p.getByRole('button', { name: action, exact: true }).click();
    const form = p.getByRole('form', { name: action });
    await form.waitFor();
    if (comment) await form.getByRole('textbox').fill(comment);
    if (shot) await expectAccessible(p, shot);
    await form.getByRole('button', { name: `Xác nhận: ${action}` }).click();
  }

  async function openFromInbox(p: Page, code: string) {
    await p.goto('/staff/dossiers?box=all');
    await p.locator(`[data-dossier="${code}"]`).getByRole('link', { name: code }).click();
    await p.waitForURL(`**/staff/dossiers/${code}`);
    await p.getByTestId('dossier-status').waitFor();
  }

  it('Decree 118: the commune leader stops a received dossier with reasons; the citizen gets the stop notice (Mẫu 05) on a phone', async () => {
    const code = await fileOnline();
    const desk = await j.newPage();
    await j.login(desk, 'hn.motcua');
    await openFromInbox(desk, code);
    await confirmStep(desk, 'Tiếp nhận');
    await eventually(() => desk.getByTestId('dossier-status').textContent()).toBe('Đã tiếp nhận');

    const leader = await j.newPage();
    await j.login(leader, 'hk.lanhdao');
    await openFromInbox(leader, code);
    await screenshot(leader, 'stop-leader-before');
    const reason = 'Người nộp không bổ sung giấy tờ trong thời hạn quy định.';
    await confirmStep(leader, 'Dừng xử lý', reason, 'stop-leader-confirm');
    await eventually(() => leader.getByTestId('dossier-status').textContent()).toBe('Dừng xử lý');
    await leader.getByRole('link', { name: 'Mẫu 05 — Thông báo dừng giải quyết hồ sơ' }).waitFor();
    // It ended without a result: no "result date", no early / on time / late.
    const summary = (await leader.getByTestId('dossier-summary').textContent()) ?? '';
    expect(summary).toContain('Ngày kết thúc xử lý');
    expect(summary).not.toMatch(/Ngày có kết quả|Trước hạn|Đúng hạn|Quá hạn/);
    await screenshot(leader, 'stop-leader-after');

    const citizen = await j.newPage({ phone: true });
    await j.login(citizen, CITIZEN.username, 'Demo@12345', `/my/dossiers/${code}`);
    await citizen.waitForURL(`**/my/dossiers/${code}`);
    await eventually(() => citizen.getByTestId('dossier-status').textContent()).toBe('Dừng xử lý');
    const notice = citizen.getByRole('link', { name: 'Mẫu 05 — Thông báo dừng giải quyết hồ sơ' });
    await notice.scrollIntoViewIfNeeded();
    expect(await hasHorizontalScroll(citizen, 390)).toBe(false);
    await expectAccessible(citizen, 'stop-citizen-phone');
    const [download] = await Promise.all([citizen.waitForEvent('download'), notice.click()]);
    expect(download.suggestedFilename()).toBe(`stop-notice-${code}.pdf`);
    const text = pdfText(new Uint8Array(readFileSync((await download.path())!)));
    for (const s of ['Mẫu số 05', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', code, reason])
      expect(text).toContain(s.normalize('NFC'));
  });

  it('item 1: the desk receives a dossier and assigns it by picking a specialist of the competent unit by name and load', async () => {
    const code = await fileOnline();
    assigned = code;
    const desk = await j.newPage();
    await j.login(desk, 'hn.motcua');
    await openFromInbox(desk, code);
    await confirmStep(desk, 'Tiếp nhận');
    await eventually(() => desk.getByTestId('dossier-status').textContent()).toBe('Đã tiếp nhận');

    await desk.getByRole('button', { name: 'Chuyển xử lý' }).click();
    const picker = desk.getByRole('group', { name: 'Chuyên viên xử lý' });
    await picker.waitFor();
    const choice = picker.getByRole('radio', { name: /Ngô Thị Báo Cáo/ });
    // The choice reads as a person at a unit with a load, never as an account id.
    const text = (await picker.textContent()) ?? '';
    expect(text).toContain('Ngô Thị Báo Cáo');
    expect(text).toMatch(/Ủy ban nhân dân (phường|xã) /);
    expect(text).toContain('đang xử lý 0 hồ sơ');
    expect(text).not.toMatch(/usr_/);
    // The city's specialist is above the commune: not competent for it.
    expect(text).not.toContain('Lê Thị Chuyên Viên');
    await expectAccessible(desk, 'desk-assign-picker');

    // Sent without a choice: the picker says so.
    await desk.getByRole('button', { name: 'Xác nhận: Chuyển xử lý' }).click();
    await desk.getByRole('alert').filter({ hasText: 'Có lỗi cần khắc phục' }).waitFor();
    await choice.check();
    await desk.getByRole('button', { name: 'Xác nhận: Chuyển xử lý' }).click();
    await eventually(() => desk.getByTestId('dossier-status').textContent()).toBe('Đang xử lý');
    await expectAccessible(desk, 'desk-assigned');

    // The next dossier shows her load.
    const next = await fileOnline();
    await openFromInbox(desk, next);
    await confirmStep(desk, 'Tiếp nhận');
    await eventually(() => desk.getByTestId('dossier-status').textContent()).toBe('Đã tiếp nhận');
    await desk.getByRole('button', { name: 'Chuyển xử lý' }).click();
    await eventually(() => desk.getByRole('group', { name: 'Chuyên viên xử lý' }).textContent()).toContain(
      'đang xử lý 1 hồ sơ',
    );
  });

  it('item 2: every link the platform sends opens the right page for whoever receives it', async () => {
    // The citizen's status mail ("Đang xử lý"), opened from his mail client before logging in.
    const mails = (await j.mailsTo(CITIZEN.email)).filter((m) => m.subject.includes(assigned));
    expect(mails.length).toBeGreaterThanOrEqual(3);
    const statusLinks = [...new Set(mails.flatMap((m) => linksIn(m.text)))];
    expect(statusLinks).toEqual([`${server.url}/my/dossiers/${assigned}`]);
    const citizen = await j.newPage({ phone: true });
    await citizen.goto(statusLinks[0]!);
    await citizen.waitForURL('**/login?**');
    await citizen.locator('#username').fill(CITIZEN.username);
    await citizen.locator('#password').fill('Demo@12345');
    await citizen.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await citizen.waitForURL(`**/my/dossiers/${assigned}`);
    await eventually(() => citizen.getByTestId('dossier-status').textContent()).toBe('Đang xử lý');
    await expectAccessible(citizen, 'link-status-mail-citizen-phone');
    // The link of mails sent before it named the page (`/dossiers/{code}`) still opens it.
    await citizen.goto(`/dossiers/${assigned}`);
    await citizen.waitForURL(`**/my/dossiers/${assigned}`);
    await citizen.getByTestId('dossier-status').waitFor();

    // The same old link opens the officers' page for an officer.
    const specialist = await j.newPage();
    await j.login(specialist, 'hk.chuyenvien', 'Demo@12345');
    await specialist.goto(`/dossiers/${assigned}`);
    await specialist.waitForURL(`**/staff/dossiers/${assigned}`);
    await specialist.getByTestId('dossier-status').waitFor();
    // The reminder before the due date links the holder to /staff/dossiers/{code} (its mail is checked in
    // dossier-desk.int.test.ts, the date being a day away): the assigned specialist can act there.
    await specialist.goto(`/staff/dossiers/${assigned}`);
    await specialist.getByRole('button', { name: 'Trình phê duyệt' }).waitFor();
    await expectAccessible(specialist, 'link-reminder-specialist');

    // Filed at the desk for a walk-in person with no account: the mail opens the tracking page, no login.
    const desk = await j.token('hn.motcua');
    const fileId = await j.upload(desk, 'ban-chinh.pdf', onePage);
    const walkIn = 'walkin@demo.egov.local';
    const filed = await j.api(
      desk,
      'POST',
      '/api/dossiers',
      {
        procedureCode: PROCEDURE,
        agencyCode: AGENCY,
        channel: 'counter',
        formData: {
          requester: { fullName: 'Trần Thị Khách', idNumber: '001088000123', residence: hoanKiem('Số 2 phố Huế') },
          documents: [{ name: 'Giấy khai sinh', pages: 1, copies: 1 }],
          outputType: 'paper',
        },
        applicant: { idNumber: '001088000123', fullName: 'Trần Thị Khách', email: walkIn },
        attachments: [{ documentId: 'ban_chinh', fileId }],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(filed.status, JSON.stringify(filed.json)).toBe(201);
    const counterCode = String(filed.json.code);
    await eventually(async () => (await j.mailsTo(walkIn)).length, 30_000).toBe(1);
    const [walkInMail] = await j.mailsTo(walkIn);
    const [trackLink] = linksIn(walkInMail!.text);
    expect(trackLink).toContain('/track?code=');
    const anon = await j.newPage({ phone: true });
    await anon.goto(trackLink!);
    await eventually(() => anon.getByTestId('track-result').textContent()).toContain('Đã tiếp nhận');
    expect(await anon.locator('main').textContent()).toContain(counterCode);
    await expectAccessible(anon, 'link-walk-in-mail-track-phone');
    // Receipts printed before the tracking page was named in their QR code (/tra-cuu?…) still open it.
    await anon.goto(trackLink!.replace('/track?', '/tra-cuu?'));
    await anon.waitForURL('**/track?**');
    await eventually(() => anon.locator('main').textContent()).toContain(counterCode);

    // The password reset mail.
    const forgot = await j.newPage();
    await forgot.goto('/forgot-password');
    await forgot.locator('#email').fill(CITIZEN.email);
    await forgot.getByRole('button', { name: 'Gửi đường dẫn đặt lại' }).click();
    await forgot.getByText('Hãy kiểm tra hộp thư').waitFor();
    await eventually(
      async () => (await j.mailsTo(CITIZEN.email)).filter((m) => m.subject.startsWith('Đặt lại')).length,
      30_000,
    ).toBe(1);
    const reset = (await j.mailsTo(CITIZEN.email)).find((m) => m.subject.startsWith('Đặt lại'))!;
    const [resetLink] = linksIn(reset.text);
    await forgot.goto(resetLink!);
    await forgot.getByRole('heading', { name: 'Đặt lại mật khẩu' }).waitFor();
    await forgot.getByRole('button', { name: 'Đặt lại mật khẩu' }).waitFor();
    await expectAccessible(forgot, 'link-reset-password');
  });

  it('item 6: viewing a dossier builds no receipt and records no print; the download is what is audited', async () => {
    const audit = async () => {
      const r = await j.api(
        await j.token('admin', 'Admin@12345'),
        'GET',
        `/api/audit/events?subjectType=dossier&subjectId=${encodeURIComponent(assigned)}&pageSize=100`,
      );
      return (r.json.items as { action: string }[]).map((e) => e.action);
    };
    const before = await audit();
    const desk = await j.newPage();
    await j.login(desk, 'hn.motcua');
    const seen = j.requests.length;
    await openFromInbox(desk, assigned);
    const receipt = desk.getByRole('link', { name: 'Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả' });
    await receipt.waitFor();
    await desk.reload();
    await receipt.waitFor();
    expect(j.requests.slice(seen).filter((r) => r.endsWith('.pdf'))).toEqual([]);
    const count = (events: string[], action: string) => events.filter((a) => a === action).length;
    const after = await audit();
    expect(count(after, 'dossier.printed')).toBe(0);
    expect(count(after, 'dossier.viewed') - count(before, 'dossier.viewed')).toBe(2); // opened, then reloaded

    const [download] = await Promise.all([desk.waitForEvent('download'), receipt.click()]);
    expect(download.suggestedFilename()).toBe(`receipt-${assigned}.pdf`);
    await eventually(async () => count(await audit(), 'dossier.printed')).toBe(1);
  });

  it('item 10: tracking finds the dossier by its code typed the way a citizen types it; the example matches', async () => {
    const anon = await j.newPage({ phone: true });
    await anon.goto('/');
    // On a phone the navigation is one menu button.
    const nav = anon.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await nav.getByRole('link', { name: 'Tra cứu hồ sơ' }).isVisible()).toBe(false);
    const menu = nav.getByRole('button', { name: 'Danh mục' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const navHeight = await nav.evaluate((el) => el.getBoundingClientRect().height);
    expect(navHeight).toBeLessThan(70);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await expectAccessible(anon, 'phone-menu-open');
    await nav.getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
    await anon.waitForURL('**/track');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const hint = (await anon.locator('#track-code-hint').textContent()) ?? '';
    const example = /H26\.X001-\d{6}-\d{4}/.exec(hint)?.[0];
    // The example has the form of a real code (as on the receipt).
    expect(example?.replace(/\d/g, '0')).toBe(assigned.replace(/\d/g, '0'));
    for (const typed of [`000.00.00.${assigned}`.toLowerCase(), ` ${assigned.toLowerCase()} `]) {
      await anon.locator('#track-code').fill(typed);
      await anon.locator('#track-digits').fill(CITIZEN.username.slice(-4));
      await anon.getByRole('button', { name: 'Tra cứu' }).click();
      await eventually(() => anon.getByTestId('track-result').textContent()).toContain('Đang xử lý');
      expect(await anon.locator('#track-result').textContent()).toContain(assigned);
    }
    await expectAccessible(anon, 'track-typed-code-phone');
  });

  it('item 7: the home page starts the common tasks; after login each person lands where their work is', async () => {
    for (const phone of [false, true]) {
      const visitor = await j.newPage({ phone });
      await visitor.goto('/');
      const tasks = visitor.getByRole('region', { name: 'Bạn muốn làm gì?' });
      for (const name of ['Nộp hồ sơ trực tuyến', 'Tra cứu hồ sơ', 'Thanh toán phí, lệ phí'])
        await tasks.getByRole('link', { name }).waitFor();
      await expectAccessible(visitor, phone ? 'home-phone' : 'home');
      // Search procedures from the home page, without diacritics.
      await visitor.getByRole('searchbox', { name: 'Tìm thủ tục hành chính' }).fill('chung thuc ban sao');
      await visitor.getByRole('button', { name: 'Tìm kiếm' }).click();
      await visitor.waitForURL('**/procedures?q=chung+thuc+ban+sao');
      await visitor
        .getByRole('list', { name: 'Danh sách thủ tục' })
        .getByRole('link', { name: /Chứng thực bản sao từ bản chính/ })
        .waitFor();
    }
    const home = await j.newPage();
    await home.goto('/');
    await home.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await home.waitForURL('**/procedures');
    await home.goto('/');
    await home.getByRole('link', { name: 'Tra cứu hồ sơ' }).last().click();
    await home.waitForURL('**/track');
    // Paying starts at the dossiers, after logging in.
    await home.goto('/');
    await home.getByRole('link', { name: 'Thanh toán phí, lệ phí' }).click();
    await home.waitForURL('**/login?**');
    await home.locator('#username').fill(CITIZEN.username);
    await home.locator('#password').fill('Demo@12345');
    await home.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await home.waitForURL('**/my/dossiers');
    await home.locator(`[data-dossier="${assigned}"]`).waitFor();

    // Logging in from the login page itself: each role lands on its work.
    const landings: [string, string, RegExp][] = [
      [CITIZEN.username, 'Demo@12345', /\/my\/dossiers$/],
      ['hn.motcua', 'Demo@12345', /\/staff\/dossiers\?box=reception$/],
      ['hk.chuyenvien', 'Demo@12345', /\/staff\/dossiers\?box=mine$/],
      ['hn.lanhdao', 'Demo@12345', /\/staff\/dossiers\?box=approval$/],
      ['hn.vanthu', 'Demo@12345', /\/staff\/documents$/],
    ];
    for (const [username, password, where] of landings) {
      const p = await j.newPage();
      await p.goto('/login');
      await p.locator('#username').fill(username);
      await p.locator('#password').fill(password);
      await p.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await p.waitForURL(where);
      await p.locator('h1').first().waitFor();
      if (username === 'hk.chuyenvien') {
        await p.locator(`[data-dossier="${assigned}"]`).waitFor();
        await expectAccessible(p, 'landing-specialist');
      }
    }
  });

  it('item 4: the specialist submits his opinion and a draft result; the leader reads both and approves with his code, as the procedure asks', async () => {
    try {
      // The agency admin asks, where procedures are configured, that an approval be confirmed with a second factor.
      const admin = await j.newPage();
      await j.login(admin, 'hn.admin', 'Demo@12345', `/admin/procedures/${PROCEDURE}`);
      const setting = admin.getByLabel('Xác nhận phê duyệt của lãnh đạo');
      await setting.waitFor();
      expect(await setting.inputValue()).toBe('none');
      await setting.selectOption({ label: 'Mã xác thực hai bước hoặc khóa truy cập (passkey)' });
      // In the middle of the screen: the editor's sticky save bar stays below it.
      await setting.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await expectAccessible(admin, 'procedure-approval-step-up');
      await admin.getByRole('button', { name: 'Lưu và công bố' }).click();
      await admin.getByText('Đã công bố phiên bản mới.').waitFor();

      const specialist = await j.newPage();
      await j.login(specialist, 'hk.chuyenvien', 'Demo@12345');
      await specialist.locator(`[data-dossier="${assigned}"]`).getByRole('link', { name: assigned }).click();
      await specialist.getByTestId('dossier-status').waitFor();
      // Cancelling changes nothing.
      await specialist.getByRole('button', { name: 'Trình phê duyệt', exact: true }).click();
      const form = specialist.getByRole('form', { name: 'Trình phê duyệt' });
      expect(await form.textContent()).toContain('chuyển đến lãnh đạo phê duyệt');
      await form.getByRole('button', { name: 'Hủy' }).click();
      await form.waitFor({ state: 'detached' });
      expect(await specialist.getByTestId('dossier-status').textContent()).toBe('Đang xử lý');
      await specialist.getByRole('button', { name: 'Trình phê duyệt', exact: true }).click();
      await form.getByLabel('Dự thảo kết quả (PDF, không bắt buộc)').setInputFiles({
        name: 'du-thao-ban-sao-chung-thuc.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(onePage),
      });
      await form
        .getByRole('textbox', { name: 'Ý kiến của chuyên viên (không bắt buộc)' })
        .fill('Đã đối chiếu bản sao với bản chính, đề nghị chứng thực.');
      await expectAccessible(specialist, 'confirm-submit-for-approval');
      await form.getByRole('button', { name: 'Xác nhận: Trình phê duyệt' }).click();
      await eventually(() => specialist.getByTestId('dossier-status').textContent()).toBe('Chờ phê duyệt');
      expect(await specialist.locator('.timeline').textContent()).toContain(
        'Dự thảo kết quả: du-thao-ban-sao-chung-thuc.pdf',
      );
      await screenshot(specialist, 'submitted-with-draft');

      const leader = await j.newPage({ phone: true });
      await j.login(leader, 'hn.lanhdao');
      await leader.locator(`[data-dossier="${assigned}"]`).getByRole('link', { name: assigned }).click();
      await leader.getByTestId('dossier-status').waitFor();
      await leader.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
      const approve = leader.getByRole('form', { name: 'Phê duyệt' });
      // What the specialist put before him: his opinion and the draft, which opens as the PDF he uploaded.
      const submission = approve.getByTestId('approval-submission');
      expect(await submission.textContent()).toContain('đề nghị chứng thực');
      const draftLink = submission.getByRole('link', { name: 'Mở dự thảo kết quả: du-thao-ban-sao-chung-thuc.pdf' });
      const draft = await leader.request.get((await draftLink.getAttribute('href'))!);
      expect(draft.status()).toBe(200);
      expect(draft.headers()['content-type']).toBe('application/pdf');
      expect(Buffer.from(await draft.body()).equals(Buffer.from(onePage))).toBe(true);
      // He has no second factor yet: no code field that could only fail, but what to do.
      const notice = approve.getByTestId('second-factor-notice');
      await notice.waitFor();
      expect(await approve.locator('#action-otp').count()).toBe(0);
      expect(await approve.getByRole('button', { name: 'Xác nhận: Phê duyệt' }).count()).toBe(0);
      await expectAccessible(leader, 'approve-no-second-factor-phone');
      await notice.getByRole('link', { name: 'Bật xác thực hai bước trong trang Tài khoản' }).click();
      await leader.waitForURL(/\/account/);
      await leader.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
      const secret = (await leader.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
      const enabled = await freshTotp(secret);
      await leader.locator('#totp-otp').fill(enabled.code);
      await leader.getByRole('button', { name: 'Xác nhận và bật' }).click();
      await eventually(() => leader.getByTestId('acr').textContent()).toBe('Mức 2 – hai yếu tố');

      // Back on the dossier: the approval asks for his code.
      await leader.goBack();
      await leader.waitForURL(`**/staff/dossiers/${assigned}`);
      await leader.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
      await approve
        .getByRole('textbox', { name: 'Ý kiến của lãnh đạo (không bắt buộc)' })
        .fill('Đồng ý. Trả kết quả trong ngày.');
      // A wrong code is refused, in words, on the code field.
      await approve.locator('#action-otp').fill('000000');
      await approve.getByRole('button', { name: 'Xác nhận: Phê duyệt' }).click();
      await eventually(() => approve.locator('#action-otp-error').textContent()).toContain('Mã xác thực không đúng');
      expect(await leader.getByTestId('dossier-status').textContent()).toBe('Chờ phê duyệt');
      await approve.locator('#action-otp').fill((await freshTotp(secret, { after: enabled.step })).code);
      await expectAccessible(leader, 'confirm-approve-phone');
      // A double tap approves once.
      await approve.getByRole('button', { name: 'Xác nhận: Phê duyệt' }).dblclick();
      await eventually(() => leader.getByTestId('dossier-status').textContent()).toBe('Đã phê duyệt');
      const timeline = (await leader.locator('.timeline').textContent()) ?? '';
      expect(timeline).toContain('Đồng ý. Trả kết quả trong ngày.');
      expect(timeline.match(/Phê duyệt →/g)).toHaveLength(1);
      // The draft stays on the history; the issued result is a separate, sealed file.
      expect(timeline).toContain('Dự thảo kết quả: du-thao-ban-sao-chung-thuc.pdf');
      expect(await leader.getByTestId('dossier-result').count()).toBe(0);
      await expectAccessible(leader, 'approved-with-opinion-phone');
    } finally {
      // Scene for the walks after this one (outside any walk): the procedure asks no second factor again.
      const t = await j.token('hn.admin');
      const current = (await j.api(t, 'GET', `/api/procedures/${PROCEDURE}/draft`)).json as Record<string, unknown>;
      const { code: _c, version: _v, status: _s, publishedAt: _p, ...content } = current;
      expect(
        (await j.api(t, 'PUT', `/api/procedures/${PROCEDURE}/draft`, { ...content, approvalStepUp: 'none' })).status,
      ).toBe(200);
      expect((await j.api(t, 'POST', `/api/procedures/${PROCEDURE}/publish`)).status).toBe(200);
    }
  });

  it('item 11: agencies by name where people read them; the audit trail in words', async () => {
    const desk = await j.newPage();
    await j.login(desk, 'hn.motcua');
    await desk.getByText('Cơ quan: Ủy ban nhân dân thành phố Hà Nội').waitFor();
    await openFromInbox(desk, assigned);
    const summary = desk.getByTestId('dossier-summary');
    await eventually(() => summary.textContent()).toMatch(/Cơ quan tiếp nhậnỦy ban nhân dân (phường|xã) \S+/);

    const admin = await j.newPage();
    await j.login(admin, 'admin', 'Admin@12345');
    await admin.getByRole('link', { name: 'Nhật ký kiểm toán' }).click();
    await admin.locator('#au-q').fill(assigned);
    await admin.getByRole('button', { name: 'Lọc' }).click();
    const table = admin.getByRole('region', { name: 'Nhật ký kiểm toán' });
    await eventually(() => table.textContent()).toContain('Xem hồ sơ');
    const text = (await table.textContent()) ?? '';
    for (const words of ['Nộp hồ sơ', 'Tiếp nhận hồ sơ', 'Chuyển xử lý hồ sơ', 'Phê duyệt hồ sơ', `Hồ sơ ${assigned}`])
      expect(text).toContain(words);
    expect(text).not.toMatch(/dossier\.[a-z_]+/);
    expect(text).toContain('Ủy ban nhân dân thành phố Hà Nội');
    await expectAccessible(admin, 'audit-in-words');
  });

  it('item 12: on a 390-px phone the desk works without sideways scrolling; wide tables scroll in their own region', async () => {
    const desk = await j.newPage({ phone: true });
    await j.login(desk, 'hn.motcua');
    await desk.goto('/staff/dossiers?box=all');
    const row = desk.locator(`[data-dossier="${assigned}"]`);
    await row.waitFor();
    expect(await hasHorizontalScroll(desk, 390)).toBe(false);
    await expectAccessible(desk, 'phone-desk-inbox');
    await row.getByRole('link', { name: assigned }).click();
    await desk.getByTestId('dossier-status').waitFor();
    expect(await hasHorizontalScroll(desk, 390)).toBe(false);

    // The audit trail at 1,366 px: the table scrolls inside its region, the page does not.
    const admin = await j.newPage();
    await j.login(admin, 'admin', 'Admin@12345', '/admin/audit');
    const region = admin.getByRole('region', { name: 'Nhật ký kiểm toán' });
    await region.locator('tbody tr').first().waitFor();
    expect(await hasHorizontalScroll(admin, 1366)).toBe(false);
    // The users table keeps its actions in view.
    await admin.goto('/admin/users');
    const users = admin
      .getByRole('region')
      .filter({ has: admin.locator('tbody tr') })
      .first();
    await users.locator('tbody tr').first().waitFor();
    const box = await users.locator('tbody tr td.list-action').first().boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(1366);
    await expectAccessible(admin, 'admin-users-desktop');
  });

  it('Decree 118 Art 14(2): the Cửa Nam desk receives for Hoàn Kiếm at the counter, Hoàn Kiếm processes it, Cửa Nam returns the result; Mẫu 07', async () => {
    const desk = await j.newPage();
    await j.login(desk, 'cn.motcua', 'Demo@12345', '/staff/counter');
    await desk.locator('#counter-procedure').selectOption(PROCEDURE);
    await desk.locator('#applicant-idNumber').fill('001088000777');
    await desk.locator('#applicant-fullName').fill('Lê Văn Liên Thông');
    await desk.locator('#applicant-phone').fill('0912000777');
    // The competent agency is picked from the wards of Hà Nội that handle the procedure, never typed.
    const agency = desk.locator('#agencyCode');
    await eventually(() => agency.locator('option').allTextContents()).toContain(
      'Ủy ban nhân dân phường Hoàn Kiếm (H26.X001) – tiếp nhận liên thông',
    );
    const options = await agency.locator('option').allTextContents();
    expect(options.some((o) => o.includes('H41.'))).toBe(false);
    expect(options).toContain('Ủy ban nhân dân phường Cửa Nam (H26.X002)');
    await agency.selectOption(AGENCY);
    const notice = desk.getByTestId('cross-boundary');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Nghị định 118/2025/NĐ-CP, Điều 14 khoản 2');
    expect(await desk.locator('#result-at-receiving').isChecked()).toBe(true);
    await desk.locator('#fd-requester-fullName').fill('Lê Văn Liên Thông');
    await desk.locator('#fd-requester-idNumber').fill('001088000777');
    await pickAddress(desk, 'fd-requester-residence', 'Số 5 phố Hàng Gai');
    if (!(await desk.locator('#fd-documents-0-name').count()))
      await desk.getByRole('button', { name: /Thêm mục/ }).click();
    await desk.locator('#fd-documents-0-name').fill('Bằng tốt nghiệp trung học phổ thông');
    await desk.locator('#fd-documents-0-pages').fill('1');
    await desk.locator('#fd-documents-0-copies').fill('2');
    await desk.locator('#doc-ban_chinh').setInputFiles({
      name: 'ban-chinh.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(onePage),
    });
    await desk.locator('#doc-ban_chinh-status').filter({ hasText: 'ban-chinh.pdf' }).waitFor();
    await notice.scrollIntoViewIfNeeded();
    await expectAccessible(desk, 'anywhere-counter-desk');
    await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await desk.waitForURL('**/dossiers/submitted/**');
    const code = decodeURIComponent(desk.url().split('/').pop()!);
    expect(code).toMatch(/H26\.X002-\d{6}-\d{4}$/);
    await screenshot(desk, 'anywhere-counter-submitted');

    // Hoàn Kiếm's leader has it in the ward's inbox and processes it (the steps through the API).
    const leader = await j.newPage();
    await j.login(leader, 'hk.lanhdao');
    await openFromInbox(leader, code);
    const summary = leader.getByTestId('dossier-summary');
    expect(await summary.textContent()).toContain('Cơ quan có thẩm quyền giải quyết');
    // Agency names arrive after the dossier (the directory's lookup): wait for them on a loaded machine.
    await eventually(() => leader.getByTestId('receiving-agency').textContent()).toContain(
      'Ủy ban nhân dân phường Cửa Nam',
    );
    // Entered at reception in the receiving desk's register book of the year (Mẫu 01 and 07 print the same).
    const entry = await leader.getByTestId('dossier-register').textContent();
    expect(entry).toMatch(/^Quyển số 01\/20\d\d, số thứ tự [1-9]\d*$/);
    await screenshot(leader, 'anywhere-competent-leader');
    const l = await j.token('hk.lanhdao');
    const s = await j.token('hk.chuyenvien');
    const specialistId = String((await j.api(s, 'GET', '/api/me')).json.id);
    const steps: [string, Record<string, unknown>][] = [
      [l, { action: 'assign', assigneeId: specialistId }],
      [s, { action: 'submit_for_approval' }],
      [l, { action: 'approve' }],
      [l, { action: 'issue_result', resultFileId: await j.upload(l, 'ban-sao.pdf', onePage) }],
    ];
    for (const [token, body] of steps) {
      const r = await j.api(token, 'POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, body);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }

    // Back at Cửa Nam: in the "received for others" box; the desk hands the result over.
    await desk.goto('/staff/dossiers?box=forwarded');
    await desk.locator(`[data-dossier="${code}"]`).waitFor();
    await expectAccessible(desk, 'anywhere-forwarded-box');
    await desk.locator(`[data-dossier="${code}"]`).getByRole('link', { name: code }).click();
    await desk.waitForURL(`**/staff/dossiers/${code}`);
    // The fee is collected before the result (Chứng thực): the desk where the applicant stands takes it.
    await eventually(() => desk.getByTestId('dossier-status').textContent()).toBe('Chờ thực hiện nghĩa vụ tài chính');
    const fees = desk.getByTestId('staff-fees');
    await fees.getByRole('heading', { name: 'Thu tại bộ phận một cửa' }).waitFor();
    await fees.getByRole('button', { name: 'Ghi nhận đã thu và lập biên lai' }).click();
    await fees.getByRole('link', { name: /^Biên lai BL\/\d{2}E số \d{7}$/ }).waitFor();
    await eventually(async () => {
      await desk.reload();
      return desk.getByTestId('dossier-status').textContent();
    }, 20_000).toBe('Đã có kết quả');
    for (const other of ['Chuyển xử lý', 'Trình phê duyệt', 'Phê duyệt', 'Dừng xử lý'])
      expect(await desk.getByRole('button', { name: other, exact: true }).count()).toBe(0);
    // The hand-over reads in words on the timeline, with its legal basis.
    expect(await desk.locator('.timeline').textContent()).toContain(
      'Chuyển hồ sơ đến cơ quan có thẩm quyền → Đã tiếp nhận',
    );
    await screenshot(desk, 'anywhere-return-before');
    await desk.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
    await eventually(() => desk.getByTestId('dossier-status').textContent()).toBe('Đã trả kết quả');
    await expectAccessible(desk, 'anywhere-returned');

    // Mẫu 07: from the desk's menu, for this month, as a PDF.
    await desk.getByRole('link', { name: 'Sổ theo dõi hồ sơ' }).click();
    await desk.waitForURL('**/staff/dossier-register');
    await desk.getByRole('heading', { name: 'Sổ theo dõi hồ sơ (Mẫu 07)' }).waitFor();
    await expectAccessible(desk, 'anywhere-register-page');
    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByRole('link', { name: 'Tải sổ (PDF, khổ ngang)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^so-theo-doi-ho-so-H26\.X002-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/,
    );
    const bytes = new Uint8Array(readFileSync((await download.path())!));
    const text = pdfText(bytes);
    for (const t of ['Mẫu số 07', 'SỔ THEO DÕI HỒ SƠ', code, 'Lê Văn Liên Thông', 'Ủy ban nhân dân phường Hoàn Kiếm'])
      expect(text).toContain(t.normalize('NFC'));
    const page = (await PDFDocument.load(bytes)).getPage(0).getSize();
    expect(page.width).toBeGreaterThan(page.height);
    pdfToPng(bytes, RESULTS_DIR, 'anywhere-register-pdf', 60);
  });

  it('raised no uncaught errors in the pages', () => {
    expect(j.pageErrors).toEqual([]);
  });
});
