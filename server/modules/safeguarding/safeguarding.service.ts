import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { chinaToday } from '../../../common/dates';
import type { Page } from '../../../common/schemas/common.schema';
import {
  CORRECTION_FIELDS, REHAB_FIELDS, type MandatoryReport, type MandatoryReportFlagInput, type MandatoryReportRecordInput, type ProtectiveOrder,
  type ProtectiveOrderInput, type ReportDue, type RestrictedDetails, type RestrictedDetailsInput,
} from '../../../common/schemas/safeguarding.schema';
import type { Db } from '../../db/client';
import { can, type Actor } from '../../lib/actor';
import { AppError, fieldError, notFound, versionConflict } from '../../lib/errors';
import { writeAudit } from '../audit/audit.service';
import { caseAbilities, loadCase, loadCaseForWork, recordCaseEvent, type LoadedCase } from '../cases/cases.access';
import { caseFollowups, cases, caseTeam } from '../cases/cases.table';
import { residents } from '../residents/residents.table';
import { users } from '../users/users.table';
import { presentDetails, presentOrder, presentReport, presentVisit, type DetailsRow } from './safeguarding.presenter';
import {
  crossesSeriousThreshold, hasRestrictedDetails, orderVisitDates, protectionOrderLatestEnd, protectionOrderTooLong, rehabTermEnd, reportDueAt,
  seriousViolationConcern,
} from './safeguarding.rules';
import { caseRestrictedDetails, mandatoryReports, protectiveOrders } from './safeguarding.table';

/** Anyone with a role on the case is its team; an overseeing manager has none. */
const onTeam = (c: LoadedCase) => c.access.myRoles.length > 0;

// ——— 强制报告 (反家庭暴力法 第14条, 未成年人保护法 第11条, 戒毒条例 第21条) ———

async function reportRows(db: Db, where: SQL) {
  const flagger = alias(users, 'flagger');
  const reporter = alias(users, 'reporter');
  return db
    .select({ r: mandatoryReports, flaggedByName: flagger.displayName, reporterName: reporter.displayName })
    .from(mandatoryReports)
    .leftJoin(flagger, eq(flagger.id, mandatoryReports.flaggedBy))
    .leftJoin(reporter, eq(reporter.id, mandatoryReports.reporterUserId))
    .where(where)
    .orderBy(sql`${mandatoryReports.reportedAt} is not null`, desc(mandatoryReports.flaggedAt));
}

/** The mandatory reports of a case, open ones first; the reporter's identity only for the team. */
export async function listReports({ db, actor, caseId }: { db: Db; actor: Actor; caseId: string }): Promise<Page<MandatoryReport>> {
  const c = await loadCase({ db, actor, id: caseId });
  const rows = await reportRows(db, eq(mandatoryReports.caseId, caseId));
  return { data: rows.map((x) => presentReport(x.r, { onTeam: onTeam(c), flaggedByName: x.flaggedByName, reporterName: x.reporterName })), total: rows.length };
}

/**
 * Opens a report task due MANDATORY_REPORT_DUE_HOURS later. Written to the audit log only, not to the
 * case history: the history is read by managers overseeing the case, and who flagged stays with the team.
 */
async function openReport({ db, actor, c, kind, concern, auto }: { db: Db; actor: Actor; c: LoadedCase; kind: string; concern: string; auto: boolean }) {
  const now = new Date();
  const [row] = await db
    .insert(mandatoryReports)
    .values({ caseId: c.row.id, kind, concern, flaggedAt: now, flaggedBy: actor.userId, dueAt: reportDueAt(now), createdAt: now })
    .returning();
  await writeAudit({
    db, actor, action: 'safeguarding.report_flag', entityType: 'mandatory_report', entityId: row.id, communityId: c.row.communityId,
    detail: { caseId: c.row.id, caseNo: c.row.caseNo, kind, auto },
  });
  return row;
}

/**
 * Flags a suspicion that obliges a report. Allowed on any case the caller works on, general ones
 * included (the suspicion often arises there), and on a closed case: the duty does not end with it.
 */
export async function flagReport({ db, actor, caseId, input }: { db: Db; actor: Actor; caseId: string; input: MandatoryReportFlagInput }) {
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id: caseId, closedOk: true });
    const row = await openReport({ db: tx, actor, c, kind: input.kind, concern: input.concern, auto: false });
    return { data: presentReport(row, { onTeam: true, flaggedByName: actor.displayName, reporterName: null }) };
  });
}

