import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../http/auth.js';
import { AppError, NotFoundError, ValidationError } from '../http/errors.js';
import { badText } from '../http/json-limits.js';
import type { App } from '../http/server.js';
import type { PlatformDeps } from '../module.js';
import { type FileStore, fileRepository, toFileInfo } from './index.js';

export const fileInfoDto = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  mediaType: z.string(),
  sha256: z.string(),
});

/**
 * Read the multipart field `file` of a request into the store: size-limited (`maxBytes`, at most the
 * store's), type sniffed from the content, names checked. Shared by the upload routes of modules.
 */
export async function receiveUpload(req: FastifyRequest, store: FileStore, maxBytes = store.maxBytes) {
  if (!req.isMultipart())
    throw new AppError(415, 'MULTIPART_REQUIRED', 'Send multipart/form-data with a `file` field.');
  const limit = Math.min(maxBytes, store.maxBytes);
  const part = await req.file({ limits: { fileSize: limit, files: 1 } });
  if (!part || part.fieldname !== 'file') {
    throw new AppError(422, 'VALIDATION_FAILED', 'A file is required.', {}, [
      { path: 'file', code: 'REQUIRED', message: 'Attach the file in the `file` field.' },
    ]);
  }
  // Field names and file names are data too: no NUL, lone surrogate or bytes that were not UTF-8
  // (busboy puts U+FFFD in their place).
  for (const [path, value] of [
    ['file', part.fieldname],
    ['file.filename', part.filename ?? ''],
  ] as const) {
    const reason = value.includes('\ufffd') ? 'INVALID_UTF8' : badText(value);
    if (reason) {
      part.file.resume();
      throw ValidationError.field(path, reason, 'The multipart name holds characters that are refused.');
    }
  }
  const name = (part.filename || 'file')
    .normalize('NFC')
    .replace(/[/\\\0]/g, '_')
    .slice(0, 255);
  const tooLarge = () =>
    new AppError(413, 'FILE_TOO_LARGE', `Files are limited to ${limit} bytes.`, { maxBytes: limit });
  // The multipart reader cuts the stream at this route's limit; the store then reports its own
  // (larger) limit, which is not the one the caller broke: name the route's.
  const stored = await store.put(part.file, name).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'FILE_TOO_LARGE' ? tooLarge() : e;
  });
  if (stored.size > limit) throw tooLarge();
  return { stored, name };
}

/** Upload (any logged-in user) and download of one's own uploads; modules serve the rest after their own checks. */
export function fileRoutes(deps: PlatformDeps, store: FileStore) {
  return (app: App) => {
    app.post(
      '/api/files',
      {
        schema: {
          tags: ['files'],
          summary: 'Upload a file (multipart field `file`); the type is sniffed from the content',
          consumes: ['multipart/form-data'],
          response: { 201: fileInfoDto },
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const { stored, name } = await receiveUpload(req, store);
        const row = await fileRepository.insert(deps.db, { ...stored, name, ownerId: p.userId });
        return reply.code(201).send(toFileInfo(row));
      },
    );
    app.get(
      '/api/files/:id',
      {
        schema: {
          tags: ['files'],
          summary: 'Download a file you uploaded',
          params: z.object({ id: z.string().max(64) }),
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const f = await fileRepository.byId(deps.db, req.params.id);
        // Someone else's file is "not found", not "forbidden": no probing of ids.
        if (!f || f.ownerId !== p.userId) throw new NotFoundError('FILE_NOT_FOUND', 'No such file.');
        reply.header('content-type', f.mediaType);
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
        return reply.send(store.open(f.sha256));
      },
    );
  };
}
