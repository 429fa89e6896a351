import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoanKiem } from './support/api';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, virtualAuthenticator } from './support/browser';
import { Journey, PHONE, DESKTOP } from './support/journey';
import { type RunningServer, startServer } from './support/server';

/**
 * Issue 14 item 4 with a passkey: a procedure asks the leader to confirm his approval with a second factor; a
 * leader who has no authenticator app meets the notice on the dossier, follows its link to his account, adds a
 * passkey there (Chromium's virtual authenticator), comes back and approves by touching it — one on a 390-px
 * phone, one on a desktop. The scene (the setting, two dossiers before the leader) is set through the API before
 * the walks.
 */
const PROCEDURE = '2.000815'; // Chứng thực bản sao từ bản chính: commune level
const AGENCY = 'H26.X001';
const CITIZEN = '001099012345';

describe('a leader approves a dossier by touching his passkey', () => {
  let server: RunningServer;
  let browser: Browser;
  const j = new Journey(
    () => server,
    () => browser,
  );
  const codes: string[] = [];

  async function act(username: string, code: string, body: Record<string, unknown>) {
    const r = await j.api(await j.token(username), 'POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, body);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
  }

  /** The demo citizen files online; the desk receives it and assigns it; the specialist puts it before the leader. */
  async function beforeTheLeader(): Promise<string> {
    const onePage = await (async () => {
      const d = await PDFDocument.create();
      d.addPage([595, 842]);
      return await d.save();
    })();
    const t = await j.token(CITIZEN);
    const fileId = await j.upload(t, 'ban-chinh.pdf', onePage);
    const filed = await j.api(
      t,
      'POST',
      '/api/dossiers',
      {
        procedureCode: PROCEDURE,
        agencyCode: AGENCY,
        formData: {
          requester: { fullName: 'Nguyễn Văn An', idNumber: CITIZEN, residence: hoanKiem('Số 1 phố Huế') },
          documents: [{ name: 'Bằng tốt nghiệp đại học', pages: 1, copies: 2 }],
          outputType: 'paper',
        },
        attachments: [{ documentId: 'ban_chinh', fileId }],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(filed.status, JSON.stringify(filed.json)).toBe(201);
    const code = String(filed.json.code);
    const specialistId = String((await j.api(await j.token('hk.chuyenvien'), 'GET', '/api/me')).json.id);
    await act('hn.motcua', code, { action: 'receive' });
    await act('hn.motcua', code, { action: 'assign', assigneeId: specialistId });
    await act('hk.chuyenvien', code, { action: 'submit_for_approval', note: 'Đủ điều kiện chứng thực.' });
    return code;
  }

  async function setStepUp(value: 'totp_or_passkey') {
    const t = await j.token('hn.admin');
    const current = (await j.api(t, 'GET', `/api/procedures/${PROCEDURE}/draft`)).json as Record<string, unknown>;
    const { code: _c, version: _v, status: _s, publishedAt: _p, ...content } = current;
    expect(
      (await j.api(t, 'PUT', `/api/procedures/${PROCEDURE}/draft`, { ...content, approvalStepUp: value })).status,
    ).toBe(200);
    expect((await j.api(t, 'POST', `/api/procedures/${PROCEDURE}/publish`)).status).toBe(200);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    await setStepUp('totp_or_passkey');
    codes.push(await beforeTheLeader(), await beforeTheLeader());
  }, 240_000);

  afterAll(async () => {
    await j.close();
    await browser?.close();
    await server?.stop();
    expect(j.pageErrors).toEqual([]);
  });

  for (const [index, leaderName, phone] of [
    [0, 'hk.lanhdao', true],
    [1, 'hn.lanhdao', false],
  ] as const) {
    const width = phone ? PHONE.width : DESKTOP.width;
    it(`${leaderName} (${width} px) adds a passkey from the notice and approves with it, once`, async () => {
      const code = codes[index]!;
      const page = await j.newPage({ phone });
      const { cdp, authenticatorId } = await virtualAuthenticator(page);
      await j.login(page, leaderName);
      await page.goto('/staff/dossiers?box=all');
      await page.locator(`[data-dossier="${code}"]`).getByRole('link', { name: code }).click();
      await page.waitForURL(`**/staff/dossiers/${code}`);
      await page.getByTestId('dossier-status').waitFor();
      await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
      const approve = page.getByRole('form', { name: 'Phê duyệt' });
      // No authenticator app and no passkey yet: what to do, not a field that could only fail.
      const notice = approve.getByTestId('second-factor-notice');
      await notice.waitFor();
      expect(await approve.getByRole('button', { name: 'Xác nhận bằng khóa truy cập (passkey)' }).count()).toBe(0);
      await notice.getByRole('link', { name: 'Bật xác thực hai bước trong trang Tài khoản' }).click();
      await page.waitForURL(/\/account/);
      await page.locator('#passkey-name').fill('Khóa phê duyệt');
      await page.getByRole('button', { name: 'Thêm khóa truy cập' }).click();
      await page.getByText('Đã thêm khóa truy cập “Khóa phê duyệt”.').waitFor();
      await expectAccessible(page, `approval-passkey-added-${phone ? 'phone' : 'desktop'}`);

      await page.goBack();
      await page.waitForURL(`**/staff/dossiers/${code}`);
      await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
      const withPasskey = approve.getByRole('button', { name: 'Xác nhận bằng khóa truy cập (passkey)' });
      await withPasskey.waitFor();
      // A passkey and no authenticator app: the passkey is the confirmation, there is no code field.
      expect(await approve.locator('#action-otp').count()).toBe(0);
      expect(await approve.getByTestId('second-factor-notice').count()).toBe(0);
      await approve
        .getByRole('textbox', { name: 'Ý kiến của lãnh đạo (không bắt buộc)' })
        .fill('Đồng ý chứng thực. Trả kết quả trong ngày.');
      await expectAccessible(page, `approval-passkey-confirm-${phone ? 'phone' : 'desktop'}`);
      expect(await hasHorizontalScroll(page, width)).toBe(false);
      const before = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0]!.signCount;
      const sent = page.waitForResponse(
        (r) => r.url().endsWith(`/api/dossiers/${encodeURIComponent(code)}/actions`) && r.request().method() === 'POST',
      );
      await withPasskey.click();
      const response = await sent;
      expect(response.status(), await response.text()).toBe(200);
      const body = JSON.parse(response.request().postData() ?? '{}') as Record<string, unknown>;
      expect(body).toMatchObject({ action: 'approve', passkey: { type: 'public-key' } });
      expect(body).not.toHaveProperty('otp');
      await eventually(() => page.getByTestId('dossier-status').textContent()).toBe('Đã phê duyệt');
      const timeline = (await page.locator('.timeline').textContent()) ?? '';
      expect(timeline).toContain('Đồng ý chứng thực. Trả kết quả trong ngày.');
      expect(timeline.match(/Phê duyệt →/g)).toHaveLength(1);
      // One touch, one signature by the authenticator.
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(credentials.map((c) => c.signCount)).toEqual([before + 1]);
      await expectAccessible(page, `approval-passkey-approved-${phone ? 'phone' : 'desktop'}`);
      if (index === 0) {
        // The touch confirmed this dossier's approval only: replayed on the other dossier (same leader, same
        // commune), it approves nothing.
        const other = codes[1]!;
        const replay = await j.api(
          await j.token(leaderName),
          'POST',
          `/api/dossiers/${encodeURIComponent(other)}/actions`,
          body,
          { 'idempotency-key': crypto.randomUUID() },
        );
        expect(replay.status, JSON.stringify(replay.json)).toBe(422);
        expect((replay.json.errors as { path: string }[])[0]).toMatchObject({ path: 'passkey' });
        const still = await j.api(await j.token(leaderName), 'GET', `/api/dossiers/${encodeURIComponent(other)}`);
        expect(still.json.status).toBe('pending_approval');
      }
    });
  }
});
