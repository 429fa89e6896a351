import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlatform, type Platform } from '../../app.js';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../test/harness.js';
import { testConfig } from '../../../test/config.js';
import type { PostgresBus } from '../../platform/bus/index.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

/** A server-sent events stream read as text, with a wait for what must come. */
async function follow(port: number, meetingId: string, token: string) {
  const ac = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/meetings/${meetingId}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: ac.signal,
  });
  let text = '';
  const reader = res.status === 200 ? res.body!.getReader() : null;
  const decoder = new TextDecoder();
  return {
    status: res.status,
    /** The events received until `needle` (included); reads on until it comes (the test's timeout bounds it). */
    async until(needle: string) {
      while (!text.includes(needle)) {
        const chunk = await reader!.read();
        if (chunk.done) throw new Error(`the stream ended before ${needle}: ${text}`);
        text += decoder.decode(chunk.value, { stream: true });
      }
      const at = text.indexOf(needle) + needle.length;
      const seen = text.slice(0, at);
      text = text.slice(at);
      return seen;
    },
    /** Everything until the end of the first event of this kind. */
    async event(kind: string) {
      return (await this.until(`"kind":"${kind}"`)) + (await this.until('\n\n'));
    },
    close: () => ac.abort(),
  };
}

/**
 * Live changes across processes (ADR 0023 addendum): on PostgreSQL two platform instances share one database,
 * a change made through A reaches a stream held by B (LISTEN/NOTIFY), also after B's listener connection was
 * killed; on PGlite (one process) A and B are the same instance. Either way a follower gets only what he may see.
 */
