import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../apps/server/src/app';
import { systemActor } from '../apps/server/src/platform/http/auth';
import { TestClock } from '../apps/server/src/platform/time/clock';
import {
  createStaffUser,
  makePersonalId,
  markIdentityVerified,
  registerAccount,
} from '../apps/server/src/modules/identity/index';
import { pdfText } from '../apps/server/src/platform/pdf/testing';
import { buildProcedureContent } from '../apps/server/test/factories';
import { expectAccessible, hasHorizontalScroll, RESULTS_DIR, screenshot, submitLogin } from './support/browser';
import { timeStep, totp } from './support/totp';
import { BrowserPeople, E2E_ADMIN, E2E_DB_KINDS, type InProcessPlatform, startInProcess } from './support/in-process';

const PASSWORD = 'Demo@12345';

/**
 * Issue 16, "Done when", in the browser: a regime is defined, two communes and their province file
 * for a period (one late), the province accepts and aggregates, the national view shows the sum; the
 * dashboard shows the Resolution 17 and Decision 766 figures computed from dossiers filed here, equal
 * to a count by hand.
 */
describe.each(E2E_DB_KINDS)('report regimes and the command centre in the browser (%s)', (kind) => {
  let p: Platform;
  let server: InProcessPlatform;
  let people: BrowserPeople;
  let base = '';
  const clock = new TestClock();

  const newPage = (width = 1280): Promise<Page> => people.newPage({ width, height: 900 });
  async function staff(username: string, roles: string[], agencyCode: string) {
    await createStaffUser(p.identity, systemActor, null, {
      username,
      password: PASSWORD,
      fullName: `Cán bộ ${username}`,
      email: `${username}@demo.egov.local`,
      roles: roles as never,
      agencyCode,
    });
  }
  const api = async (method: 'GET' | 'POST', url: string, token?: string, body?: unknown, headers = {}) =>
    p.app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body ? { payload: body as object } : {}),
    });
  const login = async (username: string, password = PASSWORD) =>
    (await api('POST', '/api/auth/login', undefined, { username, password })).json().accessToken as string;

  /** Authenticators of the leaders who sign (codes of the platform's clock, each step spent once). */
  const totps: Record<string, { secret: string; lastStep: number }> = {};
  const code = (username: string) => {
    const t = totps[username]!;
    if (timeStep(clock.now().getTime()) <= t.lastStep) clock.advance(30_000);
    t.lastStep = timeStep(clock.now().getTime());
    return totp(t.secret, clock.now().getTime());
  };
  /** Turn on a leader's authenticator (set-up, not the walk) and give him a person certificate. */
  async function signingLeader(username: string) {
    const token = await login(username);
    const enrolled = await api('POST', '/api/auth/mfa/totp/enroll', token);
    totps[username] = { secret: String(enrolled.json().secret), lastStep: -1 };
    const r = await api('POST', '/api/auth/mfa/totp/confirm', token, { otp: code(username) });
    expect(r.statusCode, r.body).toBe(200);
    await p.signatures.seedDemoCertificates(systemActor, { usernames: [username], agencyCodes: [] });
  }
  /** Log in in the browser, answering the two-step check when the account has one. */
  async function signIn(page: Page, username: string, next: string) {
    await submitLogin(page, username, PASSWORD, next);
    if (totps[username]) {
      await page.getByRole('heading', { name: 'Xác thực hai bước' }).waitFor();
      await page.locator('#otp').fill(code(username));
      await page.getByRole('button', { name: 'Xác nhận' }).click();
    }
  }

  /** Fill, sign (certificate and authenticator code) and send the caller's report for the period from the list. */
  async function fileReport(page: Page, username: string, agencyCode: string, c01: string, c02: string, shots = '') {
    await page.goto('/staff/reports?period=2026-M12');
    await page.locator(`tr[data-agency="${agencyCode}"]`).getByRole('link', { name: /Mở/ }).click();
    await page.locator('#v-C01').fill(c01);
    await page.locator('#v-C02').fill(c02);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu.').waitFor();
    // Unsigned, the report cannot be sent.
    await page.getByTestId('report-signature').getByText('Chưa ký số').waitFor();
    expect(await page.getByRole('button', { name: 'Gửi báo cáo' }).isDisabled()).toBe(true);
    if (shots) await screenshot(page, `reporting-report-sign-${shots}`);
    await page.locator('#report-otp').fill(code(username));
    await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    await page.getByText('Đã ký số báo cáo.').waitFor();
    await page.getByTestId('report-signature').getByText(`Đã ký số bởi Cán bộ ${username} lúc`).waitFor();
    if (shots) await screenshot(page, `reporting-report-signed-${shots}`);
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByTestId('report-status').getByText('Đã gửi, chờ tiếp nhận').waitFor();
  }
  async function accept(page: Page, agencyCode: string) {
    await page.goto('/staff/reports?period=2026-M12&status=submitted');
    await page.locator(`tr[data-agency="${agencyCode}"]`).getByRole('link', { name: /Mở/ }).click();
    await page.getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.getByTestId('report-status').getByText('Đã tiếp nhận').waitFor();
  }

  beforeAll(async () => {
    clock.set(new Date('2026-12-07T03:00:00Z'));
    [server, people] = await Promise.all([
      startInProcess(kind, 'reporting', { clock }),
      BrowserPeople.launch(() => base),
    ]);
    p = server.p;
    base = server.base;
    await staff('tw.quantri', ['agency_admin'], 'G22');
    await staff('tw.lanhdao', ['leader'], 'G22');
    await staff('hn.baocao', ['specialist', 'leader', 'reception'], 'H26');
    await staff('px1.baocao', ['specialist', 'leader'], 'H26.X001');
    await staff('px2.baocao', ['specialist', 'leader'], 'H26.X002');
    await staff('hn.tiepnhan', ['reception'], 'H26');
    await p.signatures.init(systemActor);
    for (const u of ['hn.baocao', 'px1.baocao', 'px2.baocao']) await signingLeader(u);
  }, 240_000);

  afterAll(async () => {
    await people?.close();
    await server?.close();
    expect(people?.pageErrors).toEqual([]);
  });

  it('defines a regime, files from two communes (one late) and the province, accepts and aggregates up to the country', async () => {
    const admin = await newPage();
    await submitLogin(admin, 'tw.quantri', PASSWORD, '/staff/reports/regimes');
    await admin.getByRole('heading', { name: 'Chế độ báo cáo', exact: true }).waitFor();
    await admin.locator('#rg-code').fill('BC-TTHC');
    await admin.locator('#rg-name').fill('Báo cáo tình hình giải quyết thủ tục hành chính');
    await admin.locator('#rg-root').fill('H26');
    await admin.locator('#rg-receiver').fill('G22');
    await admin.locator('#ri-0-name').fill('Số hồ sơ tiếp nhận');
    await admin.locator('#ri-0-unit').fill('hồ sơ');
    await admin.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    await admin.locator('#ri-1-name').fill('Số hồ sơ trực tuyến');
    await admin.locator('#ri-1-unit').fill('hồ sơ');
    await admin.getByRole('button', { name: 'Lưu chế độ báo cáo' }).click();
    await admin.getByText('Đã lưu chế độ báo cáo BC-TTHC.').waitFor();
    await admin.getByLabel('Kỳ báo cáo BC-TTHC').fill('2026-M12');
    await admin.locator('tr[data-regime="BC-TTHC"]').getByRole('button', { name: 'Mở kỳ báo cáo' }).click();
    await admin.getByText('Đã mở 5 báo cáo.').waitFor();
    await expectAccessible(admin, 'reporting-regimes');
    await screenshot(admin, `reporting-regimes-${kind}`);

    // Commune 1 files before the deadline (Wednesday 16/12).
    const x1 = await newPage();
    await signIn(x1, 'px1.baocao', '/staff/reports');
    await x1.getByRole('heading', { name: 'Báo cáo định kỳ' }).waitFor();
    await fileReport(x1, 'px1.baocao', 'H26.X001', '120', '90', kind);
    await expectAccessible(x1, 'reporting-report');
    await screenshot(x1, `reporting-report-sent-${kind}`);
    // The PDF link serves the report with its signer (read back with pdftotext in the integration test).
    const pdfHref = await x1.getByRole('link', { name: 'Tải bản PDF' }).getAttribute('href');
    const pdf = await x1.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    // On a phone the signed report reads without sideways scrolling.
    const x1phone = await newPage(390);
    await signIn(x1phone, 'px1.baocao', x1.url().replace(base, ''));
    await x1phone
      .getByTestId('report-signature')
      .getByText(/Đã ký số bởi/)
      .waitFor();
    expect(await hasHorizontalScroll(x1phone, 390)).toBe(false);
    await screenshot(x1phone, `reporting-report-phone-${kind}`);

    // The deadline passes: the others are flagged late and reminded.
    clock.set(new Date('2026-12-17T02:00:00Z'));
    await p.deps.jobs.drain();
    const x2 = await newPage();
    await signIn(x2, 'px2.baocao', '/staff/reports');
    await x2.getByRole('heading', { name: 'Báo cáo định kỳ' }).waitFor();
    await x2.locator('tr[data-agency="H26.X002"]').getByText('Có').waitFor();
    await fileReport(x2, 'px2.baocao', 'H26.X002', '30', '9');
    await x2.getByText('(Đã quá hạn gửi)').waitFor();

    const h26 = await newPage();
    await signIn(h26, 'hn.baocao', '/staff/reports');
    await h26.getByRole('heading', { name: 'Báo cáo định kỳ' }).waitFor();
    await fileReport(h26, 'hn.baocao', 'H26', '50', '25');
    await accept(h26, 'H26.X001');
    await accept(h26, 'H26.X002');
    await h26.goto('/staff/reports?regime=BC-TTHC&period=2026-M12&agency=H26');
    await h26.locator('tr[data-indicator="C01"]').getByText('150').waitFor();
    await screenshot(h26, `reporting-province-aggregate-${kind}`);

    const national = await newPage();
    await submitLogin(national, 'tw.lanhdao', PASSWORD, '/staff/reports');
    await national.getByRole('heading', { name: 'Báo cáo định kỳ' }).waitFor();
    await accept(national, 'H26');
    await national.goto('/staff/reports?regime=BC-TTHC&period=2026-M12');
    // By hand: 120 + 30 + 50 received, 90 + 9 + 25 online.
    await national.locator('tr[data-indicator="C01"]').getByText('200').waitFor();
    await national.locator('tr[data-indicator="C02"]').getByText('124').waitFor();
    await national
      .getByTestId('aggregate-counts')
      .getByText(/Phải gửi 5 · Đã tiếp nhận 3 · Trễ hạn 4/)
      .waitFor();
    await expectAccessible(national, 'reporting-national');
    await screenshot(national, `reporting-national-aggregate-${kind}`);
  });

  it('shows the Resolution 17 and Decision 766 figures computed from dossiers filed here, equal to a count by hand', async () => {
    // A citizen files two dossiers online at H26, the desk one at the counter; H41 receives one online.
    const admin = E2E_ADMIN;
    await p.procedures.create(
      systemActor,
      admin,
      '1.000777',
      buildProcedureContent({ implementingAgencies: ['H26', 'H41'] }),
    );
    await p.procedures.publish(systemActor, admin, '1.000777');
    const idNumber = makePersonalId('001', '1990-01-01', 'male', 123_456);
    await registerAccount(p.identity, systemActor, {
      idNumber,
      fullName: 'Nguyễn Văn Dân',
      dateOfBirth: '1990-01-01',
      gender: 'male',
      email: `dan.${kind}@example.vn`,
      phone: '0912345678',
      password: 'Matkhau@2026',
    });
    await markIdentityVerified(p.identity, systemActor, idNumber);
    const citizen = await login(idNumber, 'Matkhau@2026');
    const desk = await login('hn.tiepnhan');
    const file = async (token: string) => {
      const b = 'bnd';
      const { PDFDocument } = await import('pdf-lib');
      const doc = await PDFDocument.create();
      doc.addPage();
      const bytes = Buffer.from(await doc.save());
      const r = await p.app.inject({
        method: 'POST',
        url: '/api/files',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${b}` },
        payload: Buffer.concat([
          Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
          bytes,
          Buffer.from(`\r\n--${b}--\r\n`),
        ]),
      });
      return r.json().id as string;
    };
    const submit = async (token: string, agencyCode: string, extra = {}) => {
      const r = await api(
        'POST',
        '/api/dossiers',
        token,
        {
          procedureCode: '1.000777',
          agencyCode,
          formData: { childName: 'Trần Bảo Ngọc', childBirthDate: '2026-11-01', childGender: 'female' },
          attachments: [
            { documentId: 'to_khai', fileId: await file(token) },
            { documentId: 'giay_chung_sinh', fileId: await file(token) },
          ],
          ...extra,
        },
        { 'idempotency-key': crypto.randomUUID() },
      );
      expect(r.statusCode, r.body).toBe(201);
    };
    await submit(citizen, 'H26');
    await submit(citizen, 'H26');
    await submit(desk, 'H26', { channel: 'counter', applicant: { idNumber, fullName: 'Nguyễn Văn Dân' } });
    await submit(citizen, 'H41');
    await p.reporting.refresh();

    const page = await newPage();
    await submitLogin(page, 'tw.lanhdao', PASSWORD, '/staff/dashboard?from=2026-12-01&to=2026-12-31');
    await page.getByRole('heading', { name: 'Trung tâm thông tin, chỉ đạo điều hành' }).waitFor();
    await page.getByTestId('dashboard-scope').getByText('Toàn quốc').waitFor();
    // By hand: 4 dossiers, 3 online → 75 %; procedures: 1.000777 fully online at H26 and H41 → 100 %.
    const tile = page.locator('[data-indicator="R17.ONLINE_DOSSIERS"]');
    await tile.getByText('75%').waitFor();
    await tile.getByText('3/4').waitFor();
    await page.locator('[data-indicator="R17.FULL_ONLINE_PROCEDURES"]').getByText('100%').waitFor();
    await page
      .getByTestId('dashboard-refreshed')
      .getByText(/Số liệu cập nhật lúc/)
      .waitFor();
    await page.locator('.report-chart svg').first().waitFor();
    await expectAccessible(page, 'reporting-dashboard');
    await screenshot(page, `reporting-dashboard-national-${kind}`);
    // The map of the 34 provinces, coloured by the indicator chosen, its table beside it.
    const map = page.locator('figure.report-map');
    await map.getByTestId('province-map').locator('svg path').first().waitFor();
    await page.getByLabel('Chỉ tiêu hiển thị').selectOption({ label: 'Tỷ lệ thủ tục cung cấp trực tuyến toàn trình' });
    await map.getByText('Bản đồ 34 tỉnh, thành phố — Tỷ lệ thủ tục cung cấp trực tuyến toàn trình').waitFor();
    await map.locator('tr[data-map-agency="H26"]').getByText('100%').waitFor();
    expect(await map.locator('tr[data-map-agency]').count()).toBe(34);
    await page.getByLabel('Chỉ tiêu hiển thị').selectOption({ label: 'Tỷ lệ hồ sơ nộp trực tuyến' });
    // By hand: Hà Nội 2 of 3 online, Nghệ An 1 of 1; the other 32 provinces have no dossier.
    await map.locator('tr[data-map-agency="H26"]').getByText('66,67%').waitFor();
    await map.locator('tr[data-map-agency="H41"]').getByText('100%').waitFor();
    await map.locator('tr[data-map-agency="H01"]').getByText('—').waitFor();
    await screenshot(page, `reporting-dashboard-map-${kind}`);
    await map.screenshot({ path: join(RESULTS_DIR, `reporting-dashboard-map-desktop-${kind}.png`) });
    // Only Nghệ An is at 100 %: the darkest province on the map. Clicking it drills down to it.
    const darkest = map.locator(
      ['#0d47a1', 'rgb(13,71,161)', 'rgba(13,71,161,1)'].map((c) => `svg path[fill="${c}"]`).join(', '),
    );
    expect(await darkest.count()).toBe(1);
    await darkest.click();
    await page.getByTestId('dashboard-scope').getByText('Ủy ban nhân dân tỉnh Nghệ An').waitFor();
    await page.locator('[data-indicator="R17.ONLINE_DOSSIERS"]').getByText('1/1').waitFor();
    await page.getByRole('link', { name: '← Toàn quốc' }).click();
    await page.getByTestId('dashboard-scope').getByText('Toàn quốc').waitFor();
    // The archipelagos are on the map, named with their provinces; clicking Hoàng Sa drills into Đà Nẵng.
    const canvas = map.getByTestId('province-map');
    await canvas.getByText('Quần đảo Trường Sa', { exact: true }).waitFor();
    await canvas.getByText('(tỉnh Khánh Hòa)', { exact: true }).waitFor();
    await canvas.getByText('(TP. Đà Nẵng)', { exact: true }).waitFor();
    await canvas.getByText('Quần đảo Hoàng Sa', { exact: true }).click();
    await page.getByTestId('dashboard-scope').getByText('Ủy ban nhân dân thành phố Đà Nẵng').waitFor();
    await page.getByRole('link', { name: '← Toàn quốc' }).click();
    await page.getByTestId('dashboard-scope').getByText('Toàn quốc').waitFor();
    // Drill down to Hà Nội: 3 dossiers, 2 online.
    await page.locator('tr[data-agency="H26"]').getByRole('link').click();
    await page.getByTestId('dashboard-scope').getByText('Ủy ban nhân dân thành phố Hà Nội').waitFor();
    await page.locator('[data-indicator="R17.ONLINE_DOSSIERS"]').getByText('2/3').waitFor();
    // Decision 766 for Hà Nội by hand: transparency 18, online services 12 × (0.5·1 + 0.5·2/3) = 10, the
    // other groups have nothing to divide yet: total = (18 + 10) / (18 + 12) × 100 = 93.33.
    await page.locator('[data-group="DVCTT"]').getByText('10/12').waitFor();
    await page.getByTestId('score766-total').getByText('93.33').waitFor();
    await screenshot(page, `reporting-dashboard-h26-${kind}`);
    // The view as a PDF, made by the server: the link of this scope and period downloads a PDF of its figures.
    const pdfLink = page.getByRole('link', { name: 'Tải PDF' });
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    // A download emits no response event: the link's answer is read again with the page's session.
    const answer = await page.context().request.get((await pdfLink.getAttribute('href'))!);
    expect(answer.headers()['content-type']).toBe('application/pdf');
    expect(download.suggestedFilename()).toBe('chi-tieu-H26-2026-12-01-2026-12-31.pdf');
    const dashboardPdf = pdfText(new Uint8Array(readFileSync((await download.path())!)));
    expect(dashboardPdf).toContain('Ủy ban nhân dân thành phố Hà Nội — từ ngày 01 tháng 12 năm 2026');
    expect(dashboardPdf).toContain('66,67%');
    expect(await page.getByRole('link', { name: 'Tải Excel' }).getAttribute('href')).toBe(
      '/api/indicators/export?scope=H26&from=2026-12-01&to=2026-12-31&format=xlsx',
    );

    const phone = await newPage(390);
    await submitLogin(phone, 'tw.lanhdao', PASSWORD, '/staff/dashboard?from=2026-12-01&to=2026-12-31');
    await phone.locator('[data-indicator="R17.ONLINE_DOSSIERS"]').getByText('75%').waitFor();
    expect(await hasHorizontalScroll(phone, 390)).toBe(false);
    await screenshot(phone, `reporting-dashboard-phone-${kind}`);
    const phoneMap = phone.locator('figure.report-map');
    await phoneMap.locator('tr[data-map-agency="H41"]').getByText('100%').waitFor();
    await phoneMap.scrollIntoViewIfNeeded();
    await phoneMap.locator('svg path').first().waitFor();
    expect(await hasHorizontalScroll(phone, 390)).toBe(false);
    await phoneMap.screenshot({ path: join(RESULTS_DIR, `reporting-dashboard-map-phone-${kind}.png`) });
    await phoneMap
      .getByTestId('province-map')
      .screenshot({ path: join(RESULTS_DIR, `reporting-dashboard-map-canvas-phone-${kind}.png`) });

    const pub = await newPage();
    await pub.goto('/chi-so-766');
    await pub.getByRole('heading', { name: /Quyết định 766/ }).waitFor();
    await pub.getByLabel('Kỳ báo cáo').selectOption('2026');
    await pub.locator('tr[data-agency="H26"]').getByText('93.33').waitFor();
    await expectAccessible(pub, `reporting-public-scores-${kind}`);
    await screenshot(pub, `reporting-public-scores-${kind}`);
  });
});
