import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.table';
import { users } from '../users/users.table';

/**
 * 预估 instruments as data: a versioned template of sections, items, scoring rules and result bands
 * (common/schemas/assessments.schema.ts `instrumentDefinition`), rendered as a form. A new instrument
 * or a new version is a row, not code; an assessment keeps the version it was made with.
 */
export const assessmentInstruments = pgTable(
  'assessment_instruments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    definition: jsonb('definition').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assessment_instruments_code_version_idx').on(t.code, t.version)],
);

/** One assessment of a case's client with one instrument version: answers, computed result, assessors. */
export const caseAssessments = pgTable(
  'case_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => assessmentInstruments.id),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    answers: jsonb('answers').notNull(),
    /** Scores per section, total, band/level: computed on the server from the definition. */
    result: jsonb('result').notNull(),
    summary: text('summary'),
    /** The users who assessed (MZ/T 039: two assessors). */
    assessorIds: uuid('assessor_ids').array().notNull(),
    /** A second assessor without an account, and the informant (信息提供者). */
    otherAssessor: text('other_assessor'),
    informant: text('informant'),
    /** When the next assessment is due (MZ/T 039: 6 months), from the definition. */
    nextDueDate: date('next_due_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [index('case_assessments_case_idx').on(t.caseId, t.assessedOn), index('case_assessments_due_idx').on(t.nextDueDate)],
);
