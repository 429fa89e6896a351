import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/harness.js';

/** `npm start`'s demo: an upcoming convened session and an open written opinion round (PGlite only: seed code). */
describe('meetings demo seed', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform('pglite');
  });
  afterAll(async () => p?.close());

  it('seeds a convened session with papers and an opinion round once', async () => {
    const [chair, secretary, m1, m2, guest] = await Promise.all([
      p.staff({ roles: ['leader'] }),
      p.staff({ roles: ['specialist'] }),
      p.staff({ roles: ['leader'] }),
      p.staff({ roles: ['leader'] }),
      p.staff({ roles: ['reception'] }),
    ]);
    const people = {
      agencyCode: 'H26',
      chairId: chair.id,
      secretaryId: secretary.id,
      memberIds: [m1.id, m2.id],
      guestId: guest.id,
    };
    expect(await p.meetings.seedDemo(people)).toBe(1);
    expect(await p.meetings.seedDemo(people)).toBe(0);
    const list = (await p.call('GET', '/api/meetings', { token: m1.token })).json();
    expect(list.items).toHaveLength(1);
    const m = (await p.call('GET', `/api/meetings/${list.items[0].id}`, { token: m1.token })).json();
    expect(m).toMatchObject({
      status: 'convened',
      myRole: 'member',
      allowedActions: expect.arrayContaining(['confirm']),
    });
    expect(m.items.map((i: { papers: unknown[] }) => i.papers.length)).toEqual([1, 1, 1]);
    expect(m.items[0].papers[0].pages).toBe(1);
    const g = (await p.call('GET', `/api/meetings/${m.id}`, { token: guest.token })).json();
    expect(g.items).toHaveLength(1);
    const opinions = (await p.call('GET', '/api/opinion-requests', { token: m2.token })).json();
    expect(opinions.items).toEqual([expect.objectContaining({ status: 'open', askedMe: true })]);
  });
});
