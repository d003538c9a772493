/** How a typed one-time code is compared: no dashes or spaces, upper case. */
export const normalizeCode = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();
