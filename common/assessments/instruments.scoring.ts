import { addMonths } from '../dates';
import { FIELD_MESSAGES, type FieldMessageCode } from '../errors';
import type { FieldIssue } from '../schemas/issues';
import type {
  Answers, AnswerValue, AssessmentResult, Condition, InstrumentDefinition, InstrumentItem, L10n, LevelResult, ListColumn, SectionResult,
} from '../schemas/assessments.schema';

/*
 * The scoring engine of instruments-as-data: pure, shared by the server (which never trusts a
 * client's score) and the web form (which shows the result while the worker fills it in). It reads
 * only the definition, so a new instrument or version needs no code here.
 */

type Scalar = Exclude<InstrumentItem, { kind: 'list' }> | ListColumn;
type Cell = string | number;

const issue = (field: string, code: FieldMessageCode): FieldIssue => ({ field, code, message: FIELD_MESSAGES[code].zh });
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every item of the instrument by key (keys are unique across sections). */
export function itemsOf(definition: InstrumentDefinition): Map<string, InstrumentItem> {
  return new Map(definition.sections.flatMap((s) => s.items.map((it) => [it.key, it] as const)));
}

function cleanScalar(def: Scalar, raw: unknown, field: string, issues: FieldIssue[]): Cell | undefined {
  if (isBlank(raw)) {
    if (def.required) issues.push(issue(field, 'required'));
    return undefined;
  }
  switch (def.kind) {
    case 'choice':
      if (typeof raw === 'string' && def.options.some((o) => o.value === raw)) return raw;
      issues.push(issue(field, 'invalid_option'));
      return undefined;
    case 'number':
      if (
        typeof raw !== 'number' || !Number.isFinite(raw) || (def.integer && !Number.isInteger(raw)) ||
        (def.min !== undefined && raw < def.min) || (def.max !== undefined && raw > def.max)
      ) {
        issues.push(issue(field, 'invalid'));
        return undefined;
      }
      return raw;
    default: {
      if (typeof raw !== 'string') {
        issues.push(issue(field, 'invalid'));
        return undefined;
      }
      const v = raw.trim();
      if (v.length > def.maxLength) {
        issues.push(issue(field, 'too_long'));
        return undefined;
      }
      return v;
    }
  }
}

function cleanList(def: Extract<InstrumentItem, { kind: 'list' }>, raw: unknown, field: string, issues: FieldIssue[]): Record<string, Cell>[] | undefined {
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    issues.push(issue(field, 'invalid'));
    return undefined;
  }
  const rows: Record<string, Cell>[] = [];
  (raw ?? []).forEach((r: unknown, i: number) => {
    if (!isPlainObject(r)) return void issues.push(issue(`${field}.${i}`, 'invalid'));
    for (const k of Object.keys(r)) if (!def.columns.some((c) => c.key === k)) issues.push(issue(`${field}.${i}.${k}`, 'unknown_field'));
    // A row left entirely blank is not a row (the form adds one to start with).
    if (def.columns.every((c) => isBlank(r[c.key]))) return;
    const row: Record<string, Cell> = {};
    for (const c of def.columns) {
      const v = cleanScalar(c, r[c.key], `${field}.${i}.${c.key}`, issues);
      if (v !== undefined) row[c.key] = v;
    }
    rows.push(row);
  });
  const min = Math.max(def.minRows, def.required ? 1 : 0);
  if (rows.length < min) issues.push(issue(field, 'required'));
  if (rows.length > def.maxRows) issues.push(issue(field, 'too_long'));
  return rows.length ? rows : undefined;
}

/**
 * Checks an answer set against the definition: every required item answered, choices from their
 * options, numbers in range, texts within length, no unknown item. Returns the answers cleaned
 * (texts trimmed, blanks dropped) and the problems, with fields named `answers.<item>[.<row>.<column>]`.
 */
export function checkAnswers({ definition, answers }: { definition: InstrumentDefinition; answers: unknown }): { answers: Answers; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const clean: Answers = {};
  if (!isPlainObject(answers)) return { answers: clean, issues: [issue('answers', 'invalid')] };
  const items = itemsOf(definition);
  for (const k of Object.keys(answers)) if (!items.has(k)) issues.push(issue(`answers.${k}`, 'unknown_field'));
  for (const it of items.values()) {
    const field = `answers.${it.key}`;
    const v: AnswerValue | undefined = it.kind === 'list' ? cleanList(it, answers[it.key], field, issues) : cleanScalar(it, answers[it.key], field, issues);
    if (v !== undefined) clean[it.key] = v;
  }
  return { answers: clean, issues };
}

/** Whether an item adds to its section's sum: a choice whose options carry points, or a scored number. */
export const isScored = (it: InstrumentItem) => (it.kind === 'choice' && it.options.some((o) => o.points !== undefined)) || (it.kind === 'number' && it.scored);

/** Points of an answered item; undefined when unanswered. */
function pointsOf(it: InstrumentItem, v: AnswerValue | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (it.kind === 'choice') return it.options.find((o) => o.value === v)?.points ?? 0;
  if (it.kind === 'number' && typeof v === 'number') return v;
  return 0;
}

function maxPointsOf(it: InstrumentItem): number | null {
  if (it.kind === 'choice') return Math.max(0, ...it.options.map((o) => o.points ?? 0));
  if (it.kind === 'number') return it.max ?? null;
  return 0;
}

type Ctx = { answers: Answers; items: Map<string, InstrumentItem>; grades: Map<string, number | null> };

