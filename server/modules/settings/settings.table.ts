import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.table';

/**
 * 风险等级: the levels a case can be given and the longest each may go without contact. No national
 * scheme exists (domain facts §6), so each deployment keeps its own, managed by the system
 * administrator (系统设置 → 风险等级). Codes never change once cases use them; a level no longer
 * offered is deactivated, not deleted.
 */
export const riskLevels = pgTable(
  'risk_levels',
  {
    code: text('code').primaryKey(),
    zh: text('zh').notNull(),
    en: text('en').notNull(),
    contactDays: integer('contact_days').notNull(),
    /** From the most urgent (0) down: the order of choices, filters and charts. */
    position: integer('position').notNull(),
    /** An antd preset colour (red, volcano, orange, gold, green, cyan, blue, purple, default). */
    color: text('color').notNull().default('default'),
    active: boolean('active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('risk_levels_contact_days_check', sql`${t.contactDays} between 1 and 365`)],
);
