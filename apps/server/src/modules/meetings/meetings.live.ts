import type { BusMessage, EventBus } from '../../platform/bus/index.js';
import type { Db } from '../../platform/db/index.js';
import type { Logger } from 'pino';
import { meetingsRepository as repo } from './meetings.repository.js';

/** The bus topic of meeting changes (ADR 0023, addendum "Live events across processes"). */
export const MEETINGS_TOPIC = 'egov_meetings';

/** One change of a meeting, pushed to the browsers that follow it (server-sent events). */
export interface MeetingEvent {
  meetingId: string;
  /** What changed (`vote`, `paper_added`, an action …), or `resync` after the live channel had a gap. */
  kind: string;
  itemId?: string;
  at: string;
}

/** A browser following one meeting: who it is, and how to reach or end its stream. */
interface Follower {
  userId: string;
  send(e: MeetingEvent): void;
  end(): void;
}

/**
 * The followers of meetings held by this process, fed by the bus. A notice carries only ids and a kind; on each
 * one this process re-reads the meeting's participants once (not once per follower) and hands the notice to
 * each follower who may see it: a participant still, and for an item, a guest only if he is invited to it. A
 * follower who is no longer a participant has his stream ended. After a gap of the bus every follower is sent
 * `resync` (the page refetches, as it does on any change).
 */
export class MeetingFollowers {
  private readonly byMeeting = new Map<string, Set<Follower>>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  async start() {
    this.unsubscribe ??= await this.bus.subscribe(
      MEETINGS_TOPIC,
      (m) => void this.deliver(m),
      () => this.resync(),
    );
  }

  stop() {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Tell every process that a meeting changed (after the commit). */
  publish(meetingId: string, kind: string, itemId?: string) {
    const e: MeetingEvent = { meetingId, kind, itemId, at: this.now().toISOString() };
    void this.bus.publish(MEETINGS_TOPIC, { ...e });
  }

  /** Follow a meeting (the caller checked that the user takes part); answers the function that stops it. */
  follow(meetingId: string, f: Follower): () => void {
    const set = this.byMeeting.get(meetingId) ?? new Set<Follower>();
    set.add(f);
    this.byMeeting.set(meetingId, set);
    return () => {
      set.delete(f);
      if (!set.size && this.byMeeting.get(meetingId) === set) this.byMeeting.delete(meetingId);
    };
  }

  private async deliver(m: BusMessage) {
    const e = parse(m);
    if (!e) return;
    const set = this.byMeeting.get(e.meetingId);
    if (!set?.size) return;
    let rows;
    try {
      rows = await repo.participantsOf(this.db, e.meetingId);
    } catch (err) {
      this.log.warn({ err, meetingId: e.meetingId }, 'meetings: a live change was not delivered');
      return;
    }
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    for (const f of [...set]) {
      const me = byUser.get(f.userId);
      if (!me) f.end();
      else if (!e.itemId || me.role !== 'guest' || me.itemIds.includes(e.itemId)) f.send(e);
    }
  }

  private resync() {
    const at = this.now().toISOString();
    for (const [meetingId, set] of this.byMeeting) for (const f of set) f.send({ meetingId, kind: 'resync', at });
  }
}

function parse(m: BusMessage): MeetingEvent | null {
  const { meetingId, kind, itemId, at } = m;
  if (typeof meetingId !== 'string' || typeof kind !== 'string' || typeof at !== 'string') return null;
  return { meetingId, kind, at, ...(typeof itemId === 'string' ? { itemId } : {}) };
}
