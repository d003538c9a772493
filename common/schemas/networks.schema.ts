import { z } from 'zod';
import { TIE_KINDS, TIE_QUALITIES } from '../codes/case.codes';
import { codeOf, dateString, text } from './common.schema';

const required = (max: number) => z.string({ error: 'required' }).trim().min(1, 'required').max(max, 'too_long');

/** The most ties one snapshot holds: an ecomap past this stops being readable. */
export const ECOMAP_MAX_TIES = 40;

/**
 * One tie of the client's support network (§6.2.4): a person or an organisation, formal (an
 * institution's service) or informal (family, friends, neighbours), supportive or stressful, of
 * strength 1 (weak) – 3 (strong).
 */
export const ecomapTie = z
  .object({
    name: required(50),
    kind: codeOf(TIE_KINDS),
    formal: z.boolean({ error: 'required' }),
    /** 女儿, 邻居, 家庭医生 …. */
    relation: text(50),
    quality: codeOf(TIE_QUALITIES),
    strength: z.number({ error: 'required' }).int('invalid').min(1, 'invalid').max(3, 'invalid'),
    /** How often, or how to reach them: 每周探望, 电话联系. */
    contact: text(100),
    note: text(500),
  })
  .strict();
export type EcomapTie = z.output<typeof ecomapTie>;
export type EcomapTieInput = z.input<typeof ecomapTie>;

/** Ties are told apart by name across snapshots, so a name appears once per snapshot. */
export const tieKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

export const ecomapInput = z
  .object({
    takenOn: dateString,
    note: text(1000),
    ties: z.array(ecomapTie).max(ECOMAP_MAX_TIES, 'too_long'),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.ties.forEach((t, i) => {
      const k = tieKey(t.name);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['ties', i, 'name'], message: 'invalid' });
      seen.add(k);
    });
  });
export type EcomapInput = z.input<typeof ecomapInput>;

export type Ecomap = {
  id: string;
  caseId: string;
  takenOn: string;
  note: string | null;
  ties: EcomapTie[];
  createdAt: string;
  createdByName: string | null;
};

// ——— comparing snapshots (the web draws them; tests check the rule) ———
export type TieChange = 'added' | 'removed' | 'changed' | 'same';
export const COMPARED_FIELDS = ['kind', 'formal', 'relation', 'quality', 'strength', 'contact', 'note'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];
export type TieDiff = { key: string; name: string; change: TieChange; before: EcomapTie | null; after: EcomapTie | null; fields: ComparedField[] };

/**
 * What changed between two snapshots of a network: ties are the same tie when their names match
 * (`tieKey`: case and spacing ignored); a tie present in both changed when any field differs.
 */
export function compareTies(before: EcomapTie[], after: EcomapTie[]): TieDiff[] {
  const old = new Map(before.map((t) => [tieKey(t.name), t]));
  const now = new Map(after.map((t) => [tieKey(t.name), t]));
  const out: TieDiff[] = [];
  for (const [key, a] of now) {
    const b = old.get(key);
    if (!b) {
      out.push({ key, name: a.name, change: 'added', before: null, after: a, fields: [] });
      continue;
    }
    const fields = COMPARED_FIELDS.filter((f) => (b[f] ?? null) !== (a[f] ?? null));
    out.push({ key, name: a.name, change: fields.length ? 'changed' : 'same', before: b, after: a, fields });
  }
  for (const [key, b] of old) if (!now.has(key)) out.push({ key, name: b.name, change: 'removed', before: b, after: null, fields: [] });
  return out;
}

const kindIndex = (k: string) => TIE_KINDS.findIndex((x) => x.code === k);

/**
 * The order ties sit around the client: informal ties (family, friends) first, then formal ones,
 * each by kind and name. Two snapshots drawn from one order put the same tie in the same place.
 */
export function tieSlots(...lists: EcomapTie[][]): string[] {
  const byKey = new Map<string, EcomapTie>();
  for (const list of lists) for (const t of list) if (!byKey.has(tieKey(t.name))) byKey.set(tieKey(t.name), t);
  return [...byKey.entries()]
    .sort(([, a], [, b]) => Number(a.formal) - Number(b.formal) || kindIndex(a.kind) - kindIndex(b.kind) || a.name.localeCompare(b.name, 'zh-CN'))
    .map(([k]) => k);
}
