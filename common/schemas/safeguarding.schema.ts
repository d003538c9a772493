import { addDays, addMonths } from '../dates';
import { z } from 'zod';
import {
  CORRECTION_TYPES, MANDATORY_REPORT_KINDS, ORDER_KINDS, PROTECTION_MEASURES, PROTECTION_ORDER_MAX_MONTHS, REHAB_SERIOUS, REHAB_TERM_YEARS, REHAB_TYPES,
  REPORT_METHODS,
} from '../codes/case.codes';
import { codeOf, dateString, text } from './common.schema';

const required = (max: number) => z.string({ error: 'required' }).trim().min(1, 'required').max(max, 'too_long');
const count = z.number({ error: 'invalid' }).int('invalid').min(0, 'invalid').max(9999, 'invalid');

// ——— date rules the server enforces and the form checks before sending ———

export { addDays, addMonths };

/**
 * The last day a 人身安全保护令 made on `issuedOn` may be in force. 反家庭暴力法 第30条: 有效期不超过六个月，
 * 自作出之日起生效 — so six months from the day it is made, whatever start it names. Counted as 民法典
 * counts periods: the day it is made is not counted (第201条: 开始的当日不计入，自下一日开始计算); a period of
 * months ends on the corresponding day of its last month, or on that month's last day when it has none
 * (第202条); that day runs to 24:00 (第203条 第2款). Made 2026-01-15: in force until 2026-07-15 at the
 * latest, and 2026-07-16 is one day more; made 2026-08-31: until 2027-02-28. The first paragraph of
 * 第203条 (a last day on a public holiday moves to the next working day) concerns the last day for doing
 * something, not the end of a measure's force, and is not applied.
 */
export const protectionOrderLatestEnd = (issuedOn: string) => addMonths(issuedOn, PROTECTION_ORDER_MAX_MONTHS);

/** True when a protection order runs past the six months from the day it was made. */
export const protectionOrderTooLong = ({ issuedOn, validTo }: { issuedOn: string; validTo: string }) => validTo > protectionOrderLatestEnd(issuedOn);

/**
 * The last day of a 3-year term counted from the day the person reported to the 街道/乡镇 (same counting
 * as above: 2025-06-10 → 2028-06-10). 社区戒毒 lasts exactly this (禁毒法 第33条: 社区戒毒的期限为三年;
 * 戒毒条例 第14条: counted from 报到, not from the police decision); 社区康复 at most this (戒毒条例
 * 第37条: 不超过3年, carried out 参照 社区戒毒, so counted from 报到 too), its end set by the decision.
 */
export const rehabTermMaxEnd = (reportDate: string) => addMonths(reportDate, REHAB_TERM_YEARS * 12);

type RehabDates = { rehabType?: string | null; reportDate?: string | null; agreementDate?: string | null; rehabTermEnd?: string | null };
/** A broken rule of the dates of a drug-rehab case: the field, a FIELD_MESSAGES code, and the latest end when it matters. */
export type RehabDateProblem = { field: keyof RehabDates; code: string; latest?: string };

/**
 * The date rules of a 社区戒毒/康复 case, checked by the server and by the form before sending. The term
 * end is typed only for 社区康复 (社区戒毒's is derived); the agreement is signed after reporting
 * (戒毒条例 第15条).
 */
export function rehabDateProblems(v: RehabDates, today: string): RehabDateProblem[] {
  const out: RehabDateProblem[] = [];
  if (v.reportDate && v.reportDate > today) out.push({ field: 'reportDate', code: 'future_date' });
  if (v.agreementDate && v.reportDate && v.agreementDate < v.reportDate) out.push({ field: 'agreementDate', code: 'rehab.agreement_before_report' });
  if (v.rehabTermEnd) {
    if (v.rehabType !== 'community_rehab') out.push({ field: 'rehabTermEnd', code: 'rehab.term_derived' });
    else if (!v.reportDate) out.push({ field: 'reportDate', code: 'required' });
    else if (v.rehabTermEnd <= v.reportDate) out.push({ field: 'rehabTermEnd', code: 'date_order' });
    else if (v.rehabTermEnd > rehabTermMaxEnd(v.reportDate)) out.push({ field: 'rehabTermEnd', code: 'rehab.term_too_long', latest: rehabTermMaxEnd(v.reportDate) });
  }
  return out;
}

