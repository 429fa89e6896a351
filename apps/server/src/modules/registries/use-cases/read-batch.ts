import type { Db } from '../../../platform/db/index.js';
import { type ReadToLog, type RecordRow, registriesRepository as repo } from '../registries.repository.js';

/** Reads in one statement at most; batches in flight at once (each holds one pooled connection). */
const MAX_BATCH = 64;
const IN_FLIGHT = 3;

interface Waiting extends ReadToLog {
  resolve(r: RecordRow | null): void;
  reject(e: unknown): void;
}

/**
 * Group commit of logged reads. Each current read and its access-log rows (and a prefill's consent)
 * is one statement and one commit, a WAL flush; under load most of a read's database time was that
 * flush, and a round trip each. Reads that arrive while earlier batches are in flight wait for one
 * of them to end and then go out together: one statement, one round trip and one commit for up to
 * `MAX_BATCH` of them. Nothing is answered before its own statement has committed, so a read the
 * caller sees is always logged. Alone, a read goes out at the next turn of the event loop, as before.
 * If a batch fails, each of its reads is tried alone, so that one bad read fails only itself.
 */
class ReadBatcher {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly db: Db) {}

  read(r: ReadToLog): Promise<RecordRow | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...r, resolve, reject });
      this.kick();
    });
  }

  private kick() {
    if (this.scheduled || this.inFlight >= IN_FLIGHT || !this.queue.length) return;
    this.scheduled = true;
    // The reads of the same turn of the event loop go out together.
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < IN_FLIGHT && this.queue.length) void this.run(this.queue.splice(0, MAX_BATCH));
    });
  }

  private async run(batch: Waiting[]) {
    this.inFlight++;
    try {
      const rows = await repo.readAndLogMany(this.db, batch);
      batch.forEach((w, i) => w.resolve(rows[i] ?? null));
    } catch (e) {
      if (batch.length === 1) batch[0]!.reject(e);
      else
        await Promise.all(
          batch.map((w) =>
            repo.readAndLogMany(this.db, [w]).then(
              (r) => w.resolve(r[0] ?? null),
              (err: unknown) => w.reject(err),
            ),
          ),
        );
    } finally {
      this.inFlight--;
      this.kick();
    }
  }
}

const batchers = new WeakMap<Db, ReadBatcher>();

/** A current read and its log rows, committed in a group with the reads arriving beside it. */
export function readLogged(db: Db, r: ReadToLog): Promise<RecordRow | null> {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = new ReadBatcher(db)));
  return b.read(r);
}
