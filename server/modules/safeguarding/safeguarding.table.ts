import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.table';
import { users } from '../users/users.table';

/**
 * 强制报告 (反家庭暴力法 第14条, 未成年人保护法 第11条): flagging a suspicion opens a report task,
 * overdue until the report is recorded, or until the team finds the suspicion unfounded and closes it
 * with a reason (dismissed). Shown to the case team only, each read audited.
 */
export const mandatoryReports = pgTable(
  'mandatory_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** MANDATORY_REPORT_KINDS: dv_limited_capacity | minor_harm | drug_serious_violation. */
    kind: text('kind').notNull(),
    concern: text('concern').notNull(),
    flaggedAt: timestamp('flagged_at', { withTimezone: true }).notNull().defaultNow(),
    flaggedBy: uuid('flagged_by').references(() => users.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportedTo: text('reported_to'),
    method: text('method'),
    reference: text('reference'),
    reporterUserId: uuid('reporter_user_id').references(() => users.id),
    /** Closed without a report: the suspicion was found unfounded (`dismissReason` says why). */
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
    dismissedBy: uuid('dismissed_by').references(() => users.id),
    dismissReason: text('dismiss_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mandatory_reports_open_idx').on(t.caseId).where(sql`${t.reportedAt} is null and ${t.dismissedAt} is null`),
    // A report is made or dismissed, never both; a dismissal always has its reason.
    check('mandatory_reports_one_outcome', sql`${t.reportedAt} is null or ${t.dismissedAt} is null`),
    check('mandatory_reports_dismiss_reason', sql`(${t.dismissedAt} is null) = (${t.dismissReason} is null)`),
  ],
);

/** 告诫书 (第16–17条) and 人身安全保护令 (第23–32条, ≤ 6 months), with the visits they require. */
export const protectiveOrders = pgTable(
  'protective_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** warning_letter | protection_order */
    kind: text('kind').notNull(),
    issuer: text('issuer').notNull(),
    documentNo: text('document_no'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    measures: text('measures').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [index('protective_orders_case_idx').on(t.caseId)],
);

/**
 * The own fields of 社区矫正 (社区矫正法) and 社区戒毒/康复 (戒毒条例) cases: one row per such case.
 * Counts of serious violations (条例 第20条) oblige a report to the police (第21条).
 */
export const caseRestrictedDetails = pgTable('case_restricted_details', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id, { onDelete: 'cascade' }),
  /** correction: CORRECTION_TYPES (管制/缓刑/假释/暂予监外执行). */
  correctionType: text('correction_type'),
  termStart: date('term_start', { mode: 'string' }),
  termEnd: date('term_end', { mode: 'string' }),
  /** 矫正小组 / 社区戒毒(康复)工作小组 members, as text lines. */
  teamMembers: text('team_members').array().notNull().default(sql`'{}'::text[]`),
  /** 社区影响调查评估 reports: [{ date, by, conclusion }]. */
  impactReports: jsonb('impact_reports').notNull().default(sql`'[]'::jsonb`),
  /**
   * drug rehab: community_detox | community_rehab; the day the person reported (the term counts from
   * it: term_start = report_date; term_end = report_date + 3 years for 社区戒毒, the decided end (≤ that)
   * for 社区康复), and the day the agreement was signed.
   */
  rehabType: text('rehab_type'),
  reportDate: date('report_date', { mode: 'string' }),
  agreementDate: date('agreement_date', { mode: 'string' }),
  /** Reports of leave (≥ 3 days out of the county needs a written report): [{ from, to, destination, reportedOn }]. */
  leaveReports: jsonb('leave_reports').notNull().default(sql`'[]'::jsonb`),
  testRefusals: integer('test_refusals').notNull().default(0),
  unauthorizedLeaves: integer('unauthorized_leaves').notNull().default(0),
  unauthorizedLeaveDays: integer('unauthorized_leave_days').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id),
  version: integer('version').notNull().default(1),
});
