import { z } from 'zod';
import { ETHNICITIES } from '../codes/ethnicity.codes';
import {
  CONSENT_BASES, DISABILITY_TYPES, EDUCATIONS, EMPLOYMENTS, HEALTH_STATUSES, HUKOU_TYPES, ID_TYPES,
  INCOME_STATUSES, MARITAL_STATUSES, RELATIONS_TO_HEAD, SEXES,
} from '../codes/resident.codes';
import { TAGS } from '../codes/tag.codes';
import { normalizeMobile } from '../validators/phone.validator';
import { parseIdDocument } from '../validators/id-number.validator';
import { codeOf, csv, dateString, pageQuery, text, uuid } from './common.schema';
import { chinaToday } from '../dates';

const mobile = z
  .string({ error: 'invalid' })
  .trim()
  .transform((v, ctx) => {
    if (v === '') return null;
    const n = normalizeMobile(v);
    if (!n) ctx.addIssue({ code: 'custom', message: 'phone.invalid' });
    return n ?? v;
  })
  .nullish();

export const tagInput = z
  .object({
    tag: codeOf(TAGS),
    startDate: dateString.nullish(),
    endDate: dateString.nullish(),
    note: text(200),
  })
  .strict()
  .refine((t) => !t.startDate || !t.endDate || t.endDate >= t.startDate, { message: 'date_order', path: ['endDate'] });
export type TagInput = z.infer<typeof tagInput>;

/** The fields a social worker records about a resident (MZ/T 071 §5.1, §8.3.2). */
const residentFields = {
  name: z.string({ error: 'required' }).trim().min(1, 'required').max(50, 'too_long'),
  sex: codeOf(SEXES),
  idType: codeOf(ID_TYPES),
  idNumber: z.string({ error: 'invalid' }).trim().max(40, 'too_long').transform((v) => (v === '' ? null : v.toUpperCase())).nullish(),
  birthDate: dateString.nullish(),
  phone: mobile,
  communityId: uuid,
  householdId: uuid.nullish(),
  relationToHead: codeOf(RELATIONS_TO_HEAD).nullish(),
  ethnicity: codeOf(ETHNICITIES).nullish(),
  hukouType: codeOf(HUKOU_TYPES).nullish(),
  hukouAddress: text(200),
  neighborhood: text(60),
  building: text(20),
  unit: text(20),
  room: text(20),
  addressDetail: text(200),
  maritalStatus: codeOf(MARITAL_STATUSES).nullish(),
  education: codeOf(EDUCATIONS).nullish(),
  employment: codeOf(EMPLOYMENTS).nullish(),
  health: codeOf(HEALTH_STATUSES).nullish(),
  disabilityType: codeOf(DISABILITY_TYPES).nullish(),
  disabilityGrade: z.coerce.number({ error: 'invalid' }).int('invalid').min(1, 'invalid_option').max(4, 'invalid_option').nullish(),
  incomeStatus: codeOf(INCOME_STATUSES).nullish(),
  guardianName: text(50),
  guardianRelation: text(20),
  guardianPhone: mobile,
  emergencyName: text(50),
  emergencyRelation: text(20),
  emergencyPhone: mobile,
  consentBasis: codeOf(CONSENT_BASES).nullish(),
  consentScope: text(500),
  consentDate: dateString.nullish(),
  note: text(2000),
  tags: z.array(tagInput).max(30, 'too_long').optional(),
};

type Fields = { idType?: string; idNumber?: string | null; sex?: string; birthDate?: string | null; disabilityType?: string | null; disabilityGrade?: number | null };

/**
 * Cross-field rules: the number checked by the rules of its ID type (居民身份证, 港澳台居民居住证,
 * 外国人永久居留身份证), and birth date and sex agreeing with it where the number carries them.
 */
