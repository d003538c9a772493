import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { households } from '../households/households.table';
import { orgUnits } from '../orgs/orgs.table';
import { residents } from '../residents/residents.table';
import { riskLevels } from '../settings/settings.table';
import { users } from '../users/users.table';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

const audit = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by').references(() => users.id),
};

/**
 * 个案 (MZ/T 071 §6.1, MZ/T 094—2017): one client (a resident) from 接案 to 结案 and 回访. Codes of
 * the text columns are in common/codes/case.codes.ts.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human case number, GA-<year>-<serial>: unique, never reused. */
    caseNo: text('case_no').notNull(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => orgUnits.id),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    householdId: uuid('household_id').references(() => households.id, { onDelete: 'set null' }),
    kind: text('kind').notNull().default('general'),
    /** Correction, drug-rehab and domestic-violence cases: only the team finds or opens them. */
    restricted: boolean('restricted').notNull().default(false),
    /** The client was under 18 at intake: restricted juvenile files are stricter still. */
    juvenile: boolean('juvenile').notNull().default(false),
    status: text('status').notNull().default('intake'),
    source: text('source').notNull(),
    referralSourceNote: text('referral_source_note'),
    presentingProblem: text('presenting_problem').notNull(),
    serviceArea: text('service_area').notNull(),
    /** A §5.1 target group (TAG_GROUPS). */
    targetGroup: text('target_group'),
    /** A configured level (risk_levels, 系统设置). */
    riskLevel: text('risk_level')
      .notNull()
      .default('low')
      .references(() => riskLevels.code),
    intakeDate: date('intake_date', { mode: 'string' }).notNull(),
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    /** What justifies processing and passing on the client's data (个人信息保护法 第13条): CONSENT_BASES. */
    consentBasis: text('consent_basis'),
    consentDate: date('consent_date', { mode: 'string' }),
    consentNote: text('consent_note'),
    consentRecordedBy: uuid('consent_recorded_by').references(() => users.id),
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }),
    agreementSigned: boolean('agreement_signed').notNull().default(false),
    agreementDate: date('agreement_date', { mode: 'string' }),
    guardianName: text('guardian_name'),
    guardianRelation: text('guardian_relation'),
    leadUserId: uuid('lead_user_id').references(() => users.id),
    supervisorUserId: uuid('supervisor_user_id').references(() => users.id),
    /** The date of the latest service record: the supervisor's "no contact for too long" queue. */
    lastContactDate: date('last_contact_date', { mode: 'string' }),
    /** When the latest late record (§7.2.3) was entered: kept by a trigger on case_records (migration 0012). */
    lastLateRecordAt: timestamp('last_late_record_at', { withTimezone: true }),
    // 评估 and 结案
    closureReason: text('closure_reason'),
    closureSummary: text('closure_summary'),
    clientFeedback: text('client_feedback'),
    /** Why the case closes with plan tasks still open (a closure needs it then). */
    openTasksNote: text('open_tasks_note'),
    /** Why the case closes with referrals still waiting for an answer or feedback. */
    openReferralsNote: text('open_referrals_note'),
    closureRequestedAt: timestamp('closure_requested_at', { withTimezone: true }),
    /** Who asked for closure: they may not approve it (separation of duties). */
    closureRequestedBy: uuid('closure_requested_by').references(() => users.id),
    /** A case ended in 预估 or 计划 (END_REASONS), and the worker's words on it. */
    endReason: text('end_reason'),
    endNote: text('end_note'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    /** 档号 (DA/T 22—2015), given at closure, never changed (DA/T 13—2022 stability). */
    archiveNo: text('archive_no'),
    retention: text('retention'),
    reopenCount: integer('reopen_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    ...audit,
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('cases_case_no_idx').on(t.caseNo),
    uniqueIndex('cases_archive_no_idx').on(t.archiveNo),
    index('cases_community_status_idx').on(t.communityId, t.status, t.createdAt),
    index('cases_resident_idx').on(t.residentId),
    index('cases_supervisor_idx').on(t.supervisorUserId, t.status, t.updatedAt),
    // A supervisor's cases with recent late records (我的待办), without probing the records of every case.
    index('cases_supervisor_late_idx').on(t.supervisorUserId, t.lastLateRecordAt).where(sql`${t.lastLateRecordAt} is not null`),
    index('cases_lead_idx').on(t.leadUserId, t.status),
    // Whether a risk level is in use (系统设置), and the foreign key's check when one is deleted.
    index('cases_risk_level_idx').on(t.riskLevel),
  ],
);

/**
 * The case team (§4.4): lead worker, co-workers, supervisor, named managers (users), and members
 * from other disciplines or organisations (no account: a name and an organisation).
 */
