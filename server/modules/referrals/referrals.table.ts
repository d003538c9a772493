import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, date, uuid, boolean } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.table';
import { orgUnits } from '../orgs/orgs.table';
import { residents } from '../residents/residents.table';
import { users } from '../users/users.table';

/**
 * 资源目录 (§6.2.2): organisations a worker refers clients to — 政府部门, 医院, 学校, 社会组织,
 * 企业 … with contacts and the services they offer. Kept per district (the owner unit and below see it).
 */
export const resources = pgTable(
  'resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The org unit that keeps the entry; users whose scope lies under its district see it. */
    ownerOrgUnitId: uuid('owner_org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    /** RESOURCE_TYPES. */
    type: text('type').notNull(),
    services: text('services').array().notNull().default(sql`'{}'::text[]`),
    serviceAreas: text('service_areas').array().notNull().default(sql`'{}'::text[]`),
    contactName: text('contact_name'),
    phone: text('phone'),
    address: text('address'),
    note: text('note'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('resources_owner_idx').on(t.ownerOrgUnitId, t.type)],
);

/**
 * 转介: out of a case to a station, a community or a directory resource; or in, from one of them,
 * to a station or community of ours (which accepts it and opens an intake). Status sent →
 * accepted/declined → completed; feedback expected by `feedbackDue`.
 */
export const caseReferrals = pgTable(
  'case_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    /** `out` from this case; `in` to one of our units. */
    direction: text('direction').notNull(),
    targetOrgUnitId: uuid('target_org_unit_id').references(() => orgUnits.id),
    targetResourceId: uuid('target_resource_id').references(() => resources.id),
    /** Referral in: who sends (a resource or free text) and the person concerned. */
    fromResourceId: uuid('from_resource_id').references(() => resources.id),
    fromText: text('from_text'),
    /** The person concerned by a referral in (no case yet): name, and the resident when known. */
    clientName: text('client_name'),
    clientResidentId: uuid('client_resident_id').references(() => residents.id),
    reason: text('reason').notNull(),
    servicesRequested: text('services_requested'),
    /** CONSENT_BASES: checked on the server (no referral without consent or a legal basis). */
    consentBasis: text('consent_basis').notNull(),
    /** REFERRAL_STATUSES. */
    status: text('status').notNull().default('sent'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    feedbackDue: date('feedback_due', { mode: 'string' }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedBy: uuid('responded_by').references(() => users.id),
    responseNote: text('response_note'),
    feedback: text('feedback'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** A referral in that was accepted becomes this case. */
    resultCaseId: uuid('result_case_id').references(() => cases.id),
    urgent: boolean('urgent').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('case_referrals_case_idx').on(t.caseId),
    // The referrals that led to a case, and the referrals in naming a resident (the resident's page).
    index('case_referrals_result_case_idx').on(t.resultCaseId).where(sql`${t.resultCaseId} is not null`),
    index('case_referrals_client_idx').on(t.clientResidentId).where(sql`${t.clientResidentId} is not null`),
    index('case_referrals_target_idx').on(t.targetOrgUnitId, t.status),
    index('case_referrals_open_idx').on(t.createdBy, t.feedbackDue).where(sql`${t.status} in ('sent', 'accepted')`),
  ],
);
