import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { launchChromium, screenshot, seriousAxeViolations, virtualAuthenticator } from './support/browser';
import { apiToken, type RunningServer, startServer } from './support/server';

/**
 * The leader signs a document on its page confirming with a passkey (Chromium's virtual
 * authenticator) instead of an authenticator code: he has no authenticator app, adds a passkey on
 * his account page and logs in with it (a level-2 session), then signs the draft a specialist submitted.
 */
describe('documents: the leader signs with a passkey', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId = '';
  let docId = '';
  const pageErrors: string[] = [];

  /** A draft of H26 submitted for signature by the demo specialist, through the API. */
  async function submittedDraft(): Promise<string> {
    const token = await apiToken(server, 'hn.chuyenvien', 'Demo@12345');
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`http://127.0.0.1:${server.port}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...init.headers },
      });
    const d = await PDFDocument.create();
    d.addPage();
    const form = new FormData();
    form.append(
      'file',
      new Blob([(await d.save()).slice().buffer as ArrayBuffer], { type: 'application/pdf' }),
      'du-thao.pdf',
    );
    const file = await (await api('/api/files', { method: 'POST', body: form })).json();
    const json = { 'content-type': 'application/json' };
    const created = await api('/api/documents', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        type: 'QD',
        subject: 'Quyết định ban hành quy chế sử dụng khóa truy cập',
        recipients: ['H41'],
        fileIds: [file.id],
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const id = (await created.json()).id as string;
    expect(
      (
        await api(`/api/documents/${id}/actions`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ action: 'submit' }),
        })
      ).status,
    ).toBe(200);
    return id;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    context = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    ({ cdp, authenticatorId } = await virtualAuthenticator(page));
    docId = await submittedDraft();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the leader adds a passkey and logs in with it', async () => {
    await page.goto('/login?next=%2Faccount');
    await page.locator('#username').fill('hn.lanhdao');
    await page.locator('#password').fill('Demo@12345');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/account');
    await page.locator('#passkey-name').fill('Khóa ký văn bản');
    await page.getByRole('button', { name: 'Thêm khóa truy cập' }).click();
    await page.getByText('Đã thêm khóa truy cập “Khóa ký văn bản”.').waitFor();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/login');
    await page.goto(`/login?next=${encodeURIComponent(`/staff/documents/${docId}`)}`);
    await page.getByRole('button', { name: 'Đăng nhập bằng khóa truy cập (passkey)' }).click();
    await page.waitForURL(`**/staff/documents/${docId}`);
  });

  it('signs the document confirming with the passkey; the page shows his valid signature', async () => {
    await page.getByRole('heading', { name: /quy chế sử dụng khóa truy cập/ }).waitFor();
    await page.getByRole('button', { name: 'Ký duyệt' }).click();
    const withPasskey = page.getByRole('button', { name: 'Xác nhận bằng khóa truy cập (passkey)' });
    await withPasskey.waitFor();
    // No authenticator app: no code field, the passkey is the confirmation.
    expect(await page.locator('#act-otp').count()).toBe(0);
    // The position first, before the browser asks for the key.
    await withPasskey.click();
    await page.locator('#act-position-error').waitFor();
    await page.locator('#act-position').fill('Chủ tịch');
    await page.locator('#act-competence').fill('TM. ỦY BAN NHÂN DÂN');
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, 'documents-sign-passkey');
    expect(await seriousAxeViolations(page), 'axe on documents-sign-passkey').toEqual([]);
    const before = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0]!.signCount;
    const signed = page.waitForResponse(
      (r) => r.url().endsWith(`/api/documents/${docId}/actions`) && r.request().method() === 'POST',
    );
    await withPasskey.click();
    const response = await signed;
    expect(response.status(), await response.text()).toBe(200);
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({
      action: 'sign',
      certificateId: expect.stringMatching(/^crt_/),
      passkey: { type: 'public-key' },
    });
    await eventually(() => page.locator('dl.summary .tag').first().textContent()).toBe('Đã ký, chờ ban hành');
    const sigs = page.getByTestId('document-signatures');
    await eventually(() => sigs.locator('[data-signature]').count()).toBe(1);
    expect(await sigs.textContent()).toContain('Phạm Văn Lãnh Đạo');
    expect(await sigs.locator('[data-indication]').first().getAttribute('data-indication')).toBe('TOTAL_PASSED');
    // The virtual authenticator made one assertion for the signature.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials.map((c) => c.signCount)).toEqual([before + 1]);
    expect(pageErrors).toEqual([]);
  });
});
