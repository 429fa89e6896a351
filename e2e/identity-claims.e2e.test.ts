import { PDFDocument } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePersonalId } from '../apps/server/src/modules/identity/personal-id';
import { pdfText } from '../apps/server/src/platform/pdf/testing';
import { hoanKiem } from './support/api';
import { eventually } from './support/eventually';
import { expectAccessible, launchChromium, screenshot, submitLogin } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const PROCEDURE = '2.000815'; // Chứng thực bản sao từ bản chính (fee collected with the result: received on the spot)
const AGENCY = 'H26.X001';

const onePage = await (async () => {
  const d = await PDFDocument.create();
  d.addPage([595, 842]);
  return Buffer.from(await d.save());
})();

/**
 * Issue 11 item 2 in the browser: what the desk files for a person reaches the person's account by
 * the claim code on the receipt, or by logging in with VNeID (the sandbox at /sandbox/vneid), and
 * never by registering the person's ID number.
 */
describe('counter-filed dossiers reach their applicant: claim code, VNeID, desk verification', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const api = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${server.url.replace('localhost', '127.0.0.1')}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return res;
  };
  const token = async (username: string, password = 'Demo@12345') =>
    (
      (await (await api('POST', '/api/auth/login', undefined, { username, password })).json()) as {
        accessToken: string;
      }
    ).accessToken;

  /** hn.motcua files a birth registration at the counter for `idNumber`; returns the code and the receipt's claim code. */
  async function fileAtDesk(idNumber: string, fullName: string) {
    const desk = await token('hn.motcua');
    const form = new FormData();
    form.append('file', new Blob([onePage], { type: 'application/pdf' }), 'ban-chinh.pdf');
    const up = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${desk}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const fileId = ((await up.json()) as { id: string }).id;
    const r = await api('POST', '/api/dossiers', desk, {
      procedureCode: PROCEDURE,
      agencyCode: AGENCY,
      channel: 'counter',
      formData: {
        requester: { fullName, idNumber, residence: hoanKiem('Số 1 phố Huế') },
        documents: [{ name: 'Bằng tốt nghiệp đại học', pages: 1, copies: 2 }],
        outputType: 'paper',
      },
      applicant: { idNumber, fullName },
      attachments: [{ documentId: 'ban_chinh', fileId }],
    });
    const body = (await r.json()) as { code?: string; errors?: unknown };
    expect(r.status, JSON.stringify(body)).toBe(201);
    const receipt = await api('GET', `/api/dossiers/${encodeURIComponent(body.code!)}/receipt.pdf`, desk);
    expect(receipt.status).toBe(200);
    const text = pdfText(new Uint8Array(await receipt.arrayBuffer()));
    const claim = /Mã nhận hồ sơ trực tuyến: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(text)?.[1];
    expect(claim).toBeTruthy();
    return { code: body.code!, claim: claim! };
  }

  async function newPage(): Promise<Page> {
    const ctx = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(ctx);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    return p;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('a self-declared account sees nothing of a dossier filed for its ID number, until it enters the receipt’s claim code', async () => {
    const idNumber = makePersonalId('001', '1995-06-15', 'female', 424_242);
    const { code, claim } = await fileAtDesk(idNumber, 'Phạm Thị Lan');
    const reg = await api('POST', '/api/auth/register', undefined, {
      idNumber,
      fullName: 'Phạm Thị Lan',
      dateOfBirth: '1995-06-15',
      gender: 'female',
      email: 'pham.lan@example.vn',
      phone: '0912345678',
      password: 'Matkhau@2026',
    });
    expect(reg.status).toBe(201);
    const page = await newPage();
    await submitLogin(page, idNumber, 'Matkhau@2026', '/my/dossiers');
    await page.waitForURL('**/my/dossiers');
    await page.getByRole('heading', { name: 'Nhận hồ sơ nộp tại quầy' }).waitFor();
    expect(await page.locator(`li[data-dossier="${code}"]`).count()).toBe(0);
    await screenshot(page, 'claim-before');
    await expectAccessible(page, 'my-dossiers-claim');

    await page.locator('#claim-code').fill(code);
    await page.locator('#claim-claimCode').fill('AAAAA-AAAAA');
    await page.getByRole('button', { name: 'Nhận hồ sơ' }).click();
    await page.getByText('không khớp').first().waitFor();
    await page.locator('#claim-claimCode').fill(claim.toLowerCase());
    await page.getByRole('button', { name: 'Nhận hồ sơ' }).click();
    await page.getByText(`Hồ sơ ${code} đã được thêm`).waitFor();
    await page.locator(`li[data-dossier="${code}"]`).waitFor();
    await screenshot(page, 'claim-done');

    await page.goto('/account');
    await eventually(() => page.getByTestId('identity-level').textContent()).toContain('Tự khai báo');
    await page.getByRole('button', { name: 'Lấy mã xác minh tại quầy' }).click();
    const deskCode = (await page.getByTestId('desk-code').locator('strong').textContent())!.trim();
    expect(deskCode).toMatch(/^\d{8}$/);
    await screenshot(page, 'account-identity-self-declared');
    await expectAccessible(page, 'account-identity');

    // The one-stop desk checks her ID card and records it.
    const desk = await newPage();
    await submitLogin(desk, 'hn.motcua', 'Demo@12345', '/staff/identity');
    await desk.waitForURL('**/staff/identity');
    await desk.locator('#identity-login').fill(idNumber);
    await desk.locator('#identity-code').fill(deskCode);
    await desk.getByLabel('Tôi đã kiểm tra giấy tờ gốc', { exact: false }).check();
    await desk.getByRole('button', { name: 'Xác minh', exact: true }).click();
    await desk.getByText('Đã xác minh danh tính của').waitFor();
    await screenshot(desk, 'staff-identity-verified');
    await expectAccessible(desk, 'staff-identity');
    await page.reload();
    await eventually(() => page.getByTestId('identity-level').textContent()).toContain(
      'Đã xác minh tại bộ phận một cửa',
    );
  });

  it('a person logs in with VNeID (sandbox) and finds what the desk filed for her', async () => {
    const idNumber = makePersonalId('079', '1990-02-02', 'female', 515_151);
    const { code } = await fileAtDesk(idNumber, 'Võ Thị Mai');
    const page = await newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
    await page.waitForURL('**/sandbox/vneid/interaction/**');
    await screenshot(page, 'vneid-sandbox');
    await page.locator('#pid').fill(idNumber);
    await page.locator('#name').fill('Võ Thị Mai');
    await page.locator('#dob').fill('1990-02-02');
    await page.locator('#gender').selectOption('female');
    await page.getByRole('button', { name: 'Xác nhận và đồng ý chia sẻ' }).click();
    await page.waitForURL('**/my/dossiers');
    await page.locator(`li[data-dossier="${code}"]`).waitFor();
    await screenshot(page, 'vneid-my-dossiers');
    await page.goto('/account');
    await eventually(() => page.getByTestId('identity-level').textContent()).toContain('Đã xác minh qua VNeID');
    await screenshot(page, 'vneid-account');
  });

  it('public tracking asks for the last 4 digits of the ID number', async () => {
    const idNumber = makePersonalId('001', '1980-01-01', 'male', 616_161);
    const { code } = await fileAtDesk(idNumber, 'Đỗ Văn Hùng');
    const anon = await newPage();
    await anon.goto(`/track?code=${encodeURIComponent(code)}`);
    await anon.locator('#track-digits').fill(idNumber.slice(-4) === '0000' ? '1111' : '0000');
    await anon.getByRole('button', { name: 'Tra cứu' }).click();
    await anon.getByText('Không tìm thấy', { exact: false }).first().waitFor();
    await anon.locator('#track-digits').fill(idNumber.slice(-4));
    await anon.getByRole('button', { name: 'Tra cứu' }).click();
    await eventually(() => anon.getByTestId('track-result').textContent()).toContain('Đã tiếp nhận');
    await screenshot(anon, 'track-digits');
  });
});
