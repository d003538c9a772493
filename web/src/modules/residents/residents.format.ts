import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { Code } from '../../../../common/codes/codes';
import { ETHNICITIES } from '../../../../common/codes/ethnicity.codes';
import {
  CONSENT_BASES, DISABILITY_GRADES, DISABILITY_TYPES, EDUCATIONS, EMPLOYMENTS, HEALTH_STATUSES, HUKOU_TYPES, ID_TYPES,
  INCOME_STATUSES, MARITAL_STATUSES, RELATIONS_TO_HEAD, SEXES,
} from '../../../../common/codes/resident.codes';
import { TAG_GROUPS, TAGS } from '../../../../common/codes/tag.codes';
import { beijingToday } from '../../lib/format';
import { currentLang } from '../../lib/i18n';

/** Fields whose values are codes, and the list that labels them (detail page and history). */
export const FIELD_CODES: Record<string, readonly Code[]> = {
  sex: SEXES,
  idType: ID_TYPES,
  ethnicity: ETHNICITIES,
  hukouType: HUKOU_TYPES,
  maritalStatus: MARITAL_STATUSES,
  education: EDUCATIONS,
  employment: EMPLOYMENTS,
  health: HEALTH_STATUSES,
  disabilityType: DISABILITY_TYPES,
  disabilityGrade: DISABILITY_GRADES,
  incomeStatus: INCOME_STATUSES,
  consentBasis: CONSENT_BASES,
  relationToHead: RELATIONS_TO_HEAD,
};

/** The label of a resident field, e.g. `residents.field.idNumber`. Standalone contexts use the long form. */
export function fieldLabel(t: TFunction, field: string, long = false): string {
  if (long) {
    const l = t(`residents.fieldLong.${field}`, { defaultValue: '' });
    if (l) return l;
  }
  return t(`residents.field.${field}`, { defaultValue: field });
}

type AddressParts = { neighborhood?: string | null; building?: string | null; unit?: string | null; room?: string | null; addressDetail?: string | null };

/** 小区 2栋 4单元 304室 (or Bldg 2, Unit 4, Rm 304 in English). */
export function formatAddress(t: TFunction, r: AddressParts, withDetail = false): string {
  // "3" becomes 3栋; "三组" or "12号" already say what they are (as the server's household address).
  const part = (v: string | null | undefined, kind: 'building' | 'unit' | 'room') =>
    !v ? null : /[\u4e00-\u9fff]$/.test(v) ? v : t(`residents.addressFmt.${kind}`, { v });
  const parts = [
    r.neighborhood,
    part(r.building, 'building'),
    part(r.unit, 'unit'),
    part(r.room, 'room'),
    withDetail ? r.addressDetail : null,
  ].filter(Boolean);
  return parts.join(currentLang() === 'en' ? ', ' : ' ');
}

/** Whole years from a 'YYYY-MM-DD' birth date to today. */
export function ageOf(birthDate: string | null | undefined): number | null {
  if (!birthDate) return null;
  const d = dayjs(birthDate);
  return d.isValid() ? dayjs(beijingToday()).diff(d, 'year') : null;
}

export const isMinor = (age: number | null | undefined) => age != null && age < 18;

export const today = beijingToday;

const TAG_BY_CODE = new Map<string, (typeof TAGS)[number]>(TAGS.map((x) => [x.code, x]));

export const isRestrictedTag = (code: string) => {
  const x = TAG_BY_CODE.get(code);
  return !!x && 'restricted' in x && x.restricted === true;
};

const GROUP_COLORS: Record<string, string> = {
  elderly: 'orange',
  children: 'cyan',
  disabled: 'purple',
  assistance: 'gold',
  women: 'magenta',
  migrants: 'blue',
  resettled: 'geekblue',
  patients: 'lime',
  emergency: 'volcano',
  special: 'red',
};

/** A tag's colour by its §5.1 group; restricted tags are always red. */
export function tagColor(code: string): string {
  if (isRestrictedTag(code)) return 'red';
  return GROUP_COLORS[TAG_BY_CODE.get(code)?.group ?? ''] ?? 'default';
}

export const tagGroupOf = (code: string) => TAG_BY_CODE.get(code)?.group ?? '';

/** Select options grouped by TAG_GROUPS; restricted tags only when the user may see them. */
export function tagOptions(allowRestricted: boolean) {
  const lang = currentLang();
  return TAG_GROUPS.map((g) => ({
    label: g[lang],
    title: g[lang],
    options: TAGS.filter((x) => x.group === g.code && (allowRestricted || !isRestrictedTag(x.code))).map((x) => ({ value: x.code, label: x[lang] })),
  })).filter((g) => g.options.length > 0);
}

/** The order fields are listed in (the history, the form): as the audit records them. */
export const FIELD_ORDER = [
  'name', 'sex', 'idType', 'idNumber', 'birthDate', 'phone', 'communityId', 'householdId', 'relationToHead', 'ethnicity', 'hukouType',
  'hukouAddress', 'neighborhood', 'building', 'unit', 'room', 'addressDetail', 'maritalStatus', 'education', 'employment', 'health',
  'disabilityType', 'disabilityGrade', 'incomeStatus', 'guardianName', 'guardianRelation', 'guardianPhone', 'emergencyName',
  'emergencyRelation', 'emergencyPhone', 'consentBasis', 'consentScope', 'consentDate', 'note', 'tags', 'archived',
];
