/** A code list entry: a stable code stored in the database, and its labels. */
export type Code = { code: string; zh: string; en: string };

/** Codes of a list, as a tuple for z.enum. */
export function codesOf<const T extends readonly Code[]>(list: T): [T[number]['code'], ...T[number]['code'][]] {
  return list.map((c) => c.code) as [T[number]['code'], ...T[number]['code'][]];
}

/** Looks a code's Chinese label up (server side: Excel, audit); the web uses its i18n layer. */
export function zhLabel(list: readonly Code[], code: string | null | undefined): string {
  if (code == null) return '';
  return list.find((c) => c.code === code)?.zh ?? code;
}

/** Finds a code by its code or by either label (Excel import accepts what people type). */
export function findCode(list: readonly Code[], input: string): Code | undefined {
  const s = input.trim();
  return list.find((c) => c.code === s || c.zh === s || c.en.toLowerCase() === s.toLowerCase());
}
