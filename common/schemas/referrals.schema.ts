import { z } from 'zod';
import { CONSENT_BASES, REFERRAL_STATUSES, RESOURCE_TYPES } from '../codes/case.codes';
import { codeOf, csv, dateString, pageQuery, text, uuid } from './common.schema';

const required = (max: number) => z.string({ error: 'required' }).trim().min(1, 'required').max(max, 'too_long');
const version = z.number().int().min(1).optional();
/** An organisation's phone: landline (0571-88880001), mobile, extension (转 8001); several separated by 、or commas. */
const orgPhone = z
  .string({ error: 'invalid' })
  .trim()
  .max(60, 'too_long')
  .regex(/^[\d\s+()（）\-—转,，、/]*$/, 'invalid')
  .transform((v) => (v === '' ? null : v))
  .nullish();
const shortList = (max: number) => z.array(z.string({ error: 'invalid' }).trim().min(1, 'required').max(50, 'too_long')).max(max, 'too_long');

// ——— 资源目录 (§6.2.2) ———
export const resourceCreateInput = z
  .object({
    name: required(100),
    type: codeOf(RESOURCE_TYPES),
    /** What the organisation offers: 居家护理, 心理咨询, 法律援助 … (searched). */
    services: shortList(30).default([]),
    /** Where it serves: streets, communities, "全区". */
    serviceAreas: shortList(30).default([]),
    contactName: text(50),
    phone: orgPhone,
    address: text(200),
    note: text(1000),
    /** The unit that keeps the entry; defaults to the caller's district. */
    ownerOrgUnitId: uuid.nullish(),
  })
  .strict();
export type ResourceCreateInput = z.input<typeof resourceCreateInput>;

export const resourceUpdateInput = resourceCreateInput
  .omit({ ownerOrgUnitId: true })
  .partial()
  .extend({ version })
  .strict();
export type ResourceUpdateInput = z.input<typeof resourceUpdateInput>;

export const resourceListQuery = pageQuery
  .extend({
    /** A fragment of the name, a service, a contact or the address. */
    q: z.string().trim().max(50, 'too_long').optional(),
    type: csv(codeOf(RESOURCE_TYPES)).optional(),
    /** Entries offering this service (exact, as listed). */
    service: z.string().trim().max(50, 'too_long').optional(),
    archived: z.enum(['true', 'false'], { error: 'invalid_option' }).default('false'),
  })
  .strict();
export type ResourceListQuery = z.infer<typeof resourceListQuery>;

