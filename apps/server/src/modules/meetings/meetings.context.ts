import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import type { PlatformDeps } from '../../platform/module.js';
import type { Clock } from '../../platform/time/clock.js';
import type { MeetingsPorts } from './meetings-contract.js';

/** One change of a meeting, pushed to the browsers that follow it (server-sent events). */
export interface MeetingEvent {
  meetingId: string;
  kind: string;
  itemId?: string;
  at: string;
}

/** What the meetings use cases share: the platform, the ports, and the live channel of changes. */
export class MeetingsContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly config: Config;
  readonly files: FileStore;
  readonly log: Logger;
  /** Changes, per meeting id; emitted after the transaction commits. */
  readonly live = new EventEmitter();

  constructor(
    deps: PlatformDeps,
    readonly ports: MeetingsPorts,
  ) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.config = deps.config;
    this.files = deps.files;
    this.log = deps.log;
    this.live.setMaxListeners(0);
  }

  /** Tell the followers of a meeting that something changed (after the commit). */
  publish(meetingId: string, kind: string, itemId?: string) {
    const e: MeetingEvent = { meetingId, kind, itemId, at: this.clock.now().toISOString() };
    this.live.emit(meetingId, e);
  }

  link(path: string) {
    return `${this.config.publicUrl}${path}`;
  }

  /** The room link at the configured video service (Jitsi or BigBlueButton base URL). */
  videoLink(room: string | null) {
    return room ? `${this.config.MEETINGS_VIDEO_BASE_URL.replace(/\/$/, '')}/${room}` : null;
  }
}