export function checkResidentFields(v: Fields, ctx: z.RefinementCtx, today = new Date()) {
  const p = v.idNumber ? parseIdDocument(v.idType ?? 'resident_id_card', v.idNumber, today) : null;
  if (p) {
    if (!p.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `id_number.${p.error}` });
    else {
      if (v.sex && p.sex && v.sex !== p.sex) ctx.addIssue({ code: 'custom', path: ['sex'], message: 'id_number.sex_mismatch' });
      if (v.birthDate && p.birthDate && v.birthDate !== p.birthDate)
        ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'id_number.birth_mismatch' });
    }
  }
  if (v.birthDate && v.birthDate > chinaToday(today))
    ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'future_date' });
  if (v.disabilityGrade != null && !v.disabilityType)
    ctx.addIssue({ code: 'custom', path: ['disabilityGrade'], message: 'disability.grade_without_type' });
}

export const residentCreateInput = z
  .object({ ...residentFields, idType: residentFields.idType.default('resident_id_card') })
  .strict()
  .superRefine((v, ctx) => checkResidentFields(v, ctx));
export type ResidentCreateInput = z.infer<typeof residentCreateInput>;

/** PATCH: any subset of the fields; `version` (optional) detects concurrent edits. */
export const residentUpdateInput = z
  .object(residentFields)
  .partial()
  .extend({ version: z.number().int().min(1).optional() })
  .strict();
export type ResidentUpdateInput = z.infer<typeof residentUpdateInput>;

export const RESIDENT_SORTS = ['name', 'birthDate', 'createdAt', 'updatedAt'] as const;

export const residentListQuery = pageQuery
  .extend({
    q: z.string().trim().max(50, 'too_long').optional(),
    communityId: uuid.optional(),
    tags: csv(codeOf(TAGS)).optional(),
    sex: codeOf(SEXES).optional(),
    ageMin: z.coerce.number().int().min(0).max(150).optional(),
    ageMax: z.coerce.number().int().min(0).max(150).optional(),
    householdId: uuid.optional(),
    sort: z.enum(RESIDENT_SORTS, { error: 'invalid_option' }).default('name'),
    order: z.enum(['asc', 'desc'], { error: 'invalid_option' }).default('asc'),
  })
  .strict();
export type ResidentListQuery = z.infer<typeof residentListQuery>;

export const revealInput = z.object({ field: z.enum(['idNumber', 'phone', 'guardianPhone', 'emergencyPhone']) }).strict();

export const archiveInput = z.object({ reason: z.enum(['moved_out', 'deceased', 'duplicate', 'other']), note: text(200) }).strict();
export const restoreInput = z.object({ note: text(200) }).strict();

export type ResidentTag = { id: string; tag: string; startDate: string | null; endDate: string | null; note: string | null; active: boolean };

/** A resident as the API answers: personal identifiers masked unless revealed. */
export type Resident = {
  id: string;
  communityId: string;
  communityName: string;
  householdId: string | null;
  relationToHead: string | null;
  name: string;
  sex: 'male' | 'female';
  idType: string;
  idNumber: string | null;
  birthDate: string | null;
  age: number | null;
  phone: string | null;
  ethnicity: string | null;
  hukouType: string | null;
  hukouAddress: string | null;
  neighborhood: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  addressDetail: string | null;
  maritalStatus: string | null;
  education: string | null;
  employment: string | null;
  health: string | null;
  disabilityType: string | null;
  disabilityGrade: number | null;
  incomeStatus: string | null;
  guardianName: string | null;
  guardianRelation: string | null;
  guardianPhone: string | null;
  emergencyName: string | null;
  emergencyRelation: string | null;
  emergencyPhone: string | null;
  consentBasis: string | null;
  consentScope: string | null;
  consentDate: string | null;
  consentRecordedBy: string | null;
  /** Display name of the user who recorded the legal basis. */
  consentRecordedByName: string | null;
  consentRecordedAt: string | null;
  note: string | null;
  tags: ResidentTag[];
  version: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /** Why the record was closed: moved_out, deceased, duplicate, other. */
  archiveReason: string | null;
};

export type ResidentListItem = Pick<
  Resident,
  'id' | 'communityId' | 'communityName' | 'householdId' | 'name' | 'sex' | 'idNumber' | 'birthDate' | 'age' | 'phone' | 'tags' | 'neighborhood' | 'building' | 'unit' | 'room'
>;

export type ResidentAbilities = { update: boolean; reveal: boolean; archive: boolean; restore: boolean; viewRestricted: boolean };

export type DuplicateCandidate = { id: string; name: string; birthDate: string | null; communityName: string };
