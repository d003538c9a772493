import type { z } from 'zod';
import { FIELD_MESSAGES, type FieldMessageCode } from '../errors';

export type FieldIssue = { field: string; code: string; message: string };

type IssueLike = { code: string; path: readonly PropertyKey[]; message: string; input?: unknown; keys?: string[]; origin?: string };

/** Turns a zod issue into `{ field, code, message }` with a code from FIELD_MESSAGES. */
export function fieldIssue(issue: IssueLike | z.core.$ZodIssue, lang: 'zh' | 'en' = 'zh'): FieldIssue[] {
  const i = issue as IssueLike;
  const field = i.path.map(String).join('.');
  let code: string;
  if (i.message in FIELD_MESSAGES) code = i.message;
  else if (i.code === 'invalid_type' && i.input === undefined) code = 'required';
  else if (i.code === 'too_big') code = 'too_long';
  else if (i.code === 'too_small') code = i.origin === 'string' && i.input === '' ? 'required' : 'too_short';
  else if (i.code === 'invalid_value') code = 'invalid_option';
  else if (i.code === 'unrecognized_keys')
    return (i.keys ?? []).map((k) => ({ field: field ? `${field}.${k}` : k, code: 'unknown_field', message: FIELD_MESSAGES.unknown_field[lang] }));
  else code = 'invalid';
  return [{ field, code, message: FIELD_MESSAGES[code as FieldMessageCode][lang] }];
}

export function fieldIssues(error: { issues: readonly (IssueLike | z.core.$ZodIssue)[] }, lang: 'zh' | 'en' = 'zh'): FieldIssue[] {
  return error.issues.flatMap((i) => fieldIssue(i, lang));
}
