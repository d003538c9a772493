/** Mainland mobile numbers: 11 digits starting 13–19 (an optional +86/86 prefix is dropped). */
export function normalizeMobile(input: string): string | null {
  const s = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}

/** `138****1234`. */
export function maskPhone(v: string): string {
  if (v.length < 7) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}
