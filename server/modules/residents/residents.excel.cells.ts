// Reading cells the way people fill them in: dates in any usual spelling, numbers that were ID
// numbers, the words offices use for coded values, one-column addresses.
import { findCode, type Code } from '../../../common/codes/codes';
import { ETHNICITIES } from '../../../common/codes/ethnicity.codes';
import { DISABILITY_GRADES, DISABILITY_TYPES } from '../../../common/codes/resident.codes';
import { codeForWord } from '../../../common/codes/synonyms.codes';

/** A cell's value as the sheet holds it: a date-formatted number is a Date (UTC wall clock). */
export type CellRead = string | number | boolean | Date | null;

/** Invisible characters out, no-break and ideographic spaces as spaces, trimmed. */
export function cleanText(s: string): string {
  return s
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\u00A0\u3000]/g, ' ')
    .trim();
}

/** Full-width digits, letters and signs (typed with a Chinese input method) → ASCII. For numbers and codes only. */
export const halfWidth = (s: string) => s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel date (a UTC wall-clock Date) → YYYY-MM-DD, rounding away float noise. */
function dateOf(d: Date): string {
  const day = new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000);
  return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

/** A cell as text, as it reads in the sheet (whole numbers without a decimal point or exponent). */
export function cellText(v: CellRead): string {
  if (v == null) return '';
  if (v instanceof Date) return dateOf(v);
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return cleanText(v);
}

function realDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The ways people write a date in a sheet → YYYY-MM-DD, or null when it is not one. */
export function parseDateCell(v: CellRead): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateOf(v);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 18_500_101 && v <= 29_991_231) return realDate(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
    // An Excel serial day number in a cell without a date format (1900 date system).
    if (v >= 1 && v < 2_958_466) return dateOf(new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86_400_000));
    return null;
  }
  const s = halfWidth(cellText(v));
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? realDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * An ID number cell → its text. A number of 16 digits or more has lost its last digits already
 * (Excel keeps 15 significant digits), so it is refused rather than guessed.
 */
export function idNumberText(v: CellRead): { value: string } | { lostDigits: true } {
  if (typeof v === 'number') {
    if (Math.abs(v) >= 1e15 || !Number.isInteger(v)) return { lostDigits: true };
    return { value: BigInt(v).toString() };
  }
  return { value: halfWidth(cellText(v)).replace(/^'/, '').replace(/[\s-]/g, '').toUpperCase() };
}

/**
 * A code column: the code, the Chinese or English label, the words offices use (synonyms.codes.ts);
 * 民族 also without its 族 or by its GB/T 3304 number, 残疾类别 without 残疾, 等级 as 一级 or 1.
 */
export function findCodeLoose(list: readonly Code[], input: string): Code | undefined {
  const s = halfWidth(cleanText(input)).replace(/\s+/g, '');
  const found = findCode(list, s) ?? codeForWord(list, s);
  if (found) return found;
  if (list === ETHNICITIES) return list.find((c) => c.zh === `${s}族` || c.code === s.padStart(2, '0'));
  if (list === DISABILITY_TYPES) return findCode(list, `${s.replace(/残疾$|残$/, '')}残疾`);
  if (list === DISABILITY_GRADES) {
    const digits = s.replace(/^第/, '').replace(/级$/, '');
    return list.find((c) => c.code === digits || c.zh === `${digits}级`) ?? codeForWord(list, digits);
  }
  return undefined;
}

/** 空巢老人、高龄老人 / 空巢老人,高龄老人 / 空巢老人/高龄老人 / one per line → the words. */
export const splitList = (s: string) => s.split(/[、，,;；/／|｜\n\s]+/).map((x) => x.trim()).filter(Boolean);

export type AddressParts = { neighborhood?: string; building?: string; unit?: string; room?: string; addressDetail?: string };

const NUM = '[0-9A-Za-z一二三四五六七八九十零〇]+';
/** …小区 3栋（幢、号楼、座）2单元 302室（号）, the way urban addresses end. */
const URBAN = new RegExp(`^(?<place>.*?)\\s*(?<building>${NUM})\\s*(?:栋|幢|号楼|座)\\s*(?:(?<unit>${NUM})\\s*单元)?\\s*(?:(?<room>${NUM})\\s*(?:室|号|房)?)?$`);
/** …小区 3-2-302 (楼栋-单元-室). */
const DASHED = /^(?<place>.*?\D)\s*(?<building>\d+)-(?<unit>\d+)-(?<room>\d+)$/;

/**
 * A one-column address (地址, 现居住地址, 家庭住址): the 楼栋, 单元 and 室 split off when it ends the way
 * urban addresses do, what precedes them kept as the 小区; otherwise the whole text is the 详细地址.
 */
export function parseAddress(text: string): AddressParts {
  const s = halfWidth(cleanText(text));
  if (!s) return {};
  const m = URBAN.exec(s) ?? DASHED.exec(s);
  const place = m?.groups?.place.trim();
  // The 小区 column holds 60 characters: a longer lead (province, city, street …) stays one text.
  if (!m?.groups || !place || place.length > 60) return { addressDetail: s };
  const { building, unit, room } = m.groups;
  return { neighborhood: place, building, ...(unit ? { unit } : {}), ...(room ? { room } : {}) };
}
