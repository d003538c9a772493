import { eq } from 'drizzle-orm';
import { chinaToday } from '../../../common/dates';
import { caseFollowups, cases } from '../../modules/cases/cases.table';
import { addDays, addMonths, orderVisitDates, rehabTermMaxEnd, reportDueAt } from '../../modules/safeguarding/safeguarding.rules';
import { caseRestrictedDetails, mandatoryReports, protectiveOrders } from '../../modules/safeguarding/safeguarding.table';
import type { Db } from '../client';

// Builders for the demo seed and tests: straight into the tables. Users go through the API
// (safeguarding.service.ts), which checks access, audits and opens reports on its own.

/** A mandatory report flagged `hoursAgo` hours ago; open unless `reported` is given. */
export async function insertMandatoryReport(
  db: Db,
  s: { caseId: string; kind: string; concern: string; flaggedBy: string; hoursAgo?: number; reported?: { to: string; method: string; reference?: string; hoursAfterFlag?: number } },
) {
  const flaggedAt = new Date(Date.now() - (s.hoursAgo ?? 1) * 3600_000);
  const reportedAt = s.reported ? new Date(flaggedAt.getTime() + (s.reported.hoursAfterFlag ?? 2) * 3600_000) : null;
  const [r] = await db
    .insert(mandatoryReports)
    .values({
      caseId: s.caseId, kind: s.kind, concern: s.concern, flaggedAt, flaggedBy: s.flaggedBy, dueAt: reportDueAt(flaggedAt), createdAt: flaggedAt,
      ...(s.reported ? { reportedAt, reportedTo: s.reported.to, method: s.reported.method, reference: s.reported.reference ?? null, reporterUserId: s.flaggedBy } : {}),
    })
    .returning();
  return r;
}

/** A 告诫书 or 保护令 with the visits it requires, assigned to the case's lead worker. */
export async function insertProtectiveOrder(
  db: Db,
  s: { caseId: string; kind: 'warning_letter' | 'protection_order'; issuer: string; documentNo?: string; issuedOn: string; validFrom?: string | null; validTo?: string | null; measures?: string[]; createdBy: string },
) {
  const [c] = await db.select({ leadUserId: cases.leadUserId }).from(cases).where(eq(cases.id, s.caseId));
  const [o] = await db
    .insert(protectiveOrders)
    .values({
      caseId: s.caseId, kind: s.kind, issuer: s.issuer, documentNo: s.documentNo ?? null, issuedOn: s.issuedOn,
      validFrom: s.kind === 'protection_order' ? (s.validFrom ?? s.issuedOn) : null, validTo: s.validTo ?? null, measures: s.measures ?? [], createdBy: s.createdBy,
    })
    .returning();
  const dates = orderVisitDates(o);
  const visits = dates.length
    ? await db
        .insert(caseFollowups)
        .values(dates.map((dueDate, i) => ({ caseId: s.caseId, kind: s.kind, orderId: o.id, dueDate, assigneeUserId: c.leadUserId, note: `第 ${i + 1} 次`, createdBy: s.createdBy })))
        .returning()
    : [];
  return { order: o, visits };
}

/** The own fields of a correction or drug-rehab case; a 社区戒毒 term is derived from the report date as the service does. */
export async function insertRestrictedDetails(db: Db, s: Partial<typeof caseRestrictedDetails.$inferInsert> & { caseId: string; updatedBy: string }) {
  const term = s.reportDate ? { termStart: s.reportDate, ...(s.rehabType === 'community_detox' ? { termEnd: rehabTermMaxEnd(s.reportDate) } : {}) } : {};
  const [d] = await db.insert(caseRestrictedDetails).values({ ...term, ...s }).returning();
  return d;
}

/**
 * The demo's safeguarding records on a few restricted cases: the details of a correction case and
 * of a drug-rehab case (two refused tests: one more makes a serious breach), an overdue open
 * mandatory report on a domestic-violence case, and a protection order there with its visits.
 */
export async function seedSafeguardingDemo(
  db: Db,
  s: { correctionCaseId: string; drugRehabCaseId: string; domesticViolenceCaseId: string; workerId: string; today?: string },
) {
  const today = s.today ?? chinaToday();
  await insertRestrictedDetails(db, {
    caseId: s.correctionCaseId, updatedBy: s.workerId, correctionType: 'probation', termStart: addMonths(today, -4), termEnd: addMonths(today, 20),
    teamMembers: ['司法所 刘所长', '社区民警 张警官', '社工 王芳', '家属 （母亲）'],
    impactReports: [{ date: addMonths(today, -5), by: '曙光社区居委会', conclusion: '家庭关系稳定，邻里无明显异议，适宜社区矫正。' }],
  });
  await insertRestrictedDetails(db, {
    // 社区康复 of 2 years decided on release (≤ 3 years, 戒毒条例 第37条), reported 10 months ago.
    caseId: s.drugRehabCaseId, updatedBy: s.workerId, rehabType: 'community_rehab', reportDate: addMonths(today, -10), agreementDate: addDays(addMonths(today, -10), 2),
    termEnd: addMonths(today, 14),
    teamMembers: ['禁毒专干 孙老师', '社区民警 张警官', '社区医生 何医生', '家属 （妻子）'],
    leaveReports: [{ from: addDays(today, -40), to: addDays(today, -35), destination: '邻市探亲', reportedOn: addDays(today, -42) }],
    testRefusals: 2,
  });
  await insertMandatoryReport(db, {
    caseId: s.domesticViolenceCaseId, kind: 'dv_limited_capacity', flaggedBy: s.workerId, hoursAgo: 30,
    concern: '入户时发现服务对象（智力残疾，限制民事行为能力）手臂有新的淤青，称被家人推搡，疑似遭受家庭暴力。',
  });
  await insertProtectiveOrder(db, {
    caseId: s.domesticViolenceCaseId, kind: 'protection_order', issuer: '临江区人民法院', documentNo: `（${today.slice(0, 4)}）浙0199民保令1号`,
    // Issued last week: its first visit a few days overdue (not weeks), the rest ahead.
    issuedOn: addDays(today, -6), validTo: addDays(addMonths(addDays(today, -6), 6), -1), measures: ['no_violence', 'no_harassment'], createdBy: s.workerId,
  });
}
