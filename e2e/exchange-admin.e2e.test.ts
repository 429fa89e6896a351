import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasHorizontalScroll, launchChromium, screenshot, seriousAxeViolations } from './support/browser';
import { eventually } from './support/eventually';
import { apiToken, type RunningServer, startServer } from './support/server';

/*
 * The hub operator's pages (Trục liên thông): register a node with its root CA, watch the package
 * log and the deliveries, deactivate the node; on a node deployment the pages say it is not the hub.
 */
const SAMPLE = readFileSync(
  new URL('../apps/server/src/modules/exchange/edxml/fixtures/hand-made-sample.edxml', import.meta.url),
);
const hubKey = generateKeyPairSync('ed25519');
const nodeKey = generateKeyPairSync('ed25519');
const pub = (k: typeof hubKey) => k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const priv = (k: typeof hubKey) => k.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

describe('exchange hub operator pages', () => {
  let hub: RunningServer;
  let node: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const common = { SERVE_WEB: 'true', EXCHANGE_SYNC_MS: '600000' };
    hub = await startServer({
      env: { ...common, EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub', EXCHANGE_NODE_KEY: priv(hubKey) },
    });
    [node, browser] = await Promise.all([
      startServer({
        env: {
          ...common,
          EXCHANGE_ROLE: 'node',
          EXCHANGE_NODE_ID: 'so-noi-vu',
          EXCHANGE_NODE_KEY: priv(nodeKey),
          EXCHANGE_HUB_KEY: pub(hubKey),
          EXCHANGE_HUB_URL: hub.url,
          EXCHANGE_AGENCIES: 'H26.S01',
        },
      }),
      launchChromium(),
    ]);
    const context = await browser.newContext({ baseURL: hub.url, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([hub?.stop(), node?.stop()]);
  });

  async function check(name: string) {
    await screenshot(page, name);
    expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
  }

  async function login(p: Page, url: string) {
    await p.goto(url);
    await p.waitForURL('**/login?next=*');
    await p.locator('#username').fill('admin');
    await p.locator('#password').fill('Admin@12345');
    await p.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await p.waitForURL(`**${new URL(url, 'http://x').pathname}`);
  }

  it('the hub operator registers a node with its id, URL, Ed25519 key and root CA certificate, then deactivates it', async () => {
    await login(page, '/admin/exchange/nodes');
    await page.getByRole('heading', { name: 'Các nút kết nối trục', level: 1 }).waitFor();
    await page.getByText('Chưa đăng ký nút nào.').waitFor();
    await page.getByRole('link', { name: 'Trục: nhật ký gói tin' }).waitFor();

    // The node's operator hands over its root CA (the node's signatures module) and its request key.
    const rootDer = Buffer.from(await (await fetch(`${node.url}/pki/root.crt`)).arrayBuffer());
    const caFile = join(node.dataDir, 'so-noi-vu-root.crt');
    writeFileSync(caFile, rootDer);

    // A missing field is named before anything is sent.
    await page.getByRole('button', { name: 'Đăng ký nút' }).click();
    await page.locator('#xn-id-error').waitFor();

    await page.locator('#xn-id').fill('so-noi-vu');
    await page.locator('#xn-name').fill('Sở Nội vụ Hà Nội');
    await page.locator('#xn-url').fill(node.url);
    await page.locator('#xn-key').fill(pub(nodeKey));
    await page.locator('#xn-agencies').fill('h26.s01');
    await page.locator('#xn-ca').setInputFiles(caFile);
    await page.getByRole('button', { name: 'Đăng ký nút' }).click();
    await page.getByText('Đã đăng ký nút so-noi-vu.').waitFor();
    const card = page.getByTestId('exchange-node').filter({ hasText: 'so-noi-vu' });
    await expect.poll(() => card.textContent()).toContain(createHash('sha256').update(rootDer).digest('hex'));
    expect(await card.textContent()).toContain('H26.S01');
    expect(await card.textContent()).toContain('Đang hoạt động');
    await check('exchange-nodes');

    page.once('dialog', (d) => void d.accept());
    await card.getByRole('button', { name: /Ngừng kết nối/ }).click();
    await eventually(() => card.textContent()).toContain('Đã ngừng');
    await card.getByRole('button', { name: /Cho kết nối lại/ }).waitFor();
  });

  it('the package log shows a sealed package with its hash, filtered by package id and event', async () => {
    const token = await apiToken(hub, 'hn.vanthu', 'Demo@12345');
    const sent = await fetch(`${hub.url}/api/exchange/packages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      body: new Uint8Array(SAMPLE),
    });
    expect(sent.status).toBe(201);
    const pkgId = (await sent.json()).packageIds['000.00.00.G09'] as string;

    await page.getByRole('link', { name: 'Trục: nhật ký gói tin' }).click();
    await page.getByRole('heading', { name: 'Nhật ký gói tin', level: 1 }).waitFor();
    await page.locator('#xl-package').fill(pkgId);
    await page.locator('#xl-event').selectOption('sealed');
    await eventually(async () => {
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      return page.getByTestId('exchange-log-row').count();
    }, 60_000).toBe(1);
    const row = page.getByTestId('exchange-log-row');
    expect(await row.textContent()).toContain(pkgId);
    expect(await row.textContent()).toContain('Đã ký số');
    expect(await row.textContent()).toMatch(/[0-9a-f]{64}/);
    // Every event of the package, once the hub has routed and delivered it.
    await page.locator('#xl-event').selectOption('');
    await eventually(async () => {
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      return (await page.getByTestId('exchange-log-row').allTextContents())
        .map((t) => /Đã ký số|Đã nhận|Đã định tuyến/.exec(t)?.[0])
        .sort();
    }, 60_000).toEqual(['Đã nhận', 'Đã ký số', 'Đã định tuyến'].sort());
    await check('exchange-log');

    await page.getByRole('link', { name: 'Trục: chuyển phát' }).click();
    await page.getByRole('heading', { name: 'Chuyển phát gói tin', level: 1 }).waitFor();
    await page.getByLabel('Chỉ các lượt đang lỗi').check();
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page
      .getByText(/Không có lượt chuyển phát nào khớp bộ lọc|Lỗi gần nhất/)
      .first()
      .waitFor();
    await check('exchange-deliveries');
    expect(pageErrors).toEqual([]);
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['/admin/exchange/nodes', 'exchange-nodes-phone'],
      ['/admin/exchange/log', 'exchange-log-phone'],
    ] as const) {
      await page.goto(path);
      await page.locator('h1').waitFor();
      await page.locator('.xch-nodes, .table-wrap').first().waitFor();
      await screenshot(page, name);
      expect(await hasHorizontalScroll(page, 390), name).toBe(false);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('on a node deployment the pages say it is a node, with what the hub operator needs', async () => {
    const nodePage = await (
      await browser.newContext({ baseURL: node.url, viewport: { width: 1280, height: 900 } })
    ).newPage();
    await login(nodePage, '/admin/exchange/nodes');
    const notice = nodePage.getByTestId('exchange-node-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Hệ thống này là một nút, không phải trục liên thông');
    expect(await notice.textContent()).toContain('so-noi-vu');
    expect(await notice.textContent()).toContain(pub(nodeKey));
    await screenshot(nodePage, 'exchange-on-a-node');
  });
});
