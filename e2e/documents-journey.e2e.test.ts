import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot } from './support/browser';
import { signedInPage } from './support/sign-in';
import { apiToken, type RunningServer, startServer } from './support/server';
import { freshTotp } from './support/totp';

/**
 * The local part of the clerk's day (văn thư) on the demo agency H26: a specialist drafts, the leader
 * signs digitally (his seeded certificate, confirmed with his authenticator's code), the clerk issues
 * the number under the agency seal (pdfsig finds both signatures valid) and sends it; the recipient H41
 * (served by the same deployment) receives it through the exchange, registers and assigns it, and the
 * sender sees the statuses come back; then the clerk registers a paper incoming document and the leader
 * assigns it. Between separate deployments: e2e/exchange-federation.
 */
describe("documents: the clerk's day in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let docUrl = '';
  /** The leader's authenticator, once he turned it on, and the last time step he spent. */
  const leaderTotp = { secret: '', lastStep: -1 };

  // With an authenticator on, the leader's login asks for its code.
  const totpOf = (username: string) => (username === 'hn.lanhdao' && leaderTotp.secret ? leaderTotp : undefined);
  const as = (username: string, next: string, viewport = { width: 1280, height: 900 }) =>
    signedInPage(browser, { baseURL: server.url, contexts, pageErrors }, username, next, viewport, totpOf(username));

  const status = (p: Page) => p.locator('dl.summary .tag').first();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('the specialist drafts a decision with its PDF and submits it', async () => {
    const p = await as('hn.chuyenvien', '/staff/documents?box=drafts');
    await p.getByRole('heading', { name: 'Quản lý văn bản' }).waitFor();
    // The seeded draft is in the drafts box; search works without diacritics.
    await p.locator('#documents-q').fill('chuyen doi so');
    await p.getByRole('button', { name: 'Tìm kiếm' }).click();
    await eventually(() => p.locator('tbody tr').count()).toBe(1);
    await expectAccessible(p, 'documents-drafts');

    await p.getByRole('link', { name: 'Soạn văn bản mới' }).click();
    await p.getByRole('heading', { name: 'Soạn văn bản đi' }).waitFor();
    await p.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await p.getByRole('alert').filter({ hasText: 'Có lỗi cần khắc phục' }).waitFor();
    expect(await p.locator('#doc-type').getAttribute('aria-invalid')).toBe('true');
    await p.locator('#doc-type').selectOption('QD');
    await p.locator('#doc-subject').fill('Quyết định thành lập Ban chỉ đạo chuyển đổi số thành phố');
    await p.locator('#doc-recipients').fill('H26.S02, H41');
    await p.locator('#doc-urgency').selectOption('urgent');
    // Drafting from the template is the default (e2e/documents-bulk-sign); here he uploads his own PDF.
    await p.getByLabel('Tải lên tệp PDF đã soạn').check();
    const doc = await PDFDocument.create();
    doc.addPage();
    await p.locator('#doc-files').setInputFiles({
      name: 'du-thao-quyet-dinh.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await doc.save()),
    });
    await expectAccessible(p, 'documents-new');
    await p.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await p.waitForURL(/\/staff\/documents\/doc_/);
    docUrl = new URL(p.url()).pathname;
    await p.getByRole('heading', { name: /Ban chỉ đạo chuyển đổi số/ }).waitFor();
    expect(await status(p).textContent()).toBe('Dự thảo');
    await p.getByRole('button', { name: 'Trình duyệt' }).click();
    await eventually(() => status(p).textContent()).toBe('Chờ duyệt');
    await expectAccessible(p, 'documents-submitted');
  });

  it('the leader turns on his authenticator and signs it with his certificate and a TOTP code', async () => {
    const p = await as('hn.lanhdao', '/staff/documents');
    await p.getByRole('link', { name: 'chưa có số' }).first().waitFor();
    // The seed gave him a person certificate; a signature needs a second factor, so he turns on an
    // authenticator (README, demo accounts) and his session becomes level 2.
    const csrf = (await p.context().cookies()).find((c) => c.name === 'egov_csrf')!.value;
    const secret = (
      await (await p.request.post('/api/auth/mfa/totp/enroll', { headers: { 'x-csrf-token': csrf } })).json()
    ).secret as string;
    const enrolled = await freshTotp(secret);
    expect(
      (
        await p.request.post('/api/auth/mfa/totp/confirm', {
          headers: { 'x-csrf-token': csrf },
          data: { otp: enrolled.code },
        })
      ).status(),
    ).toBe(200);
    Object.assign(leaderTotp, { secret, lastStep: enrolled.step });
    await p.goto(docUrl);
    await p.getByRole('button', { name: 'Ký duyệt' }).click();
    await p.getByRole('button', { name: 'Xác nhận' }).click();
    await p.locator('#act-position-error').waitFor();
    await p.locator('#act-position').fill('Chủ tịch');
    await p.locator('#act-competence').fill('TM. ỦY BAN NHÂN DÂN');
    await p.getByRole('button', { name: 'Xác nhận' }).click();
    // No code yet: the error stands beside the code field.
    await p.locator('#act-otp-error').waitFor();
    expect(await p.locator('#act-otp').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(p, 'documents-sign-otp');
    // The code that turned the authenticator on is spent: a code of a later 30-second step.
    const signing = await freshTotp(secret, { after: leaderTotp.lastStep });
    leaderTotp.lastStep = signing.step;
    await p.locator('#act-otp').fill(signing.code);
    await p.getByRole('button', { name: 'Xác nhận' }).click();
    await eventually(() => status(p).textContent()).toBe('Đã ký, chờ ban hành');
    const sigs = p.getByTestId('document-signatures');
    await eventually(() => sigs.locator('[data-signature]').count()).toBe(1);
    expect(await sigs.textContent()).toContain('Phạm Văn Lãnh Đạo');
    expect(await sigs.locator('[data-indication]').first().getAttribute('data-indication')).toBe('TOTAL_PASSED');
    await expectAccessible(p, 'documents-signed');
  });

  it('the clerk issues it: the number and notation follow Decree 30', async () => {
    const p = await as('hn.vanthu', docUrl);
    await p.getByRole('button', { name: 'Ban hành (cấp số)' }).click();
    // Irreversible: said in words and confirmed.
    await p.getByText('không thể hoàn tác').first().waitFor();
    await p.getByRole('button', { name: 'Xác nhận ban hành' }).click();
    await eventually(() => status(p).textContent()).toBe('Đã ban hành');
    const code = await p.locator('dl.summary dd').nth(1).textContent();
    expect(code).toMatch(/^\d{2}\/QĐ-UBND$/);
    const sigs = p.getByTestId('document-signatures');
    await eventually(() => sigs.locator('[data-signature]').count()).toBe(2);
    expect(await sigs.textContent()).toContain('Ủy ban nhân dân thành phố Hà Nội');
    await expectAccessible(p, 'documents-issued');
    // The issued PDF as downloaded: the leader's signature and the agency seal, both valid for poppler.
    const d = await (await p.request.get(`/api/documents/${docUrl.split('/').pop()}`)).json();
    const issued = await p.request.get(`/api/documents/${d.id}/files/${d.fileId}`);
    expect(issued.headers()['content-type']).toBe('application/pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'egov-e2e-doc-')), 'issued.pdf');
    writeFileSync(file, await issued.body());
    const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    // poppler lists a signature once per widget (the seal has its stamp and its text): two fields, all valid.
    const blocks = sig.stdout.split(/^Signature #\d+:/m).slice(1);
    expect(new Set(blocks.map((b) => /Field Name: (\S+)/.exec(b)?.[1])).size, sig.stdout).toBe(2);
    expect(
      blocks.every((b) => b.includes('Signature is Valid')),
      sig.stdout,
    ).toBe(true);
    expect(sig.stdout).toContain('Phạm Văn Lãnh Đạo');
    expect(sig.stdout).toContain('Ủy ban nhân dân thành phố Hà Nội');
    // Send: handed to the exchange's outbox in the same transaction (delivery between deployments is the exchange journey).
    await p.getByRole('button', { name: 'Gửi qua trục liên thông' }).click();
    await p.getByRole('button', { name: 'Xác nhận gửi' }).click();
    await eventually(() => status(p).textContent()).toBe('Đã gửi');
    expect(await p.locator('[data-recipient="H41"]').textContent()).not.toContain('Chưa gửi');

    await p.goto('/staff/registers');
    await p.getByRole('table').getByRole('link', { name: code! }).waitFor();
    await expectAccessible(p, 'documents-register-outgoing');
    const pdf = await p.request.get('/api/registers/outgoing/export?format=pdf');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });

  it('the recipient H41 receives it through the exchange, its clerk registers it and its leader assigns it; the sender sees 01 → 03 → 04', async () => {
    // H41's staff (this deployment serves every agency; the demo accounts are H26's): made by the administrator.
    const adminToken = await apiToken(server, 'admin', 'Admin@12345');
    for (const [username, fullName, role] of [
      ['na.vanthu', 'Nguyễn Thị Văn Thư', 'clerk'],
      ['na.lanhdao', 'Trần Văn Lãnh Đạo', 'leader'],
      ['na.chuyenvien', 'Hồ Thị Chuyên Viên', 'specialist'],
    ]) {
      const r = await fetch(`${server.url}/api/admin/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ username, password: 'Demo@12345', fullName, roles: [role], agencyCode: 'H41' }),
      });
      expect(r.status, await r.text()).toBe(201);
    }
    // The exchange delivers it in the background: wait for it in H41's incoming box, then open the page.
    const clerkToken = await apiToken(server, 'na.vanthu', 'Demo@12345');
    await eventually(async () => {
      const r = await (
        await fetch(`${server.url}/api/documents?box=incoming&q=ban chi dao chuyen doi so`, {
          headers: { authorization: `Bearer ${clerkToken}` },
        })
      ).json();
      return (r.items ?? []).length;
    }, 60_000).toBe(1);
    const clerk = await as('na.vanthu', '/staff/documents?box=incoming');
    const row = clerk.locator('tbody tr', { hasText: 'Ban chỉ đạo chuyển đổi số' });
    await row.waitFor();
    await row.getByRole('link').click();
    await clerk.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
    await eventually(() => status(clerk).textContent()).toBe('Đã vào sổ');
    // In the PDF the leader's signature and H26's seal, and the package's own seal (XML-DSig): all valid here.
    const sigs = clerk.getByTestId('document-signatures');
    await eventually(() => sigs.locator('[data-signature]').count()).toBe(2);
    expect(await sigs.locator('[data-signature] [data-indication="TOTAL_PASSED"]').count()).toBe(2);
    expect(await sigs.textContent()).toContain('Kiểm tra chữ ký của gói tin liên thông khi nhận: Hợp lệ');
    expect(await sigs.textContent()).toContain('Phạm Văn Lãnh Đạo');
    await expectAccessible(clerk, 'documents-arrival-registered');
    const url = new URL(clerk.url()).pathname;

    const leader = await as('na.lanhdao', url);
    await leader.getByRole('button', { name: 'Giao xử lý' }).click();
    await leader.locator('#act-handler option', { hasText: 'Hồ Thị Chuyên Viên' }).waitFor({ state: 'attached' });
    await leader.locator('#act-handler').selectOption({ label: 'Hồ Thị Chuyên Viên (H41)' });
    await leader.getByRole('button', { name: 'Xác nhận' }).click();
    await eventually(() => status(leader).textContent()).toBe('Đã giao xử lý');

    // Back at the sender: H41's row follows the statuses the exchange brought back.
    const sender = await as('hn.vanthu', docUrl);
    await eventually(async () => {
      await sender.reload();
      return sender.locator('[data-recipient="H41"]').textContent();
    }, 60_000).toContain('04 – Đã phân công');
  });

  it('the clerk registers a paper incoming document; the leader assigns it to a specialist', async () => {
    const clerk = await as('hn.vanthu', '/staff/documents?box=incoming');
    const row = clerk.locator('tbody tr', { hasText: 'Nghị định 30/2020' });
    await row.waitFor();
    expect(await row.getAttribute('class')).toMatch(/row--/); // urgent (thượng khẩn): highlighted
    expect(await row.textContent()).toContain('Thượng khẩn');
    await expectAccessible(clerk, 'documents-incoming');
    await row.getByRole('link').click();
    await clerk.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
    await eventually(() => status(clerk).textContent()).toBe('Đã vào sổ');
    expect(await clerk.locator('dl.summary').textContent()).toMatch(/Số đến, ngày đến\d+ – /);
    const url = new URL(clerk.url()).pathname;

    const leader = await as('hn.lanhdao', url);
    await leader.getByRole('button', { name: 'Giao xử lý' }).click();
    await leader.locator('#act-handler option', { hasText: 'Lê Thị Chuyên Viên' }).waitFor({ state: 'attached' });
    await leader.locator('#act-handler').selectOption({ label: 'Lê Thị Chuyên Viên (H26)' });
    await leader.locator('#act-supporting').fill('H26.S03');
    await expectAccessible(leader, 'documents-assign');
    await leader.getByRole('button', { name: 'Xác nhận' }).click();
    await eventually(() => status(leader).textContent()).toBe('Đã giao xử lý');
    expect(await leader.locator('dl.summary').textContent()).toContain('Lê Thị Chuyên Viên');
    expect(await leader.locator('.timeline').textContent()).toContain('Phối hợp: H26.S03');
  });

  it('works at phone width and in English', async () => {
    const p = await as('hn.vanthu', '/staff/documents?box=incoming', { width: 375, height: 812 });
    await p.getByRole('heading', { name: 'Quản lý văn bản' }).waitFor();
    await p.locator('tbody tr').first().waitFor();
    await screenshot(p, 'documents-phone');
    const wide = await p.evaluate(() =>
      [...document.querySelectorAll('body *')]
        // Tables and the area navigation scroll sideways inside their own region; what they hide is one swipe away.
        .filter((e) => e.getBoundingClientRect().right > 376 && !e.closest('.table-wrap, .subnav ul'))
        .map((e) => `${e.tagName}.${e.className}`)
        .slice(0, 8),
    );
    expect(wide, 'elements wider than the phone').toEqual([]);
    expect(await hasHorizontalScroll(p, 375)).toBe(false);
    await p.getByRole('button', { name: 'English' }).click();
    await p.getByRole('heading', { name: 'Documents' }).waitFor();
    await expectAccessible(p, 'documents-english');
    expect(pageErrors).toEqual([]);
  });
});
