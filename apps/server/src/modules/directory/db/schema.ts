import { boolean, index, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const directorySchema = pgSchema('directory');

export const agencies = directorySchema.table(
  'agencies',
  {
    id: text('id').primaryKey(),
    /** Electronic identifier code, Decision 20/2020 form (`G22`, `H26.01`). */
    code: text('code').notNull().unique(),
    /** Legacy QCVN 102:2016 form (`000.00.00.G22`), still used in exchanged data. */
    legacyCode: text('legacy_code').unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    shortName: text('short_name'),
    level: text('level').notNull().$type<'central' | 'ministry' | 'province' | 'department' | 'commune'>(),
    parentId: text('parent_id'),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agencies_parent_idx').on(t.parentId), index('agencies_level_idx').on(t.level)],
);
