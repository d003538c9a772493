import { iso31661Alpha3ToAlpha2 } from 'iso-3166/1-a3-to-1-a2.js';
import { iso31661NumericToAlpha2 } from 'iso-3166/1-n-to-1-a2.js';
import { chinaToday } from '../dates';

// Identity numbers whose structure can be checked: 公民身份号码 (居民身份证), 港澳台居民居住证 and
// 外国人永久居留身份证. Other documents (passports, travel permits …) are taken as typed.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * The 34 province-level divisions of GB/T 2260 (the first two digits of an address code): 31 on the
 * mainland, 台湾 71, 香港 81, 澳门 82. Codes have been stable at this level since the 1980s (海南 46
 * in 1988, 重庆 50 in 1997 were new; numbers issued before keep 44 and 51, which still exist).
 */
export const PROVINCE_CODES: Record<string, string> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古', '21': '辽宁', '22': '吉林', '23': '黑龙江', '31': '上海', '32': '江苏',
  '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东', '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西',
  '46': '海南', '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏', '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏',
  '65': '新疆', '71': '台湾', '81': '香港', '82': '澳门',
};
const MAINLAND = (code: string) => code in PROVINCE_CODES && !['71', '81', '82'].includes(code);

/**
 * 港澳台居民居住证 (《港澳台居民居住证申领发放办法》, 2018): a 公民身份号码 structure whose address code is
 * the region's — 810000 香港, 820000 澳门, 830000 台湾 — followed by birth date, sequence and check char.
 */
export const HMT_PERMIT_REGIONS: Record<string, string> = { '810000': '香港', '820000': '澳门', '830000': '台湾' };

export type IdNumberError =
  | 'format' | 'hmt_format' | 'foreign_format' | 'province' | 'nationality' | 'birth_date' | 'checksum' | 'is_hmt_permit' | 'is_foreign_permanent';
type Sex = 'male' | 'female';
/** A 身份证号 or 居住证 number: birth date and sex are always in it. */
export type ParsedIdNumber = { ok: true; idNumber: string; birthDate: string; sex: Sex; converted: boolean } | { ok: false; error: IdNumberError };
/** Any checked document: a 2017 永居证 number gives neither birth date nor sex. */
export type ParsedIdDocument = { ok: true; idNumber: string; birthDate: string | null; sex: Sex | null; converted: boolean } | { ok: false; error: IdNumberError };

/** The check character for the first 17 characters of an 18-digit number (ISO 7064 MOD 11-2). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Birth date (positions 7–14 of an 18-character number), check character and sex digit (position 17:
 * odd male, even female). A birth date is at most today's date in Beijing, whatever the machine's
 * clock: a baby registered at 07:00 on its birthday is born "today" there, still "tomorrow" in UTC.
 */
function birthSexCheck(s: string, now: Date): ParsedIdNumber {
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1850-01-01' || birthDate > chinaToday(now)) return { ok: false, error: 'birth_date' };
  if (idCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, error: 'checksum' };
  return { ok: true, idNumber: s, birthDate, sex: Number(s[16]) % 2 === 1 ? 'male' : 'female', converted: false };
}

function isRealDate(d: string): boolean {
  const dt = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(dt.getTime()) && dt.toISOString().slice(0, 10) === d;
}

const clean = (input: string) => input.trim().toUpperCase();

/**
 * 公民身份号码 — GB 11643-1999: 6-digit address code (its province must exist), 8-digit birth date,
 * 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character. A legacy 15-digit number
 * (GB 11643-1989) is converted to 18 digits by inserting "19" and computing the check character.
 * A 居住证 or 永居证 number typed here is named as such, so the user can change the ID type.
 */
export function parseIdNumber(input: string, now: Date = new Date()): ParsedIdNumber {
  let s = clean(input);
  let converted = false;
  if (/^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    s = first17 + idCheckChar(first17);
    converted = true;
  }
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, error: 'format' };
  if (s.slice(0, 6) in HMT_PERMIT_REGIONS) return { ok: false, error: 'is_hmt_permit' };
  if (s[0] === '9' && parseForeignPermanentId(s, now).ok) return { ok: false, error: 'is_foreign_permanent' };
  if (!(s.slice(0, 2) in PROVINCE_CODES)) return { ok: false, error: 'province' };
  const p = birthSexCheck(s, now);
  return p.ok ? { ...p, converted } : p;
}

