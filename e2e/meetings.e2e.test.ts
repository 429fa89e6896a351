import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot, submitLogin } from './support/browser';
import { DESKTOP, PHONE } from './support/journey';
import { E2E_DB_KINDS, freshDatabase } from './support/in-process';
import { apiToken, type RunningServer, startServer } from './support/server';
import { freshTotp } from './support/totp';

/**
 * Issue 15, "Done when": a session of the Hà Nội People's Committee (the demo seed's) from convening
 * to issued conclusions, with three members in three browser contexts — one objects to an item, the
 * others agree; the consent block is adopted; a vote is taken live (server-sent events, no reload);
 * the chair signs the conclusions — and a written opinion answered and signed in the browser,
 * verified by OpenSSL.
 */

describe.each(E2E_DB_KINDS)('e-Cabinet in the browser (%s)', (kind) => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const totps: Record<string, { secret: string; lastStep: number }> = {};
  const pages: Record<string, Page> = {};
  let meetingId = '';
  let secToken = '';
  let dropDb = async () => {};

  const api = async (token: string, method: string, path: string, body?: unknown) => {
    const r = await fetch(`http://127.0.0.1:${server.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, json: (await r.json().catch(() => null)) as Record<string, unknown> };
  };
  const code = async (username: string) => {
    const t = totps[username]!;
    const { code: c, step } = await freshTotp(t.secret, { after: t.lastStep });
    t.lastStep = step;
    return c;
  };
  /** Turn on the authenticator of a demo account through the API (its sessions then need a code). */
  async function enableTotp(username: string) {
    const token = await apiToken(server, username, 'Demo@12345');
    const { json } = await api(token, 'POST', '/api/auth/mfa/totp/enroll');
    totps[username] = { secret: String(json.secret), lastStep: -1 };
    const r = await api(token, 'POST', '/api/auth/mfa/totp/confirm', { otp: await code(username) });
    expect(r.status).toBe(200);
  }
  async function as(username: string, viewport = DESKTOP): Promise<Page> {
    const ctx = await browser.newContext({ baseURL: server.url, locale: 'vi-VN', viewport });
    contexts.push(ctx);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
    await submitLogin(p, username, 'Demo@12345', '/staff/meetings');
    if (totps[username]) {
      await p.getByRole('heading', { name: 'Xác thực hai bước' }).waitFor();
      await p.locator('#otp').fill(await code(username));
      await p.getByRole('button', { name: 'Xác nhận' }).click();
    }
    await p.waitForURL('**/staff/meetings');
    pages[username] = p;
    return p;
  }
  const item = (p: Page, seq: number) => p.locator(`[data-item="${seq}"]`);

  beforeAll(async () => {
    const db = await freshDatabase(kind, 'meetings');
    dropDb = db.drop;
    const env = db.env;
    [server, browser] = await Promise.all([startServer({ env }), launchChromium()]);
    secToken = await apiToken(server, 'hn.chuyenvien', 'Demo@12345');
    const list = await api(secToken, 'GET', '/api/meetings');
    meetingId = (list.json.items as { id: string }[])[0]!.id;
    await enableTotp('hn.pct1');
    await enableTotp('hn.lanhdao');
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await dropDb();
    expect(pageErrors).toEqual([]);
  });

  it('three members open the convened session from the menu and record their positions; one objects', async () => {
    const [m1, m2, m3] = await Promise.all([as('hn.pct1'), as('hn.pct2'), as('hn.pct3', PHONE)]);
    for (const p of [m1, m2, m3]) {
      await p.locator(`tr[data-meeting="${meetingId}"] a`).click();
      await p.getByTestId('meeting-status').getByText('Đã triệu tập').waitFor();
    }
    const say = async (p: Page, seq: number, choice: string, note?: string) => {
      const card = item(p, seq);
      await card.getByLabel(choice, { exact: true }).check();
      if (note) await card.getByLabel('Ghi chú (bắt buộc khi không đồng ý)').fill(note);
      await card.getByRole('button', { name: 'Lưu ý kiến' }).click();
      await card.getByText('Đã lưu ý kiến.').waitFor();
    };
    await say(m1, 1, 'Không đồng ý', 'Chưa cân đối đủ nguồn vốn cho năm 2027');
    for (const seq of [2, 3]) await say(m1, seq, 'Đồng ý');
    for (const p of [m2, m3]) for (const seq of [1, 2, 3]) await say(p, seq, 'Đồng ý');
    // Every page shows the counts live.
    await eventually(() => item(m2, 1).getByTestId('positions').textContent()).toContain('Đồng ý 2 · Không đồng ý 1');
    await eventually(() => m3.getByTestId('consent-agenda').locator('li').count()).toBe(2);
    await expectAccessible(m1, 'meetings-member-positions');
    expect(await hasHorizontalScroll(m3, PHONE.width)).toBe(false);
    await screenshot(m3, 'meetings-member-phone');
  });

  it('the chair opens the session, adopts the consent block, and a vote is taken live in every member’s page', async () => {
    const chairId = (
      (await api(secToken, 'GET', `/api/meetings/${meetingId}`)).json.participants as {
        userId: string;
        role: string;
      }[]
    )
      .filter((x) => x.role === 'chair' || x.role === 'member')
      .map((x) => x.userId);
    for (const userId of chairId)
      expect(
        (
          await api(secToken, 'POST', `/api/meetings/${meetingId}/actions`, {
            action: 'attendance',
            userId,
            attendance: 'present',
          })
        ).status,
      ).toBe(200);
    const chair = await as('hn.lanhdao');
    await chair.locator(`tr[data-meeting="${meetingId}"] a`).click();
    await chair.getByRole('button', { name: 'Khai mạc phiên họp' }).click();
    await eventually(() => chair.getByTestId('meeting-status').textContent()).toBe('Đang họp');
    await chair.getByRole('button', { name: 'Thông qua các nội dung đồng thuận' }).click();
    for (const seq of [2, 3])
      await item(chair, seq).locator('.tag', { hasText: 'Thông qua theo danh mục đồng thuận' }).waitFor();
    await expect(item(chair, 1).getByTestId('outcome').textContent()).resolves.toBe('Chưa kết luận');

    await item(chair, 1).getByRole('button', { name: 'Mở biểu quyết điện tử' }).click();
    // No reload: the members' pages learn of the vote through server-sent events.
    const [m1, m2, m3] = [pages['hn.pct1']!, pages['hn.pct2']!, pages['hn.pct3']!];
    await item(m1, 1).getByRole('button', { name: 'Không tán thành' }).click();
    for (const p of [m2, m3]) await item(p, 1).getByRole('button', { name: 'Tán thành', exact: true }).click();
    await eventually(() => item(chair, 1).getByTestId('vote-open').textContent()).toContain('(3 phiếu)');
    await item(chair, 1).getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    await eventually(() => item(m2, 1).getByTestId('vote-result').textContent()).toContain(
      'tán thành 2, không tán thành 1, không biểu quyết 0',
    );
    await item(chair, 1).getByLabel('Nội dung kết luận').fill('Thông qua tờ trình; Sở Tài chính rà soát nguồn vốn.');
    await item(chair, 1).getByRole('button', { name: 'Ghi kết luận' }).click();
    await eventually(() => item(m1, 1).getByTestId('outcome').textContent()).toBe('Thông qua');
    await screenshot(chair, 'meetings-chair-in-session');
    await chair.getByRole('button', { name: 'Bế mạc phiên họp' }).click();
    await eventually(() => m3.getByTestId('meeting-status').textContent()).toBe('Đã kết thúc');
  });

  it('the secretary drafts the conclusions, the chair signs them with his certificate, the clerk issues them', async () => {
    const sec = await as('hn.chuyenvien');
    await sec.locator(`tr[data-meeting="${meetingId}"] a`).click();
    await sec.getByRole('button', { name: 'Soạn Thông báo kết luận' }).click();
    await sec.getByRole('link', { name: 'Mở văn bản để trình ký, ban hành' }).click();
    await sec.waitForURL('**/staff/documents/*');
    const docId = sec.url().split('/').pop()!;
    expect((await api(secToken, 'POST', `/api/documents/${docId}/actions`, { action: 'submit' })).status).toBe(200);

    const chair = pages['hn.lanhdao']!;
    await chair.goto(`/staff/documents/${docId}`);
    await chair.getByRole('button', { name: 'Ký duyệt' }).click();
    await chair.locator('#act-position').fill('Chủ tịch');
    await chair.locator('#act-competence').fill('TM. ỦY BAN NHÂN DÂN');
    await chair.locator('#act-otp').fill(await code('hn.lanhdao'));
    await chair.getByRole('button', { name: 'Xác nhận' }).click();
    await eventually(() => chair.locator('dl.summary .tag').first().textContent()).toBe('Đã ký, chờ ban hành');

    const clerk = await apiToken(server, 'hn.vanthu', 'Demo@12345');
    const issued = await api(clerk, 'POST', `/api/documents/${docId}/actions`, { action: 'issue' });
    expect(issued.status).toBe(200);
    expect(issued.json.codeNotation).toBe('TB-UBND');
    const done = await api(secToken, 'POST', `/api/meetings/${meetingId}/actions`, { action: 'issue_minutes' });
    expect(done.json.status).toBe('minutes_issued');
    await sec.goto(`/staff/meetings/${meetingId}`);
    await eventually(() => sec.getByTestId('meeting-status').textContent()).toBe('Đã ban hành kết luận');
  });

  it('a member answers the written opinion round in the browser, signed; OpenSSL verifies the signature', async () => {
    const m1 = pages['hn.pct1']!;
    await m1.goto('/staff/meetings');
    await m1.getByRole('link', { name: /Quy chế họp không giấy/ }).click();
    await m1.getByLabel('Đồng ý', { exact: true }).check();
    await m1.getByLabel('Nội dung ý kiến').fill('Nhất trí với dự thảo.');
    await m1.locator('#opinion-otp').fill(await code('hn.pct1'));
    await m1.getByRole('button', { name: 'Ký số và gửi ý kiến' }).click();
    await m1.getByText('Đã ký số và gửi ý kiến.').waitFor();
    await eventually(() => m1.getByTestId('opinion-counts').textContent()).toContain('Đã trả lời 1/3');
    await expectAccessible(m1, 'meetings-opinion-answered');

    const requestId = m1.url().split('/').pop()!;
    const tally = (await api(secToken, 'GET', `/api/opinion-requests/${requestId}/tally`)).json;
    const mine = (tally.answers as { userId: string; answer: string | null }[]).find((a) => a.answer === 'agree')!;
    const file = async (part: string) =>
      Buffer.from(
        await (
          await fetch(
            `http://127.0.0.1:${server.port}/api/opinion-requests/${requestId}/answers/${mine.userId}/${part}`,
            {
              headers: { authorization: `Bearer ${secToken}` },
            },
          )
        ).arrayBuffer(),
      );
    const dir = mkdtempSync(join(tmpdir(), 'e2e-opinion-'));
    writeFileSync(join(dir, 'sheet.txt'), await file('content'));
    writeFileSync(join(dir, 'sheet.p7s'), await file('signature'));
    const root = Buffer.from(await (await fetch(`http://127.0.0.1:${server.port}/pki/root.crt`)).arrayBuffer());
    writeFileSync(join(dir, 'root.der'), root);
    spawnSync('openssl', ['x509', '-inform', 'DER', '-in', join(dir, 'root.der'), '-out', join(dir, 'root.pem')]);
    const v = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'sheet.p7s'),
        '-content',
        join(dir, 'sheet.txt'),
        '-CAfile',
        join(dir, 'root.pem'),
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8' },
    );
    expect(v.status, v.stderr).toBe(0);
  });
});
