import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { expectAccessible, hasHorizontalScroll, launchChromium, screenshot } from './support/browser';
import { Journey, PHONE } from './support/journey';
import { E2E_DB_KINDS, freshDatabase } from './support/in-process';
import { type RunningServer, startServer } from './support/server';

/**
 * Issue 15: after convening, the secretary changes the agenda in the browser — an item edited (a
 * guest invited to it by name), a paper withdrawn, an item withdrawn from the agenda — and a member
 * following the meeting on his phone sees each change live, marked; a guest sees only his items.
 */

const TITLE = 'Phiên họp thường kỳ tháng 12 của Ủy ban';
const FIRST = 'Tờ trình về kế hoạch đầu tư công năm 2027';
const FIRST_EDITED = 'Tờ trình về kế hoạch đầu tư công trung hạn 2026–2030';
const SECOND = 'Báo cáo tình hình kinh tế – xã hội tháng 11';

async function pdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage();
  return Buffer.from(await doc.save());
}

describe.each(E2E_DB_KINDS)('e-Cabinet: the secretary changes the agenda after convening (%s)', (kind) => {
  let server: RunningServer;
  let browser: Browser;
  let dropDb = async () => {};
  let sec: Page;
  let member: Page;
  let meetingPath = '';
  const j = new Journey(
    () => server,
    () => browser,
  );
  const item = (p: Page, seq: number) => p.locator(`[data-item="${seq}"]`);

  async function open(username: string, phone: boolean): Promise<Page> {
    const p = await j.newPage({ phone });
    await j.login(p, username, 'Demo@12345', meetingPath);
    await p.getByRole('heading', { name: TITLE }).waitFor();
    return p;
  }

  beforeAll(async () => {
    const db = await freshDatabase(kind, 'meetings_agenda_edit');
    dropDb = db.drop;
    [server, browser] = await Promise.all([startServer({ env: db.env }), launchChromium()]);
    // The meeting itself (its creation has its own walk in meetings-secretary): set up through the API.
    const token = await j.token('hn.vanthu');
    const person = async (q: string) => {
      const r = await j.api(token, 'GET', `/api/meetings/people?q=${encodeURIComponent(q)}`);
      return (r.json as { items: { id: string }[] }).items[0]!.id;
    };
    const created = await j.api(
      token,
      'POST',
      '/api/meetings',
      {
        title: TITLE,
        kind: 'regular',
        startsAt: '2026-12-28T08:00:00+07:00',
        place: 'Phòng họp số 1',
        chairId: await person('Lãnh Đạo'),
        memberIds: [await person('Phó Chủ Tịch'), await person('Ủy Viên')],
        guests: [{ userId: await person('Tiếp Nhận') }, { userId: await person('Chuyên Viên') }],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    meetingPath = `/staff/meetings/${String(created.json.id)}`;
  }, 240_000);
  afterAll(async () => {
    await j.close();
    await browser?.close();
    await server?.stop();
    await dropDb();
    expect(j.pageErrors).toEqual([]);
  });

  it('in the draft the secretary adds two items, inviting a guest to the first by name, then convenes', async () => {
    sec = await open('hn.vanthu', false);
    await sec.locator('#new-item-title').fill(FIRST);
    await sec.locator('#new-item-guests').getByLabel('Trần Văn Tiếp Nhận').check();
    await sec
      .locator('#new-item-file')
      .setInputFiles({ name: 'to-trinh-dau-tu.pdf', mimeType: 'application/pdf', buffer: await pdf(2) });
    await sec.getByRole('button', { name: 'Thêm nội dung' }).click();
    await item(sec, 1).getByRole('link', { name: 'to-trinh-dau-tu.pdf' }).waitFor();
    await sec.locator('#new-item-title').fill(SECOND);
    await sec.getByRole('button', { name: 'Thêm nội dung' }).click();
    await item(sec, 2)
      .getByRole('heading', { name: new RegExp(SECOND.slice(0, 20)) })
      .waitFor();
    // The guest was not kept ticked for the next item.
    await expect(sec.locator('#new-item-guests').getByLabel('Trần Văn Tiếp Nhận').isChecked()).resolves.toBe(false);
    await sec.getByRole('button', { name: 'Triệu tập' }).click();
    await eventually(() => sec.getByTestId('meeting-status').textContent()).toBe('Đã triệu tập');
  });

  it('a member follows on his phone while the secretary edits an item, withdraws a paper and an item: each shows live', async () => {
    member = await open('hn.pct1', true);
    await item(member, 1).getByRole('link', { name: 'to-trinh-dau-tu.pdf' }).waitFor();

    // The edit: a new title and a second guest, picked by name.
    await item(sec, 1).getByLabel(`Sửa nội dung: ${FIRST}`).click();
    await item(sec, 1).getByLabel('Tên nội dung').fill(FIRST_EDITED);
    await item(sec, 1).locator('#item-1-edit-guests').getByLabel('Lê Thị Chuyên Viên').check();
    await item(sec, 1).getByRole('button', { name: 'Lưu thay đổi' }).click();
    await item(sec, 1).getByTestId('edited').waitFor();
    await eventually(() => item(member, 1).getByRole('heading', { level: 3 }).textContent()).toContain(FIRST_EDITED);
    await item(member, 1).getByTestId('edited').getByText('Đã sửa').waitFor();

    // The paper withdrawn: gone from the list, named under "Tài liệu đã rút" with who withdrew it.
    await item(sec, 1).getByRole('button', { name: 'Rút tài liệu: to-trinh-dau-tu.pdf' }).click();
    await item(sec, 1).getByText('Thành viên đã nhận vẫn giữ được bản đã nhận').waitFor();
    await screenshot(sec, 'meetings-agenda-edit-withdraw-confirm');
    await item(sec, 1).getByRole('button', { name: 'Xác nhận' }).click();
    await item(member, 1).getByText('Chưa có tài liệu.').waitFor();
    await item(member, 1).getByTestId('withdrawn-papers').locator('summary').click();
    await item(member, 1)
      .getByText(/rút bởi Hoàng Thị Văn Thư lúc/)
      .waitFor();

    // The second item withdrawn from the agenda.
    await item(sec, 2).getByLabel(`Sửa nội dung: ${SECOND}`).click();
    await item(sec, 2).getByRole('button', { name: 'Rút khỏi chương trình' }).click();
    await item(sec, 2).getByText('Ý kiến đã ghi nhận vẫn được lưu').waitFor();
    await item(sec, 2).getByRole('button', { name: 'Xác nhận' }).click();
    await item(sec, 2).getByTestId('removed').waitFor();
    await item(member, 2).getByTestId('removed').getByText('Đã rút khỏi chương trình').waitFor();
    // Nothing is asked of the member on a withdrawn item.
    expect(await item(member, 2).getByRole('button', { name: 'Lưu ý kiến' }).count()).toBe(0);
    expect(await item(member, 1).getByRole('button', { name: 'Lưu ý kiến' }).count()).toBe(1);

    expect(await hasHorizontalScroll(member, PHONE.width)).toBe(false);
    await expectAccessible(member, 'meetings-agenda-edit-member-phone');
    await expectAccessible(sec, 'meetings-agenda-edit-secretary');
  });

  it('each guest sees only the item he is invited to, on a phone and a desktop', async () => {
    const guestPhone = await open('hn.chuyenvien', true);
    await item(guestPhone, 1)
      .getByRole('heading', { name: new RegExp(FIRST_EDITED.slice(0, 25)) })
      .waitFor();
    expect(await guestPhone.locator('[data-item]').count()).toBe(1);
    expect(await guestPhone.getByText(SECOND).count()).toBe(0);
    expect(await hasHorizontalScroll(guestPhone, PHONE.width)).toBe(false);
    await expectAccessible(guestPhone, 'meetings-agenda-edit-guest-phone');

    const guestDesk = await open('hn.motcua', false);
    await item(guestDesk, 1)
      .getByRole('heading', { name: new RegExp(FIRST_EDITED.slice(0, 25)) })
      .waitFor();
    expect(await guestDesk.locator('[data-item]').count()).toBe(1);
    // A guest is offered no agenda tools.
    expect(await guestDesk.getByText('Sửa nội dung').count()).toBe(0);
    await expectAccessible(guestDesk, 'meetings-agenda-edit-guest');

    // The secretary's phone: the same page, the tools fit the screen.
    const secPhone = await open('hn.vanthu', true);
    await item(secPhone, 1).getByLabel(`Sửa nội dung: ${FIRST_EDITED}`).click();
    await item(secPhone, 1).locator('#item-1-edit-guests').getByLabel('Trần Văn Tiếp Nhận').waitFor();
    expect(await hasHorizontalScroll(secPhone, PHONE.width)).toBe(false);
    await expectAccessible(secPhone, 'meetings-agenda-edit-secretary-phone');
  });

  it('the item’s presenter brings and withdraws its papers on his phone; another member is offered neither', async () => {
    // Set-up: the secretary names hn.pct1 the presenter of the first item (his walk is the presenter's).
    const token = await j.token('hn.vanthu');
    const meetingId = meetingPath.split('/').pop()!;
    const m = (await j.api(token, 'GET', `/api/meetings/${meetingId}`)).json as {
      items: { id: string; seq: number }[];
    };
    const people = (await j.api(token, 'GET', `/api/meetings/people?q=${encodeURIComponent('Phó Chủ Tịch')}`)).json as {
      items: { id: string }[];
    };
    const named = await j.api(token, 'PATCH', `/api/meetings/${meetingId}/items/${m.items[0]!.id}`, {
      presenterId: people.items[0]!.id,
    });
    expect(named.status, JSON.stringify(named.json)).toBe(200);

    const presenter = await open('hn.pct1', true);
    const first = item(presenter, 1);
    await first.getByText('Cơ quan, người trình bày: Vũ Văn Phó Chủ Tịch').waitFor();
    await first.getByText('Thêm tài liệu').click();
    await first
      .locator('#item-1-file')
      .setInputFiles({ name: 'phu-luc-von.pdf', mimeType: 'application/pdf', buffer: await pdf(1) });
    await first.getByRole('button', { name: 'Tải lên tài liệu' }).click();
    await first.getByRole('link', { name: 'phu-luc-von.pdf' }).waitFor();
    await screenshot(presenter, 'meetings-agenda-edit-presenter-added');
    await first.getByRole('button', { name: 'Rút tài liệu: phu-luc-von.pdf' }).click();
    await first.getByRole('button', { name: 'Xác nhận' }).click();
    await first.getByText('Chưa có tài liệu.').waitFor();
    // Not an agenda editor: no edit of the item itself.
    expect(await first.getByLabel(`Sửa nội dung: ${FIRST_EDITED}`).count()).toBe(0);
    expect(await hasHorizontalScroll(presenter, PHONE.width)).toBe(false);
    await expectAccessible(presenter, 'meetings-agenda-edit-presenter-phone');

    const other = await open('hn.pct2', false);
    await item(other, 1).getByTestId('withdrawn-papers').waitFor();
    expect(await item(other, 1).getByText('Thêm tài liệu').count()).toBe(0);
    expect(
      await item(other, 1)
        .getByRole('button', { name: /^Rút tài liệu/ })
        .count(),
    ).toBe(0);
  });
});
