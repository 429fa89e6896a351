import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextStep, pickAddress } from './support/api';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot, submitLogin } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const PROCEDURE = '3.000333'; // Cấp Phiếu lý lịch tư pháp: a long form, name in capitals, addresses from the 2025 units
const VIEWPORTS = [
  { name: 'phone', size: { width: 390, height: 844 } },
  { name: 'desktop', size: { width: 1366, height: 900 } },
] as const;

/**
 * Issue 14 item 9: a citizen fills a long form step by step (Bước n/7), leaves, comes back to the draft
 * saved on the server at the step he was at, and submits once; on a 390-px phone and on a desktop.
 */
describe('a long application form in steps, with a saved draft, on a phone and on a desktop', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function open(size: { width: number; height: number }): Promise<Page> {
    const ctx = await browser.newContext({ baseURL: server.url, locale: 'vi-VN', viewport: size });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  }

  const count = async (page: Page, path: string) =>
    ((await (await page.request.get(path)).json()) as { total?: number; items: unknown[] }).total ??
    ((await (await page.request.get(path)).json()) as { items: unknown[] }).items.length;

  for (const { name: vp, size } of VIEWPORTS) {
    it(`${vp}: fills the first steps, checking each; picks province then commune; names in capitals`, async () => {
      const citizen = await open(size);
      await submitLogin(citizen, '001099012345', 'Demo@12345', `/procedures/${PROCEDURE}/apply`);
      await citizen.waitForURL(`**/procedures/${PROCEDURE}/apply`);
      const heading = citizen.locator('#step-heading');
      await eventually(() => heading.textContent()).toBe('Bước 1/7: Cơ quan tiếp nhận hồ sơ');
      expect(await citizen.getByTestId('form-progress').textContent()).toContain('Bước 1/7');
      expect(await hasHorizontalScroll(citizen, size.width)).toBe(false);
      await expectAccessible(citizen, `forms-01-step-agency-${vp}`);
      await nextStep(citizen, 'Bước 2/7: Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp');

      // The account's facts are filled in (never asked twice); the name in capitals.
      const name = citizen.locator('#fd-fullName');
      expect(await name.inputValue()).toBe('NGUYỄN VĂN AN');
      expect(await citizen.locator('#fd-idNumber').inputValue()).toBe('001099012345');
      // The date of birth given at registration is filled in from the account; he may still change it.
      expect(await citizen.locator('#fd-dateOfBirth').inputValue()).toBe('1999-03-15');
      await citizen.locator('#fd-dateOfBirth').fill('1999-03-15');
      await name.fill('');
      await name.pressSequentially('nguyễn văn an');
      expect(await name.inputValue()).toBe('NGUYỄN VĂN AN');

      // Province, then one of its communes, from the 2025 list.
      const commune = citizen.locator('#fd-permanentResidence-commune');
      expect(await commune.isDisabled()).toBe(true);
      const provinces = await citizen.locator('#fd-permanentResidence-province option').allTextContents();
      expect(provinces).toHaveLength(35); // "— Chọn —" and the 34 provinces
      await citizen.locator('#fd-permanentResidence-province').selectOption({ label: 'Thành phố Hà Nội' });
      await eventually(() => commune.isDisabled()).toBe(false);
      const names = await commune.locator('option').allTextContents();
      expect(names).toContain('Phường Ba Đình');
      expect(names).not.toContain('Phường Sài Gòn');

      // The step is checked before the next: formats say what they want, naming the field.
      await citizen.locator('#fd-phone').fill('12345');
      await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
      const summary = citizen.getByRole('alert').filter({ hasText: 'Có lỗi cần khắc phục' });
      await summary.waitFor();
      const text = String(await summary.textContent());
      expect(text).toContain('Số điện thoại: Số điện thoại Việt Nam không hợp lệ, ví dụ 0912345678.');
      expect(text).toContain('Nơi thường trú › Xã, phường, đặc khu');
      await expectAccessible(citizen, `forms-02-step-errors-${vp}`);
      await eventually(() => heading.textContent()).toContain('Bước 2/7');

      await citizen.locator('#fd-phone').fill('0912345678');
      await citizen.locator('#fd-placeOfBirth').fill('Bệnh viện Bạch Mai, Hà Nội');
      await pickAddress(citizen, 'fd-permanentResidence', 'Số 12 phố Tràng Thi', {
        province: 'Thành phố Hà Nội',
        commune: 'Phường Ba Đình',
      });
      await screenshot(citizen, `forms-03-address-picked-${vp}`);
      await nextStep(citizen, 'Bước 3/7: Cha');
      await citizen.waitForURL(/\/apply\?draft=/);
      await nextStep(citizen, 'Bước 4/7: Mẹ');
      await citizen.locator('#fd-mother-fullName').fill('Trần Thị Bình');
      const saved = citizen.waitForResponse(
        (r) => r.url().includes('/api/dossier-drafts/') && r.request().method() === 'PUT',
      );
      await nextStep(citizen, 'Bước 5/7: Vợ/chồng (nếu có)');
      expect((await saved).status()).toBe(200);
      await expectAccessible(citizen, `forms-04-step-5-${vp}`);
    });

    it(`${vp}: leaves, comes back to the draft at its step, finishes and submits once`, async () => {
      const citizen = await open(size);
      await submitLogin(citizen, '001099012345', 'Demo@12345', '/my/dossiers');
      await citizen.waitForURL('**/my/dossiers');
      // The draft saved when moving on, from another browser: resumed where he was.
      await citizen
        .getByRole('link', { name: /Tiếp tục soạn/ })
        .first()
        .click();
      await citizen.waitForURL(/\/apply\?draft=/);
      const heading = citizen.locator('#step-heading');
      await eventually(() => heading.textContent()).toBe('Bước 5/7: Vợ/chồng (nếu có)');
      await screenshot(citizen, `forms-05-resumed-${vp}`);
      await citizen.getByRole('button', { name: 'Quay lại' }).click();
      await eventually(() => citizen.locator('#fd-mother-fullName').inputValue()).toBe('Trần Thị Bình');
      await nextStep(citizen, 'Bước 5/7');
      await nextStep(citizen, 'Bước 6/7: Thông tin khác của tờ khai');

      await citizen.locator('#fd-residenceHistory-0-from').fill('2013-03-15');
      await citizen.locator('#fd-residenceHistory-0-residence').fill('Phường Hoàn Kiếm, quận Hoàn Kiếm, Hà Nội');
      await citizen.locator('#fd-certificateType input[value="1"]').check();
      await citizen.locator('#fd-purpose').fill('Bổ sung hồ sơ xin việc');
      await expectAccessible(citizen, `forms-06-step-6-${vp}`);
      await nextStep(citizen, 'Bước 7/7: Giấy tờ kèm theo và nộp hồ sơ');
      // The declaration is the form: its signed copy is optional, not asked a second time.
      expect(await citizen.locator('main').textContent()).toContain('không bắt buộc');
      expect(await hasHorizontalScroll(citizen, size.width)).toBe(false);
      await expectAccessible(citizen, `forms-07-step-documents-${vp}`);

      const before = await count(citizen, '/api/dossiers?mine=true&pageSize=100');
      await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).dblclick();
      await citizen.waitForURL('**/dossiers/submitted/**');
      await citizen.getByTestId('dossier-code').waitFor();
      await expectAccessible(citizen, `forms-08-submitted-${vp}`);
      expect(await count(citizen, '/api/dossiers?mine=true&pageSize=100')).toBe(before + 1);
      // The draft went with the submission.
      expect(await count(citizen, '/api/dossier-drafts')).toBe(0);
    });
  }

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