/**
 * Three-valued: null when the condition depends on something not known yet (a required item not
 * answered, a section without a grade). An unanswered optional item matches no value and sums as 0.
 */
export function evaluate(c: Condition, ctx: Ctx): boolean | null {
  if ('grade' in c) {
    const g = ctx.grades.get(c.grade);
    return g == null ? null : c.in.includes(g);
  }
  if ('count' in c) {
    const gs = c.count.map((k) => ctx.grades.get(k));
    if (gs.some((g) => g == null)) return null;
    const n = gs.filter((g) => c.in.includes(g as number)).length;
    return n >= (c.min ?? 1) && n <= (c.max ?? Infinity);
  }
  if ('answer' in c) {
    const v = ctx.answers[c.answer];
    if (v === undefined) return ctx.items.get(c.answer)?.required ? null : false;
    return c.in.includes(String(v));
  }
  if ('sum' in c) {
    let total = 0;
    for (const k of c.sum) {
      const it = ctx.items.get(k);
      if (!it) return null;
      const p = pointsOf(it, ctx.answers[k]);
      if (p === undefined && it.required) return null;
      total += p ?? 0;
    }
    return total >= (c.min ?? -Infinity) && total <= (c.max ?? Infinity);
  }
  if ('all' in c) {
    const vs = c.all.map((x) => evaluate(x, ctx));
    return vs.includes(false) ? false : vs.includes(null) ? null : true;
  }
  if ('any' in c) {
    const vs = c.any.map((x) => evaluate(x, ctx));
    return vs.includes(true) ? true : vs.includes(null) ? null : false;
  }
  const v = evaluate(c.not, ctx);
  return v === null ? null : !v;
}

/** The first rule that holds, in order; null as soon as an earlier rule cannot be decided yet. */
function firstRule(rules: { grade: number; when: Condition }[], otherwise: number, ctx: Ctx): number | null {
  for (const r of rules) {
    const v = evaluate(r.when, ctx);
    if (v === null) return null;
    if (v) return r.grade;
  }
  return otherwise;
}

function scoreSection(s: InstrumentDefinition['sections'][number], ctx: Ctx): SectionResult {
  const sc = s.scoring;
  let score: number | null = null;
  let maxScore: number | null = null;
  if (sc?.sum) {
    const scored = s.items.filter(isScored);
    const points = scored.map((it) => {
      const p = pointsOf(it, ctx.answers[it.key]);
      return p === undefined ? (it.required ? null : 0) : p;
    });
    score = points.includes(null) ? null : (points as number[]).reduce((a, b) => a + b, 0);
    const maxes = scored.map(maxPointsOf);
    maxScore = maxes.includes(null) ? null : (maxes as number[]).reduce((a, b) => a + b, 0);
  }
  let grade: number | null = null;
  if (sc?.grade?.by === 'bands' && score !== null) {
    const v = score;
    grade = sc.grade.bands.find((b) => (b.min === undefined || v >= b.min) && (b.max === undefined || v <= b.max))?.grade ?? null;
  } else if (sc?.grade?.by === 'rules') {
    grade = firstRule(sc.grade.rules, sc.grade.otherwise, ctx);
  }
  return { key: s.key, title: s.title, score, maxScore, grade, gradeLabel: sc?.grades.find((g) => g.grade === grade)?.label ?? null };
}

/**
 * Scores an answer set with its instrument: each section's sum and grade, then the overall level
 * with its adjustments. Unanswered items leave the parts that depend on them null, so the form can
 * show what is known while it is filled in.
 */
export function scoreAnswers({ definition, answers }: { definition: InstrumentDefinition; answers: Answers }): AssessmentResult {
  const ctx: Ctx = { answers, items: itemsOf(definition), grades: new Map() };
  const sections = definition.sections.map((s) => {
    const r = scoreSection(s, ctx);
    if (s.scoring?.grade) ctx.grades.set(s.key, r.grade);
    return r;
  });
  return { sections, level: scoreLevel(definition, ctx) };
}

function scoreLevel(definition: InstrumentDefinition, ctx: Ctx): LevelResult | null {
  const lv = definition.level;
  if (!lv) return null;
  const base = firstRule(lv.rules, lv.otherwise, ctx);
  if (base === null) return null;
  let by = 0;
  const notes: L10n[] = [];
  for (const a of lv.adjust) {
    const v = evaluate(a.when, ctx);
    if (v === null) return null;
    if (v) {
      by += a.by;
      if (a.note) notes.push(a.note);
    }
  }
  const values = lv.levels.map((l) => l.grade);
  const value = Math.min(Math.max(base + by, Math.min(...values)), Math.max(...values));
  const labelOf = (v: number) => lv.levels.find((l) => l.grade === v)?.label ?? null;
  return { label: lv.label, value, valueLabel: labelOf(value), base, baseLabel: labelOf(base), adjustedBy: value - base, notes };
}

/** Whether every graded section has its grade and the level (if any) is decided. */
export function isResultComplete(definition: InstrumentDefinition, result: AssessmentResult): boolean {
  const gradedMissing = definition.sections.some((s, i) => s.scoring?.grade && result.sections[i]?.grade == null);
  return !gradedMissing && (!definition.level || result.level !== null);
}

export { addMonths };

/** When the next assessment is due: the assessment date plus the instrument's interval, if it has one. */
export function nextDueDate({ definition, assessedOn }: { definition: InstrumentDefinition; assessedOn: string }): string | null {
  return definition.reassessMonths ? addMonths(assessedOn, definition.reassessMonths) : null;
}
