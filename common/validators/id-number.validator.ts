// 公民身份号码 — GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence
// (odd = male, even = female), ISO 7064 MOD 11-2 check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberError = 'format' | 'birth_date' | 'checksum';
export type ParsedIdNumber =
  | { ok: true; idNumber: string; birthDate: string; sex: 'male' | 'female'; converted: boolean }
  | { ok: false; error: IdNumberError };

/** The check character for the first 17 characters of an 18-digit number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function validDate(y: number, m: number, d: number, today: Date): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return false;
  return y >= 1850 && dt.getTime() <= today.getTime();
}

/**
 * Validates a 身份证号 and derives birth date and sex. A legacy 15-digit number (GB 11643-1989)
 * is converted to 18 digits by inserting "19" and computing the check character.
 */
export function parseIdNumber(input: string, today: Date = new Date()): ParsedIdNumber {
  let s = input.trim().toUpperCase();
  let converted = false;
  if (/^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    s = first17 + idCheckChar(first17);
    converted = true;
  }
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, error: 'format' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (!validDate(y, m, d, today)) return { ok: false, error: 'birth_date' };
  if (idCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, error: 'checksum' };
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  const sex = Number(s[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, idNumber: s, birthDate, sex, converted };
}

/** `110105********002X`: the address code and the last four characters stay visible. */
export function maskIdNumber(v: string): string {
  if (v.length <= 10) return `${v.slice(0, 2)}${'*'.repeat(Math.max(0, v.length - 4))}${v.slice(-2)}`;
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}
