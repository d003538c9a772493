import { chinaToday } from '../../../common/dates';
import type { Case, CaseApproval, CaseEvent, CaseFollowup, CaseListItem, CasePlan, CaseRecord, CaseTeamMember } from '../../../common/schemas/cases.schema';
import { ageOn } from '../residents/residents.presenter';
import type { CaseRow } from './cases.access';
import { contactOverdue } from './cases.rules';
import type { caseEvents, caseFollowups, caseGoals, casePlans, caseRecords, caseTasks } from './cases.table';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export type ListRow = Pick<
  CaseRow,
  'id' | 'caseNo' | 'residentId' | 'communityId' | 'kind' | 'restricted' | 'status' | 'riskLevel' | 'serviceArea' | 'targetGroup' | 'intakeDate' | 'lastContactDate' | 'leadUserId' | 'updatedAt'
> & { clientName: string; communityName: string; leadName: string | null; recordCount: number; contactDays: number };

export function presentCaseListItem(r: ListRow, today = chinaToday()): CaseListItem {
  return {
    id: r.id,
    caseNo: r.caseNo,
    clientName: r.clientName,
    residentId: r.residentId,
    communityId: r.communityId,
    communityName: r.communityName,
    kind: r.kind,
    restricted: r.restricted,
    status: r.status,
    riskLevel: r.riskLevel,
    serviceArea: r.serviceArea,
    targetGroup: r.targetGroup,
    intakeDate: r.intakeDate,
    lastContactDate: r.lastContactDate,
    contactOverdue: contactOverdue(r, today),
    leadUserId: r.leadUserId,
    leadName: r.leadName,
    recordCount: r.recordCount,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export type ClientRow = {
  id: string;
  name: string;
  sex: string;
  birthDate: string | null;
  phoneMasked: string | null;
  neighborhood: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  householdId: string | null;
};

const address = (c: ClientRow) =>
  [c.neighborhood, c.building && `${c.building}栋`, c.unit && `${c.unit}单元`, c.room && `${c.room}室`].filter(Boolean).join('');

/**
 * What of a case the caller reads: `file` the whole of it (team, supervisors of the scope); else the
 * summary (stage, risk, team, codes) — with the plan, or the closure request, when the caller is the
 * one to approve it (个人信息保护法 第6条: no more than the decision needs).
 */
export type CaseParts = { file: boolean; plan: boolean; closure: boolean };

/** The whole case as its team reads it (the client's phone masked like everywhere else), or the parts the caller may read. */
export function presentCase(
  r: CaseRow,
  x: {
    client: ClientRow;
    communityName: string;
    contactDays: number;
    names: Map<string, string>;
    team: CaseTeamMember[];
    plan: CasePlan | null;
    followups: CaseFollowup[];
    recordCount: number;
    lateRecordCount: number;
    approval: CaseApproval | null;
    parts: CaseParts;
  },
): Case {
  const name = (id: string | null) => (id ? (x.names.get(id) ?? null) : null);
  const { file, closure } = x.parts;
  const f = <T>(v: T): T | null => (file ? v : null);
  const cl = <T>(v: T): T | null => (closure ? v : null);
  return {
    ...presentCaseListItem({ ...r, clientName: x.client.name, communityName: x.communityName, leadName: name(r.leadUserId), recordCount: x.recordCount, contactDays: x.contactDays }),
    client: {
      id: x.client.id,
      name: x.client.name,
      sex: x.client.sex,
      age: ageOn(x.client.birthDate),
      phone: f(x.client.phoneMasked),
      address: file ? address(x.client) : '',
      householdId: x.client.householdId,
    },
    juvenile: r.juvenile,
    source: r.source,
    referralSourceNote: f(r.referralSourceNote),
    presentingProblem: f(r.presentingProblem),
    decision: r.decision,
    decisionReason: f(r.decisionReason),
    consentBasis: r.consentBasis,
    consentDate: r.consentDate,
    consentNote: f(r.consentNote),
    consentRecordedByName: name(r.consentRecordedBy),
    agreementSigned: r.agreementSigned,
    agreementDate: r.agreementDate,
    guardianName: f(r.guardianName),
    guardianRelation: f(r.guardianRelation),
    supervisorUserId: r.supervisorUserId,
    supervisorName: name(r.supervisorUserId),
    closureReason: r.closureReason,
    closureSummary: cl(r.closureSummary),
    clientFeedback: cl(r.clientFeedback),
    openTasksNote: cl(r.openTasksNote),
    openReferralsNote: cl(r.openReferralsNote),
    closureRequestedAt: iso(r.closureRequestedAt),
    endReason: r.endReason,
    endNote: f(r.endNote),
    closedAt: iso(r.closedAt),
    closedByName: name(r.closedBy),
    archiveNo: r.archiveNo,
    retention: r.retention,
    reopenCount: r.reopenCount,
    version: r.version,
    team: x.team,
    plan: x.parts.plan ? x.plan : null,
    followups: file ? x.followups : [],
    recordCount: x.recordCount,
    lateRecordCount: x.lateRecordCount,
    approval: x.approval,
  };
}

export function presentRecord(
  r: typeof caseRecords.$inferSelect,
  x: { goalTitle: string | null; createdByName: string | null; attachments: CaseRecord['attachments'] },
): CaseRecord {
  return {
    id: r.id,
    kind: r.kind as CaseRecord['kind'],
    serviceDate: r.serviceDate,
    serviceEndAt: r.serviceEndAt.toISOString(),
    mode: r.mode,
    durationMinutes: r.durationMinutes,
    serviceArea: r.serviceArea,
    content: r.content,
    goalId: r.goalId,
    goalTitle: x.goalTitle,
    nextStep: r.nextStep,
    late: r.late,
    createdAt: r.createdAt.toISOString(),
    createdByName: x.createdByName,
    attachments: x.attachments,
  };
}

export function presentFollowup(f: typeof caseFollowups.$inferSelect, assigneeName: string | null, today = chinaToday()): CaseFollowup {
  return {
    id: f.id,
    kind: f.kind,
    dueDate: f.dueDate,
    assigneeUserId: f.assigneeUserId,
    assigneeName,
    doneAt: iso(f.doneAt),
    recordId: f.recordId,
    note: f.note,
    overdue: !f.doneAt && f.dueDate < today,
  };
}

export const presentEvent = (e: typeof caseEvents.$inferSelect, actorName: string | null): CaseEvent => ({
  id: e.id,
  at: e.at.toISOString(),
  actorName,
  action: e.action,
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  note: e.note,
});

/** A plan version with its goals and tasks (a task is overdue while open past its Beijing due date). */
export function presentPlan(
  plan: typeof casePlans.$inferSelect,
  reviewer: string | null,
  goals: (typeof caseGoals.$inferSelect)[],
  tasks: { t: typeof caseTasks.$inferSelect; owner: string | null }[],
  today = chinaToday(),
): CasePlan {
  return {
    id: plan.id, version: plan.version, status: plan.status, strategy: plan.strategy, roles: plan.roles, startDate: plan.startDate, endDate: plan.endDate,
    submittedAt: iso(plan.submittedAt), reviewedAt: iso(plan.reviewedAt), reviewedByName: reviewer, reviewComment: plan.reviewComment,
    goals: goals.map((g) => ({ id: g.id, title: g.title, indicator: g.indicator, baseline: g.baseline, target: g.target, attainment: g.attainment, attainmentNote: g.attainmentNote })),
    tasks: tasks.map(({ t, owner }) => ({
      id: t.id, title: t.title, goalId: t.goalId, ownerUserId: t.ownerUserId, ownerName: owner, ownerText: t.ownerText, dueDate: t.dueDate, status: t.status,
      doneAt: iso(t.doneAt), overdue: t.status === 'open' && !!t.dueDate && t.dueDate < today,
    })),
  };
}