export const caseTeam = pgTable(
  'case_team',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    /** TEAM_ROLES. */
    role: text('role').notNull(),
    externalName: text('external_name'),
    externalOrg: text('external_org'),
    discipline: text('discipline'),
    contact: text('contact'),
    active: boolean('active').notNull().default(true),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    // The list scope: "the cases I am on" reads this index alone.
    index('case_team_user_idx').on(t.userId, t.caseId).where(sql`${t.active}`),
    index('case_team_case_idx').on(t.caseId),
  ],
);

/** The case's own history: every transition and every change, in words the team reads. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    /** e.g. `cases.accept`, `cases.plan_submit`, `cases.transfer`. */
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    detail: jsonb('detail'),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/** 服务计划: one row per version; a plan returned by the supervisor is edited and submitted again. */
export const casePlans = pgTable(
  'case_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    /** PLAN_STATUSES. */
    status: text('status').notNull().default('draft'),
    /** Purpose and intervention strategy. */
    strategy: text('strategy'),
    /** Roles of worker, client and collaborators. */
    roles: text('roles'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewComment: text('review_comment'),
    ...audit,
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_plans_case_version_idx').on(t.caseId, t.version), index('case_plans_status_idx').on(t.status)],
);

/** A plan goal with its measurable indicator; attainment is set at evaluation. */
export const caseGoals = pgTable(
  'case_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => casePlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    title: text('title').notNull(),
    indicator: text('indicator').notNull(),
    baseline: text('baseline'),
    target: text('target'),
    /** GOAL_ATTAINMENTS, set at evaluation. */
    attainment: text('attainment'),
    attainmentNote: text('attainment_note'),
  },
  (t) => [index('case_goals_plan_idx').on(t.planId, t.position)],
);

/** A plan task with its owner and due date: a 我的待办 item while open. */
export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => casePlans.id, { onDelete: 'cascade' }),
    goalId: uuid('goal_id').references(() => caseGoals.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    title: text('title').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    /** Someone without an account: the client, a family member, a partner organisation. */
    ownerText: text('owner_text'),
    dueDate: date('due_date', { mode: 'string' }),
    /** TASK_STATUSES. */
    status: text('status').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [index('case_tasks_plan_idx').on(t.planId, t.position), index('case_tasks_owner_due_idx').on(t.ownerUserId, t.dueDate).where(sql`${t.status} = 'open'`)],
);

/**
 * 服务记录 (介入) and 回访 records. `late` when entered more than LATE_RECORD_HOURS after the
 * service (MZ/T 071 §7.2.3).
 */
export const caseRecords = pgTable(
  'case_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** `service` while the case is open; `followup` for a 回访 after closure. */
    kind: text('kind').notNull().default('service'),
    followupId: uuid('followup_id'),
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    /** When the service ended, if known (else the end of the service date). */
    serviceEndAt: timestamp('service_end_at', { withTimezone: true }).notNull(),
    mode: text('mode').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    serviceArea: text('service_area').notNull(),
    content: text('content').notNull(),
    goalId: uuid('goal_id').references(() => caseGoals.id, { onDelete: 'set null' }),
    nextStep: text('next_step'),
    late: boolean('late').notNull().default(false),
    ...audit,
  },
  (t) => [
    index('case_records_case_idx').on(t.caseId, t.serviceDate, t.createdAt),
    // The supervisor's late records: probed per supervised case.
    index('case_records_case_late_idx').on(t.caseId, t.createdAt).where(sql`${t.late}`),
  ],
);

/** Photos and scans of a record (type and size checked; stored in PostgreSQL like everything else). */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    recordId: uuid('record_id').references(() => caseRecords.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    ...audit,
  },
  (t) => [index('case_attachments_record_idx').on(t.caseId, t.recordId)],
);

/** 跟进/回访 after closure, and the visits a 告诫书 or 保护令 requires: due, then done with a record. */
export const caseFollowups = pgTable(
  'case_followups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** FOLLOWUP_KINDS. */
    kind: text('kind').notNull().default('after_closure'),
    /** The 告诫书/保护令 that requires the visit. */
    orderId: uuid('order_id'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id),
    doneAt: timestamp('done_at', { withTimezone: true }),
    recordId: uuid('record_id').references(() => caseRecords.id, { onDelete: 'set null' }),
    note: text('note'),
    ...audit,
  },
  (t) => [index('case_followups_due_idx').on(t.assigneeUserId, t.dueDate).where(sql`${t.doneAt} is null`), index('case_followups_case_idx').on(t.caseId)],
);

/** The last number given under a prefix: case numbers (GA-2026) and 档号 件号. Numbers are never reused. */
export const archiveCounters = pgTable(
  'archive_counters',
  {
    prefix: text('prefix').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.prefix] })],
);

/** In-app notifications (plan returned, approval waiting, transfer received, referral answered …). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    /** Chinese text as written; the code `kind` lets the web translate. */
    text: text('text').notNull(),
    detail: jsonb('detail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);
