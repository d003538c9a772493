import { eq, sql } from 'drizzle-orm';
import { OPEN_CASE_STATUSES, type CaseStatus } from '../../../common/codes/case.codes';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/errors';
import { writeAudit } from '../audit/audit.service';
import {
  canApproveCase, canLeadCase, canReadCaseFile, canViewCase, canWorkOnCase, pendingSubmitterSql, type ApprovalFacts, type CaseAccess,
} from './cases.policy';
import { caseEvents, cases, notifications } from './cases.table';

export type CaseRow = typeof cases.$inferSelect;
/** `submittedBy`: who sent the plan or closure now waiting for approval (none when none waits). */
export type LoadedCase = { row: CaseRow; access: CaseAccess; submittedBy?: string | null };

/** The facts that decide who approves the case's pending plan or closure (cases.policy canApproveCase). */
export const approvalFacts = (c: LoadedCase): ApprovalFacts => ({
  status: c.row.status, leadUserId: c.row.leadUserId, supervisorUserId: c.row.supervisorUserId, submittedBy: c.submittedBy ?? null,
});

/**
 * One case as the caller may see it, with the caller's roles on it; 404 when it does not exist or
 * the caller may not see it (restricted or not: the same answer). `need: 'file'` (the default, for
 * every sub-resource: records, assessments, plan, referrals …) answers 403 `cases.file_closed` to a
 * manager who sees only the case's summary (canReadCaseFile); `need: 'summary'` is for the case's
 * own page and for approvals, whose presenter shows each caller what they may read. `lock` takes the
 * row lock of a transaction that changes the case. A restricted case's read is audited (社区矫正法
 * 第54条 etc.).
 */
export async function loadCase({
  db, actor, id, lock = false, audit = true, need = 'file',
}: { db: Db; actor: Actor; id: string; lock?: boolean; audit?: boolean; need?: 'file' | 'summary' }): Promise<LoadedCase> {
  // The case, the caller's roles on it and who sent its pending approval, in one statement.
  // Spelled with an alias: in a select list Drizzle leaves column names unqualified.
  const myRoles = sql<string[]>`array(select t.role from case_team t where t.case_id = ${sql.raw('"cases"."id"')} and t.user_id = ${actor.userId} and t.active)`;
  const q = db.select({ row: cases, myRoles, submittedBy: sql<string | null>`${pendingSubmitterSql}` }).from(cases).where(eq(cases.id, id));
  const [found] = lock ? await q.for('update', { of: cases }) : await q;
  if (!found) throw notFound();
  const { row } = found;
  const access: CaseAccess = { communityId: row.communityId, restricted: row.restricted, juvenile: row.juvenile, myRoles: found.myRoles };
  if (!canViewCase(actor, access)) throw notFound();
  if (need === 'file' && !canReadCaseFile(actor, access)) throw new AppError('cases.file_closed', 403);
  if (audit && row.restricted) {
    await writeAudit({ db, actor, action: 'cases.view_restricted', entityType: 'case', entityId: id, communityId: row.communityId });
  }
  return { row, access, submittedBy: found.submittedBy };
}

/** What the caller may do with a case: the buttons the web shows. */
export function caseAbilities(actor: Actor, c: LoadedCase) {
  const open = OPEN_CASE_STATUSES.includes(c.row.status as CaseStatus);
  return {
    work: open && canWorkOnCase(actor, c.access),
    lead: canLeadCase(actor, c.access),
    approve: canApproveCase(actor, c.access, approvalFacts(c)),
    followUp: c.row.status === 'closed' && canWorkOnCase(actor, c.access),
    readFile: canReadCaseFile(actor, c.access),
  };
}
export type CaseAbilities = ReturnType<typeof caseAbilities>;

/** 403 unless the caller works on the case (team worker or supervisor with `cases.write`). */
export function assertWork(actor: Actor, c: LoadedCase): void {
  if (!canWorkOnCase(actor, c.access)) throw new AppError('auth.forbidden', 403);
}

/** 409 `cases.closed` when the case no longer takes work (closed, declined, referred out). */
export function assertOpen(c: LoadedCase): void {
  if (!OPEN_CASE_STATUSES.includes(c.row.status as CaseStatus)) throw new AppError('cases.not_open', 409, { status: c.row.status });
}

/** Loads a case for a change: locked, the caller works on it, and (unless `closedOk`) it is open. */
export async function loadCaseForWork({ db, actor, id, closedOk = false }: { db: Db; actor: Actor; id: string; closedOk?: boolean }): Promise<LoadedCase> {
  const c = await loadCase({ db, actor, id, lock: true });
  assertWork(actor, c);
  if (!closedOk) assertOpen(c);
  return c;
}

/**
 * Writes one step into the case's history and the audit log, in the caller's transaction; bumps the
 * case's version and `updated_at` so that concurrent editors notice.
 */
export async function recordCaseEvent({
  db, actor, c, action, toStatus, note, detail,
}: {
  db: Db;
  actor: Actor;
  c: LoadedCase;
  action: string;
  toStatus?: CaseStatus;
  note?: string | null;
  detail?: Record<string, unknown>;
}): Promise<void> {
  await db.insert(caseEvents).values({ caseId: c.row.id, actorId: actor.userId, action, fromStatus: c.row.status, toStatus: toStatus ?? null, note: note ?? null, detail: detail ?? null });
  await db
    .update(cases)
    .set({ version: sql`${cases.version} + 1`, updatedAt: new Date(), updatedBy: actor.userId, ...(toStatus ? { status: toStatus } : {}) })
    .where(eq(cases.id, c.row.id));
  await writeAudit({
    db, actor, action, entityType: 'case', entityId: c.row.id, communityId: c.row.communityId,
    changes: toStatus && toStatus !== c.row.status ? { status: [c.row.status, toStatus] } : null,
    detail: { caseNo: c.row.caseNo, ...(note ? { note } : {}), ...(detail ?? {}) },
  });
}

/** An in-app notification about a case, prefixed with its number (the web lists them under the bell). */
export async function notifyUser(db: Db, userId: string | null, kind: string, c: LoadedCase, text: string): Promise<void> {
  if (userId) await db.insert(notifications).values({ userId, kind, caseId: c.row.id, text: `${c.row.caseNo}：${text}` });
}
