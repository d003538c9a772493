/**
 * Characters no text of Linli may hold: those outside the Char production of XML 1.0 (W3C XML 1.0
 * §2.2), i.e. the C0 control characters other than tab, LF and CR (U+0000 NUL among them), lone
 * UTF-16 surrogates, and U+FFFE/U+FFFF. PostgreSQL refuses U+0000 in text and jsonb, stores a lone
 * surrogate as U+FFFD (a silent change), and an .xlsx export (XML) cannot carry any of them.
 * DEL and the C1 controls are valid XML and valid PostgreSQL text, and stay allowed.
 */
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Whether a string holds a character that cannot be stored or exported (see INVALID_CHAR). */
export const hasInvalidChar = (s: string) => INVALID_CHAR.test(s);

/** A key shown in an error: its invalid characters as U+FFFD. */
const printable = (k: string) => k.replace(new RegExp(INVALID_CHAR, 'gu'), '\uFFFD');

/**
 * The path of the first string (value or object key) holding an invalid character in a parsed
 * query, params or JSON body, as the validation errors name fields (`members.0.name`); null if none.
 */
export function invalidTextPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return hasInvalidChar(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (hasInvalidChar(k)) return [...path, printable(k)];
    const found = invalidTextPath(v, [...path, k]);
    if (found) return found;
  }
  return null;
}
