import { z } from 'zod';
import type { Code } from '../codes/codes';
import { codesOf } from '../codes/codes';

// Zod issue messages are codes from FIELD_MESSAGES (common/errors.ts); the UI translates them.

export const uuid = z.uuid({ error: 'invalid' });
export const idParams = z.object({ id: uuid });

export const dateString = z.iso.date({ error: 'invalid_date' });

/** Optional free text: trimmed, empty becomes null, bounded. */
export const text = (max = 200) =>
  z
    .string({ error: 'invalid' })
    .trim()
    .max(max, 'too_long')
    .transform((v) => (v === '' ? null : v))
    .nullish();

/** A value from a code list, or null/absent. */
export const codeOf = (list: readonly Code[]) => z.enum(codesOf(list), { error: 'invalid_option' });

export const pageQuery = z.object({
  page: z.coerce.number({ error: 'invalid' }).int('invalid').min(1, 'invalid').max(100_000, 'invalid').default(1),
  pageSize: z.coerce.number({ error: 'invalid' }).int('invalid').min(1, 'invalid').max(100, 'invalid').default(20),
});

/** `a,b,c` in a query string → ['a','b','c']. */
export const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).max(50, 'too_long'));

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), total: z.number().int() });

export type Page<T> = { data: T[]; total: number };
