import { MANDATORY_REPORT_DUE_HOURS, REHAB_SERIOUS } from '../../../common/codes/case.codes';
import {
  addDays, addMonths, protectionOrderLatestEnd, protectionOrderTooLong, rehabDateProblems, rehabTermMaxEnd, seriousViolation, type RehabCounts,
} from '../../../common/schemas/safeguarding.schema';

// The date and threshold rules shared with the web form live in common/schemas/safeguarding.schema.ts.
export { addDays, addMonths, protectionOrderLatestEnd, protectionOrderTooLong, rehabDateProblems, rehabTermMaxEnd, seriousViolation };

/** Case kinds that have their own restricted fields (社区矫正法, 戒毒条例). */
export const DETAIL_CASE_KINDS = ['correction', 'drug_rehab'] as const;
export type DetailCaseKind = (typeof DETAIL_CASE_KINDS)[number];
export const hasRestrictedDetails = (kind: string): kind is DetailCaseKind => (DETAIL_CASE_KINDS as readonly string[]).includes(kind);

/**
 * When a flagged report becomes overdue. The laws say 及时 (反家庭暴力法 第14条) and 立即
 * (未成年人保护法 第11条) without a number; MANDATORY_REPORT_DUE_HOURS is the line we draw.
 */
export const reportDueAt = (flaggedAt: Date) => new Date(flaggedAt.getTime() + MANDATORY_REPORT_DUE_HOURS * 3600_000);

/**
 * The visits a 告诫书 requires (反家庭暴力法 第17条: 居委会/村委会 and the police station 查访 both
 * parties). The law sets no interval: a first visit within a week and another after a month is
 * local practice, not law — change it here.
 */
export const WARNING_LETTER_VISITS = { firstWithinDays: 7, laterAfterMonths: [1] } as const;

/**
 * The visits while a 人身安全保护令 is in force (第32条: 居委会/村委会 assist its enforcement). Also
 * local practice, not law: a first visit within 3 days of its start, then one a month until it ends.
 */
export const PROTECTION_ORDER_VISITS = { firstWithinDays: 3, everyMonths: 1 } as const;

/**
 * Due dates of the visits an order requires. Dates already past are kept: an order recorded late
 * shows its missed visits as overdue rather than hiding them.
 */
export function orderVisitDates(o: { kind: string; issuedOn: string; validFrom?: string | null; validTo?: string | null }): string[] {
  if (o.kind === 'warning_letter') {
    return [addDays(o.issuedOn, WARNING_LETTER_VISITS.firstWithinDays), ...WARNING_LETTER_VISITS.laterAfterMonths.map((m) => addMonths(o.issuedOn, m))];
  }
  const start = o.validFrom ?? o.issuedOn;
  const end = o.validTo ?? protectionOrderLatestEnd(o.issuedOn);
  const dates = [addDays(start, PROTECTION_ORDER_VISITS.firstWithinDays)].filter((d) => d <= end);
  for (let k = 1; ; k++) {
    const d = addMonths(start, k * PROTECTION_ORDER_VISITS.everyMonths);
    if (d > end) break;
    dates.push(d);
  }
  return dates;
}

/**
 * True when a change of the counts makes the breach serious (戒毒条例 第20条) where it was not:
 * the moment the worker must report to the police (第21条).
 */
export const crossesSeriousThreshold = (before: RehabCounts, after: RehabCounts) => !seriousViolation(before).any && seriousViolation(after).any;

/** Why the breach is serious, in the words of 第20条, for the report that opens on its own. */
export function seriousViolationConcern(c: RehabCounts): string {
  const v = seriousViolation(c);
  const grounds = [
    v.testRefusals && `逃避或拒绝接受检测 ${c.testRefusals} 次（${REHAB_SERIOUS.testRefusals} 次以上）`,
    v.unauthorizedLeaves && `未经批准离开所在县（市、区） ${c.unauthorizedLeaves} 次（${REHAB_SERIOUS.unauthorizedLeaves} 次以上）`,
    v.unauthorizedLeaveDays && `未经批准离开累计 ${c.unauthorizedLeaveDays} 日（超过 ${REHAB_SERIOUS.unauthorizedLeaveDays} 日）`,
  ].filter(Boolean);
  return `严重违反社区戒毒/康复协议（戒毒条例 第20条）：${grounds.join('；')}。须向公安机关报告（第21条）。`;
}
