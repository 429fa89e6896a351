import { once } from 'node:events';
import pg from 'pg';

type Connection = {
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
};

/**
 * `COPY … FROM STDIN` on one node-postgres client, fed from an iterable of text chunks (COPY's text
 * format, rows ending in a newline). The chunks are pulled as the socket drains, so a generator can
 * make rows while the server parses the previous ones. A chunk source that throws aborts the COPY
 * (CopyFail): the statement fails with nothing inserted. Answers the number of rows copied.
 */
export function copyFrom(
  client: pg.PoolClient | pg.Client,
  statement: string,
  chunks: AsyncIterable<string> | Iterable<string>,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const q = new CopyIn(statement, chunks, (err, res) => (err ? reject(err) : resolve(res?.rowCount ?? 0)));
    void client.query(q as unknown as pg.QueryConfig);
  });
}

class CopyIn extends (pg.Query as unknown as new (config: {
  text: string;
  callback: (err: Error | null, res?: { rowCount: number | null }) => void;
}) => object) {
  constructor(
    text: string,
    private readonly chunks: AsyncIterable<string> | Iterable<string>,
    callback: (err: Error | null, res?: { rowCount: number | null }) => void,
  ) {
    super({ text, callback });
  }

  handleCopyInResponse(connection: Connection) {
    void (async () => {
      try {
        for await (const chunk of this.chunks) {
          if (!chunk) continue;
          connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
          if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
        }
        connection.endCopyFrom();
      } catch (e) {
        connection.sendCopyFail(e instanceof Error ? e.message : String(e));
      }
    })();
  }
}

/** A value in COPY's text format: `\N` for null, backslash, tab, newline and return escaped. */
export function copyText(v: string | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