export type RehabCounts = { testRefusals: number; unauthorizedLeaves: number; unauthorizedLeaveDays: number };
export type SeriousViolation = { testRefusals: boolean; unauthorizedLeaves: boolean; unauthorizedLeaveDays: boolean; any: boolean };

/**
 * 戒毒条例 第20条 严重违反协议: 逃避或拒绝接受检测 3 次以上, 擅自离开县(市、区) 3 次以上 or 累计超过 30 日.
 * "以上" includes the number itself; "超过" does not.
 */
export function seriousViolation(c: RehabCounts): SeriousViolation {
  const v = {
    testRefusals: c.testRefusals >= REHAB_SERIOUS.testRefusals,
    unauthorizedLeaves: c.unauthorizedLeaves >= REHAB_SERIOUS.unauthorizedLeaves,
    unauthorizedLeaveDays: c.unauthorizedLeaveDays > REHAB_SERIOUS.unauthorizedLeaveDays,
  };
  return { ...v, any: v.testRefusals || v.unauthorizedLeaves || v.unauthorizedLeaveDays };
}

// ——— 强制报告 ———

/** Flagging a suspicion (反家庭暴力法 第14条, 未成年人保护法 第11条) opens a report task. */
export const mandatoryReportFlagInput = z.object({ kind: codeOf(MANDATORY_REPORT_KINDS), concern: required(2000) }).strict();
export type MandatoryReportFlagInput = z.input<typeof mandatoryReportFlagInput>;

/** The report as made: to whom, when, how, and the receipt (受案回执/报警记录) if any. */
export const mandatoryReportRecordInput = z
  .object({
    reportedTo: required(200),
    reportedAt: z.iso.datetime({ offset: true, error: 'invalid_date' }),
    method: codeOf(REPORT_METHODS),
    reference: text(200),
  })
  .strict();
export type MandatoryReportRecordInput = z.input<typeof mandatoryReportRecordInput>;

/** Closing a suspicion found unfounded, without a report: why, in the worker's words. */
export const mandatoryReportDismissInput = z.object({ reason: required(1000) }).strict();
export type MandatoryReportDismissInput = z.input<typeof mandatoryReportDismissInput>;

// ——— 告诫书 / 人身安全保护令 ———

export const protectiveOrderInput = z
  .object({
    kind: codeOf(ORDER_KINDS),
    /** The police station (告诫书) or court (保护令). */
    issuer: required(100),
    documentNo: text(100),
    issuedOn: dateString,
    validFrom: dateString.nullish(),
    validTo: dateString.nullish(),
    measures: z.array(codeOf(PROTECTION_MEASURES)).max(PROTECTION_MEASURES.length, 'too_long').default([]),
    note: text(1000),
  })
  .strict()
  .superRefine((v, ctx) => {
    // A protection order always has a term (第30条); a 告诫书 has none.
    if (v.kind === 'protection_order' && !v.validTo) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'required' });
    const from = v.validFrom ?? v.issuedOn;
    if (v.validTo && from && v.validTo < from) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'date_order' });
    // 第30条: 自作出之日起生效 — not before the day it was made.
    if (v.kind === 'protection_order' && v.validFrom && v.issuedOn && v.validFrom < v.issuedOn) {
      ctx.addIssue({ code: 'custom', path: ['validFrom'], message: 'order.starts_before_issue' });
    }
  });
export type ProtectiveOrderInput = z.input<typeof protectiveOrderInput>;

// ——— 社区矫正 / 社区戒毒(康复) fields ———

export const impactReportInput = z.object({ date: dateString, by: required(100), conclusion: required(1000) }).strict();
export const leaveReportInput = z
  .object({ from: dateString, to: dateString, destination: required(200), reportedOn: dateString.nullish() })
  .strict()
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'date_order' });

