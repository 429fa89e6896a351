import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot } from './support/browser';
import { Journey } from './support/journey';
import { type RunningServer, startServer } from './support/server';

/**
 * A province that carries paper between its centres sets the transfer time of a dossier received across
 * administrative boundaries and the regulation it rests on (docs/legal/decree-118-circular-03.md §3: the
 * decree's own time was not found). The desk sees both before it receives, at desktop and phone sizes.
 */
const PROCEDURE = '2.000815'; // Chứng thực bản sao từ bản chính: commune level
const AGENCY = 'H26.X001'; // phường Hoàn Kiếm, received for at phường Cửa Nam's desk
const BASIS = 'Quy chế phối hợp tiếp nhận hồ sơ của thành phố Hà Nội';

describe('the transfer time across boundaries, as the desk sees it', () => {
  let server: RunningServer;
  let browser: Browser;
  const j = new Journey(
    () => server,
    () => browser,
  );

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ env: { ONE_STOP_TRANSFER_DAYS: '1', ONE_STOP_TRANSFER_BASIS: BASIS } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await j.close();
    await browser?.close();
    await server?.stop();
  });

  async function pickAnotherWard(desk: Page) {
    await j.login(desk, 'cn.motcua', 'Demo@12345', '/staff/counter');
    await desk.locator('#counter-procedure').selectOption(PROCEDURE);
    const agency = desk.locator('#agencyCode');
    await eventually(() => agency.locator('option').allTextContents()).toContain(
      'Ủy ban nhân dân phường Hoàn Kiếm (H26.X001) – tiếp nhận liên thông',
    );
    await agency.selectOption(AGENCY);
    const notice = desk.getByTestId('cross-boundary');
    await notice.waitFor();
    return notice;
  }

  it('names the working days the hand-over may take and their legal reference', async () => {
    const desk = await j.newPage();
    const notice = await pickAnotherWard(desk);
    expect(await notice.textContent()).toContain('Nghị định 118/2025/NĐ-CP, Điều 14 khoản 2');
    expect(await desk.getByTestId('transfer-rule').textContent()).toBe(
      `Thời gian chuyển hồ sơ đến cơ quan có thẩm quyền: 1 ngày làm việc (${BASIS}).`,
    );
    await notice.scrollIntoViewIfNeeded();
    await expectAccessible(desk, 'transfer-rule-desktop');
    await screenshot(desk, 'transfer-rule-desktop');

    // The desk's own ward: no hand-over, no transfer time.
    await desk.locator('#agencyCode').selectOption('H26.X002');
    await desk.getByTestId('cross-boundary').waitFor({ state: 'detached' });
    expect(await desk.getByTestId('transfer-rule').count()).toBe(0);
  });

  it('fits a 390-px phone', async () => {
    const desk = await j.newPage({ phone: true });
    const notice = await pickAnotherWard(desk);
    await desk.getByTestId('transfer-rule').waitFor();
    await notice.scrollIntoViewIfNeeded();
    expect(await hasHorizontalScroll(desk, 390)).toBe(false);
    await expectAccessible(desk, 'transfer-rule-phone');
    await screenshot(desk, 'transfer-rule-phone');
  });
});
