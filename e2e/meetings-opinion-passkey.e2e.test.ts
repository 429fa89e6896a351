import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import {
  expectAccessible,
  hasHorizontalScroll,
  launchChromium,
  submitLogin,
  virtualAuthenticator,
} from './support/browser';
import { DESKTOP, PHONE } from './support/journey';
import { apiToken, type RunningServer, startServer } from './support/server';

/**
 * Issue 15, written opinions "signed remotely … confirmed by TOTP or passkey": two members of the demo
 * People's Committee who have no authenticator app add a passkey (Chromium's virtual authenticator) on their
 * account page, log in with it, and answer the open round on its page by touching the key — one on a desktop,
 * one on a 390-px phone. The page offers the passkey and no code field; the answer is signed and counted.
 */
describe('a written opinion answered with a passkey', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let requestId = '';

  async function memberWithPasskey(username: string, viewport: { width: number; height: number }) {
    const ctx = await browser.newContext({ baseURL: server.url, locale: 'vi-VN', viewport });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
    const { cdp, authenticatorId } = await virtualAuthenticator(page);
    await submitLogin(page, username, 'Demo@12345', '/account');
    await page.waitForURL('**/account');
    await page.locator('#passkey-name').fill('Khóa ký phiếu');
    await page.getByRole('button', { name: 'Thêm khóa truy cập' }).click();
    await page.getByText('Đã thêm khóa truy cập “Khóa ký phiếu”.').waitFor();
    // A new visit (the password session forgotten): he logs in with the passkey he just added.
    await ctx.clearCookies();
    await page.goto('/login?next=%2Fstaff%2Fmeetings');
    await page.getByRole('button', { name: 'Đăng nhập bằng khóa truy cập (passkey)' }).click();
    await page.waitForURL('**/staff/meetings');
    return { page, cdp, authenticatorId };
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const token = await apiToken(server, 'hn.pct2', 'Demo@12345');
    const r = await fetch(`http://127.0.0.1:${server.port}/api/opinion-requests`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const open = ((await r.json()) as { items: { id: string; status: string }[] }).items.find(
      (x) => x.status === 'open',
    );
    requestId = open!.id;
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    expect(pageErrors).toEqual([]);
  });

  for (const [username, viewport, shot, answered] of [
    ['hn.pct2', DESKTOP, 'meetings-opinion-passkey-desktop', 1],
    ['hn.pct3', PHONE, 'meetings-opinion-passkey-phone', 2],
  ] as const) {
    it(`${username} (${viewport.width} px) answers by touching his passkey; the answer is signed and counted`, async () => {
      const { page, cdp, authenticatorId } = await memberWithPasskey(username, viewport);
      await page.getByRole('link', { name: /Quy chế họp không giấy/ }).click();
      await page.waitForURL(`**/${requestId}`);
      const withPasskey = page.getByRole('button', { name: 'Ký bằng khóa truy cập (passkey)' });
      await withPasskey.waitFor();
      // No authenticator app: the passkey is the confirmation, there is no code field.
      expect(await page.locator('#opinion-otp').count()).toBe(0);
      await page.getByLabel('Ý kiến khác', { exact: true }).check();
      await page.getByLabel('Nội dung ý kiến').fill('Đề nghị bổ sung quy định về lưu trữ tài liệu họp.');
      await expectAccessible(page, `${shot}-before`);
      expect(await hasHorizontalScroll(page, viewport.width)).toBe(false);
      const before = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0]!.signCount;
      const sent = page.waitForResponse(
        (r) => r.url().endsWith(`/api/opinion-requests/${requestId}/answers`) && r.request().method() === 'POST',
      );
      await withPasskey.click();
      const response = await sent;
      expect(response.status(), await response.text()).toBe(201);
      expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({
        answer: 'other',
        certificateId: expect.stringMatching(/^crt_/),
        passkey: { type: 'public-key' },
      });
      expect((await response.json()).signatureFileId).toBeTruthy();
      await page.getByText('Đã ký số và gửi ý kiến.').waitFor();
      await eventually(() => page.getByTestId('opinion-counts').textContent()).toContain(`Đã trả lời ${answered}/3`);
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(credentials.map((c) => c.signCount)).toEqual([before + 1]);
      await expectAccessible(page, shot);
    });
  }
  it('the secretary closes the round and drafts its result as a Quyết định from the tally; it opens in the documents', async () => {
    const ctx = await browser.newContext({ baseURL: server.url, locale: 'vi-VN', viewport: PHONE });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(`hn.chuyenvien: ${e.message}`));
    await submitLogin(page, 'hn.chuyenvien', 'Demo@12345', '/staff/meetings');
    await page.waitForURL('**/staff/meetings');
    await page.getByRole('link', { name: /Quy chế họp không giấy/ }).click();
    // The secretary closes the round from its page, after confirming; nothing to draft before.
    await page.getByRole('heading', { name: 'Kết thúc lấy ý kiến' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Văn bản kết quả lấy ý kiến' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Kết thúc lấy ý kiến' }).click();
    await page.getByTestId('close-confirm').getByText('không thể hoàn tác').waitFor();
    await expectAccessible(page, 'meetings-opinion-close-confirm-phone');
    await page.getByRole('button', { name: 'Xác nhận kết thúc' }).click();
    await eventually(() => page.getByTestId('opinion-status').textContent()).toContain('Đã kết thúc');
    await page.getByRole('heading', { name: 'Văn bản kết quả lấy ý kiến' }).waitFor();
    await page.getByLabel('Loại văn bản').selectOption('QD');
    await page.getByRole('button', { name: 'Soạn dự thảo văn bản' }).click();
    // The signer's name is required: the field says so.
    await page.locator('#decision-signer-error').waitFor();
    await page.getByLabel('Họ tên người ký').fill('Phạm Văn Lãnh Đạo');
    await page.getByLabel('Chức vụ người ký').fill('Chủ tịch');
    await expectAccessible(page, 'meetings-opinion-decision-phone');
    expect(await hasHorizontalScroll(page, PHONE.width)).toBe(false);
    await page.getByRole('button', { name: 'Soạn dự thảo văn bản' }).click();
    await page.getByText('Đã soạn dự thảo văn bản kết quả.').waitFor();
    await page.getByRole('link', { name: 'Mở văn bản' }).click();
    await page.waitForURL('**/staff/documents/**');
    await page.getByRole('heading', { name: /Quyết định theo kết quả lấy ý kiến thành viên/ }).waitFor();
    await expectAccessible(page, 'meetings-opinion-decision-document-phone');
  });
});
