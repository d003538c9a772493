import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { fieldIssues } from '../../../common/schemas/issues';
import { ApiError } from './api';
import { fieldText } from './i18n';

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** antd form values → what the API expects: empty strings and undefined become absent. */
export function cleanValues<T extends Record<string, unknown>>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** An antd rule checking one field with that field's zod schema from common/ (the server's rule). */
export function zodRule(schema: AnyObject, field: string): Rule {
  const shape = schema.shape[field] as z.ZodType | undefined;
  return {
    validator: async (_rule, value) => {
      if (!shape) return;
      const r = shape.safeParse(value === '' ? undefined : value);
      if (!r.success) throw new Error(fieldText(fieldIssues(r.error)[0]?.code ?? 'invalid'));
    },
  };
}

type NamePath = (string | number)[];

/** A form's own text for a field issue its code says too generally (undefined: the code's text). */
export type IssueText = (issue: { field: string; code: string }) => string | undefined;

/** `levels.2.code` → ['levels', 2, 'code'] (list indexes as numbers, as antd names list items). */
const namePathOf = (field: string): NamePath => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Marks the fields of issues. A nested path (`levels.2.code`, a Form.List item's field) is marked on
 * that item when the form shows a field there; otherwise on its top-level field (a custom input
 * holding the whole array or object, or a Form.List's own errors), as long as the form shows it.
 * A field the form holds a value for but does not show is not marked (nobody would see it): the
 * caller then shows the message instead.
 */
function mark(form: FormInstance, issues: { field?: string; code: string }[], text?: IssueText): boolean {
  const known = new Set(Object.keys(form.getFieldsValue()));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const i of issues) {
    if (!i.field) continue;
    const path = namePathOf(i.field);
    if (!known.has(String(path[0]))) continue;
    const name = path.length > 1 && form.getFieldInstance(path) ? path : path.slice(0, 1);
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(text?.({ field: i.field, code: i.code }) ?? fieldText(i.code));
    byField.set(key, entry);
  }
  const fields = [...byField.values()].map(({ name, errors }) => ({ name: name.length === 1 ? name[0] : name, errors }));
  form.setFields(fields);
  if (fields.length) form.scrollToField(fields[0].name, { block: 'center' });
  return fields.length > 0;
}

/**
 * Checks all values with the full schema (cross-field rules included, e.g. 性别与身份证号一致) and
 * marks the fields in error. Returns the parsed values, or null.
 */
export function validateWith<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown, text?: IssueText): z.infer<S> | null {
  const r = schema.safeParse(values);
  if (r.success) return r.data;
  mark(form, fieldIssues(r.error), text);
  return null;
}

/** Puts an API error's field details on the form. True when at least one field was marked. */
export function showServerErrors(form: FormInstance, e: unknown, text?: IssueText): boolean {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return false;
  return mark(form, e.details as { field?: string; code: string }[], text);
}
