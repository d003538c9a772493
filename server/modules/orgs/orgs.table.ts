import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The organisation tree (SPEC "Who and where"): 区/县 → 街道/乡镇 → 社区/村, and 社工机构 → 社工站.
 * `kind` is one of ORG_KINDS in common/orgs.schema.ts.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** GB/T 2260 six-digit code for a district; 12-digit 统计用区划代码 for streets and communities. */
    code: text('code'),
    /** 统一社会信用代码 (GB 32100) of an agency or station. */
    creditCode: text('credit_code'),
    /**
     * 全宗号 of an agency or station that holds archives (DA/T 13—2022 §3.3, given by the archive it
     * files with): the first part of the 档号 of the cases it holds (common/orgs.rules.ts).
     */
    fondsCode: text('fonds_code'),
    address: text('address'),
    phone: text('phone'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    index('org_units_parent_idx').on(t.parentId),
    // DA/T 13—2022 §4.1: a 档号 is unique within the archive, so no two units share a 全宗号.
    uniqueIndex('org_units_fonds_code_idx').on(t.fondsCode).where(sql`${t.fondsCode} is not null`),
  ],
);

/** Which communities an agency or station serves (MZ/T 071 §8.1: posts per community). */
export const orgUnitServes = pgTable(
  'org_unit_serves',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.communityId] }), index('org_unit_serves_community_idx').on(t.communityId)],
);
