import { z } from 'zod';
import {
  CASE_KINDS, CASE_SOURCES, CASE_STATUSES, CLOSURE_REASONS, CONSENT_BASES, END_REASONS, GOAL_ATTAINMENTS, RECORD_MODES, SERVICE_AREAS,
  TASK_STATUSES, TEAM_ROLES,
} from '../codes/case.codes';
import { TAG_GROUPS } from '../codes/tag.codes';
import { codeOf, csv, dateString, pageQuery, text, uuid } from './common.schema';
import { riskLevelCode } from './settings.schema';

const required = (max: number) => z.string({ error: 'required' }).trim().min(1, 'required').max(max, 'too_long');

// ——— list ———
export const CASE_SORTS = ['updatedAt', 'intakeDate', 'lastContactDate', 'caseNo'] as const;
export const caseListQuery = pageQuery
  .extend({
    /** Case number, or the client's name (or part of it). */
    q: z.string().trim().max(50, 'too_long').optional(),
    status: csv(codeOf(CASE_STATUSES)).optional(),
    /** A configured level (GET /api/settings/risk-levels). */
    riskLevel: riskLevelCode.optional(),
    serviceArea: codeOf(SERVICE_AREAS).optional(),
    kind: codeOf(CASE_KINDS).optional(),
    communityId: uuid.optional(),
    residentId: uuid.optional(),
    /** `me`: cases I lead; `team`: any case I am on; `all`: everything I may see (default). */
    mine: z.enum(['me', 'team', 'all']).default('all'),
    leadUserId: uuid.optional(),
    sort: z.enum(CASE_SORTS, { error: 'invalid_option' }).default('updatedAt'),
    order: z.enum(['asc', 'desc'], { error: 'invalid_option' }).default('desc'),
  })
  .strict();
export type CaseListQuery = z.infer<typeof caseListQuery>;

// ——— intake (接案) ———
export const caseIntakeInput = z
  .object({
    residentId: uuid,
    kind: codeOf(CASE_KINDS).default('general'),
    source: codeOf(CASE_SOURCES),
    referralSourceNote: text(200),
    presentingProblem: required(2000),
    serviceArea: codeOf(SERVICE_AREAS),
    targetGroup: codeOf(TAG_GROUPS).nullish(),
    /** A level in use (GET /api/settings/risk-levels); without one, the calmest level in use. */
    riskLevel: riskLevelCode.optional(),
    intakeDate: dateString.optional(),
    consentBasis: codeOf(CONSENT_BASES).nullish(),
    consentDate: dateString.nullish(),
    consentNote: text(500),
    agreementSigned: z.boolean().default(false),
    agreementDate: dateString.nullish(),
    guardianName: text(50),
    guardianRelation: text(30),
    /**
     * An active supervisor whose scope covers the client's community (with restricted rights there for
     * a restricted kind): GET /api/cases/workers?teamRole=supervisor. Defaults to the worker's own
     * supervisor when they are eligible.
     */
    supervisorUserId: uuid.nullish(),
    /** Required when the resident has no birth date: the worker says whether the client is a minor. */
    clientIsMinor: z.boolean().nullish(),
  })
  .strict();
export type CaseIntakeInput = z.input<typeof caseIntakeInput>;

/** Editable facts of a case (not its stage: stages change through actions). */
export const caseUpdateInput = z
  .object({
    version: z.number().int().optional(),
    presentingProblem: required(2000).optional(),
    serviceArea: codeOf(SERVICE_AREAS).optional(),
    targetGroup: codeOf(TAG_GROUPS).nullish(),
    riskLevel: riskLevelCode.optional(),
    referralSourceNote: text(200),
    consentBasis: codeOf(CONSENT_BASES).nullish(),
    consentDate: dateString.nullish(),
    consentNote: text(500),
    agreementSigned: z.boolean().optional(),
    agreementDate: dateString.nullish(),
    guardianName: text(50),
    guardianRelation: text(30),
  })
  .strict();
export type CaseUpdateInput = z.input<typeof caseUpdateInput>;

