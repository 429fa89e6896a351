import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, submitLogin } from './support/browser';
import { eventually } from './support/eventually';
import { apiToken, type RunningServer, startServer } from './support/server';

/** The hand-made edXML sample, addressed to Hải Phòng (H31), which the demo gives no seal. */
const TO_H31 = readFileSync(
  new URL('../apps/server/src/modules/exchange/edxml/fixtures/hand-made-sample.edxml', import.meta.url),
  'utf8',
).replace('<edXML:OrganId>000.00.00.G09</edXML:OrganId>', '<edXML:OrganId>000.00.00.H31</edXML:OrganId>');

/**
 * ADR 0013 in the browser: a document arrives at an agency without a seal certificate; its clerk
 * sees that the statuses to the sender wait for a seal (and registers it all the same), the operator
 * sees them on the exchange page, and once a seal is issued they go out by themselves.
 */
describe('exchange: statuses held until the agency has a seal', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let admin = '';
  let sender = '';
  let pkgId = '';
  let docId = '';

  const api = async (method: string, path: string, token: string, body?: unknown, type = 'application/json') => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  async function as(username: string, password: string, next: string): Promise<Page> {
    const ctx = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(ctx);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await submitLogin(p, username, password, next);
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
    return p;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    admin = await apiToken(server, 'admin', 'Admin@12345');
    sender = await apiToken(server, 'hn.vanthu', 'Demo@12345');
    const created = await api('POST', '/api/admin/users', admin, {
      username: 'hp.vanthu',
      password: 'Demo@12345',
      fullName: 'Văn thư Hải Phòng',
      roles: ['clerk'],
      agencyCode: 'H31',
    });
    expect(created.status).toBe(201);
    const sent = await api('POST', '/api/exchange/packages', sender, TO_H31, 'application/xml');
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
    pkgId = Object.values(sent.json.packageIds as Record<string, string>)[0]!;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it("the clerk's document page says the statuses wait for a seal; registering works all the same", async () => {
    const clerk = await apiToken(server, 'hp.vanthu', 'Demo@12345');
    // Delivered to H31 (the same deployment): the document exists there and its 01 is held.
    await eventually(
      async () =>
        (
          (await api('GET', '/api/exchange/packages?box=outgoing&kind=status', clerk)).json.items as { state: string }[]
        ).map((x) => x.state),
      60_000,
    ).toEqual(['awaiting_seal']);
    docId = (
      (await api('GET', '/api/exchange/packages?box=outgoing&kind=status', clerk)).json.items as {
        localDocumentId: string;
      }[]
    )[0]!.localDocumentId;
    const p = await as('hp.vanthu', 'Demo@12345', `/staff/documents/${docId}`);
    const replies = p.getByTestId('document-status-replies');
    await replies.waitFor();
    expect(await replies.getByRole('status').textContent()).toContain('chưa có chứng thư số con dấu');
    expect(await replies.locator('[data-reply="01"]').getAttribute('data-state')).toBe('awaiting_seal');
    await p.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
    await eventually(() => p.locator('dl.summary .tag').first().textContent()).toBe('Đã vào sổ');
    await eventually(() => replies.locator('[data-reply="03"]').getAttribute('data-state')).toBe('awaiting_seal');
    await expectAccessible(p, 'documents-replies-held');
  });

  it('the operator sees them on the exchange page, with the reason', async () => {
    const p = await as('admin', 'Admin@12345', '/admin/exchange/deliveries');
    const held = p.getByTestId('exchange-held-statuses');
    await eventually(() => held.getByTestId('exchange-held-row').count()).toBe(2);
    expect(await held.textContent()).toContain('Cơ quan và các cơ quan cấp trên chưa có chứng thư số con dấu');
    await expectAccessible(p, 'exchange-held-statuses');
  });

  it('once the administrator issues H31 a seal, the sender receives 01 and 03 without anyone doing anything again', async () => {
    const issued = await api('POST', '/api/pki/certificates', admin, { profile: 'seal', agencyCode: 'H31' });
    expect(issued.status).toBe(201);
    // The worker looks at held statuses every minute.
    await eventually(
      async () => (await api('GET', `/api/exchange/packages/${pkgId}`, sender)).json.state,
      120_000,
    ).toBe('03');
    const events = (
      (await api('GET', `/api/exchange/packages/${pkgId}`, sender)).json.events as { state: string }[]
    ).map((e) => e.state);
    expect(events).toEqual(expect.arrayContaining(['01', '03']));
    expect(pageErrors).toEqual([]);
  });
});
