import type { EventBus } from '../../platform/bus/index.js';
import type { Db } from '../../platform/db/index.js';
import { MEETINGS_TOPIC } from './meetings.live.js';
import { meetingsRepository as repo } from './meetings.repository.js';

/** Everything of a meeting that is the same for every participant (the view picks what each may see). */
export type MeetingSnapshot = Awaited<ReturnType<typeof load>>;

async function load(db: Db, meetingId: string) {
  const [items, participants, papers, positions, speeches, votes, tasks] = await Promise.all([
    repo.itemsOf(db, meetingId),
    repo.participantsOf(db, meetingId),
    repo.papersOf(db, meetingId),
    repo.positionsOf(db, meetingId),
    repo.speechesOf(db, meetingId),
    repo.votesOf(db, meetingId),
    repo.tasksOf(db, meetingId),
  ]);
  const ballots = await repo.ballotsOf(
    db,
    votes.map((v) => v.id),
  );
  return { items, participants, papers, positions, speeches, votes, tasks, ballots };
}

interface Entry {
  at: number;
  value: Promise<MeetingSnapshot>;
}

/**
 * The shared part of the meeting view, read once for all the members who open a meeting at the same time
 * (ADR 0023 addendum "Speed"): 200 members opening one session read the same eight result sets, which was
 * most of the time of each request. A snapshot is dropped on every change of the meeting — each change is
 * published on the bus after its commit, in this process at once and in the others by LISTEN/NOTIFY — and
 * after a gap of the bus; `ttlMs` bounds its age in any case (a write that bypassed the module). Concurrent
 * readers of a meeting without a snapshot share one load. Who may see what is still decided per request, on
 * the caller's own fresh participant row.
 */
export class MeetingSnapshots {
  private readonly entries = new Map<string, Entry>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly ttlMs = 2_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async start() {
    this.unsubscribe ??= await this.bus.subscribe(
      MEETINGS_TOPIC,
      (m) => {
        if (typeof m.meetingId === 'string') this.entries.delete(m.meetingId);
      },
      () => this.entries.clear(),
    );
  }

  stop() {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.entries.clear();
  }

  get(meetingId: string): Promise<MeetingSnapshot> {
    const t = this.now();
    const hit = this.entries.get(meetingId);
    if (hit && t - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size > 1_000)
      for (const [k, e] of this.entries) if (t - e.at >= this.ttlMs) this.entries.delete(k);
    const entry: Entry = { at: t, value: load(this.db, meetingId) };
    this.entries.set(meetingId, entry);
    entry.value.catch(() => {
      if (this.entries.get(meetingId) === entry) this.entries.delete(meetingId);
    });
    return entry.value;
  }
}
