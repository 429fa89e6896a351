import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../apps/server/src/app';
import { systemActor } from '../apps/server/src/platform/http/auth';
import {
  createStaffUser,
  findAccountByLogin,
  makePersonalId,
  markIdentityVerified,
  registerAccount,
} from '../apps/server/src/modules/identity/index';
import { buildProcedureContent } from '../apps/server/test/factories';
import { expectAccessible, screenshot, submitLogin } from './support/browser';
import { apiToken } from './support/server';
import { BrowserPeople, E2E_ADMIN, E2E_DB_KINDS, type InProcessPlatform, startInProcess } from './support/in-process';

const PROCEDURE = '1.009902';

/** The SMS Brandname operator, played by a local server speaking its HTTP JSON protocol. */
function fakeGateway() {
  const received: { to: string[]; content: string; sender: string }[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push(JSON.parse(data));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'success', code: '00', data: { tranId: received.length, totalSMS: 1 } }));
    });
  });
  return {
    received,
    async start() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.php/sms/send`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Issue 18 follow-up in the browser: an anonymous citizen files by phone (the code comes by SMS through
 * the gateway) with a PDF attached; the agency's officer sees and opens the attachment, answers and
 * publishes without it; the public page does not show it; the answer notice reaches the phone.
 */
describe.each(E2E_DB_KINDS)('feedback by phone with an attachment in the browser (%s)', (kind) => {
  let p: Platform;
  let server: InProcessPlatform;
  let people: BrowserPeople;
  let base = '';
  const gw = fakeGateway();
  let pdfPath = '';
  /** A second file, attached by mistake and removed from the form before filing. */
  let draftPath = '';

  /** A registered citizen (password `Matkhau@2026`, e-mail `{mailbox}.{kind}@example.vn`); answers the ID number. */
  const registerCitizen = async (
    fullName: string,
    dateOfBirth: string,
    gender: 'male' | 'female',
    serial: number,
    mailbox: string,
    phone: string,
  ) => {
    const idNumber = makePersonalId('001', dateOfBirth, gender, serial);
    await registerAccount(p.identity, systemActor, {
      idNumber,
      fullName,
      dateOfBirth,
      gender,
      email: `${mailbox}.${kind}@example.vn`,
      phone,
      password: 'Matkhau@2026',
    });
    return idNumber;
  };
  const smsTo = async (phone: string) => {
    await p.deps.jobs.drain();
    return gw.received.filter((m) => m.to[0] === phone);
  };

  beforeAll(async () => {
    const url = await gw.start();
    [server, people] = await Promise.all([
      startInProcess(kind, 'feedback_sms', {
        env: { SMS_URL: url, SMS_TOKEN: 'e2e-sms-token-123', SMS_BRANDNAME: 'UBND-HN', PETITION_THRESHOLD: '1' },
      }),
      BrowserPeople.launch(() => base),
    ]);
    p = server.p;
    base = server.base;
    await p.procedures.create(
      systemActor,
      E2E_ADMIN,
      PROCEDURE,
      buildProcedureContent({ name: 'Cấp phép xây dựng nhà ở riêng lẻ', implementingAgencies: ['H26'] }),
    );
    await p.procedures.publish(systemActor, E2E_ADMIN, PROCEDURE);
    await createStaffUser(p.identity, systemActor, null, {
      username: 'hn.pakn',
      password: 'Demo@12345',
      fullName: 'Phạm Thu Hà',
      email: 'hn.pakn@demo.egov.local',
      roles: ['reception', 'specialist', 'leader'],
      agencyCode: 'H26',
    });
    for (const [username, fullName, roles] of [
      ['hn.thuky', 'Đỗ Minh Thư', ['specialist']],
      ['hn.chutri', 'Nguyễn Quốc Chủ', ['leader']],
      ['hn.uyvien', 'Trần Văn Ủy', ['leader']],
    ] as const)
      await createStaffUser(p.identity, systemActor, null, {
        username,
        password: 'Demo@12345',
        fullName,
        email: `${username}@demo.egov.local`,
        roles: [...roles],
        agencyCode: 'H26',
      });
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Giay hen tra ket qua so 123');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    pdfPath = join(mkdtempSync(join(tmpdir(), 'fb-sms-')), 'giấy hẹn trả kết quả.pdf');
    writeFileSync(pdfPath, await doc.save());
    const draft = await PDFDocument.create();
    draft.addPage().drawText(`Ban nhap ${crypto.randomUUID()}`);
    draftPath = join(mkdtempSync(join(tmpdir(), 'fb-sms-')), 'bản nháp.pdf');
    writeFileSync(draftPath, await draft.save());
  }, 240_000);

  /** The file rows (id, owner) with this name. */
  const filesNamed = async (name: string) => {
    const r = await p.database.db.execute(sql`select id, owner_id from platform.files where name = ${name}`);
    return (r as unknown as { rows: { id: string; owner_id: string }[] }).rows;
  };
  /** Attach the draft, then take it out of the form with its remove button: the upload is deleted. */
  const attachAndRemoveDraft = async (page: Awaited<ReturnType<BrowserPeople['newPage']>>) => {
    const list = page.getByRole('list', { name: 'Các tệp đã đính kèm' });
    const before = (await filesNamed('bản nháp.pdf')).length;
    await page.locator('#fb-files').setInputFiles(draftPath);
    await list.getByText('bản nháp.pdf').waitFor();
    expect(await filesNamed('bản nháp.pdf')).toHaveLength(before + 1);
    await page.getByRole('button', { name: 'Bỏ tệp bản nháp.pdf' }).click();
    await list.getByText('bản nháp.pdf').waitFor({ state: 'detached' });
    expect(await filesNamed('bản nháp.pdf')).toHaveLength(before);
  };

  afterAll(async () => {
    await people?.close();
    await server?.close();
    await gw.close();
    expect(people?.pageErrors).toEqual([]);
  });

  it('files anonymously by phone with a PDF; the officer opens it; it stays private when published; the answer goes by SMS', async () => {
    const page = await people.newPage({ width: 1280, height: 900 });
    await page.goto(`/phan-anh/gui?procedure=${PROCEDURE}`);
    await page.getByRole('heading', { name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    // Files wait for the code: the input says why it is not usable yet.
    await page.getByText('Hãy nhận mã xác nhận trước khi đính kèm tệp.').waitFor();
    expect(await page.locator('#fb-files').isDisabled()).toBe(true);
    await page.getByLabel('Tin nhắn SMS').check();
    await page.locator('#fb-phone').fill('0123 456 789');
    await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await page.getByText('Số điện thoại Việt Nam không hợp lệ, ví dụ 0912345678.').first().waitFor();
    await page.locator('#fb-phone').fill('0912 345 678');
    await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await page.getByText('Đã gửi mã xác nhận đến 0912***678.').waitFor();
    const sms = (await smsTo('84912345678'))[0]!;
    expect(sms.sender).toBe('UBND-HN');
    const code6 = /(\d{6})/.exec(sms.content)![1]!;

    await attachAndRemoveDraft(page);
    await page.locator('#fb-files').setInputFiles(pdfPath);
    await page.getByRole('list', { name: 'Các tệp đã đính kèm' }).getByText('giấy hẹn trả kết quả.pdf').waitFor();
    await page.locator('#fb-code').fill(code6);
    await page.locator('#fb-title').fill('Quá hạn trả giấy phép xây dựng');
    await page
      .locator('#fb-text')
      .fill('Giấy hẹn ghi ngày 01/12 nhưng đến nay tôi chưa nhận được giấy phép; xin xem giấy hẹn đính kèm.');
    await expectAccessible(page, 'feedback-new-phone');
    await screenshot(page, 'feedback-new-phone-attachment');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForURL('**/phan-anh/theo-doi/PA*');
    const code = /theo-doi\/(PA\d{2}-[0-9A-Z]{8})/.exec(page.url())![1]!;
    await page.getByTestId('feedback-attachments').getByText('giấy hẹn trả kết quả.pdf').waitFor();
    await screenshot(page, 'feedback-phone-filed');
    const trackUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    expect((await smsTo('84912345678')).at(-1)!.content).toBe(
      `PAKN ${code} dang duoc xu ly. Xem: ${base}/phan-anh/theo-doi/${code}`,
    );

    // The officer sees the phone masked, reveals it (an audited read), and opens the attachment.
    const staff = await people.newPage({ width: 1280, height: 900 });
    await submitLogin(staff, 'hn.pakn', 'Demo@12345', `/staff/feedback/${code}`);
    await staff.waitForURL(`**/staff/feedback/${code}`);
    await staff.getByText('0912***678').waitFor();
    expect(await staff.getByText('0912 345 678').count()).toBe(0);
    await staff.getByText('Mỗi lần hiện số điện thoại đầy đủ đều được ghi vào nhật ký kiểm tra.').waitFor();
    await screenshot(staff, 'feedback-staff-phone-masked');
    await staff.getByRole('button', { name: 'Hiện số điện thoại' }).click();
    await staff.getByRole('link', { name: '0912 345 678' }).waitFor();
    expect(await staff.getByRole('link', { name: '0912 345 678' }).getAttribute('href')).toBe('tel:0912345678');
    await screenshot(staff, 'feedback-staff-phone-revealed');
    await staff.setViewportSize({ width: 390, height: 844 });
    expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(staff, 'feedback-staff-phone-revealed-mobile');
    await staff.setViewportSize({ width: 1280, height: 900 });
    const link = staff.getByTestId('feedback-attachments').getByRole('link', { name: 'giấy hẹn trả kết quả.pdf' });
    await link.waitFor();
    const res = await staff.request.get(new URL((await link.getAttribute('href'))!, base).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await staff
      .locator('#fb-answer')
      .fill('Sở Xây dựng đã ký giấy phép ngày 05/12; mời ông đến nhận tại bộ phận một cửa.');
    await staff.getByRole('button', { name: 'Dự thảo trả lời' }).click();
    await staff.getByRole('button', { name: 'Duyệt trả lời' }).click();
    await staff.getByText('Công khai tệp đính kèm').waitFor();
    await expectAccessible(staff, 'staff-feedback-attachments');
    await screenshot(staff, 'feedback-staff-attachments');
    expect(await staff.getByRole('checkbox', { name: 'giấy hẹn trả kết quả.pdf' }).isChecked()).toBe(false);
    await staff.getByRole('button', { name: 'Công khai (che thông tin cá nhân)' }).click();
    await staff.getByTestId('feedback-public-text').waitFor();
    await staff.getByText('không công khai').waitFor();
    expect((await smsTo('84912345678')).some((m) => m.content.startsWith(`PAKN ${code} da co tra loi.`))).toBe(true);

    // The public (no token, no login) sees the published text, not the attachment.
    const visitor = await people.newPage({ width: 390, height: 844 });
    await visitor.goto(`/phan-anh/theo-doi/${code}`);
    await visitor.getByText('Sở Xây dựng đã ký giấy phép').first().waitFor();
    expect(await visitor.getByTestId('feedback-attachments').count()).toBe(0);
    await screenshot(visitor, 'feedback-phone-public-mobile');
    // The filer, with the follow link, still has it.
    await page.goto(trackUrl);
    await page.getByTestId('feedback-attachments').getByText('giấy hẹn trả kết quả.pdf').waitFor();
  });

  it('a logged-in citizen attaches files to the form, removes one (deleted on the server) and files with the other', async () => {
    const idNumber = await registerCitizen('Lê Văn Đức', '1991-03-03', 'male', 880_002, 'duc', '0912345680');
    const page = await people.newPage({ width: 1280, height: 900 });
    await submitLogin(page, idNumber, 'Matkhau@2026', `/phan-anh/gui?procedure=${PROCEDURE}`);
    await page.getByRole('heading', { name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    await attachAndRemoveDraft(page);
    await page.locator('#fb-files').setInputFiles(pdfPath);
    await page.getByRole('list', { name: 'Các tệp đã đính kèm' }).getByText('giấy hẹn trả kết quả.pdf').waitFor();
    await screenshot(page, 'feedback-logged-in-attachment');
    await page.locator('#fb-title').fill('Chưa nhận được giấy phép đúng hẹn');
    await page.locator('#fb-text').fill('Giấy hẹn đính kèm ghi ngày 02/12; đến nay tôi vẫn chưa nhận được giấy phép.');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForURL('**/phan-anh/theo-doi/PA*');
    await page.getByTestId('feedback-attachments').getByText('giấy hẹn trả kết quả.pdf').waitFor();
    // Uploaded for the feedback module on the citizen's behalf, not to his account's files.
    const account = (await findAccountByLogin(p.identity, idNumber))!;
    expect((await filesNamed('giấy hẹn trả kết quả.pdf')).map((f) => f.owner_id)).toContain(
      `feedback-user:${account.id}`,
    );
  });

  it('a petition past its threshold is proposed for the agency’s meetings; the secretary puts it on a draft meeting', async () => {
    const port = Number(new URL(base).port);
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const r = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': crypto.randomUUID(),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: r.status, json: (await r.json()) as Record<string, unknown> };
    };
    // A verified citizen opens a petition and supports it: with the threshold at 1 it crosses at once.
    const idNumber = await registerCitizen('Vũ Thị Lan', '1990-05-05', 'female', 880_001, 'lan', '0912345679');
    await markIdentityVerified(p.identity, systemActor, idNumber);
    const citizen = await apiToken({ port }, idNumber, 'Matkhau@2026');
    const pet = await call(citizen, 'POST', '/api/petitions', {
      title: 'Mở thêm điểm tiếp nhận hồ sơ đất đai buổi tối',
      text: 'Người lao động không thể đến trong giờ hành chính.',
      agencyCode: 'H26',
    });
    expect(pet.status).toBe(201);
    const petitionId = pet.json.id as string;
    expect((await call(citizen, 'POST', `/api/petitions/${petitionId}/supports`)).status).toBe(201);
    await p.deps.jobs.drain();

    const secretary = await apiToken({ port }, 'hn.thuky', 'Demo@12345');
    const ids = await Promise.all(
      ['hn.chutri', 'hn.uyvien'].map(async (u) => (await findAccountByLogin(p.identity, u))!.id),
    );
    const m = await call(secretary, 'POST', '/api/meetings', {
      agencyCode: 'H26',
      title: 'Phiên họp thường kỳ tháng 12',
      kind: 'regular',
      startsAt: '2026-12-21T08:00:00+07:00',
      place: 'Phòng họp tầng 3',
      chairId: ids[0],
      memberIds: [ids[1]],
    });
    expect(m.status).toBe(201);
    const meetingId = m.json.id as string;

    const page = await people.newPage({ width: 1280, height: 900 });
    await submitLogin(page, 'hn.thuky', 'Demo@12345', '/staff/meetings');
    await page.waitForURL('**/staff/meetings');
    const item = page.getByTestId('meeting-proposals').locator('li').filter({
      hasText: 'Kiến nghị tập thể: Mở thêm điểm tiếp nhận hồ sơ đất đai buổi tối',
    });
    await item.waitFor();
    const source = item.getByRole('link', { name: 'Xem kiến nghị' });
    expect(await source.getAttribute('href')).toBe(`/kien-nghi/${petitionId}`);
    await expectAccessible(page, 'meeting-proposals');
    await screenshot(page, 'meeting-proposals');
    await item.getByLabel('Phiên họp (dự thảo) mà tôi là thư ký hoặc chủ trì').selectOption(meetingId);
    await item.getByRole('button', { name: 'Đưa vào chương trình họp' }).click();
    await page.getByText('Đã đưa vào chương trình họp.').waitFor();
    await page.getByText('Không có đề xuất nào đang chờ.').waitFor();
    await page.getByRole('link', { name: 'Mở phiên họp' }).click();
    await page.waitForURL(`**/staff/meetings/${meetingId}`);
    await page.getByText('Kiến nghị tập thể: Mở thêm điểm tiếp nhận hồ sơ đất đai buổi tối').first().waitFor();
    await screenshot(page, 'meeting-proposal-added');
    // The petition's page the proposal links to exists.
    await page.goto(`/kien-nghi/${petitionId}`);
    await page.getByRole('heading', { name: 'Mở thêm điểm tiếp nhận hồ sơ đất đai buổi tối' }).waitFor();
  });
});
