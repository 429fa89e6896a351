import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../apps/server/src/app';
import { systemActor } from '../apps/server/src/platform/http/auth';
import { TestClock } from '../apps/server/src/platform/time/clock';
import { createStaffUser, markIdentityVerified, registerAccount } from '../apps/server/src/modules/identity/index';
import { seedRegistries } from '../apps/server/src/modules/registries/index';
import { buildProcedureContent } from '../apps/server/test/factories';
import { nextStep } from './support/api';
import { expectAccessible, hasHorizontalScroll, screenshot, submitLogin } from './support/browser';
import { BrowserPeople, E2E_ADMIN, E2E_DB_KINDS, type InProcessPlatform, startInProcess } from './support/in-process';

const PROCEDURE = '1.009925';
const CITIZEN = '001099012345';

/** A birth registration whose declarant block names its population-registry sources (`x-registry`). */
const FORM = {
  type: 'object',
  title: 'Tờ khai đăng ký khai sinh',
  required: ['declarant', 'child'],
  properties: {
    declarant: {
      type: 'object',
      title: 'Người yêu cầu đăng ký khai sinh',
      required: ['fullName', 'idNumber', 'residence'],
      properties: {
        fullName: { type: 'string', title: 'Họ, chữ đệm, tên', 'x-registry': 'population.fullName' },
        idNumber: {
          type: 'string',
          title: 'Số định danh cá nhân',
          pattern: '^\\d{12}$',
          'x-registry': 'population.idNumber',
        },
        residence: { type: 'string', title: 'Nơi cư trú', 'x-registry': 'population.permanentAddress' },
      },
    },
    child: {
      type: 'object',
      title: 'Người được khai sinh',
      required: ['fullName', 'gender', 'dateOfBirth'],
      properties: {
        fullName: { type: 'string', title: 'Họ, chữ đệm, tên', minLength: 2 },
        gender: {
          type: 'string',
          title: 'Giới tính',
          oneOf: [
            { const: 'male', title: 'Nam' },
            { const: 'female', title: 'Nữ' },
          ],
        },
        dateOfBirth: { type: 'string', format: 'date', title: 'Ngày sinh' },
      },
      'x-ui': { order: ['fullName', 'gender', 'dateOfBirth'] },
    },
  },
  // The order the form is read in (a stored schema's keys come back in the database's order), as seeded forms say it.
  'x-ui': { order: ['declarant', 'child'] },
};

/**
 * Issue 17, "Done when", in the browser: a citizen applies for a procedure with a form prefilled
 * from the population registry after consenting, then sees that read — and an official's read for
 * his dossier — on "Ai đã xem dữ liệu của tôi".
 */