/** 港澳台居民居住证: 18 characters, address code 810000/820000/830000, then as a 公民身份号码. */
export function parseHmtResidencePermit(input: string, now: Date = new Date()): ParsedIdNumber {
  const s = clean(input);
  if (!/^\d{17}[\dX]$/.test(s) || !(s.slice(0, 6) in HMT_PERMIT_REGIONS)) return { ok: false, error: 'hmt_format' };
  return birthSexCheck(s, now);
}

/**
 * 外国人永久居留身份证.
 *
 * 2023 version (issued from 2023-12-01), 18 characters: "9" (a foreigner: citizens' numbers start
 * with 1–8), 2 digits the province of the issuing office, 3 digits the nationality as a numeric country
 * code (ISO 3166-1 / GB/T 2659), 8 digits the birth date, 3 digits the sequence (the last odd for a
 * man), and the MOD 11-2 check character of GB 11643.
 * Verified: from the 国家移民管理局 rules for reading the new card as published by card-reader vendors
 * (18 characters = 17 digits + check; first digit 9; the 3-letter country code of the 2017 number
 * turned into a numeric code; MOD 11-2 check, as for citizens). Not verified from a primary source: the
 * positions of the province and country codes, of the birth date and of the sex digit — taken from
 * an open-source implementation that agrees with the published example 911398199012310021 (北京,
 * 398 Kazakhstan, 1990-12-31, female). Nationality codes outside ISO 3166-1 (e.g. for a stateless
 * person) could not be checked and are refused.
 *
 * 2017 version, 15 characters: 3 letters (ISO 3166-1 alpha-3 nationality) and 12 digits. Its digits'
 * layout and check could not be verified: only the shape and the country are checked, and neither
 * birth date nor sex is derived from it.
 */
export function parseForeignPermanentId(input: string, now: Date = new Date()): ParsedIdDocument {
  const s = clean(input);
  if (/^[A-Z]{3}\d{12}$/.test(s)) {
    if (!(s.slice(0, 3) in iso31661Alpha3ToAlpha2)) return { ok: false, error: 'nationality' };
    return { ok: true, idNumber: s, birthDate: null, sex: null, converted: false };
  }
  if (!/^9\d{16}[\dX]$/.test(s)) return { ok: false, error: 'foreign_format' };
  if (!MAINLAND(s.slice(1, 3))) return { ok: false, error: 'province' };
  if (!(s.slice(3, 6) in iso31661NumericToAlpha2)) return { ok: false, error: 'nationality' };
  return birthSexCheck(s, now);
}

/** The ID types whose number is checked here; for the others any text up to 40 characters is taken. */
export const CHECKED_ID_TYPES = ['resident_id_card', 'hmt_residence_permit', 'foreign_permanent'] as const;

/**
 * The number checked by the rules of its document type, with the birth date and sex it carries;
 * null for a document type whose numbers have no structure to check (passport, travel permit …).
 */
export function parseIdDocument(idType: string, input: string, now: Date = new Date()): ParsedIdDocument | null {
  if (idType === 'resident_id_card') return parseIdNumber(input, now);
  if (idType === 'hmt_residence_permit') return parseHmtResidencePermit(input, now);
  if (idType === 'foreign_permanent') return parseForeignPermanentId(input, now);
  return null;
}

/**
 * A whole number of any checked document, its type unknown (the search box, the duplicate check):
 * the first of 身份证号, 居住证, 永居证 whose rules it passes, normalised (15 digits → 18); null if none.
 */
export function parseAnyIdNumber(input: string, now: Date = new Date()): Extract<ParsedIdDocument, { ok: true }> | null {
  for (const idType of CHECKED_ID_TYPES) {
    const p = parseIdDocument(idType, input, now);
    if (p?.ok) return p;
  }
  return null;
}

/** `110105********002X`: the address code and the last four characters stay visible. */
export function maskIdNumber(v: string): string {
  if (v.length <= 10) return `${v.slice(0, 2)}${'*'.repeat(Math.max(0, v.length - 4))}${v.slice(-2)}`;
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}
