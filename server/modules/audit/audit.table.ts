import { bigserial, boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit log (等保 2.0 安全审计; 网络安全法 第21条). A trigger in the migrations refuses
 * UPDATE, DELETE and TRUNCATE, so nobody can change it through the app.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    actorRole: text('actor_role'),
    /** Dotted verb, e.g. `residents.update`, `auth.login_failed`. */
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    communityId: uuid('community_id'),
    outcome: text('outcome').notNull().default('success'),
    ip: text('ip'),
    requestId: text('request_id'),
    /** Changed fields: { field: [before, after] }, personal identifiers masked. */
    changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    /**
     * Written about a restricted case (社区矫正, 社区戒毒/康复, 家庭暴力): the row itself, not only its
     * content, is for the audit administrator alone. Set on insert by a trigger (migration 0014) from
     * the case, or the case of the referral, the row names — no writer can forget it.
     */
    restricted: boolean('restricted').notNull().default(false),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId, t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);