/** Records the report as made (to whom, when, how, receipt); it closes the task. */
export async function recordReport({ db, actor, caseId, reportId, input }: { db: Db; actor: Actor; caseId: string; reportId: string; input: MandatoryReportRecordInput }) {
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id: caseId, closedOk: true });
    const [r] = await tx
      .select()
      .from(mandatoryReports)
      .where(and(eq(mandatoryReports.id, reportId), eq(mandatoryReports.caseId, caseId)))
      .for('update');
    if (!r) throw notFound();
    if (r.reportedAt) throw new AppError('safeguarding.already_reported', 409, { reportedAt: r.reportedAt.toISOString() });
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
    const [x] = await reportRows(tx, eq(mandatoryReports.id, reportId));
    return { data: presentReport(x.r, { onTeam: true, flaggedByName: x.flaggedByName, reporterName: x.reporterName }) };
  });
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
        isNull(mandatoryReports.reportedAt),
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
  const [r] = await db
    .select({ id: mandatoryReports.id })
    .from(mandatoryReports)
    .where(and(eq(mandatoryReports.caseId, caseId), isNull(mandatoryReports.reportedAt)))
    .limit(1);
  return !!r;
}

// ——— 告诫书 (第16–17条) / 人身安全保护令 (第23–32条) ———

async function ordersOf(db: Db, where: SQL): Promise<ProtectiveOrder[]> {
  const creator = alias(users, 'creator');
  const assignee = alias(users, 'assignee');
  const rows = await db
    .select({ o: protectiveOrders, createdByName: creator.displayName })
    .from(protectiveOrders)
    .leftJoin(creator, eq(creator.id, protectiveOrders.createdBy))
    .where(where)
    .orderBy(desc(protectiveOrders.issuedOn), desc(protectiveOrders.createdAt));
  if (!rows.length) return [];
  const visits = await db
    .select({ v: caseFollowups, assigneeName: assignee.displayName })
    .from(caseFollowups)
    .leftJoin(assignee, eq(assignee.id, caseFollowups.assigneeUserId))
    .where(inArray(caseFollowups.orderId, rows.map((r) => r.o.id)))
    .orderBy(asc(caseFollowups.dueDate));
  const today = chinaToday();
  return rows.map(({ o, createdByName }) =>
    presentOrder(o, {
      createdByName,
      today,
      visits: visits.filter((x) => x.v.orderId === o.id).map((x) => presentVisit(x.v, { assigneeName: x.assigneeName, today })),
    }),
  );
}

export async function listOrders({ db, actor, caseId }: { db: Db; actor: Actor; caseId: string }): Promise<Page<ProtectiveOrder>> {
  await loadCase({ db, actor, id: caseId });
  const data = await ordersOf(db, eq(protectiveOrders.caseId, caseId));
  return { data, total: data.length };
}

/**
 * Records a 告诫书 or 人身安全保护令 served on the community, and schedules the visits it requires as
 * case follow-ups assigned to the lead worker (see the intervals in safeguarding.rules.ts).
 */
export async function createOrder({ db, actor, caseId, input }: { db: Db; actor: Actor; caseId: string; input: ProtectiveOrderInput }) {
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id: caseId });
    const isProtection = input.kind === 'protection_order';
    const validFrom = isProtection ? (input.validFrom ?? input.issuedOn) : (input.validFrom ?? null);
    if (isProtection && input.validTo && protectionOrderTooLong({ validFrom: validFrom!, validTo: input.validTo })) {
      throw new AppError('safeguarding.order_too_long', 400, [
        { field: 'validTo', code: 'safeguarding.order_too_long', message: `人身安全保护令有效期不超过 6 个月（最迟至 ${protectionOrderLatestEnd(validFrom!)}）` },
      ]);
    }
    // 第29条 measures belong to a protection order; a 告诫书 has none.
    if (!isProtection && input.measures?.length) throw fieldError('measures', 'invalid', '告诫书没有保护措施');
    const [o] = await tx
      .insert(protectiveOrders)
      .values({
        caseId, kind: input.kind, issuer: input.issuer, documentNo: input.documentNo ?? null, issuedOn: input.issuedOn, validFrom, validTo: input.validTo ?? null,
        measures: input.measures ?? [], note: input.note ?? null, createdBy: actor.userId,
      })
      .returning();
    const dates = orderVisitDates(o);
    const label = isProtection ? '保护令协助执行回访（反家庭暴力法 第32条）' : '告诫书查访（反家庭暴力法 第17条）';
    if (dates.length) {
      await tx.insert(caseFollowups).values(
        dates.map((dueDate, i) => ({
          caseId, kind: input.kind, orderId: o.id, dueDate, assigneeUserId: c.row.leadUserId, note: `${label} 第 ${i + 1} 次`, createdBy: actor.userId,
        })),
      );
    }
    await recordCaseEvent({ db: tx, actor, c, action: 'safeguarding.order_create', detail: { orderId: o.id, kind: input.kind, visits: dates.length } });
    const [data] = await ordersOf(tx, eq(protectiveOrders.id, o.id));
    return { data };
  });
}

// ——— 社区矫正 / 社区戒毒(康复) fields ———

async function detailsOf(db: Db, caseId: string, lock = false) {
  const editor = alias(users, 'editor');
  const q = db
    .select({ d: caseRestrictedDetails, updatedByName: editor.displayName })
    .from(caseRestrictedDetails)
    .leftJoin(editor, eq(editor.id, caseRestrictedDetails.updatedBy))
    .where(eq(caseRestrictedDetails.caseId, caseId));
  const [row] = lock ? await q.for('update', { of: caseRestrictedDetails }) : await q;
  return row;
}

