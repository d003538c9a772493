import { type AnyPgColumn, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../orgs/orgs.table';
import { users } from '../users/users.table';
import { residents } from '../residents/residents.table';

/** 户/家庭 (MZ/T 071 §5.1, §8.3.2). Members are residents whose `household_id` points here. */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => orgUnits.id),
    /** 小区 / 楼栋 / 单元 / 室, or 村民小组 and house number in a village. */
    neighborhood: text('neighborhood'),
    building: text('building'),
    unit: text('unit'),
    room: text('room'),
    addressDetail: text('address_detail'),
    /** One of HOUSEHOLD_TYPES in common/codes.ts. */
    type: text('type').notNull().default('ordinary'),
    headResidentId: uuid('head_resident_id').references((): AnyPgColumn => residents.id, { onDelete: 'set null' }),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    index('households_community_idx').on(t.communityId, t.neighborhood, t.building, t.unit, t.room),
    index('households_head_idx').on(t.headResidentId),
  ],
);
