import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';

/**
 * A small message bus for live notices between the processes of one deployment (ADR 0023, addendum
 * "Live events across processes"). A notice is a poke, not data: a few ids and a kind, under
 * {@link MAX_MESSAGE_BYTES}; whoever receives it re-reads what it needs from the database and checks who may
 * see it. Nothing is stored: a notice published while a process's listener is reconnecting is lost to that
 * process, which is why subscribers are told of such a gap (`onGap`) and should treat it as "anything may have
 * changed".
 *
 * - PGlite (one process): an in-process emitter.
 * - PostgreSQL (one or more processes): every process delivers its own notices at once in-process and sends them
 *   with `pg_notify`; one dedicated connection per process `LISTEN`s to the topics it has subscribers for and
 *   delivers the notices of the other processes. When that connection drops (a restart of PostgreSQL, a killed
 *   backend, a failed keep-alive check) it is reopened with back-off, the topics are listened to again, and each
 *   subscriber's `onGap` is called.
 */
export interface EventBus {
  readonly kind: 'local' | 'postgres';
  /** Deliver `message` to the subscribers of `topic` in every process (best effort, never throws). */
  publish(topic: string, message: BusMessage): Promise<void>;
  /**
   * Receive the notices of `topic`. Resolves once they are listened to (on PostgreSQL, once the `LISTEN` is in
   * place while the listener is connected), with the function that ends the subscription.
   */
  subscribe(topic: string, handler: (message: BusMessage) => void, onGap?: () => void): Promise<() => void>;
  close(): Promise<void>;
}

/** A notice: a flat object of short values (ids, a kind, a time). */
export type BusMessage = Record<string, string | number | boolean | null | undefined>;

/** PostgreSQL's limit for a NOTIFY payload is 8000 bytes; a notice is far smaller. */
export const MAX_MESSAGE_BYTES = 1000;

const TOPIC = /^[a-z][a-z0-9_]{0,62}$/;

function checkTopic(topic: string) {
  if (!TOPIC.test(topic)) throw new Error(`Bus topic ${JSON.stringify(topic)} must match ${TOPIC}`);
}

function encode(origin: string, message: BusMessage): string {
  const text = JSON.stringify({ o: origin, m: message });
  if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES)
    throw new Error(`A bus notice must stay under ${MAX_MESSAGE_BYTES} bytes: send ids, not data`);
  return text;
}

/** One process: notices stay in it (PGlite). */
export function localBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: 'local',
    async publish(topic, message) {
      checkTopic(topic);
      encode('', message);
      emitter.emit(topic, message);
    },
    async subscribe(topic, handler) {
      checkTopic(topic);
      emitter.on(topic, handler);
      return () => void emitter.off(topic, handler);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

export interface PostgresBusOptions {
  connectionString: string;
  log: Logger;
  /** Sends `pg_notify` on an ordinary pooled connection (the platform's database). */
  notify(channel: string, payload: string): Promise<void>;
  /** How often the listener proves it is alive (`select 1`); default 30 s. */
  checkEveryMs?: number;
  /** The first delay before reconnecting, doubled up to 10 s; default 250 ms. */
  retryMs?: number;
}

/** The bus over PostgreSQL LISTEN/NOTIFY, with a listener connection of its own that is reopened when it drops. */
export class PostgresBus implements EventBus {
  readonly kind = 'postgres' as const;
  /** This process's mark on its notices: they were delivered here already and are skipped when they come back. */
  readonly origin = randomUUID();
  private readonly local = new EventEmitter();
  private readonly gaps = new Map<string, Set<() => void>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private check: NodeJS.Timeout | null = null;
  private delay: number;
  private connectedOnce = false;
  private closed = false;

  constructor(private readonly o: PostgresBusOptions) {
    this.local.setMaxListeners(0);
    this.delay = o.retryMs ?? 250;
  }

  /** The `application_name` of the listener connection (operators see it in `pg_stat_activity`). */
  get applicationName() {
    return `egov-bus ${this.origin.slice(0, 8)}`;
  }

  /** Open the listener (called by the composition root; later subscriptions listen as they come). */
  start(): Promise<void> {
    return this.connect();
  }

  async publish(topic: string, message: BusMessage) {
    checkTopic(topic);
    const payload = encode(this.origin, message);
    this.local.emit(topic, message);
    try {
      await this.o.notify(topic, payload);
    } catch (err) {
      this.o.log.warn({ err, topic }, 'bus: a notice was not sent to the other processes');
    }
  }

  async subscribe(topic: string, handler: (m: BusMessage) => void, onGap?: () => void) {
    checkTopic(topic);
    const first = this.local.listenerCount(topic) === 0;
    this.local.on(topic, handler);
    if (onGap) {
      const set = this.gaps.get(topic) ?? new Set();
      set.add(onGap);
      this.gaps.set(topic, set);
    }
    if (first && this.client) {
      // A failure here is a dropped connection: the reconnection listens to every topic again.
      await this.client.query(`listen ${topic}`).catch(() => undefined);
    }
    return () => {
      this.local.off(topic, handler);
      if (onGap) this.gaps.get(topic)?.delete(onGap);
    };
  }

  async close() {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.check) clearInterval(this.check);
    await this.connecting?.catch(() => undefined);
    const c = this.client;
    this.client = null;
    this.local.removeAllListeners();
    await c?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open() {
    const c = new pg.Client({
      connectionString: this.o.connectionString,
      keepAlive: true,
      application_name: this.applicationName,
    });
    c.on('notification', (n) => this.receive(n));
    c.on('error', (err) => this.lost(c, err));
    c.on('end', () => this.lost(c));
    try {
      await c.connect();
      for (const topic of this.local.eventNames()) await c.query(`listen ${String(topic)}`);
    } catch (err) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
      this.o.log.warn({ err }, 'bus: the listener could not connect; retrying');
      this.schedule();
      return;
    }
    if (this.closed) {
      await c.end().catch(() => undefined);
      return;
    }
    this.client = c;
    this.delay = this.o.retryMs ?? 250;
    this.check ??= setInterval(() => void this.alive(), this.o.checkEveryMs ?? 30_000).unref();
    if (this.connectedOnce) {
      this.o.log.info('bus: the listener is back; subscribers are told they may have missed notices');
      for (const set of this.gaps.values()) for (const g of set) g();
    }
    this.connectedOnce = true;
  }

  private async alive() {
    const c = this.client;
    if (!c) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('the listener did not answer within 10 s')), 10_000);
    });
    try {
      await Promise.race([c.query('select 1'), timeout]);
    } catch (err) {
      this.lost(c, err as Error);
    } finally {
      clearTimeout(timer);
    }
  }

  private lost(c: pg.Client, err?: Error) {
    // Both `error` and `end` come for one drop; only the first, for the current client, counts.
    if (this.client !== c) return;
    this.client = null;
    c.removeAllListeners('end');
    c.end().catch(() => undefined);
    if (this.closed) return;
    this.o.log.warn({ err: err && { message: err.message } }, 'bus: the listener connection dropped; reconnecting');
    this.schedule();
  }

  private schedule() {
    if (this.closed || this.retry) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, 10_000);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, wait);
    this.retry.unref();
  }

  private receive(n: pg.Notification) {
    let parsed: { o?: unknown; m?: unknown };
    try {
      parsed = JSON.parse(n.payload ?? '');
    } catch {
      this.o.log.warn({ channel: n.channel }, 'bus: a notice that is not ours was ignored');
      return;
    }
    if (parsed.o === this.origin || !parsed.m || typeof parsed.m !== 'object') return;
    this.local.emit(n.channel, parsed.m as BusMessage);
  }
}
