import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../test/harness.js';
import { pdf } from './meetings.test-support.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

/** A server-sent events stream read as text until what must come (the test's timeout bounds it). */
export async function follow(port: number, meetingId: string, token: string) {
  const ac = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/meetings/${meetingId}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: ac.signal,
  });
  let text = '';
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  return {
    status: res.status,
    async event(kind: string) {
      const needle = `"kind":"${kind}"`;
      while (!text.includes(needle)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`the stream ended before ${kind}: ${text}`);
        text += decoder.decode(chunk.value, { stream: true });
      }
      const at = text.indexOf(needle) + needle.length;
      const end = text.indexOf('\n\n', at);
      const seen = text.slice(0, end < 0 ? text.length : end);
      text = end < 0 ? '' : text.slice(end);
      return seen;
    },
    close: () => ac.abort(),
  };
}

/**
 * Editing and removing agenda items (issue 15): free in a draft; after convening recorded, shown as
 * changed or withdrawn, pushed live; never once the session is closed. A withdrawn item keeps its
 * positions but leaves the consent agenda. Each refused to the wrong part (outsider 404).
 */
describe.each(DB_KINDS)('meetings: editing the agenda on %s', (kind) => {
  let p: TestPlatform;
  let port = 0;
  let secretary: Staff;
  let chair: Staff;
  let member: Staff;
  let guest: Staff;
  let guest2: Staff;
  let outsider: Staff;
  let admin: Staff;
  let meetingId = '';
  const items: string[] = [];

  const view = async (who: Staff) => {
    const r = await p.call('GET', `/api/meetings/${meetingId}`, { token: who.token });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const edit = (who: Staff | null, itemId: string, body: Record<string, unknown>) =>
    p.call('PATCH', `/api/meetings/${meetingId}/items/${itemId}`, { token: who?.token, body });
  const remove = (who: Staff | null, itemId: string) =>
    p.call('DELETE', `/api/meetings/${meetingId}/items/${itemId}`, { token: who?.token });
  const act = (who: Staff, body: Record<string, unknown>) =>
    p.call('POST', `/api/meetings/${meetingId}/actions`, { token: who.token, body });
  const audits = async (action: string) =>
    (
      await p.call('GET', `/api/audit/events?action=${action}&subjectId=${meetingId}&pageSize=100`, {
        token: admin.token,
      })
    ).json();
  const addItem = async (title: string, guestIds?: string[]) => {
    const r = await p.call('POST', `/api/meetings/${meetingId}/items`, {
      token: secretary.token,
      body: { title, guestIds },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  beforeAll(async () => {
    port = await freePort();
    p = await createTestPlatform(kind, { env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    await p.app.listen({ port, host: '127.0.0.1' });
    [secretary, chair, member, guest, guest2, outsider, admin] = await Promise.all([
      p.staff({ roles: ['specialist'], agencyCode: 'H26' }),
      p.staff({ roles: ['leader'], agencyCode: 'H26' }),
      p.staff({ roles: ['leader'], agencyCode: 'H26' }),
      p.staff({ roles: ['specialist'], agencyCode: 'H26.S01' }),
      p.staff({ roles: ['specialist'], agencyCode: 'H26.S01' }),
      p.staff({ roles: ['leader'], agencyCode: 'H26' }),
      p.staff({ roles: ['admin'] }),
    ]);
    const created = await p.call('POST', '/api/meetings', {
      token: secretary.token,
      headers: { 'idempotency-key': `edit-${kind}` },
      body: {
        title: 'Phiên họp thường kỳ tháng 12',
        kind: 'regular',
        startsAt: '2026-12-20T08:00:00+07:00',
        place: 'Phòng họp số 1',
        chairId: chair.id,
        memberIds: [member.id],
        guests: [{ userId: guest.id }, { userId: guest2.id }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    meetingId = created.json().id;
    items.push(await addItem('Tờ trình về quy hoạch'), await addItem('Báo cáo kinh tế – xã hội', [guest.id]));
    items.push(await addItem('Đề án bỏ đi'), await addItem('Tờ trình thứ tư'));
  });
  afterAll(async () => p?.close());

  it('in a draft: edited without a mark, removed for good and the agenda renumbered', async () => {
    const r = await edit(secretary, items[0]!, { title: 'Tờ trình về quy hoạch tỉnh', presenterId: member.id });
    expect([r.statusCode, r.json().editedAt]).toEqual([200, null]);
    const d = await remove(secretary, items[2]!);
    expect([d.statusCode, d.json().deleted]).toEqual([200, true]);
    const m = await view(chair);
    expect(m.items.map((i: { seq: number; title: string }) => `${i.seq}:${i.title}`)).toEqual([
      '1:Tờ trình về quy hoạch tỉnh',
      '2:Báo cáo kinh tế – xã hội',
      '3:Tờ trình thứ tư',
    ]);
    expect(m.items[0].presenterName).toBe(`Cán bộ ${member.username}`);
    expect(m.items[0].editedAt).toBeNull();
    // Deleted: a second removal finds no item.
    expect((await remove(secretary, items[2]!)).statusCode).toBe(404);
    items.splice(2, 1);
    expect((await audits('meeting.item_deleted')).total).toBe(1);
  });

  it('who may edit or remove: chair and secretary; a member or a guest 403, an outsider 404, no login 401', async () => {
    expect((await edit(null, items[0]!, { title: 'x' })).statusCode).toBe(401);
    for (const who of [member, guest]) {
      const r = await edit(who, items[1]!, { title: 'Sửa trộm' });
      expect([r.statusCode, r.json().code]).toEqual([403, 'MEETING_ROLE_FORBIDDEN']);
      expect((await remove(who, items[1]!)).statusCode).toBe(403);
    }
    const o = await edit(outsider, items[1]!, { title: 'Sửa trộm' });
    expect([o.statusCode, o.json().code]).toEqual([404, 'MEETING_NOT_FOUND']);
    expect((await remove(outsider, items[1]!)).statusCode).toBe(404);
    expect((await edit(chair, items[1]!, { summary: 'Chủ tọa bổ sung mô tả.' })).statusCode).toBe(200);
    // The field the server refuses is named.
    const bad = await edit(secretary, items[1]!, { guestIds: [member.id] });
    expect([bad.statusCode, bad.json().errors?.[0]?.path]).toEqual([422, 'guestIds.0']);
  });

  it('guests per item: invited and uninvited by editing; a guest sees only his items', async () => {
    let g = await view(guest);
    expect(g.items.map((i: { id: string }) => i.id)).toEqual([items[1]]);
    // The organisers see who is invited to each item; a guest does not see the list.
    expect((await view(secretary)).items[1].guestIds).toEqual([guest.id]);
    expect(g.items[0].guestIds).toEqual([]);
    const r = await edit(secretary, items[0]!, { guestIds: [guest2.id] });
    expect(r.statusCode, r.body).toBe(200);
    expect((await edit(secretary, items[1]!, { guestIds: [] })).statusCode).toBe(200);
    g = await view(guest);
    expect(g.items).toEqual([]);
    const g2 = await view(guest2);
    expect(g2.items.map((i: { id: string }) => i.id)).toEqual([items[0]]);
    // Back for the rest of the file.
    expect((await edit(secretary, items[1]!, { guestIds: [guest.id] })).statusCode).toBe(200);
  });

  it('after convening: an edit is marked and pushed live; a removal keeps positions but leaves the consent agenda', async () => {
    expect((await act(secretary, { action: 'convene' })).statusCode).toBe(200);
    const stream = await follow(port, meetingId, member.token);
    const guestStream = await follow(port, meetingId, guest.token);
    expect([stream.status, guestStream.status]).toEqual([200, 200]);
    expect((await p.call('GET', `/api/meetings/${meetingId}/events`, { token: outsider.token })).statusCode).toBe(404);
    // The member agrees to every item: all three are on the consent agenda.
    for (const id of items) {
      const r = await p.call('PUT', `/api/meetings/${meetingId}/items/${id}/position`, {
        token: member.token,
        body: { position: 'agree' },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const consent = async () =>
      (await p.call('GET', `/api/meetings/${meetingId}/consent-agenda`, { token: chair.token }))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await consent()).toEqual(items);

    const e = await edit(secretary, items[1]!, { title: 'Báo cáo kinh tế – xã hội (bản sửa)' });
    expect(e.statusCode, e.body).toBe(200);
    expect(e.json().editedAt).not.toBeNull();
    expect(await stream.event('item_edited')).toContain(items[1]);
    // The guest invited to this item hears of it too.
    expect(await guestStream.event('item_edited')).toContain(items[1]);
    const edited = (await view(member)).items[1];
    expect([edited.title, edited.editedAt]).toEqual(['Báo cáo kinh tế – xã hội (bản sửa)', e.json().editedAt]);
    const audit = (await audits('meeting.item_edited')).items[0];
    expect(audit.before.title).toBe('Báo cáo kinh tế – xã hội');
    expect(audit.after.title).toBe('Báo cáo kinh tế – xã hội (bản sửa)');
    // The same values again: nothing changes, nothing recorded.
    const edits = (await audits('meeting.item_edited')).total;
    const again = await edit(secretary, items[1]!, { title: 'Báo cáo kinh tế – xã hội (bản sửa)' });
    expect(again.json().editedAt).toBe(e.json().editedAt);
    expect((await audits('meeting.item_edited')).total).toBe(edits);

    const d = await remove(secretary, items[2]!);
    expect([d.statusCode, d.json().deleted]).toEqual([200, false]);
    expect(d.json().removedAt).not.toBeNull();
    expect(await stream.event('item_removed')).toContain(items[2]);
    // A retry answers the same removal.
    expect((await remove(secretary, items[2]!)).json().removedAt).toBe(d.json().removedAt);
    expect((await audits('meeting.item_removed')).total).toBe(1);
    const m = await view(member);
    const removed = m.items.find((i: { id: string }) => i.id === items[2]);
    expect(removed.removedAt).toBe(d.json().removedAt);
    // The position recorded on it stays on record; the item is no longer on the consent agenda.
    expect(removed.positions.agree).toBe(1);
    expect(removed.inConsentAgenda).toBe(false);
    expect(await consent()).toEqual([items[0], items[1]]);
    // A withdrawn item takes no position, paper or edit.
    const pos = await p.call('PUT', `/api/meetings/${meetingId}/items/${items[2]}/position`, {
      token: member.token,
      body: { position: 'speak' },
    });
    expect([pos.statusCode, pos.json().code]).toEqual([409, 'ITEM_REMOVED']);
    expect((await edit(secretary, items[2]!, { title: 'Lại' })).json().code).toBe('ITEM_REMOVED');
    stream.close();
    guestStream.close();
  });

  it('papers withdrawn (a version, or the paper): marked with who and when, out of the list, bytes kept, live', async () => {
    const paper = async (name: string, paperKey?: string) => {
      const fileId = await p.upload(secretary.token, await pdf(2), name, 'application/pdf');
      const r = await p.call('POST', `/api/meetings/${meetingId}/items/${items[1]}/papers`, {
        token: secretary.token,
        body: { fileId, paperKey },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: string; paperKey: string };
    };
    const v1 = await paper('bao-cao.pdf');
    const v2 = await paper('bao-cao-v2.pdf', v1.paperKey);
    const other = await paper('phu-luc.pdf');
    const withdraw = (who: Staff | null, paperId: string, whole?: boolean) =>
      p.call('POST', `/api/meetings/${meetingId}/papers/${paperId}/withdraw`, { token: who?.token, body: { whole } });
    expect((await withdraw(null, v2.id)).statusCode).toBe(401);
    expect((await withdraw(member, v2.id)).json().code).toBe('MEETING_ROLE_FORBIDDEN');
    // The guest invited to this item may read its papers but not withdraw them; the other guest learns nothing.
    expect((await withdraw(guest, v2.id)).statusCode).toBe(403);
    expect((await withdraw(guest2, v2.id)).json().code).toBe('PAPER_NOT_FOUND');
    expect((await withdraw(outsider, v2.id)).json().code).toBe('MEETING_NOT_FOUND');

    const stream = await follow(port, meetingId, guest.token);
    // The second version withdrawn: the first is the paper again.
    const w = await withdraw(secretary, v2.id);
    expect(w.statusCode, w.body).toBe(200);
    expect(await stream.event('paper_withdrawn')).toContain(items[1]);
    let it1 = (await view(member)).items.find((i: { id: string }) => i.id === items[1]);
    expect(it1.papers.map((x: { id: string; version: number }) => `${x.id}:${x.version}`).sort()).toEqual(
      [`${v1.id}:1`, `${other.id}:1`].sort(),
    );
    expect(it1.withdrawnPapers).toEqual([
      expect.objectContaining({
        id: v2.id,
        version: 2,
        withdrawnAt: w.json().withdrawnAt,
        withdrawnByName: expect.any(String),
      }),
    ]);
    expect(it1.withdrawnPapers[0].withdrawnByName).toBe(`Cán bộ ${secretary.username}`);
    // A retry changes nothing.
    expect((await withdraw(secretary, v2.id)).json().withdrawnAt).toBe(w.json().withdrawnAt);
    // The bytes members received stay readable.
    const read = await p.call('GET', `/api/meetings/${meetingId}/papers/${v2.id}`, { token: member.token });
    expect([read.statusCode, read.headers['content-type']]).toEqual([200, 'application/pdf']);
    // The whole paper: no version of it is listed any more.
    expect((await withdraw(secretary, v1.id, true)).statusCode).toBe(200);
    it1 = (await view(guest)).items[0];
    expect(it1.papers.map((x: { id: string }) => x.id)).toEqual([other.id]);
    expect(it1.withdrawnPapers.map((x: { id: string }) => x.id).sort()).toEqual([v1.id, v2.id].sort());
    const audit = await audits('meeting.paper_withdrawn');
    expect(audit.total).toBe(2);
    expect(audit.items[0].after.whole).toBe(true);
    stream.close();
  });

  it('a paper from the documents module stays linked: a newer version is offered to the organisers, taken in one click', async () => {
    const file1 = await p.upload(secretary.token, await pdf(2), 'du-thao.pdf', 'application/pdf');
    const doc = await p.call('POST', '/api/documents', {
      token: secretary.token,
      body: { type: 'CV', subject: 'Về kế hoạch đầu tư công năm 2027', fileIds: [file1] },
    });
    expect(doc.statusCode, doc.body).toBe(201);
    const documentId = doc.json().id as string;
    const url = `/api/meetings/${meetingId}/items/${items[0]}/papers`;
    const first = await p.call('POST', url, { token: secretary.token, body: { documentId } });
    expect(first.statusCode, first.body).toBe(201);
    const paperOf = async (who: Staff) =>
      (await view(who)).items
        .find((i: { id: string }) => i.id === items[0])
        .papers.find((x: { paperKey: string }) => x.paperKey === first.json().paperKey);
    expect(await paperOf(secretary)).toMatchObject({ documentId, newDocumentVersion: false, version: 1 });

    // The document gets a new version in the documents module.
    const file2 = await p.upload(secretary.token, await pdf(3), 'du-thao-2.pdf', 'application/pdf');
    const v = await p.call('POST', `/api/documents/${documentId}/actions`, {
      token: secretary.token,
      body: { action: 'add_version', fileIds: [file2] },
    });
    expect(v.statusCode, v.body).toBe(200);
    expect(await paperOf(secretary)).toMatchObject({ newDocumentVersion: true, version: 1 });
    expect(await paperOf(chair)).toMatchObject({ newDocumentVersion: true });
    // Members are not told of a version the secretary has not taken.
    expect(await paperOf(member)).toMatchObject({ newDocumentVersion: false, version: 1 });

    const take = await p.call('POST', url, {
      token: secretary.token,
      headers: { 'idempotency-key': `take-${kind}` },
      body: { documentId, paperKey: first.json().paperKey },
    });
    expect([take.statusCode, take.json().version]).toEqual([201, 2]);
    expect(await paperOf(member)).toMatchObject({ version: 2, late: true, pages: 3 });
    expect(await paperOf(secretary)).toMatchObject({ newDocumentVersion: false, version: 2 });
    // The same version again is not a second, silent copy.
    const again = await p.call('POST', url, {
      token: secretary.token,
      body: { documentId, paperKey: first.json().paperKey },
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'PAPER_UP_TO_DATE']);
  });

  it('in session the consent block leaves the withdrawn item out; once closed nothing is edited or removed', async () => {
    expect((await act(secretary, { action: 'attendance', userId: member.id, attendance: 'present' })).statusCode).toBe(
      200,
    );
    expect((await act(secretary, { action: 'attendance', userId: chair.id, attendance: 'present' })).statusCode).toBe(
      200,
    );
    expect((await act(chair, { action: 'open' })).statusCode).toBe(200);
    expect((await act(chair, { action: 'adopt_consent' })).statusCode).toBe(200);
    const m = await view(chair);
    expect(m.items.map((i: { outcome: string }) => i.outcome)).toEqual(['adopted', 'adopted', 'pending']);
    // A decided item is not withdrawn.
    expect((await remove(secretary, items[0]!)).json().code).toBe('ITEM_DECIDED');
    expect((await act(chair, { action: 'close' })).statusCode).toBe(200);
    const e = await edit(secretary, items[1]!, { title: 'Sau phiên họp' });
    expect([e.statusCode, e.json().code]).toEqual([409, 'MEETING_STATUS_CONFLICT']);
    expect((await remove(secretary, items[1]!)).statusCode).toBe(409);
  });
});
