import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../orgs/orgs.table';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** One of ROLES in common/permissions.ts. */
    role: text('role').notNull(),
    phone: text('phone'),
    /** The 督导 of a social worker: supervises the cases they open (MZ/T 071 §7.3). */
    supervisorId: uuid('supervisor_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** argon2id hash of a one-time reset code set by an administrator, and its expiry. */
    resetCodeHash: text('reset_code_hash'),
    resetCodeExpiresAt: timestamp('reset_code_expires_at', { withTimezone: true }),
    disabled: boolean('disabled').notNull().default(false),
    /**
     * The second factor (等保 2.0 三级 身份鉴别; auth.factor.ts): the TOTP secret, encrypted with the
     * data key; the secret of an enrolment not yet confirmed; when it was turned on; the last time
     * step accepted (a code is good once).
     */
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    totpLastStep: integer('totp_last_step'),
    /**
     * Set only by the demo seed, so that the demo accounts can be tried with a password alone: a
     * role that needs a second factor is not made to enrol. No API sets it; an administrator's reset
     * of the second factor clears it.
     */
    secondFactorExempt: boolean('second_factor_exempt').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`)],
);

/**
 * A user's post: the organisation units whose communities they work in. A post on a street covers
 * its communities; on an agency or station, the communities it serves. `canViewRestricted` grants
 * sight of restricted tags (社区矫正, 社区戒毒/康复, 家庭暴力受害人) in those communities.
 */
export const userPosts = pgTable(
  'user_posts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    canViewRestricted: boolean('can_view_restricted').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgUnitId] })],
);

/**
 * The communities each user's post covers (see users.scope.ts), kept by triggers on user_posts,
 * org_units and org_unit_serves: every change to posts or to the tree rebuilds it in the same
 * transaction, so a session never sees a stale scope. Read on every request.
 */
export const userScopes = pgTable(
  'user_scopes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    restricted: boolean('restricted').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.communityId] })],
);