function detailKind(c: LoadedCase) {
  const kind = c.row.kind;
  if (!hasRestrictedDetails(kind)) throw new AppError('safeguarding.not_restricted_case', 409, { kind });
  return kind;
}

/** The own fields of a correction or drug-rehab case (the read is audited by loadCase). */
export async function getRestrictedDetails({ db, actor, caseId }: { db: Db; actor: Actor; caseId: string }): Promise<{ data: RestrictedDetails; abilities: { update: boolean } }> {
  const c = await loadCase({ db, actor, id: caseId });
  const kind = detailKind(c);
  const row = await detailsOf(db, caseId);
  return { data: presentDetails(caseId, kind, row?.d, row?.updatedByName ?? null), abilities: { update: caseAbilities(actor, c).work } };
}

const COUNTS = ['testRefusals', 'unauthorizedLeaves', 'unauthorizedLeaveDays'] as const;
const EDITABLE = ['teamMembers', ...CORRECTION_FIELDS, ...REHAB_FIELDS] as const;

/**
 * Saves the fields given (others stay). When the counts of a drug-rehab case cross the line of a
 * serious breach (戒毒条例 第20条), a report to the police opens on its own (第21条).
 */
export async function updateRestrictedDetails({ db, actor, caseId, input }: { db: Db; actor: Actor; caseId: string; input: RestrictedDetailsInput }) {
  return db.transaction(async (tx) => {
    // The case row lock serialises writers, including the first insert of the details row.
    const c = await loadCaseForWork({ db: tx, actor, id: caseId });
    const kind = detailKind(c);
    const foreign = (kind === 'correction' ? REHAB_FIELDS : CORRECTION_FIELDS).find((f) => input[f] !== undefined);
    if (foreign) throw fieldError(foreign, 'invalid', '该项不适用于此类个案');
    const existing = (await detailsOf(tx, caseId, true))?.d;
    const version = existing?.version ?? 0;
    if (input.version !== undefined && input.version !== version) throw versionConflict(version);

    const before = presentDetails(caseId, kind, existing, null);
    const next = { ...before };
    for (const f of EDITABLE) if (input[f] !== undefined) Object.assign(next, { [f]: input[f] });
    if (kind === 'correction' && next.termStart && next.termEnd && next.termEnd < next.termStart) throw fieldError('termEnd', 'date_order', '结束日期不能早于开始日期');
    // A drug-rehab term is the agreement date plus 3 years (条例 第13条, 第37条): derived, never typed.
    const term = kind === 'drug_rehab' ? { termStart: next.agreementDate, termEnd: next.agreementDate ? rehabTermEnd(next.agreementDate) : null } : { termStart: next.termStart, termEnd: next.termEnd };
    const values = {
      correctionType: next.correctionType, ...term, teamMembers: next.teamMembers, impactReports: next.impactReports, rehabType: next.rehabType,
      agreementDate: next.agreementDate, leaveReports: next.leaveReports, testRefusals: next.testRefusals, unauthorizedLeaves: next.unauthorizedLeaves,
      unauthorizedLeaveDays: next.unauthorizedLeaveDays, updatedAt: new Date(), updatedBy: actor.userId,
    } satisfies Partial<DetailsRow>;
    if (existing) await tx.update(caseRestrictedDetails).set({ ...values, version: version + 1 }).where(eq(caseRestrictedDetails.caseId, caseId));
    else await tx.insert(caseRestrictedDetails).values({ caseId, ...values, version: 1 });

    // Values stay out of the audit log (its readers need not know a client's correction type): field names only.
    const changed = EDITABLE.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(next[f]));
    await recordCaseEvent({ db: tx, actor, c, action: 'safeguarding.details_update', detail: { fields: changed } });

    let openedReport: MandatoryReport | null = null;
    const counts = (d: typeof before) => Object.fromEntries(COUNTS.map((k) => [k, d[k]])) as Record<(typeof COUNTS)[number], number>;
    if (kind === 'drug_rehab' && crossesSeriousThreshold(counts(before), counts(next))) {
      const [open] = await tx
        .select({ id: mandatoryReports.id })
        .from(mandatoryReports)
        .where(and(eq(mandatoryReports.caseId, caseId), eq(mandatoryReports.kind, 'drug_serious_violation'), isNull(mandatoryReports.reportedAt)));
      if (!open) {
        const row = await openReport({ db: tx, actor, c, kind: 'drug_serious_violation', concern: seriousViolationConcern(counts(next)), auto: true });
        openedReport = presentReport(row, { onTeam: true, flaggedByName: actor.displayName, reporterName: null });
      }
    }
    const saved = await detailsOf(tx, caseId);
    return { data: presentDetails(caseId, kind, saved?.d, saved?.updatedByName ?? null), abilities: { update: true }, openedReport };
  });
}
