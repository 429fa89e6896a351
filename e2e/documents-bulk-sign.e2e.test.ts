import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium } from './support/browser';
import { signedInPage } from './support/sign-in';
import { type RunningServer, startServer } from './support/server';
import { freshTotp } from './support/totp';
import { makePng, signaturePng } from '../apps/server/test/png';

const SHOTS = resolve(import.meta.dirname, 'screenshots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/**
 * The leader's day on the demo agency H26: told how to turn on two-step verification instead of a
 * code field that can only fail; a decision drafted from the template; three documents signed with one
 * code (ký số hàng loạt), each reported; the clerk issues with a confirmation, and the issued PDF is
 * laid out per Decree 30/2020 Phụ lục I (its pages are rendered to e2e/screenshots/ to look at).
 */
describe('documents: drafting from a template and signing several at once', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const leaderTotp = { secret: '', lastStep: -1 };
  const subject = 'Thông báo lịch tiếp công dân của Chủ tịch Ủy ban nhân dân thành phố tháng 12';
  let docUrl = '';

  // With an authenticator on, the leader's login asks for its code.
  const totpOf = (username: string) => (username === 'hn.lanhdao' && leaderTotp.secret ? leaderTotp : undefined);
  const as = (username: string, next: string, viewport = DESKTOP) =>
    signedInPage(browser, { baseURL: server.url, contexts, pageErrors }, username, next, viewport, totpOf(username));
  const shot = async (p: Page, name: string) => {
    mkdirSync(SHOTS, { recursive: true });
    await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('a leader without two-step verification is told what to do, turns it on, and his session shows level 2', async () => {
    const p = await as('hn.lanhdao', '/staff/documents/sign', PHONE);
    await p.getByRole('heading', { name: 'Ký số hàng loạt' }).waitFor();
    const notice = p.getByTestId('second-factor-notice');
    await notice.waitFor();
    // No code field that could only fail.
    expect(await p.locator('#bulk-otp').count()).toBe(0);
    await expectAccessible(p, 'bulk-sign-no-factor-phone');
    expect(await hasHorizontalScroll(p, PHONE.width)).toBe(false);
    await shot(p, 'bulk-sign-01-no-second-factor-phone');

    await notice.getByRole('link', { name: /Bật xác thực hai bước/ }).click();
    await p.waitForURL(/\/account/);
    expect(await p.getByTestId('acr').textContent()).toBe('Mức 1 – mật khẩu');
    await p.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
    const secret = (await p.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    const enabled = await freshTotp(secret);
    Object.assign(leaderTotp, { secret, lastStep: enabled.step });
    await p.locator('#totp-otp').fill(enabled.code);
    await p.getByRole('button', { name: 'Xác nhận và bật' }).click();
    // Right after enabling it, without logging in again, the session is level 2.
    await eventually(() => p.getByTestId('acr').textContent()).toBe('Mức 2 – hai yếu tố');
    await shot(p, 'bulk-sign-02-second-factor-on-phone');

    // His specimen signature (chữ ký mẫu): a white-background scan is refused at the field, a transparent PNG kept.
    const section = p.locator('section[aria-labelledby="signature-image-title"]');
    await section.getByText('Chưa có ảnh chữ ký').waitFor();
    const file = section.locator('#signature-image-file');
    await file.setInputFiles({
      name: 'chu-ky-scan.png',
      mimeType: 'image/png',
      buffer: makePng(300, 120, () => [255, 255, 255, 255], { alpha: false }),
    });
    await section.getByRole('button', { name: 'Lưu ảnh chữ ký' }).click();
    await section.locator('#signature-image-file-error').getByText('nền trong suốt').waitFor();
    await shot(p, 'bulk-sign-02b-signature-image-refused-phone');
    await file.setInputFiles({ name: 'chu-ky.png', mimeType: 'image/png', buffer: signaturePng(300, 120) });
    await section.getByRole('button', { name: 'Lưu ảnh chữ ký' }).click();
    await section.getByText('Đã lưu ảnh chữ ký').waitFor();
    const img = section.getByRole('img', { name: 'Ảnh chữ ký của bạn' });
    await img.waitFor();
    // The preview is the image itself, loaded (not a broken link).
    await eventually(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(300);
    await section.getByText('300 × 120 điểm ảnh').waitFor();
    await expectAccessible(p, 'account-signature-image-phone');
    expect(await hasHorizontalScroll(p, PHONE.width)).toBe(false);
    await shot(p, 'bulk-sign-02c-signature-image-phone');
  });

  it('the specialist drafts a notice from the template and submits it', async () => {
    const p = await as('hn.chuyenvien', '/staff/documents/new');
    await p.getByRole('heading', { name: 'Soạn văn bản đi' }).waitFor();
    await p.locator('#doc-type').selectOption('TB');
    // The type's skeleton is offered; he writes his own.
    await eventually(() => p.locator('#doc-body').inputValue()).toContain('thông báo');
    await p.locator('#doc-subject').fill(subject);
    await p
      .locator('#doc-body')
      .fill(
        'Ủy ban nhân dân thành phố thông báo lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân thành phố tháng 12 năm 2026.\nThời gian: 08 giờ 00 phút, ngày 15 tháng 12 năm 2026.\nĐịa điểm: Trụ sở Tiếp công dân thành phố.',
      );
    await p.locator('#doc-copies').fill('- Các sở, ban, ngành;\n- Lưu: VT.');
    await p.locator('#doc-competence').fill('TL. Chủ tịch');
    await p.locator('#doc-position').fill('Chánh Văn phòng');
    await p.locator('#doc-signer').fill('Phạm Văn Lãnh Đạo');
    await expectAccessible(p, 'documents-new-template');
    await shot(p, 'bulk-sign-03-draft-from-template');
    await p.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await p.waitForURL(/\/staff\/documents\/doc_/);
    docUrl = new URL(p.url()).pathname;
    await p.getByRole('button', { name: 'Trình duyệt' }).click();
    await eventually(() => p.locator('dl.summary .tag').first().textContent()).toBe('Chờ duyệt');
  });

  it('the leader reviews the list and signs three documents with one code; each is reported', async () => {
    const p = await as('hn.lanhdao', '/staff/documents/sign');
    await p.getByRole('heading', { name: 'Ký số hàng loạt' }).waitFor();
    const rows = p.locator('[data-document]');
    await eventually(() => rows.count()).toBe(3);
    // Each document can be opened for review from the list.
    expect(
      await rows
        .filter({ hasText: subject })
        .getByRole('link', { name: /Xem văn bản/ })
        .count(),
    ).toBe(1);
    await p.getByRole('button', { name: /^Ký số 0 văn bản$/ }).click();
    await p.getByRole('alert').filter({ hasText: 'Có lỗi cần khắc phục' }).waitFor();
    await p.getByLabel('Chọn tất cả').check();
    await p.locator('#bulk-position').fill('Chủ tịch');
    await p.locator('#bulk-competence').fill('TM. Ủy ban nhân dân');
    const { code, step } = await freshTotp(leaderTotp.secret, { after: leaderTotp.lastStep });
    leaderTotp.lastStep = step;
    await p.locator('#bulk-otp').fill(code);
    await expectAccessible(p, 'bulk-sign-ready');
    await shot(p, 'bulk-sign-04-list-reviewed');
    await p.getByRole('button', { name: 'Ký số 3 văn bản' }).click();
    const results = p.getByTestId('bulk-results');
    await results.waitFor();
    expect(await results.locator('[data-outcome="signed"]').count()).toBe(3);
    await p.getByText('Đã ký 3/3 văn bản.').waitFor();
    await expectAccessible(p, 'bulk-sign-done');
    await shot(p, 'bulk-sign-05-results');
    // Nothing is left to sign; each document shows its own valid signature.
    await eventually(() => rows.count()).toBe(0);
    await p.goto(docUrl);
    const sigs = p.getByTestId('document-signatures');
    await eventually(() => sigs.locator('[data-signature]').count()).toBe(1);
    expect(await sigs.locator('[data-indication]').first().getAttribute('data-indication')).toBe('TOTAL_PASSED');
  });

  it('the clerk issues it after confirming; the PDF follows Phụ lục I and no stamp covers text', async () => {
    const p = await as('hn.vanthu', docUrl, PHONE);
    await p.getByRole('button', { name: 'Ban hành (cấp số)' }).click();
    await p.getByText('không thể hoàn tác').first().waitFor();
    await p.locator('#act-note').fill('Phát hành ngay trong ngày.');
    await expectAccessible(p, 'documents-issue-confirm-phone');
    await shot(p, 'bulk-sign-06-issue-confirm-phone');
    await p.getByRole('button', { name: 'Xác nhận ban hành' }).click();
    await eventually(() => p.locator('dl.summary .tag').first().textContent()).toBe('Đã ban hành');
    const d = await (await p.request.get(`/api/documents/${docUrl.split('/').pop()}`)).json();
    expect(d.code).toMatch(/^\d{2}\/TB-UBND$/);
    const pdf = await (await p.request.get(`/api/documents/${d.id}/files/${d.fileId}`)).body();
    mkdirSync(SHOTS, { recursive: true });
    const file = join(SHOTS, 'bulk-sign-issued.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '90', file, join(SHOTS, 'bulk-sign-07-issued-page')]);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // The number fills its blank between `Số:` and the notation.
    expect(text).toMatch(new RegExp(`Số:\\s+${d.code.split('/')[0]}\\s*/TB-UBND`));
    expect(text).toMatch(/Thời gian ký: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} \+07:00/);
    // The leader's own signature image (300 × 120, with its transparency mask) is in his signature's widget.
    expect(pdf.toString('latin1')).toMatch(
      /\/Subtype \/Image\s+\/BitsPerComponent 8\s+\/Width 300\s+\/Height 120\s+\/ColorSpace \/DeviceRGB\s+\/SMask/,
    );
    expect(pageErrors).toEqual([]);
  });
});
