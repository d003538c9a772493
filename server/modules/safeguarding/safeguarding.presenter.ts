import { DISMISSABLE_REPORT_KINDS } from '../../../common/codes/case.codes';
import type {
  ImpactReport, LeaveReport, MandatoryReport, OrderVisit, ProtectiveOrder, RestrictedDetails,
} from '../../../common/schemas/safeguarding.schema';
import type { caseFollowups } from '../cases/cases.table';
import { rehabTermMaxEnd, seriousViolation, type DetailCaseKind } from './safeguarding.rules';
import type { caseRestrictedDetails, mandatoryReports, protectiveOrders } from './safeguarding.table';

export type ReportRow = typeof mandatoryReports.$inferSelect;
export type OrderRow = typeof protectiveOrders.$inferSelect;
export type DetailsRow = typeof caseRestrictedDetails.$inferSelect;
export type VisitRow = typeof caseFollowups.$inferSelect;

/** A mandatory report, for its case team only (listReports answers no one else). */
export function presentReport(r: ReportRow, extra: { flaggedByName: string | null; reporterName: string | null; dismissedByName: string | null; now?: Date }): MandatoryReport {
  const now = extra.now ?? new Date();
  const open = !r.reportedAt && !r.dismissedAt;
  return {
    id: r.id,
    caseId: r.caseId,
    kind: r.kind,
    concern: r.concern,
    flaggedAt: r.flaggedAt.toISOString(),
    flaggedBy: r.flaggedBy,
    flaggedByName: extra.flaggedByName,
    dueAt: r.dueAt.toISOString(),
    open,
    overdue: open && r.dueAt < now,
    reportedAt: r.reportedAt?.toISOString() ?? null,
    reportedTo: r.reportedTo,
    method: r.method,
    reference: r.reference,
    reporterUserId: r.reporterUserId,
    reporterName: extra.reporterName,
    late: !!r.reportedAt && r.reportedAt > r.dueAt,
    dismissedAt: r.dismissedAt?.toISOString() ?? null,
    dismissedByName: extra.dismissedByName,
    dismissReason: r.dismissReason,
    dismissable: DISMISSABLE_REPORT_KINDS.includes(r.kind),
  };
}

export function presentVisit(v: VisitRow, extra: { assigneeName: string | null; today: string }): OrderVisit {
  return { id: v.id, dueDate: v.dueDate, doneAt: v.doneAt?.toISOString() ?? null, assigneeName: extra.assigneeName, note: v.note, overdue: !v.doneAt && v.dueDate < extra.today };
}

export function presentOrder(o: OrderRow, extra: { createdByName: string | null; visits: OrderVisit[]; today: string }): ProtectiveOrder {
  const from = o.validFrom ?? o.issuedOn;
  return {
    id: o.id,
    caseId: o.caseId,
    kind: o.kind,
    issuer: o.issuer,
    documentNo: o.documentNo,
    issuedOn: o.issuedOn,
    validFrom: o.validFrom,
    validTo: o.validTo,
    measures: o.measures,
    note: o.note,
    inForce: o.kind === 'protection_order' && from <= extra.today && (!o.validTo || extra.today <= o.validTo),
    createdAt: o.createdAt.toISOString(),
    createdByName: extra.createdByName,
    visits: extra.visits,
  };
}

/** The fields of a 社区矫正 or 社区戒毒/康复 case; before the first save, empty ones at version 0. */
export function presentDetails(caseId: string, caseKind: DetailCaseKind, d: DetailsRow | undefined, updatedByName: string | null): RestrictedDetails {
  const counts = { testRefusals: d?.testRefusals ?? 0, unauthorizedLeaves: d?.unauthorizedLeaves ?? 0, unauthorizedLeaveDays: d?.unauthorizedLeaveDays ?? 0 };
  const reportDate = d?.reportDate ?? null;
  const rehabTermMax = reportDate ? rehabTermMaxEnd(reportDate) : null;
  return {
    caseId,
    caseKind,
    correctionType: d?.correctionType ?? null,
    termStart: d?.termStart ?? null,
    termEnd: d?.termEnd ?? null,
    teamMembers: d?.teamMembers ?? [],
    impactReports: (d?.impactReports as ImpactReport[] | undefined) ?? [],
    rehabType: d?.rehabType ?? null,
    reportDate,
    agreementDate: d?.agreementDate ?? null,
    // 社区戒毒 runs 3 years from 报到; 社区康复 until the end entered (term_end).
    rehabTermEnd: caseKind !== 'drug_rehab' ? null : d?.rehabType === 'community_detox' ? rehabTermMax : (d?.termEnd ?? null),
    rehabTermMax: caseKind === 'drug_rehab' ? rehabTermMax : null,
    leaveReports: (d?.leaveReports as LeaveReport[] | undefined) ?? [],
    ...counts,
    serious: seriousViolation(counts),
    updatedAt: d?.updatedAt.toISOString() ?? null,
    updatedByName,
    version: d?.version ?? 0,
  };
}
