import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import type { PlatformDeps } from '../../platform/module.js';
import type { Clock } from '../../platform/time/clock.js';
import type { MeetingsPorts } from './meetings-contract.js';
import { MeetingFollowers } from './meetings.live.js';
import { MeetingSnapshots } from './meetings.snapshot.js';

export type { MeetingEvent } from './meetings.live.js';

/** What the meetings use cases share: the platform, the ports, and the live channel of changes. */
export class MeetingsContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly config: Config;
  readonly files: FileStore;
  readonly log: Logger;
  /** The browsers following meetings in this process, fed by the platform's bus (every process's changes). */
  readonly live: MeetingFollowers;
  /** The shared part of each meeting's view, dropped on every change (read once for many members). */
  readonly snapshots: MeetingSnapshots;

  constructor(
    deps: PlatformDeps,
    readonly ports: MeetingsPorts,
  ) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.config = deps.config;
    this.files = deps.files;
    this.log = deps.log;
    this.live = new MeetingFollowers(deps.db, deps.bus, deps.log, () => this.clock.now());
    this.snapshots = new MeetingSnapshots(deps.db, deps.bus);
  }

  /** Tell the followers of a meeting, in every process, that something changed (after the commit). */
  publish(meetingId: string, kind: string, itemId?: string) {
    this.live.publish(meetingId, kind, itemId);
  }

  link(path: string) {
    return `${this.config.publicUrl}${path}`;
  }

  /** The room link at the configured video service (Jitsi or BigBlueButton base URL). */
  videoLink(room: string | null) {
    return room ? `${this.config.MEETINGS_VIDEO_BASE_URL.replace(/\/$/, '')}/${room}` : null;
  }
}
