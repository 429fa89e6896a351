import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { expectAccessible, launchChromium } from './support/browser';
import { Journey } from './support/journey';
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
          requester: { fullName: 'Nguyễn Văn An', idNumber: CITIZEN.username, residence: 'Số 1 phố Huế, Hà Nội' },
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
    // The commune's specialist (the seeded one works at the city, above the commune).
    const admin = await j.token('admin', 'Admin@12345');
    const created = await j.api(admin, 'POST', '/api/admin/users', {
      username: 'hk.chuyenvien',
      password: 'Staff@12345',
      fullName: 'Lê Thị Hồng',
      email: 'hk.chuyenvien@demo.egov.local',
      roles: ['specialist'],
      agencyCode: AGENCY,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
  });

  afterAll(async () => {
    await j.close();
    await browser?.close();
    await server?.stop();
  });

  async function openFromInbox(p: Page, code: string) {
    await p.goto('/staff/dossiers?box=all');
    await p.locator(`[data-dossier="${code}"]`).getByRole('link', { name: code }).click();
    await p.waitForURL(`**/staff/dossiers/${code}`);
    await p.getByTestId('dossier-status').waitFor();
  }

  it('item 1: the desk receives a dossier and assigns it by picking a specialist of the competent unit by name and load', async () => {
    const code = await fileOnline();
    const desk = await j.newPage();
    await j.login(desk, 'hn.motcua');
    await openFromInbox(desk, code);
    await desk.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await eventually(() => desk.getByTestId('dossier-status').textContent()).toBe('Đã tiếp nhận');

    await desk.getByRole('button', { name: 'Chuyển xử lý' }).click();
    const picker = desk.getByRole('group', { name: 'Chuyên viên xử lý' });
    await picker.waitFor();
    const choice = picker.getByRole('radio', { name: /Lê Thị Hồng/ });
    // The choice reads as a person at a unit with a load, never as an account id.
    const text = (await picker.textContent()) ?? '';
    expect(text).toContain('Lê Thị Hồng');
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
    await desk.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await eventually(() => desk.getByTestId('dossier-status').textContent()).toBe('Đã tiếp nhận');
    await desk.getByRole('button', { name: 'Chuyển xử lý' }).click();
    await eventually(() => desk.getByRole('group', { name: 'Chuyên viên xử lý' }).textContent()).toContain(
      'đang xử lý 1 hồ sơ',
    );
  });

  it('raised no uncaught errors in the pages', () => {
    expect(j.pageErrors).toEqual([]);
  });
});
