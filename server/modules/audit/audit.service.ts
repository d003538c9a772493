import { and, count, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { RESTRICTED_TAGS } from '../../../common/codes/tag.codes';
import type { AuditEntry, AuditListQuery } from '../../../common/schemas/audit.schema';
import type { Page } from '../../../common/schemas/common.schema';
import { maskIdNumber } from '../../../common/validators/id-number.validator';
import { maskPhone } from '../../../common/validators/phone.validator';
import { insertMany } from '../../db/bulk';
import { parallel, type Db } from '../../db/client';
import type { Actor, RequestContext } from '../../lib/actor';
import { orgUnits } from '../orgs/orgs.table';
import { seesFullAudit, summarize, visibleAuditWhere } from './audit.policy';
import { auditLog } from './audit.table';

export type AuditInput = {
  db: Db;
  actor: Actor | (RequestContext & { userId?: string | null; username?: string | null; role?: string | null });
  action: string;
  entityType?: string;
  entityId?: string;
  communityId?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  changes?: Record<string, [unknown, unknown]> | null;
  detail?: Record<string, unknown> | null;
};

const auditRow = (a: Omit<AuditInput, 'db'>) => ({
  actorId: a.actor.userId ?? null,
  actorUsername: a.actor.username ?? null,
  actorRole: a.actor.role ?? null,
  action: a.action,
  entityType: a.entityType ?? null,
  entityId: a.entityId ?? null,
  communityId: a.communityId ?? null,
  outcome: a.outcome ?? 'success',
  ip: a.actor.ip,
  requestId: a.actor.requestId,
  changes: a.changes && Object.keys(a.changes).length ? a.changes : null,
  detail: a.detail ?? null,
});

/** Appends one audit row. Call it with the transaction of the change it records. */
export async function writeAudit(a: AuditInput): Promise<void> {
  await a.db.insert(auditLog).values(auditRow(a));
}

/** Appends several rows in one statement (a bulk write such as an import), in the same transaction. */
export async function writeAudits({ db, entries }: { db: Db; entries: Omit<AuditInput, 'db'>[] }): Promise<void> {
  await insertMany(db, auditLog, entries.map(auditRow));
}

const MASKERS: Record<string, (v: string) => string> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  guardianPhone: maskPhone,
  emergencyPhone: maskPhone,
};

/**
 * `{ field: [before, after] }` for the fields that differ. Personal identifiers are stored masked:
 * the log shows that they changed without becoming a second copy of them.
 */
export function diffChanges(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]) {
  const out: Record<string, [unknown, unknown]> = {};
  for (const f of fields) {
    const b = before[f] ?? null;
    const a = after[f] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    const mask = MASKERS[f];
    out[f] = mask ? [b == null ? null : mask(String(b)), a == null ? null : mask(String(a))] : [b, a];
  }
  return out;
}

/** A tag snapshot entry is `code`, `code@start`, `code~end` or `code@start~end`. */
const tagCodeOf = (entry: unknown) => String(entry).split(/[@~]/)[0];
/** No tags and an empty list read the same once restricted tags are removed. */
const sameTags = (a: unknown, b: unknown) => {
  const norm = (v: unknown) => (Array.isArray(v) && v.length === 0 ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
};

/**
 * Restricted tags (社区矫正, 社区戒毒/康复, 家庭暴力受害人) exist only for users given that right for the
 * row's community; for everyone else, a resident's history reads as if they had never been set.
 */
export function hideRestrictedTags(entry: AuditEntry, actor: Pick<Actor, 'restrictedCommunityIds'>): AuditEntry {
  if (entry.communityId && actor.restrictedCommunityIds.includes(entry.communityId)) return entry;
  const tags = entry.changes?.tags;
  if (!tags) return entry;
  const visible = (v: unknown) => (Array.isArray(v) ? v.filter((t) => !RESTRICTED_TAGS.includes(tagCodeOf(t))) : v);
  const before = visible(tags[0]);
  const after = visible(tags[1]);
  const { tags: _t, ...rest } = entry.changes!;
  const changes = sameTags(before, after) ? rest : { ...rest, tags: [before, after] as [unknown, unknown] };
  return { ...entry, changes: Object.keys(changes).length ? changes : null };
}

/**
 * Searches the audit log (newest first) as the caller may see it (audit.policy.ts). The audit
 * administrator's read of the full detail is itself a row.
 */
export async function listAudit({ db, actor, query }: { db: Db; actor: Actor; query: AuditListQuery }): Promise<Page<AuditEntry>> {
  const scope = visibleAuditWhere(actor);
  const where: SQL[] = scope ? [scope] : [];
  if (query.actorId) where.push(eq(auditLog.actorId, query.actorId));
  if (query.action) where.push(sql`${auditLog.action} like ${`${query.action.replace(/[%_\\]/g, '\\$&')}%`}`);
  if (query.entityType) where.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.outcome) where.push(eq(auditLog.outcome, query.outcome));
  if (query.from) where.push(gte(auditLog.at, new Date(`${query.from}T00:00:00+08:00`)));
  if (query.to) where.push(lt(auditLog.at, new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 86_400_000)));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(or(ilike(auditLog.actorUsername, like), ilike(auditLog.action, like), eq(auditLog.entityId, query.q))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const [rows, [{ total }]] = await parallel(db, [
    () => db
      .select({ row: auditLog, communityName: orgUnits.name })
      .from(auditLog)
      .leftJoin(orgUnits, eq(orgUnits.id, auditLog.communityId))
      .where(cond)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    () => db.select({ total: count() }).from(auditLog).where(cond),
  ]);
  const entries = rows.map((r) => presentAudit(r.row, r.communityName));
  if (!seesFullAudit(actor)) return { data: entries.map(summarize), total };
  const { page, pageSize: _size, ...filters } = query;
  await writeAudit({ db, actor, action: 'audit.read_detail', detail: { filters, page, rows: rows.length } });
  return { data: entries, total };
}

/** The change history of one record, for the people who may see that record. */
export async function listEntityHistory({ db, entityType, entityId }: { db: Db; entityType: string; entityId: string }) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId), sql`${auditLog.changes} is not null`))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(200);
  return rows.map((r) => presentAudit(r));
}

const blank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

function presentAudit(r: typeof auditLog.$inferSelect, communityName: string | null = null): AuditEntry {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorUsername: r.actorUsername,
    actorRole: r.actorRole,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    communityId: r.communityId,
    communityName,
    outcome: r.outcome,
    ip: r.ip,
    changedFields: Object.entries(r.changes ?? {}).filter(([, [b, a]]) => !(blank(b) && blank(a))).map(([f]) => f),
    changes: r.changes,
    detail: r.detail,
  };
}
