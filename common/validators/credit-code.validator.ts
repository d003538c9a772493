// 统一社会信用代码 — GB 32100-2015: 18 characters from a 31-character set, MOD 31 check character.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** True when the code has the right form and check character. */
export function isValidCreditCode(input: string): boolean {
  const s = input.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(s[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31] === s[17];
}

/** GB/T 2260 county-level code (6 digits), or the 12-digit 统计用区划代码 below it. */
export function isDivisionCode(s: string, digits: 6 | 12): boolean {
  return new RegExp(`^[1-9]\\d{${digits - 1}}$`).test(s);
}

/**
 * 全宗号: the code an archive gives a unit whose records it keeps (DA/T 13—2022 §3.3; DA/T 22—2015
 * 归档章). In practice 4 characters, digits or capital letters with digits: 0012, J001.
 */
export function isFondsCode(s: string): boolean {
  return /^(?=.*\d)[0-9A-Z]{4}$/.test(s);
}
