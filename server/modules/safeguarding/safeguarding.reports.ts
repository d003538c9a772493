import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DISMISSABLE_REPORT_KINDS } from '../../../common/codes/case.codes';
import type { Page } from '../../../common/schemas/common.schema';
import type {
  MandatoryReport, MandatoryReportDismissInput, MandatoryReportFlagInput, MandatoryReportRecordInput, ReportDue,
} from '../../../common/schemas/safeguarding.schema';
import type { Db } from '../../db/client';
import { can, type Actor } from '../../lib/actor';
import { AppError, fieldError, notFound } from '../../lib/errors';
import { writeAudit } from '../audit/audit.service';
import { loadCase, loadCaseForWork, type LoadedCase } from '../cases/cases.access';
import { cases, caseTeam } from '../cases/cases.table';
import { residents } from '../residents/residents.table';
import { users } from '../users/users.table';
import { presentReport } from './safeguarding.presenter';
import { reportDueAt } from './safeguarding.rules';
import { mandatoryReports } from './safeguarding.table';

// ——— 强制报告 (反家庭暴力法 第14条, 未成年人保护法 第11条, 戒毒条例 第21条) ———
//
// A flagged concern is the client's most sensitive information, and 第14条 has the reporter's identity
// kept confidential: only the case team (anyone with an active role on it) sees a report, its text
// or that it exists, and each read is audited. Managers who oversee the case by scope see none of it
// (not in the reports list, 我的待办, the case history or any count). Flags, reports and dismissals
// are written to the audit log only, never to the case history that overseers read.

/** Neither reported nor dismissed: still to do, blocks closure, overdue after its due time. */
const isOpen = and(isNull(mandatoryReports.reportedAt), isNull(mandatoryReports.dismissedAt))!;

/** The case team: anyone with an active role on the case; an overseeing manager has none. */
const onTeam = (c: LoadedCase) => c.access.myRoles.length > 0;

async function reportRows(db: Db, where: SQL) {
  const flagger = alias(users, 'flagger');
  const reporter = alias(users, 'reporter');
  const dismisser = alias(users, 'dismisser');
  const rows = await db
    .select({ r: mandatoryReports, flaggedByName: flagger.displayName, reporterName: reporter.displayName, dismissedByName: dismisser.displayName })
    .from(mandatoryReports)
    .leftJoin(flagger, eq(flagger.id, mandatoryReports.flaggedBy))
    .leftJoin(reporter, eq(reporter.id, mandatoryReports.reporterUserId))
    .leftJoin(dismisser, eq(dismisser.id, mandatoryReports.dismissedBy))
    .where(where)
    .orderBy(sql`${mandatoryReports.reportedAt} is not null or ${mandatoryReports.dismissedAt} is not null`, desc(mandatoryReports.flaggedAt));
  return rows.map(({ r, ...names }) => presentReport(r, names));
}

/**
 * The mandatory reports of a case, open ones first, for its team only: anyone else who may see the
 * case gets 403 `safeguarding.team_only`, whether or not there are any. Each read is audited.
 */
export async function listReports({ db, actor, caseId }: { db: Db; actor: Actor; caseId: string }): Promise<Page<MandatoryReport>> {
  const c = await loadCase({ db, actor, id: caseId });
  if (!onTeam(c)) throw new AppError('safeguarding.team_only', 403);
  const data = await reportRows(db, eq(mandatoryReports.caseId, caseId));
  if (data.length) {
    await writeAudit({
      db, actor, action: 'safeguarding.report_view', entityType: 'case', entityId: caseId, communityId: c.row.communityId,
      detail: { caseNo: c.row.caseNo, reports: data.length },
    });
  }
  return { data, total: data.length };
}

/** Opens a report task due MANDATORY_REPORT_DUE_HOURS later (audit log only, see above). */
export async function openReport({ db, actor, c, kind, concern, auto }: { db: Db; actor: Actor; c: LoadedCase; kind: string; concern: string; auto: boolean }) {
  const now = new Date();
  const [row] = await db
    .insert(mandatoryReports)
    .values({ caseId: c.row.id, kind, concern, flaggedAt: now, flaggedBy: actor.userId, dueAt: reportDueAt(now), createdAt: now })
    .returning();
  await writeAudit({
    db, actor, action: 'safeguarding.report_flag', entityType: 'mandatory_report', entityId: row.id, communityId: c.row.communityId,
    detail: { caseId: c.row.id, caseNo: c.row.caseNo, kind, auto },
  });
  return presentReport(row, { flaggedByName: actor.displayName, reporterName: null, dismissedByName: null });
}

/**
 * Flags a suspicion that obliges a report. Allowed on any case the caller works on, general ones
 * included (the suspicion often arises there), and on a closed case: the duty does not end with it.
 */
export async function flagReport({ db, actor, caseId, input }: { db: Db; actor: Actor; caseId: string; input: MandatoryReportFlagInput }) {
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id: caseId, closedOk: true });
    return { data: await openReport({ db: tx, actor, c, kind: input.kind, concern: input.concern, auto: false }) };
  });
}

