import type { Resident, ResidentAbilities, ResidentListItem, ResidentTag } from '../../../common/schemas/residents.schema';
import { maskIdNumber } from '../../../common/validators/id-number.validator';
import { maskPhone } from '../../../common/validators/phone.validator';
import type { Actor } from '../../lib/actor';
import { decrypt } from '../../lib/crypto';
import { canEditResident, canRevealResident, canSeeTag } from './residents.policy';
import type { residents, residentTags } from './residents.table';
import { chinaToday } from '../../../common/dates';

export type ResidentRow = typeof residents.$inferSelect;
export type TagRow = typeof residentTags.$inferSelect;

const today = () => chinaToday();

/** Whole years between a birth date and today. */
export function ageOn(birthDate: string | null, on = today()): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number);
  const [ty, tm, td] = on.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

export const isActiveTag = (t: Pick<TagRow, 'startDate' | 'endDate'>, on = today()) =>
  (!t.startDate || t.startDate <= on) && (!t.endDate || t.endDate >= on);

/** The tags this actor may see, active ones first. */
export function presentTags(actor: Actor, communityId: string, tags: TagRow[], on = today()): ResidentTag[] {
  return tags
    .filter((t) => canSeeTag(actor, communityId, t.tag))
    .map((t) => ({ id: t.id, tag: t.tag, startDate: t.startDate, endDate: t.endDate, note: t.note, active: isActiveTag(t, on) }))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.tag.localeCompare(b.tag));
}

const masked = (enc: string | null, mask: (v: string) => string) => {
  const v = decrypt(enc);
  return v == null ? null : mask(v);
};

/** Row → API shape. 身份证号 and phone numbers are always masked here; `reveal` gives one value. */
export function presentResident(r: ResidentRow, tags: TagRow[], actor: Actor, names: { community: string; consentRecordedBy: string | null }): Resident {
  return {
    id: r.id,
    communityId: r.communityId,
    communityName: names.community,
    householdId: r.householdId,
    relationToHead: r.relationToHead,
    name: r.name,
    sex: r.sex as Resident['sex'],
    idType: r.idType,
    idNumber: masked(r.idNumberEnc, maskIdNumber),
    birthDate: r.birthDate,
    age: ageOn(r.birthDate),
    phone: masked(r.phoneEnc, maskPhone),
    ethnicity: r.ethnicity,
    hukouType: r.hukouType,
    hukouAddress: r.hukouAddress,
    neighborhood: r.neighborhood,
    building: r.building,
    unit: r.unit,
    room: r.room,
    addressDetail: r.addressDetail,
    maritalStatus: r.maritalStatus,
    education: r.education,
    employment: r.employment,
    health: r.health,
    disabilityType: r.disabilityType,
    disabilityGrade: r.disabilityGrade,
    incomeStatus: r.incomeStatus,
    guardianName: r.guardianName,
    guardianRelation: r.guardianRelation,
    guardianPhone: masked(r.guardianPhoneEnc, maskPhone),
    emergencyName: r.emergencyName,
    emergencyRelation: r.emergencyRelation,
    emergencyPhone: masked(r.emergencyPhoneEnc, maskPhone),
    consentBasis: r.consentBasis,
    consentScope: r.consentScope,
    consentDate: r.consentDate,
    consentRecordedBy: r.consentRecordedBy,
    consentRecordedByName: names.consentRecordedBy,
    consentRecordedAt: r.consentRecordedAt?.toISOString() ?? null,
    note: r.note,
    tags: presentTags(actor, r.communityId, tags),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    archivedAt: r.archivedAt?.toISOString() ?? null,
    archiveReason: r.archiveReason,
  };
}

/** Row → list item. The masked forms are stored (residents.identity.ts): a list decrypts nothing. */
export function presentListItem(
  r: Pick<ResidentRow, 'id' | 'communityId' | 'householdId' | 'name' | 'sex' | 'idNumberMasked' | 'birthDate' | 'phoneMasked' | 'neighborhood' | 'building' | 'unit' | 'room'>,
  tags: TagRow[],
  actor: Actor,
  communityName: string,
  on = today(),
): ResidentListItem {
  return {
    id: r.id,
    communityId: r.communityId,
    communityName,
    householdId: r.householdId,
    name: r.name,
    sex: r.sex as Resident['sex'],
    idNumber: r.idNumberMasked,
    birthDate: r.birthDate,
    age: ageOn(r.birthDate, on),
    phone: r.phoneMasked,
    tags: presentTags(actor, r.communityId, tags, on).filter((t) => t.active),
    neighborhood: r.neighborhood,
    building: r.building,
    unit: r.unit,
    room: r.room,
  };
}

export function residentAbilities(actor: Actor, r: Pick<ResidentRow, 'communityId' | 'archivedAt'>): ResidentAbilities {
  const edit = canEditResident(actor, r) && !r.archivedAt;
  const restore = canEditResident(actor, r) && !!r.archivedAt;
  return { update: edit, archive: edit, restore, reveal: canRevealResident(actor, r), viewRestricted: actor.restrictedCommunityIds.includes(r.communityId) };
}