export type Resource = {
  id: string;
  ownerOrgUnitId: string;
  ownerName: string;
  name: string;
  type: string;
  services: string[];
  serviceAreas: string[];
  contactName: string | null;
  phone: string | null;
  address: string | null;
  note: string | null;
  archived: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type ResourceAbilities = { update: boolean; archive: boolean };

// ——— 转介 ———
/** A referral out of a case: to a station or community (org unit), or to a directory resource. */
export const referralCreateInput = z
  .object({
    targetOrgUnitId: uuid.nullish(),
    targetResourceId: uuid.nullish(),
    reason: required(2000),
    servicesRequested: text(1000),
    /** When feedback is expected; defaults to 14 days after sending. */
    feedbackDue: dateString.nullish(),
    urgent: z.boolean().default(false),
  })
  .strict();
export type ReferralCreateInput = z.input<typeof referralCreateInput>;

/**
 * A referral in: an outside organisation (a directory resource, or named in `fromText`) refers a
 * person to one of our stations or communities. The worker records it with the legal basis the
 * sender gave (个人信息保护法 第13条).
 */
export const incomingReferralInput = z
  .object({
    targetOrgUnitId: uuid,
    fromResourceId: uuid.nullish(),
    /** Who refers, when not in the directory: "区人民医院 社工部 刘医生 0571-…". */
    fromText: text(200),
    clientName: required(50),
    /** The person's resident record, when they are registered in one of the caller's communities. */
    residentId: uuid.nullish(),
    reason: required(2000),
    servicesRequested: text(1000),
    consentBasis: codeOf(CONSENT_BASES),
    /** The date the sender referred (default today). */
    sentOn: dateString.nullish(),
    feedbackDue: dateString.nullish(),
    urgent: z.boolean().default(false),
  })
  .strict();
export type IncomingReferralInput = z.input<typeof incomingReferralInput>;

export const referralAnswerInput = z.object({ note: text(1000), version }).strict();
export const referralDeclineInput = z.object({ note: required(1000), version }).strict();
export const referralCompleteInput = z.object({ feedback: required(2000), version }).strict();
export const referralLinkCaseInput = z.object({ caseId: uuid }).strict();

export const referralListQuery = pageQuery
  .extend({
    /**
     * `incoming`: addressed to units I answer for (and referrals in I recorded); `outgoing`: sent from
     * cases I see or by me. Absent: `outgoing`, except with `residentId`, where absent means both
     * directions (a resident's referrals, as on their page); given with `residentId`, both filters apply.
     */
    box: z.enum(['incoming', 'outgoing'], { error: 'invalid_option' }).optional(),
    /**
     * One resident's referrals: those sent from or leading to the resident's cases that the caller
     * sees (the case list's visibility — none of a restricted case the caller is not on), and the
     * referrals in that name the resident, where the caller sees them.
     */
    residentId: uuid.optional(),
    status: csv(codeOf(REFERRAL_STATUSES)).optional(),
    overdue: z.enum(['true', 'false'], { error: 'invalid_option' }).optional(),
  })
  .strict();
export type ReferralListQuery = z.infer<typeof referralListQuery>;

export type ReferralParty = {
  kind: 'org_unit' | 'resource' | 'text';
  id: string | null;
  name: string;
  /** ORG_KINDS for a unit, RESOURCE_TYPES for a resource. */
  type: string | null;
  phone: string | null;
  contactName: string | null;
  address: string | null;
};

/** `print`: the 转介单 (the referring side: its sender and the workers of its case). */
export type ReferralAbilities = { accept: boolean; decline: boolean; complete: boolean; cancel: boolean; linkCase: boolean; print: boolean };

export type Referral = {
  id: string;
  direction: 'out' | 'in';
  caseId: string | null;
  caseNo: string | null;
  client: { name: string; residentId: string | null; communityName: string | null };
  /** Who refers: the case's community for a referral out, the outside organisation for a referral in. */
  from: ReferralParty;
  to: ReferralParty;
  reason: string;
  servicesRequested: string | null;
  consentBasis: string;
  status: string;
  urgent: boolean;
  sentAt: string;
  feedbackDue: string;
  /** Waiting for an answer or feedback past `feedbackDue` (Beijing date). */
  overdue: boolean;
  /**
   * The target is a directory organisation without an account here: the referring worker records its
   * answer (代对方登记), and `respondedByName`/`respondedAt` say who recorded it and when.
   */
  answerOnBehalf: boolean;
  respondedAt: string | null;
  respondedByName: string | null;
  responseNote: string | null;
  feedback: string | null;
  completedAt: string | null;
  resultCaseId: string | null;
  createdAt: string;
  createdByName: string | null;
  version: number;
  abilities: ReferralAbilities;
};

/** What accepting a referral into one of our units hands to the intake form (source `referral_in`). */
export type ReferralIntakePrefill = {
  referralId: string;
  source: 'referral_in';
  residentId: string | null;
  clientName: string;
  referralSourceNote: string;
  presentingProblem: string;
  serviceArea: string | null;
  riskLevel: string | null;
  consentBasis: string;
  /** The referral's target when it is a community; else null (the worker picks). */
  communityId: string | null;
};

/** A station, community or village one may refer to (the directory's reach). */
export type ReferralTargetUnit = { id: string; name: string; kind: string; parentName: string | null; phone: string | null; address: string | null; mine: boolean };