/** The case (locked, worked on by the caller) and its report, locked, that is still open. */
async function loadOpenReport(tx: Db, actor: Actor, caseId: string, reportId: string) {
  const c = await loadCaseForWork({ db: tx, actor, id: caseId, closedOk: true });
  const [r] = await tx
    .select()
    .from(mandatoryReports)
    .where(and(eq(mandatoryReports.id, reportId), eq(mandatoryReports.caseId, caseId)))
    .for('update');
  if (!r) throw notFound();
  if (r.reportedAt) throw new AppError('safeguarding.already_reported', 409, { reportedAt: r.reportedAt.toISOString() });
  if (r.dismissedAt) throw new AppError('safeguarding.already_dismissed', 409, { dismissedAt: r.dismissedAt.toISOString() });
  return { c, r };
}

/** Records the report as made (to whom, when, how, receipt); it closes the task. */
export async function recordReport({ db, actor, caseId, reportId, input }: { db: Db; actor: Actor; caseId: string; reportId: string; input: MandatoryReportRecordInput }) {
  return db.transaction(async (tx) => {
    const { c, r } = await loadOpenReport(tx, actor, caseId, reportId);
    const reportedAt = new Date(input.reportedAt);
    // A few minutes of slack for the clock of the worker's phone.
    if (reportedAt.getTime() > Date.now() + 5 * 60_000) throw fieldError('reportedAt', 'future_date', '报告时间不能晚于现在');
    await tx
      .update(mandatoryReports)
      .set({ reportedAt, reportedTo: input.reportedTo, method: input.method, reference: input.reference ?? null, reporterUserId: actor.userId })
      .where(eq(mandatoryReports.id, reportId));
    await writeAudit({
      db: tx, actor, action: 'safeguarding.report_record', entityType: 'mandatory_report', entityId: reportId, communityId: c.row.communityId,
      detail: { caseId, caseNo: c.row.caseNo, kind: r.kind, method: input.method, late: reportedAt > r.dueAt },
    });
    const [data] = await reportRows(tx, eq(mandatoryReports.id, reportId));
    return { data };
  });
}

/**
 * Closes a suspicion the team found unfounded, without a report: it is no longer due, overdue or in
 * the way of closing the case. Only a worker on the case, with a reason; the reason stays on the
 * report (team only), the audit log records who closed which report, when.
 */
export async function dismissReport({ db, actor, caseId, reportId, input }: { db: Db; actor: Actor; caseId: string; reportId: string; input: MandatoryReportDismissInput }) {
  return db.transaction(async (tx) => {
    const { c, r } = await loadOpenReport(tx, actor, caseId, reportId);
    if (!DISMISSABLE_REPORT_KINDS.includes(r.kind)) throw new AppError('safeguarding.not_dismissable', 409, { kind: r.kind });
    await tx.update(mandatoryReports).set({ dismissedAt: new Date(), dismissedBy: actor.userId, dismissReason: input.reason }).where(eq(mandatoryReports.id, reportId));
    await writeAudit({
      db: tx, actor, action: 'safeguarding.report_dismiss', entityType: 'mandatory_report', entityId: reportId, communityId: c.row.communityId,
      detail: { caseId, caseNo: c.row.caseNo, kind: r.kind, overdue: r.dueAt < new Date() },
    });
    const [data] = await reportRows(tx, eq(mandatoryReports.id, reportId));
    return { data };
  });
}

/** Whether a case has an open report of this kind (a serious breach opens only one at a time). */
export async function hasOpenReportOfKind(db: Db, caseId: string, kind: string): Promise<boolean> {
  const [r] = await db
    .select({ id: mandatoryReports.id })
    .from(mandatoryReports)
    .where(and(eq(mandatoryReports.caseId, caseId), eq(mandatoryReports.kind, kind), isOpen))
    .limit(1);
  return !!r;
}

/** Open reports on the cases the actor works on (lead, co-worker, supervisor), for 我的待办. */
export async function reportsDue({ db, actor }: { db: Db; actor: Actor }): Promise<ReportDue[]> {
  if (!can(actor, 'cases.write')) return [];
  const rows = await db
    .select({ r: mandatoryReports, caseNo: cases.caseNo, clientName: residents.name })
    .from(mandatoryReports)
    .innerJoin(cases, eq(cases.id, mandatoryReports.caseId))
    .innerJoin(residents, eq(residents.id, cases.residentId))
    .where(
      and(
        isOpen,
        sql`exists (select 1 from ${caseTeam} where ${caseTeam.caseId} = ${mandatoryReports.caseId} and ${caseTeam.userId} = ${actor.userId}
          and ${caseTeam.active} and ${caseTeam.role} in ('lead', 'co_worker', 'supervisor'))`,
      ),
    )
    .orderBy(asc(mandatoryReports.dueAt));
  const now = new Date();
  return rows.map(({ r, caseNo, clientName }) => ({
    id: r.id, caseId: r.caseId, caseNo, clientName, kind: r.kind, flaggedAt: r.flaggedAt.toISOString(), dueAt: r.dueAt.toISOString(), overdue: r.dueAt < now,
  }));
}

/** Whether a case still has a report to make: a closure should wait for it. */
export async function hasOpenReports({ db, caseId }: { db: Db; caseId: string }): Promise<boolean> {
  const [r] = await db.select({ id: mandatoryReports.id }).from(mandatoryReports).where(and(eq(mandatoryReports.caseId, caseId), isOpen)).limit(1);
  return !!r;
}
