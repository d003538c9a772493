import { date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.table';
import { users } from '../users/users.table';

/**
 * 支持网络 (§6.2.4): a dated snapshot of the client's formal and informal ties, drawn as an ecomap;
 * snapshots of one case are compared over time. `ties` follows `ecomapTie` in
 * common/schemas/networks.schema.ts.
 */
export const caseEcomaps = pgTable(
  'case_ecomaps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    note: text('note'),
    ties: jsonb('ties').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [index('case_ecomaps_case_idx').on(t.caseId, t.takenOn)],
);
