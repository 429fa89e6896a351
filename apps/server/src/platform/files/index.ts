import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, count, eq, inArray, like, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { one } from '../db/rows.js';
import { AppError } from '../http/errors.js';
import { newId } from '../ids/index.js';
import { files } from './db/schema.js';
import { ALLOWED_TYPES, extensionOf, polyglotReason, sniffMediaType } from './sniff.js';

export type FileRow = typeof files.$inferSelect;
export interface FileInfo {
  id: string;
  name: string;
  size: number;
  mediaType: string;
  sha256: string;
}

export const toFileInfo = (f: FileRow): FileInfo => ({
  id: f.id,
  name: f.name,
  size: f.size,
  mediaType: f.mediaType,
  sha256: f.sha256,
});

/**
 * Content-addressed blob store on disk: `<root>/ab/cd/<sha256>`. Writes go to a temp file, are
 * hashed while streaming, and are renamed into place, so a crash never leaves a half file under a
 * valid name and the same content is stored once.
 */
export class FileStore {
  constructor(
    private readonly root: string,
    readonly maxBytes: number,
  ) {}

  /** Fan-out directories made (or found) by this process: one mkdir each rather than one per file. */
  private readonly dirs = new Set<string>();

  private pathFor(sha: string) {
    return join(this.root, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  private async dirFor(dest: string) {
    const dir = dirname(dest);
    if (this.dirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    if (this.dirs.size >= 70_000) this.dirs.clear();
    this.dirs.add(dir);
  }

  /** Stream in, enforce the size limit, sniff the type from the first bytes, store by hash. */
  async put(stream: Readable, name: string): Promise<{ sha256: string; size: number; mediaType: string }> {
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    const tmp = join(this.root, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const head: Buffer[] = [];
    let headLen = 0;
    let tail = Buffer.alloc(0);
    const max = this.maxBytes;
    try {
      await pipeline(
        stream,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > max)
              throw new AppError(413, 'FILE_TOO_LARGE', `Files are limited to ${max} bytes.`, { maxBytes: max });
            if (headLen < 4100) {
              head.push(chunk);
              headLen += chunk.length;
            }
            tail = Buffer.concat([tail, chunk.subarray(Math.max(0, chunk.length - 1024))]);
            if (tail.length > 1024) tail = tail.subarray(tail.length - 1024);
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(tmp),
      );
      if ((stream as Readable & { truncated?: boolean }).truncated) {
        throw new AppError(413, 'FILE_TOO_LARGE', `Files are limited to ${max} bytes.`, { maxBytes: max });
      }
      if (size === 0)
        throw new AppError(422, 'FILE_EMPTY', 'The file is empty.', {}, [
          { path: 'file', code: 'FILE_EMPTY', message: 'The file is empty.' },
        ]);
      const mediaType = await sniffMediaType(Buffer.concat(head).subarray(0, 4100));
      if (!mediaType || !ALLOWED_TYPES[mediaType]) {
        throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', 'This kind of file is not accepted.', {
          allowed: Object.keys(ALLOWED_TYPES),
        });
      }
      const polyglot = polyglotReason(mediaType, Buffer.concat(head).subarray(0, 4100), tail);
      if (polyglot) {
        throw new AppError(
          415,
          'FILE_CONTENT_MISMATCH',
          `The content is not a well-formed ${mediaType}: ${polyglot}.`,
          {
            mediaType,
            reason: polyglot,
          },
        );
      }
      const ext = extensionOf(name);
      if (ext && !ALLOWED_TYPES[mediaType].includes(ext)) {
        throw new AppError(415, 'FILE_TYPE_MISMATCH', `The content is ${mediaType}, not .${ext}.`, {
          mediaType,
          extension: ext,
        });
      }
      const sha256 = hash.digest('hex');
      const dest = this.pathFor(sha256);
      await mkdir(join(dest, '..'), { recursive: true });
      await rename(tmp, dest);
      return { sha256, size, mediaType };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /**
   * Store bytes made by the platform itself (PDFs, signed files). `sha256`: the caller's own hash
   * of these very bytes (hex), when it already computed one, so they are not hashed twice.
   */
  async putBuffer(
    buf: Buffer,
    sha256 = createHash('sha256').update(buf).digest('hex'),
  ): Promise<{ sha256: string; size: number }> {
    const dest = this.pathFor(sha256);
    await this.dirFor(dest);
    const tmp = `${dest}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, buf);
    } catch (e) {
      // The directory was removed behind our back (a cleaned store): make it again, once.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.dirs.delete(dirname(dest));
      await this.dirFor(dest);
      await writeFile(tmp, buf);
    }
    await rename(tmp, dest);
    return { sha256, size: buf.length };
  }

  async exists(sha256: string) {
    return stat(this.pathFor(sha256)).then(
      () => true,
      () => false,
    );
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathFor(sha256));
  }

  async read(sha256: string): Promise<Buffer> {
    return readFile(this.pathFor(sha256));
  }

  /**
   * Delete a blob nothing names any more. The blob is first moved aside (one rename: what is checked
   * is what goes), then deleted only if it is at least `minAgeMs` old and `stillNeeded()` (asked
   * after the move) says no; otherwise it is put back. A `put` or `putBuffer` of the same bytes
   * renames a fresh file into place: before the move, the blob moved aside is that young file and
   * goes back (its row may not be committed yet); after it, the new file is a new blob this does not
   * touch. `now`: the caller's clock (the platform's), by which the age is measured. True when the
   * bytes were deleted, false when they stay or were not there.
   */
  async discard(
    sha256: string,
    o: { minAgeMs: number; stillNeeded: () => Promise<boolean>; now?: Date },
  ): Promise<boolean> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    const aside = join(this.root, 'tmp', `${sha256}.${randomUUID()}.discard`);
    try {
      await rename(this.pathFor(sha256), aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
    let keep = true;
    try {
      keep = (o.now ?? new Date()).getTime() - (await stat(aside)).mtimeMs < o.minAgeMs || (await o.stillNeeded());
    } finally {
      if (keep) {
        // Back under its name, unless a new put already wrote the same bytes there.
        await link(aside, this.pathFor(sha256)).catch((e: NodeJS.ErrnoException) => {
          if (e.code !== 'EEXIST') throw e;
        });
      }
      await rm(aside, { force: true });
    }
    return !keep;
  }
}

/** Columns that name a blob by its hash: text columns called `sha256` or `…_sha256`, in any module's schema. */
async function blobColumns(db: Executor) {
  const res = (await db.execute(sql`
    select table_schema as s, table_name as t, column_name as c from information_schema.columns
    where (column_name = 'sha256' or column_name like '%\_sha256') and data_type = 'text'
      and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2, 3`)) as unknown as { rows: { s: string; t: string; c: string }[] };
  return res.rows;
}
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export const fileRepository = {
  async insert(db: Executor, row: Omit<typeof files.$inferInsert, 'id'>) {
    return one(
      await db
        .insert(files)
        .values({ id: newId('fil'), ...row })
        .returning(),
      'file',
    );
  },
  async byId(db: Executor, id: string) {
    return (await db.select().from(files).where(eq(files.id, id)))[0] ?? null;
  },
  /** Files of owners whose id starts with `prefix` (a module's synthetic owners), created before `before`. */
  async ownedWithPrefix(db: Executor, prefix: string, before: Date) {
    return db
      .select({ id: files.id, ownerId: files.ownerId, sha256: files.sha256, size: files.size })
      .from(files)
      .where(and(like(files.ownerId, `${prefix.replace(/[\\%_]/g, '\\$&')}%`), lt(files.createdAt, before)));
  },
  /** Forget these file rows (the content-addressed blobs stay: other rows may share them); the rows removed. */
  async deleteRows(db: Executor, ids: string[]) {
    if (!ids.length) return [];
    return db
      .delete(files)
      .where(inArray(files.id, ids))
      .returning({ id: files.id, sha256: files.sha256, size: files.size });
  },
  /** Which of these blobs some file row still names. */
  async referencedBlobs(db: Executor, sha256s: string[]) {
    if (!sha256s.length) return new Set<string>();
    const rows = await db.selectDistinct({ sha256: files.sha256 }).from(files).where(inArray(files.sha256, sha256s));
    return new Set(rows.map((r) => r.sha256));
  },
  /**
   * Which of these blobs anything still names: a file row, or a hash column of any module (text
   * columns `sha256` or `…_sha256`: modules that keep bytes with `putBuffer` without a file row name
   * them so). For deleting blobs (`FileStore.discard`).
   */
  async blobsNamedAnywhere(db: Executor, sha256s: string[]) {
    if (!sha256s.length) return new Set<string>();
    const cols = await blobColumns(db);
    const list = sql.join(
      sha256s.map((x) => sql`${x}`),
      sql`, `,
    );
    const parts = cols.map(
      (c) =>
        sql`select ${sql.raw(ident(c.c))}::text as sha from ${sql.raw(`${ident(c.s)}.${ident(c.t)}`)} where ${sql.raw(ident(c.c))} in (${list})`,
    );
    const res = (await db.execute(
      sql`select distinct sha from (${sql.join(parts, sql` union all `)}) x`,
    )) as unknown as {
      rows: { sha: string }[];
    };
    return new Set(res.rows.map((r) => r.sha));
  },
  /** The ids of the files an owner (an account, or a module's synthetic owner) holds. */
  async idsByOwner(db: Executor, ownerId: string) {
    return (await db.select({ id: files.id }).from(files).where(eq(files.ownerId, ownerId))).map((r) => r.id);
  },
  /** Of these file ids, those that still have a row. */
  async existingIds(db: Executor, ids: string[]) {
    if (!ids.length) return new Set<string>();
    return new Set((await db.select({ id: files.id }).from(files).where(inArray(files.id, ids))).map((r) => r.id));
  },
  /**
   * Serialise, until the end of the caller's transaction, the writes that must see one owner's files
   * as a whole (a count against a cap, a delete against a filing): a transaction-scoped advisory lock
   * on the owner id, so no row needs to exist to be locked.
   */
  async lockOwner(tx: Executor, ownerId: string) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`files.owner:${ownerId}`}))`);
  },
  /** How many files an owner (an account, or a module's synthetic owner) holds. */
  async countByOwner(db: Executor, ownerId: string) {
    return (await db.select({ n: count() }).from(files).where(eq(files.ownerId, ownerId)))[0]?.n ?? 0;
  },
};