/** accept / refer out / decline, with a reason for the last two. */
export const caseDecisionInput = z.object({ decision: z.enum(['accept', 'refer_out', 'decline']), reason: text(1000) }).strict();
/** Moving from 预估 to 计划 (the assessment is done). */
export const caseNoteInput = z.object({ note: text(1000) }).strict();
export const caseReasonInput = z.object({ reason: required(1000) }).strict();
/** Ending a case in 预估 or 计划 before any service: a reason (END_REASONS) and the worker's words. */
export const caseEndInput = z.object({ reason: codeOf(END_REASONS), note: required(1000) }).strict();

/** Who may be named on a case of a community: `teamRole` the role they would take, `restricted` for a restricted kind. */
export const caseWorkersQuery = z
  .object({
    communityId: uuid.optional(),
    teamRole: z.enum(['lead', 'co_worker', 'supervisor', 'manager'], { error: 'invalid_option' }).optional(),
    restricted: z.enum(['true', 'false'], { error: 'invalid_option' }).optional(),
  })
  .strict();

// ——— plan (计划) ———
export const planGoalInput = z
  .object({
    id: uuid.optional(),
    title: required(200),
    indicator: required(500),
    baseline: text(200),
    target: text(200),
  })
  .strict();
export const planTaskInput = z
  .object({
    id: uuid.optional(),
    title: required(300),
    /** Index of the goal in `goals` this task serves. */
    goalIndex: z.number().int().min(0).nullish(),
    ownerUserId: uuid.nullish(),
    ownerText: text(100),
    dueDate: dateString.nullish(),
  })
  .strict();
export const casePlanInput = z
  .object({
    strategy: text(4000),
    roles: text(2000),
    startDate: dateString.nullish(),
    endDate: dateString.nullish(),
    goals: z.array(planGoalInput).max(20, 'too_long'),
    tasks: z.array(planTaskInput).max(60, 'too_long'),
  })
  .strict();
export type CasePlanInput = z.input<typeof casePlanInput>;
export const planReviewInput = z.object({ approve: z.boolean(), comment: text(2000) }).strict();
export const taskStatusInput = z.object({ status: codeOf(TASK_STATUSES) }).strict();

// ——— service records (介入) ———
export const caseRecordInput = z
  .object({
    serviceDate: dateString,
    /** HH:mm when the service ended; without it, the end of the service date. */
    endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid').nullish(),
    mode: codeOf(RECORD_MODES),
    durationMinutes: z.number({ error: 'required' }).int('invalid').min(1, 'invalid').max(24 * 60, 'invalid'),
    serviceArea: codeOf(SERVICE_AREAS),
    content: required(8000),
    goalId: uuid.nullish(),
    nextStep: text(2000),
    /** A 回访 after closure: the follow-up this record answers. */
    followupId: uuid.nullish(),
  })
  .strict();
export type CaseRecordInput = z.input<typeof caseRecordInput>;
export const caseRecordListQuery = pageQuery.extend({ kind: z.enum(['service', 'followup']).optional() }).strict();

// ——— evaluation and closure (评估 / 结案) ———
export const closureRequestInput = z
  .object({
    goals: z.array(z.object({ goalId: uuid, attainment: codeOf(GOAL_ATTAINMENTS), note: text(500) }).strict()).max(20),
    clientFeedback: text(2000),
    closureReason: codeOf(CLOSURE_REASONS),
    closureSummary: required(4000),
    /** Why the case may close with plan tasks still open. */
    openTasksNote: text(1000),
    /** Why the case may close with referrals out still waiting for an answer or feedback. */
    openReferralsNote: text(1000),
    /** Dates of the 回访 after closure (default: one month after). */
    followupDates: z.array(dateString).max(6).optional(),
  })
  .strict();
export type ClosureRequestInput = z.input<typeof closureRequestInput>;
export const closureReviewInput = planReviewInput;

export const followupInput = z.object({ dueDate: dateString, note: text(500), assigneeUserId: uuid.nullish() }).strict();

// ——— team ———
export const teamMemberInput = z
  .object({
    role: codeOf(TEAM_ROLES.filter((r) => r.code !== 'lead')),
    userId: uuid.nullish(),
    externalName: text(50),
    externalOrg: text(100),
    discipline: text(50),
    contact: text(100),
  })
  .strict();
export const transferInput = z.object({ toUserId: uuid, handoverNote: required(2000) }).strict();

