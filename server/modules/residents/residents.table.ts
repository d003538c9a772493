import { sql } from 'drizzle-orm';
import { type AnyPgColumn, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../orgs/orgs.table';
import { users } from '../users/users.table';
import { households } from '../households/households.table';

/**
 * 居民 (MZ/T 071 §5.1, §8.3.2). 身份证号 and phone numbers are stored encrypted (AES-256-GCM); the
 * `*_hash` columns are keyed HMACs for exact lookup and uniqueness, the `*_rev`/`*_last4` columns
 * hold only the tail needed for "last digits" search, and the `*_masked` columns the form every list
 * shows (`110105********002X`, `138****1234`), so that a list decrypts nothing.
 */
export const residents = pgTable(
  'residents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => orgUnits.id),
    householdId: uuid('household_id').references((): AnyPgColumn => households.id, { onDelete: 'set null' }),
    relationToHead: text('relation_to_head'),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    sex: text('sex').notNull(),
    idType: text('id_type').notNull().default('resident_id_card'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    /** The last six characters of the ID number, reversed, for index-backed tail search. */
    idNumberRev: text('id_number_rev'),
    idNumberMasked: text('id_number_masked'),
    birthDate: date('birth_date', { mode: 'string' }),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    phoneLast4: text('phone_last4'),
    phoneMasked: text('phone_masked'),
    ethnicity: text('ethnicity'),
    hukouType: text('hukou_type'),
    hukouAddress: text('hukou_address'),
    neighborhood: text('neighborhood'),
    building: text('building'),
    unit: text('unit'),
    room: text('room'),
    addressDetail: text('address_detail'),
    maritalStatus: text('marital_status'),
    education: text('education'),
    employment: text('employment'),
    health: text('health'),
    disabilityType: text('disability_type'),
    disabilityGrade: integer('disability_grade'),
    incomeStatus: text('income_status'),
    guardianName: text('guardian_name'),
    guardianRelation: text('guardian_relation'),
    guardianPhoneEnc: text('guardian_phone_enc'),
    emergencyName: text('emergency_name'),
    emergencyRelation: text('emergency_relation'),
    emergencyPhoneEnc: text('emergency_phone_enc'),
    /** Legal basis of processing (PIPL 第13条) and what was consented to, when, recorded by whom. */
    consentBasis: text('consent_basis'),
    consentScope: text('consent_scope'),
    consentDate: date('consent_date', { mode: 'string' }),
    consentRecordedBy: uuid('consent_recorded_by').references(() => users.id),
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archiveReason: text('archive_reason'),
  },
  (t) => [
    uniqueIndex('residents_id_number_hash_idx').on(t.idNumberHash).where(sql`${t.idNumberHash} is not null`),
    index('residents_community_pinyin_idx').on(t.communityId, t.namePinyin.op('text_pattern_ops')),
    // The people a list shows (not archived), in list order per community. Counts and the name-
    // fragment and tag filters of a list read this index alone; one community's pages come out in
    // order. `name` rides along for the fragment search (see residentListWhere).
    index('residents_active_scope_idx').on(t.communityId, t.namePinyin, t.id, t.name).where(sql`${t.archivedAt} is null`),
    // The same people in list order across communities: the first pages of a list over several
    // communities walk this index (checking the community in it) instead of sorting them all.
    index('residents_active_name_order_idx').on(t.namePinyin, t.id, t.communityId).where(sql`${t.archivedAt} is null`),
    index('residents_community_initials_idx').on(t.communityId, t.nameInitials.op('text_pattern_ops')),
    index('residents_community_name_idx').on(t.communityId, t.name.op('text_pattern_ops')),
    index('residents_community_id_rev_idx').on(t.communityId, t.idNumberRev.op('text_pattern_ops')),
    index('residents_community_birth_idx').on(t.communityId, t.birthDate),
    index('residents_community_created_idx').on(t.communityId, t.createdAt),
    index('residents_phone_hash_idx').on(t.phoneHash),
    index('residents_community_phone_last4_idx').on(t.communityId, t.phoneLast4),
    index('residents_household_idx').on(t.householdId),
    index('residents_name_birth_idx').on(t.name, t.birthDate),
    // Rows stored before the masked columns existed, until the start fills them in (db/data-migrations.ts).
    index('residents_masked_pending_idx')
      .on(t.id)
      .where(sql`(${t.idNumberEnc} is not null and ${t.idNumberMasked} is null) or (${t.phoneEnc} is not null and ${t.phoneMasked} is null)`),
  ],
);

/** Target-group tags of §5.1 with their period; restricted codes are filtered by policy. */
export const residentTags = pgTable(
  'resident_tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    /** The resident's community, kept equal to residents.community_id: tag filters and counts are scoped by it. */
    communityId: uuid('community_id')
      .notNull()
      .references(() => orgUnits.id),
    /** One of TAGS in common/codes.ts. */
    tag: text('tag').notNull(),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [
    index('resident_tags_resident_idx').on(t.residentId),
    // With the period, "has this tag in force" is answered from the index alone.
    index('resident_tags_tag_idx').on(t.tag, t.residentId, t.startDate, t.endDate),
    // A tag filter within the caller's communities reads only their rows of that tag.
    index('resident_tags_community_tag_idx').on(t.communityId, t.tag, t.residentId, t.startDate, t.endDate),
  ],
);

/**
 * Resident imports as the page follows them: progress while one runs (its heartbeat is
 * `updated_at`), then the report. The uploaded file lies in LINLI_DATA_DIR/imports/<upload_id>.xlsx
 * until the user uploads another or 24 hours pass; a job row goes with it.
 */
export const residentImportJobs = pgTable(
  'resident_import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    uploadId: uuid('upload_id').notNull(),
    fileName: text('file_name').notNull(),
    /** validate | all | valid_only */
    mode: text('mode').notNull(),
    /** The community named on the upload, for a sheet without a 社区 column. */
    communityId: uuid('community_id').references(() => orgUnits.id),
    /** running | done | failed | cancelled */
    status: text('status').notNull().default('running'),
    /** queued | checking | writing | finished */
    phase: text('phase').notNull().default('queued'),
    /** How far through the sheet the check is, 0–100 (inflated bytes over the sheet's size). */
    readPercent: integer('read_percent').notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsChecked: integer('rows_checked').notNull().default(0),
    rowsWritten: integer('rows_written').notNull().default(0),
    rowsToWrite: integer('rows_to_write').notNull().default(0),
    errorsSoFar: integer('errors_so_far').notNull().default(0),
    /** Where the problem workbook finds the sheet again. */
    sheetName: text('sheet_name'),
    headerRow: integer('header_row'),
    report: jsonb('report'),
    failure: jsonb('failure'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('resident_import_jobs_user_idx').on(t.userId, t.createdAt),
    // One import per user at a time.
    uniqueIndex('resident_import_jobs_running_idx').on(t.userId).where(sql`${t.status} = 'running'`),
  ],
);