/** Fields left out stay as they are. Correction fields on a drug-rehab case (or the reverse) are refused. */
export const restrictedDetailsInput = z
  .object({
    version: z.number().int().optional(),
    // 社区矫正 (社区矫正法 第2条, 第25条)
    correctionType: codeOf(CORRECTION_TYPES).nullish(),
    termStart: dateString.nullish(),
    termEnd: dateString.nullish(),
    /** 矫正小组 or 社区戒毒(康复)工作小组 members: one line each, e.g. 「张三（司法所）」. */
    teamMembers: z.array(required(100)).max(30, 'too_long').optional(),
    /** 社区影响调查评估 reports (社区矫正法 第18条). */
    impactReports: z.array(impactReportInput).max(50, 'too_long').optional(),
    // 社区戒毒/康复 (戒毒条例)
    rehabType: codeOf(REHAB_TYPES).nullish(),
    /** The day the person reported to the 街道/乡镇 (戒毒条例 第14条): the term counts from it. */
    reportDate: dateString.nullish(),
    agreementDate: dateString.nullish(),
    /** 社区康复 only: the end of the term the decision set (≤ 3 years from reporting). */
    rehabTermEnd: dateString.nullish(),
    /** Reports of leaving the county for 3 days or more (戒毒条例 第19条). */
    leaveReports: z.array(leaveReportInput).max(200, 'too_long').optional(),
    testRefusals: count.optional(),
    unauthorizedLeaves: count.optional(),
    unauthorizedLeaveDays: count.optional(),
  })
  .strict();
export type RestrictedDetailsInput = z.input<typeof restrictedDetailsInput>;
export const CORRECTION_FIELDS = ['correctionType', 'termStart', 'termEnd', 'impactReports'] as const;
export const REHAB_FIELDS = ['rehabType', 'reportDate', 'agreementDate', 'rehabTermEnd', 'leaveReports', 'testRefusals', 'unauthorizedLeaves', 'unauthorizedLeaveDays'] as const;

// ——— answers ———

/**
 * A mandatory report as its case team sees it (no one else does: 反家庭暴力法 第14条 keeps the
 * reporter's identity confidential, and the concern is the client's most sensitive information).
 */
export type MandatoryReport = {
  id: string;
  caseId: string;
  kind: string;
  concern: string;
  flaggedAt: string;
  flaggedBy: string | null;
  flaggedByName: string | null;
  dueAt: string;
  /** Neither reported nor dismissed. */
  open: boolean;
  /** Open and past its due time. */
  overdue: boolean;
  reportedAt: string | null;
  reportedTo: string | null;
  method: string | null;
  reference: string | null;
  reporterUserId: string | null;
  reporterName: string | null;
  /** Reported after its due time. */
  late: boolean;
  /** Closed without a report, the suspicion found unfounded. */
  dismissedAt: string | null;
  dismissedByName: string | null;
  dismissReason: string | null;
  /** The kind may be dismissed (DISMISSABLE_REPORT_KINDS). */
  dismissable: boolean;
};

export type OrderVisit = { id: string; dueDate: string; doneAt: string | null; assigneeName: string | null; note: string | null; overdue: boolean };

export type ProtectiveOrder = {
  id: string;
  caseId: string;
  kind: string;
  issuer: string;
  documentNo: string | null;
  issuedOn: string;
  validFrom: string | null;
  validTo: string | null;
  measures: string[];
  note: string | null;
  /** A protection order in force today. */
  inForce: boolean;
  createdAt: string;
  createdByName: string | null;
  visits: OrderVisit[];
};

export type ImpactReport = z.output<typeof impactReportInput>;
export type LeaveReport = z.output<typeof leaveReportInput>;

export type RestrictedDetails = {
  caseId: string;
  caseKind: 'correction' | 'drug_rehab';
  correctionType: string | null;
  termStart: string | null;
  termEnd: string | null;
  teamMembers: string[];
  impactReports: ImpactReport[];
  rehabType: string | null;
  reportDate: string | null;
  agreementDate: string | null;
  /** 社区戒毒: reportDate + 3 years; 社区康复: the end entered (at most that). */
  rehabTermEnd: string | null;
  /** reportDate + 3 years: the term's end (社区戒毒) or its latest end (社区康复). */
  rehabTermMax: string | null;
  leaveReports: LeaveReport[];
  testRefusals: number;
  unauthorizedLeaves: number;
  unauthorizedLeaveDays: number;
  serious: SeriousViolation;
  updatedAt: string | null;
  updatedByName: string | null;
  /** 0 until first saved. */
  version: number;
};

/** An open report on a case the user works on, for 我的待办. */
export type ReportDue = { id: string; caseId: string; caseNo: string; clientName: string; kind: string; flaggedAt: string; dueAt: string; overdue: boolean };
