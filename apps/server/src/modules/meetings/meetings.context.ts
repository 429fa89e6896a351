import { ModuleContext, type PlatformDeps } from '../../platform/module.js';
import type { MeetingsPorts } from './meetings-contract.js';
import { MeetingFollowers } from './meetings.live.js';
import { MeetingSnapshots } from './meetings.snapshot.js';

export type { MeetingEvent } from './meetings.live.js';

/** What the meetings use cases share: the platform, the ports, and the live channel of changes. */
export class MeetingsContext extends ModuleContext<MeetingsPorts> {
  /** The browsers following meetings in this process, fed by the platform's bus (every process's changes). */
  readonly live: MeetingFollowers;
  /** The shared part of each meeting's view, dropped on every change (read once for many members). */
  readonly snapshots: MeetingSnapshots;

  constructor(deps: PlatformDeps, ports: MeetingsPorts) {
    super(deps, ports);
    this.live = new MeetingFollowers(deps.db, deps.bus, deps.log, () => this.clock.now());
    this.snapshots = new MeetingSnapshots(deps.db, deps.bus);
  }

  /** Tell the followers of a meeting, in every process, that something changed (after the commit). */
  publish(meetingId: string, kind: string, itemId?: string) {
    this.live.publish(meetingId, kind, itemId);
  }

  /** The room link at the configured video service (Jitsi or BigBlueButton base URL). */
  videoLink(room: string | null) {
    return room ? `${this.config.MEETINGS_VIDEO_BASE_URL.replace(/\/$/, '')}/${room}` : null;
  }
}
