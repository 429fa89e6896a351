import { generateKeyPairSync } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../apps/server/src/app';
import { systemActor } from '../apps/server/src/platform/http/auth';
import { TestClock } from '../apps/server/src/platform/time/clock';
import { createStaffUser } from '../apps/server/src/modules/identity/index';
import { COMMUNE_REGIME_TO_G22 } from '../apps/server/src/modules/reporting/reporting.test-support';
import { expectAccessible, hasHorizontalScroll, screenshot, submitLogin } from './support/browser';
import { timeStep, totp } from './support/totp';
import { BrowserPeople, E2E_DB_KINDS, type InProcessPlatform, startInProcess } from './support/in-process';

const PASSWORD = 'Demo@12345';

const keyPair = () => {
  const k = generateKeyPairSync('ed25519');
  return {
    priv: k.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    pub: k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
};

/**
 * ADR 0024, reports across deployments, in the browser: two communes of Hà Nội (served by a node)
 * send their signed reports to the Government Office (served by the hub); the hub's officer finds
 * them beside the local reports, opens them, accepts one on a desktop and returns the other with a
 * reason on a phone; the node's commune sees the return.
 */
describe.each(E2E_DB_KINDS)('reports from another deployment in the browser (%s)', (kind) => {
  let hub: InProcessPlatform;
  let node: InProcessPlatform;
  let people: BrowserPeople;
  let base = '';
  const clock = new TestClock();
  const hubKey = keyPair();
  const nodeKey = keyPair();
  const ids: Record<string, string> = {};

  const inject = async (p: Platform, method: 'GET' | 'POST' | 'PUT', url: string, token?: string, body?: unknown) =>
    p.app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body ? { payload: body as object } : {}),
    });
  async function staff(p: Platform, username: string, roles: string[], agencyCode: string | null) {
    await createStaffUser(p.identity, systemActor, null, {
      username,
      password: PASSWORD,
      fullName: `Cán bộ ${username}`,
      email: `${username}@demo.egov.local`,
      roles: roles as never,
      agencyCode,
    });
    return (await inject(p, 'POST', '/api/auth/login', undefined, { username, password: PASSWORD })).json()
      .accessToken as string;
  }
  /** A commune leader on the node signs (person certificate, authenticator code) and sends his report. */
  async function fileOnNode(username: string, agency: string, values: Record<string, number>) {
    const p = node.p;
    const token = await staff(p, username, ['leader', 'specialist'], agency);
    const { secret } = (await inject(p, 'POST', '/api/auth/mfa/totp/enroll', token)).json() as { secret: string };
    let last = -1;
    const code = () => {
      if (timeStep(clock.now().getTime()) <= last) clock.advance(30_000);
      last = timeStep(clock.now().getTime());
      return totp(secret, clock.now().getTime());
    };
    expect((await inject(p, 'POST', '/api/auth/mfa/totp/confirm', token, { otp: code() })).statusCode).toBe(200);
    await p.signatures.seedDemoCertificates(systemActor, { usernames: [username], agencyCodes: [] });
    const certificateId = (await inject(p, 'GET', '/api/pki/certificates', token)).json().items[0].id as string;
    const id = (await inject(p, 'GET', `/api/report-obligations?regime=BC-LT&agency=${agency}`, token)).json().items[0]
      .id as string;
    ids[agency] = id;
    const saved = await inject(p, 'PUT', `/api/report-obligations/${id}`, token, {
      values,
      texts: { S1: 'Hoàn thành đúng tiến độ; người dân hài lòng với việc giải quyết trực tuyến.' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const signed = await inject(p, 'POST', `/api/report-obligations/${id}/signature`, token, {
      certificateId,
      otp: code(),
      version: saved.json().version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const sent = await inject(p, 'POST', `/api/report-obligations/${id}/actions`, token, { action: 'submit' });
    expect(sent.statusCode, sent.body).toBe(200);
  }
  const newPage = (width: number) => people.newPage({ width, height: 900 });

  beforeAll(async () => {
    clock.set(new Date('2026-12-07T03:00:00Z'));
    [hub, people] = await Promise.all([
      startInProcess(kind, 'rephub', {
        clock,
        env: { EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub', EXCHANGE_NODE_KEY: hubKey.priv },
      }),
      BrowserPeople.launch(() => base),
    ]);
    node = await startInProcess(kind, 'repnode', {
      clock,
      env: {
        EXCHANGE_ROLE: 'node',
        EXCHANGE_NODE_ID: 'ha-noi',
        EXCHANGE_NODE_KEY: nodeKey.priv,
        EXCHANGE_HUB_KEY: hubKey.pub,
        EXCHANGE_HUB_URL: hub.base,
        EXCHANGE_AGENCIES: 'H26',
      },
    });
    await hub.p.signatures.init(systemActor);
    await node.p.signatures.init(systemActor);
    const hubAdmin = await staff(hub.p, 'tw.hethong', ['admin'], null);
    const reg = await inject(hub.p, 'POST', '/api/exchange/nodes', hubAdmin, {
      id: 'ha-noi',
      name: 'Hà Nội',
      baseUrl: node.base,
      publicKey: nodeKey.pub,
      agencies: ['H26'],
    });
    expect(reg.statusCode, reg.body).toBe(201);
    await node.p.exchange.worker.sync();
    const nodeAdmin = await staff(node.p, 'hn.quantri', ['agency_admin'], 'G22');
    const regime = await inject(node.p, 'POST', '/api/report-regimes', nodeAdmin, COMMUNE_REGIME_TO_G22);
    expect(regime.statusCode, regime.body).toBe(201);
    expect(
      (await inject(node.p, 'POST', '/api/report-regimes/BC-LT/periods', nodeAdmin, { period: '2026-M12' })).statusCode,
    ).toBe(200);
    await fileOnNode('px1.lanhdao', 'H26.X001', { C01: 120, C02: 90 });
    await fileOnNode('px2.lanhdao', 'H26.X002', { C01: 40, C02: 10 });
    // The delivery job (workers are run by hand here).
    await node.p.deps.jobs.runOnce();
    await staff(hub.p, 'tw.chuyenvien', ['specialist'], 'G22');
  }, 300_000);

  afterAll(async () => {
    await people?.close();
    await node?.close();
    await hub?.close();
    expect(people?.pageErrors).toEqual([]);
  });

  it('the Government Office sees the reports from Hà Nội beside its own, accepts one, returns the other with a reason', async () => {
    base = hub.base;
    const desk = await newPage(1280);
    await submitLogin(desk, 'tw.chuyenvien', PASSWORD, '/staff/reports');
    const section = desk.getByTestId('received-reports');
    await section.getByRole('heading', { name: 'Báo cáo nhận từ hệ thống khác' }).waitFor();
    expect(await section.locator('tr[data-agency]').count()).toBe(2);
    await section.locator('tr[data-agency="H26.X001"]').getByText('Đã gửi, chờ tiếp nhận').waitFor();
    await expectAccessible(desk, 'reporting-federation-received-list');

    await section.locator('tr[data-agency="H26.X001"]').getByRole('link', { name: /Mở/ }).click();
    await desk.getByRole('heading', { name: /Báo cáo Ủy ban nhân dân phường Hoàn Kiếm/ }).waitFor();
    await desk.getByText('Nhận qua trục liên thông từ hệ thống “ha-noi”').waitFor();
    const value = (page: Page, code: string) => page.locator(`tr[data-indicator="${code}"] td`).nth(2).innerText();
    expect(await value(desk, 'C01')).toBe('120');
    expect(await value(desk, 'C03')).toBe('75');
    await desk.getByTestId('received-signature').getByText('Đã ký số bởi Cán bộ px1.lanhdao lúc').waitFor();
    await expectAccessible(desk, 'reporting-federation-received-report');
    await desk.getByRole('button', { name: 'Tiếp nhận' }).click();
    await desk.getByText('Đã tiếp nhận báo cáo.').waitFor();
    await desk.getByTestId('received-status').getByText('Đã tiếp nhận').waitFor();
    await screenshot(desk, 'reporting-federation-accepted');

    const phone = await newPage(390);
    await submitLogin(phone, 'tw.chuyenvien', PASSWORD, '/staff/reports');
    const onPhone = phone.getByTestId('received-reports');
    await onPhone.locator('tr[data-agency="H26.X002"]').getByRole('link', { name: /Mở/ }).click();
    await phone.getByRole('heading', { name: /Báo cáo Ủy ban nhân dân phường Cửa Nam/ }).waitFor();
    expect(await hasHorizontalScroll(phone, 390)).toBe(false);
    // A return needs its reason.
    await phone.getByRole('button', { name: 'Trả lại' }).click();
    await phone.locator('#received-comment[aria-invalid="true"]').waitFor();
    await phone
      .locator('#received-comment')
      .fill('Số hồ sơ trực tuyến chưa khớp với Cổng dịch vụ công; đề nghị rà soát.');
    await phone.getByRole('button', { name: 'Trả lại' }).click();
    await phone.getByText('Đã trả lại báo cáo.').waitFor();
    await phone.getByTestId('received-status').getByText('Bị trả lại').waitFor();
    expect(await hasHorizontalScroll(phone, 390)).toBe(false);
    await expectAccessible(phone, 'reporting-federation-returned-phone');
    await phone.goto('/staff/reports');
    await phone.getByTestId('received-reports').locator('tr[data-agency="H26.X002"]').getByText('Bị trả lại').waitFor();
    await screenshot(phone, 'reporting-federation-received-list-phone');
  });

  it('the decisions reach Hà Nội: the commune sees its report returned with the reason', async () => {
    await hub.p.deps.jobs.runOnce();
    base = node.base;
    const x1 = (
      await inject(
        node.p,
        'GET',
        `/api/report-obligations/${ids['H26.X001']}`,
        await staff(node.p, 'px1.xem', ['specialist'], 'H26.X001'),
      )
    ).json();
    expect(x1.status).toBe('accepted');
    await staff(node.p, 'px2.xem', ['specialist'], 'H26.X002');
    const page = await newPage(390);
    await submitLogin(page, 'px2.xem', PASSWORD, `/staff/reports/${ids['H26.X002']}`);
    await page.getByTestId('report-status').getByText('Bị trả lại').waitFor();
    await page.getByText('Số hồ sơ trực tuyến chưa khớp với Cổng dịch vụ công; đề nghị rà soát.').first().waitFor();
    await page.getByTestId('report-signature').getByText('Chưa ký số').waitFor();
    await page.getByText('Đã chuyển đến hệ thống của nơi nhận').waitFor();
    expect(await hasHorizontalScroll(page, 390)).toBe(false);
    await expectAccessible(page, 'reporting-federation-node-returned-phone');
  });
});