// ——— answers ———
export type CaseTeamMember = {
  id: string;
  role: string;
  userId: string | null;
  name: string;
  org: string | null;
  discipline: string | null;
  contact: string | null;
  active: boolean;
  addedAt: string;
};

export type CaseListItem = {
  id: string;
  caseNo: string;
  clientName: string;
  residentId: string;
  communityId: string;
  communityName: string;
  kind: string;
  restricted: boolean;
  status: string;
  riskLevel: string;
  serviceArea: string;
  targetGroup: string | null;
  intakeDate: string;
  lastContactDate: string | null;
  /** The risk level's contact interval has passed since the last contact (or intake). */
  contactOverdue: boolean;
  leadUserId: string | null;
  leadName: string | null;
  /** Service and follow-up records of the case. */
  recordCount: number;
  updatedAt: string;
};

export type CaseGoal = {
  id: string;
  title: string;
  indicator: string;
  baseline: string | null;
  target: string | null;
  attainment: string | null;
  attainmentNote: string | null;
};
export type CaseTask = {
  id: string;
  title: string;
  goalId: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  ownerText: string | null;
  dueDate: string | null;
  status: string;
  /** When it was marked done. */
  doneAt: string | null;
  overdue: boolean;
};
export type CasePlan = {
  id: string;
  version: number;
  status: string;
  strategy: string | null;
  roles: string | null;
  startDate: string | null;
  endDate: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewedByName: string | null;
  reviewComment: string | null;
  goals: CaseGoal[];
  tasks: CaseTask[];
};

export type CaseRecord = {
  id: string;
  kind: 'service' | 'followup';
  serviceDate: string;
  serviceEndAt: string;
  mode: string;
  durationMinutes: number;
  serviceArea: string;
  content: string;
  goalId: string | null;
  goalTitle: string | null;
  nextStep: string | null;
  late: boolean;
  createdAt: string;
  createdByName: string | null;
  attachments: { id: string; fileName: string; mimeType: string; size: number }[];
};

export type CaseFollowup = {
  id: string;
  kind: string;
  dueDate: string;
  assigneeUserId: string | null;
  assigneeName: string | null;
  doneAt: string | null;
  recordId: string | null;
  note: string | null;
  overdue: boolean;
};

export type CaseEvent = { id: string; at: string; actorName: string | null; action: string; fromStatus: string | null; toStatus: string | null; note: string | null };

export type Case = CaseListItem & {
  client: { id: string; name: string; sex: string; age: number | null; phone: string | null; address: string; householdId: string | null };
  juvenile: boolean;
  source: string;
  referralSourceNote: string | null;
  /** Null, like every narrative field, for a manager who is not on the team (the summary only). */
  presentingProblem: string | null;
  decision: string | null;
  decisionReason: string | null;
  consentBasis: string | null;
  consentDate: string | null;
  consentNote: string | null;
  consentRecordedByName: string | null;
  agreementSigned: boolean;
  agreementDate: string | null;
  guardianName: string | null;
  guardianRelation: string | null;
  supervisorUserId: string | null;
  supervisorName: string | null;
  closureReason: string | null;
  closureSummary: string | null;
  clientFeedback: string | null;
  openTasksNote: string | null;
  openReferralsNote: string | null;
  closureRequestedAt: string | null;
  endReason: string | null;
  endNote: string | null;
  closedAt: string | null;
  closedByName: string | null;
  archiveNo: string | null;
  retention: string | null;
  reopenCount: number;
  version: number;
  team: CaseTeamMember[];
  plan: CasePlan | null;
  followups: CaseFollowup[];
  recordCount: number;
  lateRecordCount: number;
  /** The plan or closure waiting for approval, and who may approve it. */
  approval: CaseApproval | null;
};

/**
 * A pending approval: by the case's own supervisor, or — when they lead the case or sent it
 * themselves — by `approvers` (other supervisors and agency heads of the scope; none for a
 * restricted case, whose lead must add another supervisor to the team).
 */
export type CaseApproval = { kind: 'plan' | 'closure'; submittedByName: string | null; byOwnSupervisor: boolean; approvers: string[] };

/** `readFile`: the whole file (else the summary only: a manager not named on the team). */
export type CaseAbilities = { work: boolean; lead: boolean; approve: boolean; followUp: boolean; readFile: boolean };
