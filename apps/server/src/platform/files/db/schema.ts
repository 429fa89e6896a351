import { bigint, index, text, timestamp } from 'drizzle-orm/pg-core';
import { platform } from '../../jobs/db/schema.js';

/** Uploaded files: metadata here, bytes in the blob store, addressed by SHA-256. */
export const files = platform.table(
  'files',
  {
    id: text('id').primaryKey(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    name: text('name').notNull(),
    ownerId: text('owner_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_sha_idx').on(t.sha256), index('files_owner_idx').on(t.ownerId)],
);
