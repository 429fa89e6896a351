import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePersonalId } from '../apps/server/src/modules/identity/personal-id';
import { cmsSignDetached, keyAndCsr, selfSigned } from '../apps/server/test/openssl-cli';
import { hoanKiem, httpApi } from './support/api';
import { eventually } from './support/eventually';
import { expectAccessible, launchChromium, screenshot, submitLogin } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const PROCEDURE = '2.000815';
const AGENCY = 'H26.X001';

/**
 * Issue 11 item 2 in the browser: a citizen proves his ID number on the account page by signing the
 * one-time text with his certificate (openssl cms stands in for the CA's token software), and the
 * dossier the desk filed for him appears in My dossiers.
 */
describe('identity proof with a digital signature certificate, on the account page', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let dir: string;
  const pageErrors: string[] = [];
  const f = (n: string) => join(dir, n);

  const { call: api, token, upload } = httpApi(() => server.url.replace('localhost', '127.0.0.1'));
  const once = () => ({ 'idempotency-key': crypto.randomUUID() });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    dir = mkdtempSync(join(tmpdir(), 'egov-e2e-certid-'));
    ctx = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
  });
  afterAll(async () => {
    await ctx?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    expect(pageErrors).toEqual([]);
  });

  /** Download the text to sign from the page (the exact bytes) and sign it: a detached .p7s file. */
  async function downloadAndSign(page: Page, key: string, cert: string, out: string) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Tải tệp xac-thuc-/ }).click(),
    ]);
    const txt = f(`${out}.txt`);
    await download.saveAs(txt);
    expect(readFileSync(txt, 'utf8')).toBe(await page.getByTestId('cert-text').textContent());
    await cmsSignDetached({ key, cert }, txt, f(`${out}.p7s`));
    return f(`${out}.p7s`);
  }

  it('signs the text with his certificate, sees a refusal for a self-signed one, then is verified', async () => {
    const idNumber = makePersonalId('001', '1992-03-03', 'male', 737_373);
    const password = 'Matkhau@2026';
    const reg = await api(null, 'POST', '/api/auth/register', {
      idNumber,
      fullName: 'Trần Văn Ký',
      dateOfBirth: '1992-03-03',
      gender: 'male',
      email: 'tran.ky@example.vn',
      phone: '0912345679',
      password,
    });
    expect(reg.status).toBe(201);
    const me = (await api(await token(idNumber, password), 'GET', '/api/me')).json as { id: string };

    // The desk files for him (no account bound to the dossier).
    const desk = await token('hn.motcua');
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    const fileId = await upload(desk, Buffer.from(await pdf.save()), 'ban-chinh.pdf');
    const filed = await api(
      desk,
      'POST',
      '/api/dossiers',
      {
        procedureCode: PROCEDURE,
        agencyCode: AGENCY,
        channel: 'counter',
        formData: {
          requester: { fullName: 'Trần Văn Ký', idNumber, residence: hoanKiem('Số 2 phố Huế') },
          documents: [{ name: 'Bằng tốt nghiệp đại học', pages: 1, copies: 1 }],
          outputType: 'paper',
        },
        applicant: { idNumber, fullName: 'Trần Văn Ký' },
        attachments: [{ documentId: 'ban_chinh', fileId }],
      },
      once(),
    );
    expect(filed.status).toBe(201);
    const code = String(filed.json.code);

    // His CA (the demo CA here) issued his certificate from a key made on his side.
    const csr = await keyAndCsr(f('own.key'), f('own.csr'));
    const issued = await api(await token('admin', 'Admin@12345'), 'POST', '/api/pki/certificates', {
      profile: 'person',
      userId: me.id,
      csr,
    });
    expect(issued.status).toBe(201);
    writeFileSync(f('own.pem'), String(issued.json.pem));
    // And a self-signed certificate naming his number, which proves nothing.
    await selfSigned(f('self.key'), f('self.pem'), `/CN=Tran Van Ky/UID=CCCD:${idNumber}`);

    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await submitLogin(page, idNumber, password, '/account');
    await page.waitForURL('**/account');
    await page.getByRole('heading', { name: 'Xác thực bằng chữ ký số' }).waitFor();
    await page.getByRole('button', { name: 'Tạo nội dung cần ký' }).click();
    await page.getByTestId('cert-text').waitFor();
    expect(await page.getByTestId('cert-text').textContent()).toContain(`Tài khoản: ${idNumber}`);
    await screenshot(page, 'account-certificate-challenge');
    await expectAccessible(page, 'account-certificate-challenge');

    await page.locator('#cert-file').setInputFiles(await downloadAndSign(page, f('self.key'), f('self.pem'), 'self'));
    await page.getByRole('button', { name: 'Gửi chữ ký để xác thực' }).click();
    await page.getByText('không do tổ chức cung cấp dịch vụ chứng thực', { exact: false }).first().waitFor();
    await page.getByText('Đã tạo nội dung cần ký mới').waitFor();
    await screenshot(page, 'account-certificate-refused');
    await expectAccessible(page, 'account-certificate-refused');

    await page.locator('#cert-file').setInputFiles(await downloadAndSign(page, f('own.key'), f('own.pem'), 'own'));
    await page.getByRole('button', { name: 'Gửi chữ ký để xác thực' }).click();
    await page.getByText('Danh tính của bạn đã được xác minh bằng chứng thư chữ ký số').waitFor();
    await eventually(() => page.getByTestId('identity-level').textContent()).toContain('Đã xác minh bằng chứng thư số');
    await screenshot(page, 'account-certificate-verified');

    await page.goto('/my/dossiers');
    await page.locator(`li[data-dossier="${code}"]`).waitFor();
    await screenshot(page, 'account-certificate-my-dossiers');
  });
});
