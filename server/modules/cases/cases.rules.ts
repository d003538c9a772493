import { addDays, addMonths, daysBetween } from '../../../common/dates';
import { LATE_RECORD_HOURS, type CaseStatus } from '../../../common/codes/case.codes';

/**
 * The case lifecycle (MZ/T 094—2017: 接案 → 预估 → 计划 → 介入 → 评估 → 结案): which action moves a
 * case from which stages to which. Everything else answers 409 `cases.invalid_transition`.
 */
export const TRANSITIONS = {
  accept: { from: ['intake'], to: 'assessment' },
  refer_out: { from: ['intake'], to: 'referred_out' },
  decline: { from: ['intake'], to: 'declined' },
  // Ending before any service, with a reason (END_REASONS): referred elsewhere, or ended.
  end: { from: ['assessment', 'planning'], to: 'ended' },
  end_referred: { from: ['assessment', 'planning'], to: 'referred_out' },
  start_planning: { from: ['assessment'], to: 'planning' },
  submit_plan: { from: ['planning', 'active'], to: 'plan_review' },
  approve_plan: { from: ['plan_review'], to: 'active' },
  return_plan: { from: ['plan_review'], to: 'planning' },
  request_closure: { from: ['active'], to: 'closure_review' },
  approve_closure: { from: ['closure_review'], to: 'closed' },
  return_closure: { from: ['closure_review'], to: 'active' },
  reopen: { from: ['closed'], to: 'active' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>;
export type CaseAction = keyof typeof TRANSITIONS;

export const canTransition = (action: CaseAction, status: string) => (TRANSITIONS[action].from as readonly string[]).includes(status);

/** The action that ends a case in 预估 or 计划 for a reason (END_REASONS): a referral leaves it 已转出. */
export const endAction = (reason: string): CaseAction => (reason === 'referred' ? 'end_referred' : 'end');

/** A record entered more than 24 h after the service ended is late (MZ/T 071 §7.2.3 timeliness). */
export const isLateRecord = (serviceEndAt: Date, enteredAt: Date) => enteredAt.getTime() - serviceEndAt.getTime() > LATE_RECORD_HOURS * 3600_000;

/** The end of a service: the date and time given (Beijing), or the end of that day. */
export function serviceEnd(serviceDate: string, endTime?: string | null): Date {
  return new Date(`${serviceDate}T${endTime ?? '23:59'}:00+08:00`);
}

export { addDays, addMonths, daysBetween };

/** An open case in service whose last contact (or intake) lies further back than its risk level allows. */
export function contactOverdue(c: { status: string; contactDays: number; lastContactDate: string | null; intakeDate: string }, today: string): boolean {
  if (!['assessment', 'planning', 'plan_review', 'active', 'closure_review'].includes(c.status)) return false;
  return daysBetween(c.lastContactDate ?? c.intakeDate, today) > c.contactDays;
}

/** Restricted (correction, rehab, violence) and juvenile files are kept permanently; other cases 30 years. */
export const retentionFor = (c: { restricted: boolean; juvenile: boolean }) => (c.restricted || c.juvenile ? 'Y' : 'D30');

/**
 * 档号 per DA/T 22—2015: 全宗号-门类代码·年度-保管期限代码-机构(问题)代码-件号. The fonds is the
 * archive-holding station's or agency's (common/orgs.rules.ts `archiveHolder`); the category is
 * 文书 (WS); the problem code GA (个案); the item number runs per prefix and is never reused.
 */
export function archivePrefix(c: { fonds: string; year: number; retention: string }): string {
  return `${c.fonds}-WS·${c.year}-${c.retention}-GA`;
}
export const archiveNo = (prefix: string, n: number) => `${prefix}-${String(n).padStart(4, '0')}`;