describe.each(DB_KINDS)('meetings live events on %s', (kind) => {
  let a: TestPlatform;
  let b: Platform;
  let port = 0;
  let secretary: Staff;
  let chair: Staff;
  let m1: Staff;
  let m2: Staff;
  let m3: Staff;
  let guest: Staff;
  let other: Staff;
  let meetingId = '';
  let otherMeetingId = '';
  const items: string[] = [];

  const act = (token: string, body: Record<string, unknown>) =>
    a.call('POST', `/api/meetings/${meetingId}/actions`, { token, body });
  const vote = (token: string, item: string, body: Record<string, unknown>) =>
    a.call('POST', `/api/meetings/${meetingId}/items/${item}/votes`, { token, body });

  beforeAll(async () => {
    port = await freePort();
    const env = { PUBLIC_URL: `http://127.0.0.1:${port}` };
    a = await createTestPlatform(kind, { env });
    b =
      kind === 'postgres'
        ? await buildPlatform(testConfig({ ...env, DATABASE_URL: a.deps.config.DATABASE_URL! }), { clock: a.clock })
        : a;
    await b.app.listen({ port, host: '127.0.0.1' });
    [secretary, chair, m1, m2, m3, guest, other] = await Promise.all([
      a.staff({ roles: ['specialist'], agencyCode: 'H26' }),
      a.staff({ roles: ['leader'], agencyCode: 'H26' }),
      a.staff({ roles: ['leader'], agencyCode: 'H26' }),
      a.staff({ roles: ['leader'], agencyCode: 'H26' }),
      a.staff({ roles: ['leader'], agencyCode: 'H26' }),
      a.staff({ roles: ['specialist'], agencyCode: 'H26.S01' }),
      a.staff({ roles: ['leader'], agencyCode: 'H26' }),
    ]);
    const meeting = (memberIds: string[], guests: { userId: string; itemSeqs: number[] }[]) =>
      a.call('POST', '/api/meetings', {
        token: secretary.token,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          agencyCode: 'H26',
          title: 'Phiên họp chuyên đề về chuyển đổi số',
          kind: 'thematic',
          startsAt: '2026-12-10T08:00:00+07:00',
          place: 'Phòng họp số 2',
          chairId: chair.id,
          memberIds,
          guests,
        },
      });
    const created = await meeting([m1.id, m2.id, m3.id], [{ userId: guest.id, itemSeqs: [2] }]);
    expect(created.statusCode, created.body).toBe(201);
    meetingId = created.json().id;
    const elsewhere = await meeting([other.id], []);
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    otherMeetingId = elsewhere.json().id;
    for (const title of ['Tờ trình kế hoạch năm 2027', 'Đề án dữ liệu số']) {
      const r = await a.call('POST', `/api/meetings/${meetingId}/items`, { token: secretary.token, body: { title } });
      expect(r.statusCode, r.body).toBe(201);
      items.push(r.json().id);
    }
    expect((await act(secretary.token, { action: 'convene' })).statusCode).toBe(200);
    for (const u of [chair, m1, m2]) {
      const r = await act(secretary.token, { action: 'attendance', userId: u.id, attendance: 'present' });
      expect(r.statusCode, r.body).toBe(200);
    }
    const opened = await act(chair.token, { action: 'open' });
    expect(opened.statusCode, opened.body).toBe(200);
    const v = await vote(secretary.token, items[0]!, { method: 'electronic', question: 'Thông qua tờ trình?' });
    expect(v.statusCode, v.body).toBe(201);
  });

  afterAll(async () => {
    if (b && b !== a) await b.close();
    await a?.close();
  });

  it('a vote cast through A reaches a member following on B; a guest not invited to the item and a member of another meeting get nothing', async () => {
    const member = await follow(port, meetingId, m2.token);
    const invitedGuest = await follow(port, meetingId, guest.token);
    const otherMember = await follow(port, otherMeetingId, other.token);
    expect([member.status, invitedGuest.status, otherMember.status]).toEqual([200, 200, 200]);
    // Not a participant: 404 on B as on A, the meeting is not revealed.
    expect((await follow(port, meetingId, other.token)).status).toBe(404);
    expect((await follow(port, meetingId, '')).status).toBe(401);

    // B holds the meeting's shared rows (meetings.snapshot.ts) from this read on.
    const viewOnB = async () =>
      (
        await b.app.inject({
          method: 'GET',
          url: `/api/meetings/${meetingId}`,
          headers: { authorization: `Bearer ${m2.token}` },
        })
      ).json().items[0].votes[0].cast as number;
    expect(await viewOnB()).toBe(0);
    expect((await vote(m1.token, items[0]!, { choice: 'yes' })).statusCode).toBe(200);
    const got = await member.event('vote');
    expect(got).toContain(`"itemId":"${items[0]}"`);
    expect(got).toContain(`"meetingId":"${meetingId}"`);
    // The notice dropped B's copy before the event was sent: the page's refetch on B sees the ballot.
    expect(await viewOnB()).toBe(1);

    // Markers each follower may see, published after the vote: what came before them is all they got.
    const hands = await vote(secretary.token, items[1]!, { method: 'show_of_hands', question: 'Hoãn?', yes: 3, no: 0 });
    expect([200, 201], hands.body).toContain(hands.statusCode);
    const guestSaw = await invitedGuest.until(`"itemId":"${items[1]}"`);
    expect(guestSaw).not.toContain(items[0]!);
    const added = await a.call('POST', `/api/meetings/${otherMeetingId}/items`, {
      token: secretary.token,
      body: { title: 'Báo cáo quý IV' },
    });
    expect(added.statusCode).toBe(201);
    const otherSaw = await otherMember.until('"kind":"item_added"');
    expect(otherSaw).not.toContain(meetingId);
    expect(otherSaw).toContain(otherMeetingId);
    for (const s of [member, invitedGuest, otherMember]) s.close();
  });

  it.runIf(kind === 'postgres')(
    "B's listener connection is killed: it reconnects, its followers are told to resync, and A's next vote reaches them",
    async () => {
      const member = await follow(port, meetingId, m2.token);
      await member.until('\n\n');
      const bus = b.deps.bus as PostgresBus;
      const admin = new pg.Client({ connectionString: a.deps.config.DATABASE_URL });
      await admin.connect();
      try {
        const killed = await admin.query(
          'select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1',
          [bus.applicationName],
        );
        expect(killed.rows).toEqual([{ ok: true }]);
      } finally {
        await admin.end();
      }
      const resync = await member.event('resync');
      expect(resync).toContain(`"meetingId":"${meetingId}"`);
      expect((await vote(m2.token, items[0]!, { choice: 'no' })).statusCode).toBe(200);
      expect(await member.event('vote')).toContain(`"itemId":"${items[0]}"`);
      member.close();
    },
  );
});