describe.each(E2E_DB_KINDS)('once-only prefill and the data tracker in the browser (%s)', (kind) => {
  let p: Platform;
  let server: InProcessPlatform;
  let people: BrowserPeople;
  let base = '';
  let officialId = '';
  /** The dossier the first test files (the delay test reads the registry for it again). */
  let firstDossier = '';
  const clock = new TestClock();

  const newPage = (width = 1280): Promise<Page> => people.newPage({ width, height: 900 });

  beforeAll(async () => {
    [server, people] = await Promise.all([
      startInProcess(kind, 'registries', { clock }),
      BrowserPeople.launch(() => base),
    ]);
    p = server.p;
    base = server.base;
    await seedRegistries(p.deps.db);
    const admin = E2E_ADMIN;
    await p.procedures.create(
      systemActor,
      admin,
      PROCEDURE,
      buildProcedureContent({
        name: 'Đăng ký khai sinh (điền sẵn từ CSDL dân cư)',
        implementingAgencies: ['H26'],
        requiredDocuments: [],
        formSchema: FORM,
      }),
    );
    await p.procedures.publish(systemActor, admin, PROCEDURE);
    await registerAccount(p.identity, systemActor, {
      idNumber: CITIZEN,
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1999-03-15',
      gender: 'male',
      email: 'an.nguyen@example.vn',
      phone: '0912345678',
      password: 'Matkhau@2026',
    });
    await markIdentityVerified(p.identity, systemActor, CITIZEN);
    officialId = (
      await createStaffUser(p.identity, systemActor, null, {
        username: 'hn.motcua',
        password: 'Demo@12345',
        fullName: 'Trần Văn Tiếp Nhận',
        roles: ['reception'],
        agencyCode: 'H26',
      })
    ).id;
    await createStaffUser(p.identity, systemActor, null, {
      username: 'hn.lanhdao',
      password: 'Demo@12345',
      fullName: 'Lê Thị Lãnh Đạo',
      roles: ['leader'],
      agencyCode: 'H26',
    });
    await createStaffUser(p.identity, systemActor, null, {
      username: 'bca.dancu',
      password: 'Demo@12345',
      fullName: 'Đỗ Văn Dân Cư',
      roles: ['specialist'],
      agencyCode: 'G01',
    });
  }, 240_000);

  afterAll(async () => {
    await people?.close();
    await server?.close();
    expect(people?.pageErrors).toEqual([]);
  });

  it('the citizen consents, the form is prefilled read-only with its source, he applies and sees the reads', async () => {
    const page = await newPage();
    await submitLogin(page, CITIZEN, 'Matkhau@2026', `/procedures/${PROCEDURE}/apply`);
    await page.waitForURL(`**/procedures/${PROCEDURE}/apply`);
    // The form in steps: the agency first, then the declarant, where the registry's offer stands.
    await page.locator('#step-heading', { hasText: 'Bước 1/4' }).waitFor();
    await page.locator('#agencyCode').selectOption('H26');
    await nextStep(page, 'Bước 2/4: Người yêu cầu đăng ký khai sinh');
    await page.getByRole('heading', { name: 'Điền sẵn từ cơ sở dữ liệu quốc gia' }).waitFor();
    // Nothing is read before consent: the field is empty and the tracker has nothing.
    expect(await page.locator('#fd-declarant-fullName').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Đồng ý và điền sẵn' }).click();
    await page.getByText('Hãy đánh dấu đồng ý trước.').waitFor();
    await page.getByLabel('Tôi đồng ý cho Cổng dịch vụ công đọc các thông tin trên của tôi').check();
    await page.getByRole('button', { name: 'Đồng ý và điền sẵn' }).click();
    await page.getByTestId('prefill-done').waitFor();
    const name = page.locator('#fd-declarant-fullName');
    expect(await name.inputValue()).toBe('Nguyễn Văn An');
    expect(await name.getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('#fd-declarant-idNumber').inputValue()).toBe(CITIZEN);
    expect(await page.locator('#fd-declarant-residence').inputValue()).toBe(
      'Số 12 phố Hàng Bài, phường Hoàn Kiếm, Hà Nội',
    );
    await page
      .locator('[data-registry="population.fullName"]')
      .getByText('Nguồn: Cơ sở dữ liệu quốc gia về dân cư')
      .waitFor();
    await expectAccessible(page, 'registries-prefilled-form');

    // A wrong value is flagged to the registry's owner, not retyped.
    await page
      .locator('[data-registry="population.permanentAddress"]')
      .getByRole('button', { name: /Báo thông tin sai/ })
      .click();
    await page.locator('#flag-proposed').fill('Số 8 ngõ 10 phố Kim Mã, phường Ba Đình, Hà Nội');
    await page.locator('#flag-reason').fill('Tôi đã chuyển hộ khẩu từ tháng 6/2024.');
    await page.getByRole('button', { name: 'Gửi yêu cầu điều chỉnh' }).click();
    await page.getByTestId('flag-sent').waitFor();
    await screenshot(page, 'registries-flagged');

    await nextStep(page, 'Bước 3/4: Người được khai sinh');
    await page.locator('#fd-child-fullName').fill('Nguyễn Minh Khang');
    await page.getByLabel('Nam', { exact: true }).check();
    await page.locator('#fd-child-dateOfBirth').fill('2026-11-20');
    await nextStep(page, 'Bước 4/4');
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    await page.getByRole('heading', { name: 'Nộp hồ sơ thành công' }).waitFor();
    const code = /\/dossiers\/submitted\/([^/?]+)/.exec(page.url())![1]!;
    const dossierCode = decodeURIComponent(code);
    firstDossier = dossierCode;

    // The desk officer reads the registry for this dossier (through the same service the gateway publishes).
    const svc = p.registries.facade.services().find((s) => s.code === 'population.person.v1')!;
    const read = await svc.handle({
      service: svc.code,
      params: { idNumber: CITIZEN, fields: 'fullName,dateOfBirth,permanentAddress' },
      client: 'VN:GOV:H26:one-stop',
      actor: { kind: 'official', accountId: officialId, agencyCode: 'H26', name: 'Trần Văn Tiếp Nhận' },
      purpose: 'dossier-processing',
      dossierCode,
    });
    expect(read.status).toBe(200);

    // The desk officer checks the applicant's ID card against the registry instead of asking for a copy.
    const desk = await newPage();
    await submitLogin(desk, 'hn.motcua', 'Demo@12345', `/staff/dossiers/${encodeURIComponent(dossierCode)}`);
    await desk.getByRole('heading', { name: 'Đối chiếu giấy tờ với cơ sở dữ liệu quốc gia về dân cư' }).waitFor();
    expect(await desk.locator('#check-idNumber').inputValue()).toBe(CITIZEN);
    await desk.locator('#check-dateOfBirth').fill('1999-03-15');
    await desk.locator('#check-permanentAddress').fill('Số 8 ngõ 10 phố Kim Mã, phường Ba Đình, Hà Nội');
    await desk.getByRole('button', { name: 'Đối chiếu', exact: true }).click();
    const result = desk.getByTestId('registry-check-result');
    await result.waitFor();
    await result.getByText('Họ, chữ đệm, tên: Khớp').waitFor();
    await result.getByText('Ngày sinh: Khớp').waitFor();
    await result.getByText('Nơi thường trú: Không khớp').waitFor();
    await expectAccessible(desk, 'registries-desk-check');

    // The tracker, from the menu.
    await page.getByRole('navigation').getByRole('link', { name: 'Ai đã xem dữ liệu của tôi' }).first().click();
    await page.getByRole('heading', { name: 'Ai đã xem dữ liệu của tôi', level: 1 }).waitFor();
    const rows = page.locator('table.list-table tbody tr');
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    const checkRow = rows.nth(0);
    await checkRow.getByText('Đối chiếu giấy tờ với cơ sở dữ liệu').waitFor();
    await checkRow.getByText('Trần Văn Tiếp Nhận').waitFor();
    await checkRow.getByText('Họ, chữ đệm, tên, Ngày sinh, Nơi thường trú').waitFor();
    const officialRow = rows.nth(1);
    await officialRow.getByText('Trần Văn Tiếp Nhận').waitFor();
    await officialRow.getByText('Ủy ban nhân dân thành phố Hà Nội', { exact: false }).waitFor();
    await officialRow.getByText('Giải quyết thủ tục hành chính').waitFor();
    await officialRow.getByText(dossierCode).waitFor();
    await officialRow.getByText('Họ, chữ đệm, tên, Ngày sinh, Nơi thường trú').waitFor();
    const ownRow = rows.nth(2);
    await ownRow.getByText('Bạn (điền sẵn biểu mẫu)').waitFor();
    await ownRow.getByText('Điền sẵn biểu mẫu với sự đồng ý của công dân').waitFor();
    await ownRow.getByText('Họ, chữ đệm, tên, Số định danh cá nhân, Nơi thường trú').waitFor();
    await expectAccessible(page, 'registries-data-tracker');

    // On a phone: the same page, rows as cards, no sideways scrolling.
    const phone = await newPage(390);
    await submitLogin(phone, CITIZEN, 'Matkhau@2026', '/my/data-access');
    await phone.getByRole('heading', { name: 'Ai đã xem dữ liệu của tôi', level: 1 }).waitFor();
    await phone.getByText('Trần Văn Tiếp Nhận').first().waitFor();
    expect(await hasHorizontalScroll(phone, 390)).toBe(false);
    await screenshot(phone, 'registries-data-tracker-phone');

    // The registry's owner (Bộ Công an) accepts the flagged address: a new version, the old one kept.
    const owner = await newPage();
    await submitLogin(owner, 'bca.dancu', 'Demo@12345', '/staff');
    await owner.getByRole('link', { name: 'Yêu cầu điều chỉnh CSDL' }).click();
    await owner.getByRole('heading', { name: 'Yêu cầu điều chỉnh cơ sở dữ liệu quốc gia về dân cư' }).waitFor();
    const item = owner.locator('li[data-correction]').first();
    await item.getByText('Tôi đã chuyển hộ khẩu từ tháng 6/2024.').waitFor();
    await screenshot(owner, 'registries-correction-open');
    await item.getByRole('button', { name: 'Chấp nhận và cập nhật' }).click();
    await item.getByText('Ghi ý kiến xử lý trước.').waitFor();
    await item.getByLabel('Ý kiến xử lý').fill('Đã đối chiếu sổ đăng ký cư trú.');
    await item.getByRole('button', { name: 'Chấp nhận và cập nhật' }).click();
    await owner.getByText('Không có yêu cầu nào.').waitFor();
    await expectAccessible(owner, 'registries-corrections');
    const now = await svc.handle({
      service: svc.code,
      params: { idNumber: CITIZEN, fields: 'permanentAddress' },
      client: 'VN:GOV:H26:one-stop',
      actor: { kind: 'official', accountId: officialId, agencyCode: 'H26', name: 'Trần Văn Tiếp Nhận' },
      purpose: 'dossier-processing',
      dossierCode,
    });
    expect(now.body).toMatchObject({ data: { permanentAddress: 'Số 8 ngõ 10 phố Kim Mã, phường Ba Đình, Hà Nội' } });
  }, 120_000);

  it('a leader delays the notice of his agency’s reads; the citizen sees them once the delay ends', async () => {
    const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const endsOn = vnDay(new Date(clock.now().getTime() + 30 * 86_400_000));
    const leader = await newPage();
    await submitLogin(leader, 'hn.lanhdao', 'Demo@12345', '/staff');
    await leader.getByRole('link', { name: 'Hoãn thông báo truy cập dữ liệu' }).click();
    await leader.getByRole('heading', { name: 'Hoãn thông báo truy cập dữ liệu cá nhân', level: 1 }).waitFor();
    await leader.getByText('Cơ quan chưa hoãn thông báo nào.').waitFor();

    // A wrong ID number: asked to confirm, then refused by the server and named at its field.
    await leader.locator('#delay-subject').fill('0010990123');
    await leader.locator('#delay-ends').fill(endsOn);
    await leader.locator('#delay-basis').fill('Khoản 2 Điều 18 Luật Bảo vệ dữ liệu cá nhân 2025');
    await leader.locator('#delay-case').fill('VV-17/2026');
    await leader.getByRole('button', { name: 'Hoãn thông báo', exact: true }).click();
    await leader.getByTestId('delay-confirm').getByText('0010990123').waitFor();
    await leader.getByRole('button', { name: 'Xác nhận hoãn thông báo' }).click();
    await leader.locator('#delay-subject-error').getByText('Số định danh cá nhân gồm đúng 12 chữ số.').waitFor();
    await screenshot(leader, 'registries-delay-error');

    await leader.locator('#delay-subject').fill(CITIZEN);
    await leader.getByRole('button', { name: 'Hoãn thông báo', exact: true }).click();
    await leader.getByRole('button', { name: 'Xác nhận hoãn thông báo' }).click();
    await leader.getByTestId('delay-saved').getByText('Đã hoãn thông báo.').waitFor();
    const item = leader.locator('li[data-delay="VV-17/2026"]');
    await item.getByText('Đang hoãn').waitFor();
    await item.getByText(CITIZEN).waitFor();
    await item.getByText('Lê Thị Lãnh Đạo').waitFor();
    expect(await leader.locator('#delay-subject').inputValue()).toBe('');
    await expectAccessible(leader, 'registries-access-delays');
    const leaderPhone = await newPage(390);
    await submitLogin(leaderPhone, 'hn.lanhdao', 'Demo@12345', '/staff/access-delays');
    await leaderPhone.locator('li[data-delay="VV-17/2026"]').waitFor();
    expect(await hasHorizontalScroll(leaderPhone, 390)).toBe(false);
    await screenshot(leaderPhone, 'registries-access-delays-phone');

    const tracker = async () => {
      const page = await newPage();
      await submitLogin(page, CITIZEN, 'Matkhau@2026', '/my/data-access');
      await page.getByRole('heading', { name: 'Ai đã xem dữ liệu của tôi', level: 1 }).waitFor();
      await page.locator('table.list-table tbody tr').first().waitFor();
      return page;
    };
    const first = await tracker();
    const before = await first.locator('table.list-table tbody tr').count();
    // The agency reads the citizen's data again: the read is logged but not shown to him yet.
    const svc = p.registries.facade.services().find((s) => s.code === 'population.person.v1')!;
    const read = await svc.handle({
      service: svc.code,
      params: { idNumber: CITIZEN, fields: 'fullName' },
      client: 'VN:GOV:H26:one-stop',
      actor: { kind: 'official', accountId: officialId, agencyCode: 'H26', name: 'Trần Văn Tiếp Nhận' },
      purpose: 'dossier-processing',
      dossierCode: firstDossier,
    });
    expect(read.status).toBe(200);
    const during = await tracker();
    expect(await during.locator('table.list-table tbody tr').count()).toBe(before);
    const delayedTag = (page: Page) =>
      page.locator('table.list-table tbody .tag', { hasText: 'Được hoãn thông báo đến' });
    expect(await delayedTag(during).count()).toBe(0);

    // After the delay: the read appears, marked, and the delay with its legal basis.
    clock.advance(31 * 86_400_000);
    const after = await tracker();
    const rows = after.locator('table.list-table tbody tr');
    await rows.nth(before).waitFor();
    expect(await rows.count()).toBe(before + 1);
    expect(await delayedTag(after).count()).toBe(1);
    await after.getByRole('heading', { name: 'Các lần hoãn thông báo đã kết thúc' }).waitFor();
    await after.getByText(/Khoản 2 Điều 18 Luật Bảo vệ dữ liệu cá nhân 2025/).waitFor();
    await screenshot(after, 'registries-delay-ended');
  }, 120_000);
});
