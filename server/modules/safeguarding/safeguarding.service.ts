import { asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { chinaToday } from '../../../common/dates';
import type { Page } from '../../../common/schemas/common.schema';
import {
  CORRECTION_FIELDS, REHAB_FIELDS, type MandatoryReport, type ProtectiveOrder, type ProtectiveOrderInput, type RestrictedDetails, type RestrictedDetailsInput,
} from '../../../common/schemas/safeguarding.schema';
import { FIELD_MESSAGES, type FieldMessageCode } from '../../../common/errors';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, fieldError, versionConflict } from '../../lib/errors';
import { caseAbilities, loadCase, loadCaseForWork, recordCaseEvent, type LoadedCase } from '../cases/cases.access';
import { caseFollowups } from '../cases/cases.table';
import { users } from '../users/users.table';
import { presentDetails, presentOrder, presentVisit, type DetailsRow } from './safeguarding.presenter';
import { hasOpenReportOfKind, openReport } from './safeguarding.reports';
import {
  crossesSeriousThreshold, hasRestrictedDetails, orderVisitDates, protectionOrderLatestEnd, protectionOrderTooLong, rehabDateProblems, rehabTermMaxEnd,
  seriousViolationConcern,
} from './safeguarding.rules';
import { caseRestrictedDetails, protectiveOrders } from './safeguarding.table';

// Mandatory reports live in safeguarding.reports.ts; the case and to-do modules reach them from here.
export { hasOpenReports, reportsDue } from './safeguarding.reports';

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
    // 反家庭暴力法 第30条: six months from the day the order was made, whatever start it names.
    if (isProtection && input.validTo && protectionOrderTooLong({ issuedOn: input.issuedOn, validTo: input.validTo })) {
      throw new AppError('safeguarding.order_too_long', 400, [
        { field: 'validTo', code: 'safeguarding.order_too_long', message: `人身安全保护令有效期不超过 6 个月，自作出之日起算（最迟至 ${protectionOrderLatestEnd(input.issuedOn)}）` },
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

/**
 * The stored term of a drug-rehab case, from 报到 (rules in rehabDateProblems): 社区戒毒 3 years exactly,
 * 社区康复 the end entered (≤ 3 years). An end kept from a 社区康复 that became 社区戒毒 is dropped
 * rather than refused; one typed for 社区戒毒 is refused.
 */
function rehabTerm(next: RestrictedDetails, input: RestrictedDetailsInput) {
  const typedEnd = next.rehabType === 'community_rehab' ? next.rehabTermEnd : (input.rehabTermEnd ?? null);
  const problem = rehabDateProblems({ ...next, rehabTermEnd: typedEnd }, chinaToday())[0];
  if (problem) {
    const message = FIELD_MESSAGES[problem.code as FieldMessageCode].zh + (problem.latest ? `（最迟至 ${problem.latest}）` : '');
    throw fieldError(problem.field, problem.code, message);
  }
  const termEnd = next.rehabType === 'community_rehab' ? typedEnd : next.rehabType === 'community_detox' && next.reportDate ? rehabTermMaxEnd(next.reportDate) : null;
  return { termStart: next.reportDate, termEnd };
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
    const term = kind === 'drug_rehab' ? rehabTerm(next, input) : { termStart: next.termStart, termEnd: next.termEnd };
    const values = {
      correctionType: next.correctionType, ...term, teamMembers: next.teamMembers, impactReports: next.impactReports, rehabType: next.rehabType,
      reportDate: next.reportDate, agreementDate: next.agreementDate, leaveReports: next.leaveReports, testRefusals: next.testRefusals, unauthorizedLeaves: next.unauthorizedLeaves,
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
      if (!(await hasOpenReportOfKind(tx, caseId, 'drug_serious_violation'))) {
        openedReport = await openReport({ db: tx, actor, c, kind: 'drug_serious_violation', concern: seriousViolationConcern(counts(next)), auto: true });
      }
    }
    const saved = await detailsOf(tx, caseId);
    return { data: presentDetails(caseId, kind, saved?.d, saved?.updatedByName ?? null), abilities: { update: true }, openedReport };
  });
}
