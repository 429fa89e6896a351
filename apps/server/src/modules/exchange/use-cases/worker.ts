import type { ExchangeContext } from '../exchange.context.js';
import { type DeliveryRow, exchangeRepository as repo } from '../exchange.repository.js';
import { deliverOne } from './deliver.js';
import { releaseHeldStatuses } from './held-statuses.js';
import { registerHubAgencies, syncWithHub } from './registration.js';
import { LgspItemBackoff, type LgspReceipt, pollLgsp, syncWithLgsp } from '../lgsp/lgsp-transport.js';

/** A claimed delivery is another process's for this long: the HTTP timeout (120 s) and a margin. */
const LEASE_MS = 150_000;
/** How often statuses held for a seal are looked at (ADR 0013): a seal issued now sends them within a minute. */
const HELD_CHECK_MS = 60_000;

/**
 * The exchange's background work in this process: deliver the outbox (claimed with FOR UPDATE
 * SKIP LOCKED, so several processes share it) and keep the registration with the hub fresh.
 */
export class ExchangeWorker {
  private timer: NodeJS.Timeout | null = null;
  private syncTimer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;
  private syncing: Promise<void> | null = null;

  private recovered = false;
  private heldCheckedAt = 0;
  private lgspPolledAt = 0;
  private polling: Promise<LgspReceipt[]> | null = null;
  private readonly lgspBackoff: LgspItemBackoff;

  /**
   * `exclusive`: this process is the only one on the database (embedded PGlite, data directory
   * locked), so deliveries a crashed predecessor had claimed are taken back on start rather than
   * after their lease.
   */
  constructor(
    private readonly ctx: ExchangeContext,
    private readonly opts: { exclusive?: boolean } = {},
  ) {
    this.lgspBackoff = new LgspItemBackoff(ctx.settings.retryMaxMs);
  }

  start() {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      let n = 0;
      try {
        if (this.opts.exclusive && !this.recovered) {
          await this.recoverAbandoned();
          this.recovered = true;
        }
        if (Date.now() - this.heldCheckedAt >= HELD_CHECK_MS) {
          this.heldCheckedAt = Date.now();
          await this.releaseHeld();
        }
        n = await this.runOnce();
        if (this.ctx.lgsp && Date.now() - this.lgspPolledAt >= this.ctx.settings.lgsp!.pollMs) {
          this.lgspPolledAt = Date.now();
          await this.pollLgsp().catch((err) =>
            this.ctx.log.warn({ err: (err as Error).message }, 'exchange: polling the LGSP failed; will retry'),
          );
        }
      } catch (err) {
        this.ctx.log.error({ err }, 'exchange poll failed');
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), n > 0 ? 0 : this.ctx.settings.pollMs);
    };
    const sync = async () => {
      await this.sync().catch((err) =>
        this.ctx.log.warn({ err: (err as Error).message }, 'exchange: registration with the hub failed; will retry'),
      );
      if (!this.stopped) this.syncTimer = setTimeout(() => void sync(), this.ctx.settings.syncMs);
    };
    this.timer = setTimeout(() => void tick(), 10);
    void sync();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.syncTimer) clearTimeout(this.syncTimer);
    await this.running?.catch(() => undefined);
    await this.syncing?.catch(() => undefined);
    await this.polling?.catch(() => undefined);
  }

  /** Hub: list its own agencies in the directory. Node: register with the hub and fetch the federation's roots. */
  sync(): Promise<void> {
    const lgsp = this.ctx.lgsp;
    this.syncing ??= (
      this.ctx.isHub
        ? registerHubAgencies(this.ctx)
        : lgsp
          ? syncWithLgsp(this.ctx, this.ctx.lgspUnits)
          : syncWithHub(this.ctx)
    ).finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /**
   * LGSP transport: fetch what arrived (GET /vanbans) and receive it; returns each item's outcome. An
   * item whose receipt failed waits (1 s, 2 s, 4 s …) before this tries it again.
   */
  pollLgsp(): Promise<LgspReceipt[]> {
    const lgsp = this.ctx.lgsp;
    if (!lgsp) return Promise.resolve([]);
    this.polling ??= pollLgsp(this.ctx, this.ctx.lgspUnits, this.lgspBackoff).finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  /** Queue the statuses held for a seal whose agency now has one (tests call it directly); returns how many. */
  releaseHeld(): Promise<number> {
    return releaseHeldStatuses(this.ctx);
  }

  /** Take back deliveries a crashed predecessor had claimed (only safe when `exclusive`); returns how many. */
  async recoverAbandoned(): Promise<number> {
    const released = await repo.releaseLeases(this.ctx.db);
    if (released)
      this.ctx.log.warn({ deliveries: released }, 'exchange: deliveries claimed by a previous process were taken back');
    return released;
  }

  /** Claim due deliveries and hand them over; returns how many were tried. Tests call it directly. */
  runOnce(): Promise<number> {
    this.running ??= this.claimAndDeliver().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Deliver until nothing is due (tests). */
  async drain(maxRounds = 50) {
    for (let i = 0; i < maxRounds; i++) if ((await this.runOnce()) === 0) return;
  }

  private async claimAndDeliver(): Promise<number> {
    const now = this.ctx.clock.now();
    const claimed = await this.ctx.db.transaction((tx) =>
      repo.claimDue(tx, now, new Date(now.getTime() + LEASE_MS), 16),
    );
    const refresh = this.ctx.isHub ? undefined : () => this.sync();
    await deliverClaimed(claimed, (d) => deliverOne(this.ctx, d, refresh));
    return claimed.length;
  }
}

/**
 * Hand over claimed deliveries: several at once (most of the time is the other side's answer, not our
 * CPU), but deliveries of the same bytes (one message to several recipients) one after the other, so
 * that a transport that sends a message once for all its recipients (an LGSP) sees the first one done.
 */
export async function deliverClaimed(claimed: DeliveryRow[], deliver: (d: DeliveryRow) => Promise<unknown>) {
  const bySha = new Map<string, DeliveryRow[]>();
  for (const d of claimed) bySha.set(d.sha256, [...(bySha.get(d.sha256) ?? []), d]);
  await Promise.all(
    [...bySha.values()].map(async (same) => {
      for (const d of same) await deliver(d);
    }),
  );
}
