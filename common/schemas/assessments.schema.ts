import { z } from 'zod';
import { dateString, text, uuid } from './common.schema';

/*
 * 预估 instruments are data (issue: "a new instrument needs no code"). An instrument version is an
 * `instrumentDefinition`: sections of items, the scoring of each section (a sum of points, a grade
 * from bands over that sum or from a rule table over the answers), an overall level from a rule
 * table over the section grades, how many assessors it needs and when it is due again. The web
 * renders the form from it; common/assessments/instruments.scoring.ts scores it, on both sides.
 */

/** A text of the instrument in Chinese, with English where the author gave it. */
export const l10n = z.strictObject({ zh: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000).optional() });
export type L10n = z.infer<typeof l10n>;

/** Keys name sections, items and list columns: answers are `{ [itemKey]: value }`. */
const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'invalid');

const choiceOption = z.strictObject({
  value: z.string().min(1).max(40),
  label: l10n,
  /** Points this answer scores (Barthel 10/5/0 …); options without points do not score. */
  points: z.number().finite().optional(),
});
export type ChoiceOption = z.infer<typeof choiceOption>;

const base = { key, label: l10n, help: l10n.optional(), required: z.boolean().default(false) };
const numberLimits = {
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  integer: z.boolean().default(false),
  unit: l10n.optional(),
};

/** A column of a list item (e.g. 问题 · 优先级 · 介入策略 of the problem list). */
const listColumn = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('choice'), ...base, options: z.array(choiceOption).min(1).max(40) }),
  z.strictObject({ kind: z.literal('text'), ...base, maxLength: z.number().int().min(1).max(2000).default(200) }),
  z.strictObject({ kind: z.literal('number'), ...base, ...numberLimits }),
]);
export type ListColumn = z.output<typeof listColumn>;

const item = z.discriminatedUnion('kind', [
  /** One answer from a list, each option with its points. */
  z.strictObject({ kind: z.literal('choice'), ...base, options: z.array(choiceOption).min(1).max(40) }),
  /** A number; `scored` adds it to the section's sum. */
  z.strictObject({ kind: z.literal('number'), ...base, ...numberLimits, scored: z.boolean().default(false) }),
  z.strictObject({ kind: z.literal('text'), ...base, maxLength: z.number().int().min(1).max(2000).default(200) }),
  z.strictObject({ kind: z.literal('longText'), ...base, maxLength: z.number().int().min(1).max(8000).default(4000) }),
  /** Rows of columns; `required` asks for at least one row. */
  z.strictObject({
    kind: z.literal('list'),
    ...base,
    columns: z.array(listColumn).min(1).max(10),
    minRows: z.number().int().min(0).max(100).default(0),
    maxRows: z.number().int().min(1).max(100).default(50),
  }),
]);
export type InstrumentItem = z.output<typeof item>;
export type ItemKind = InstrumentItem['kind'];

/**
 * A condition of a rule table, over the section grades (`grade`, `count`) or the answers
 * (`answer`, `sum`). `count` holds when the number of the listed sections whose grade is in `in`
 * lies in [min, max] (min defaults to 1).
 */
export type Condition =
  | { grade: string; in: number[] }
  | { count: string[]; in: number[]; min?: number; max?: number }
  | { answer: string; in: string[] }
  | { sum: string[]; min?: number; max?: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ grade: key, in: z.array(z.number().int()).min(1) }),
    z.strictObject({ count: z.array(key).min(1), in: z.array(z.number().int()).min(1), min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }),
    z.strictObject({ answer: key, in: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ sum: z.array(key).min(1), min: z.number().finite().optional(), max: z.number().finite().optional() }),
    z.strictObject({ all: z.array(condition).min(1) }),
    z.strictObject({ any: z.array(condition).min(1) }),
    z.strictObject({ not: condition }),
  ]),
);

const gradeLabel = z.strictObject({ grade: z.number().int().min(0).max(20), label: l10n });
/** A score range (both ends inclusive, either open) and the grade it gives. */
const band = z.strictObject({ min: z.number().finite().optional(), max: z.number().finite().optional(), grade: z.number().int().min(0).max(20) });
/** Rules are tried in order; the first that holds gives the grade. */
const rule = z.strictObject({ grade: z.number().int().min(0).max(20), when: condition });

const sectionScoring = z.strictObject({
  /** The section's score is the sum of the points of its choice items and its scored numbers. */
  sum: z.boolean().default(false),
  grade: z
    .discriminatedUnion('by', [
      z.strictObject({ by: z.literal('bands'), bands: z.array(band).min(1).max(20) }),
      z.strictObject({ by: z.literal('rules'), rules: z.array(rule).min(1).max(40), otherwise: z.number().int().min(0).max(20) }),
    ])
    .optional(),
  /** Names of the grades (能力完好 / 轻度受损 …). */
  grades: z.array(gradeLabel).max(21).default([]),
});

const section = z.strictObject({
  key,
  title: l10n,
  description: l10n.optional(),
  items: z.array(item).min(1).max(80),
  scoring: sectionScoring.optional(),
});
export type InstrumentSection = z.output<typeof section>;

/** The overall result: a rule table over the section grades, then adjustments (raise one level …). */
const levelScoring = z.strictObject({
  label: l10n,
  levels: z.array(gradeLabel).min(1).max(21),
  rules: z.array(rule).min(1).max(60),
  otherwise: z.number().int().min(0).max(20),
  adjust: z.array(z.strictObject({ when: condition, by: z.number().int().min(-5).max(5), note: l10n.optional() })).max(10).default([]),
});

function refsOf(c: Condition, acc: { grades: string[]; items: string[] } = { grades: [], items: [] }) {
  if ('grade' in c) acc.grades.push(c.grade);
  else if ('count' in c) acc.grades.push(...c.count);
  else if ('answer' in c) acc.items.push(c.answer);
  else if ('sum' in c) acc.items.push(...c.sum);
  else if ('all' in c) c.all.forEach((x) => refsOf(x, acc));
  else if ('any' in c) c.any.forEach((x) => refsOf(x, acc));
  else refsOf(c.not, acc);
  return acc;
}

export const instrumentDefinition = z
  .strictObject({
    name: l10n,
    description: l10n.optional(),
    /** The standard or source the instrument follows (MZ/T 039—2013 …). */
    basis: z.string().max(200).optional(),
    sections: z.array(section).min(1).max(30),
    level: levelScoring.optional(),
    /** Months until the next assessment is due (MZ/T 039 §4.3.5: 6); null when none is scheduled. */
    reassessMonths: z.number().int().min(1).max(120).nullable().default(null),
    /** Assessors an assessment needs (MZ/T 039 §4.3.1: 2). */
    minAssessors: z.number().int().min(1).max(5).default(1),
  })
  .superRefine((d, ctx) => {
    const bad = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const items = new Map<string, InstrumentItem>();
    const graded = new Set<string>();
    d.sections.forEach((s, si) => {
      if (d.sections.findIndex((x) => x.key === s.key) !== si) bad(['sections', si, 'key'], `duplicate section key ${s.key}`);
      if (s.scoring?.grade) graded.add(s.key);
      s.items.forEach((it, ii) => {
        if (items.has(it.key)) bad(['sections', si, 'items', ii, 'key'], `duplicate item key ${it.key}`);
        items.set(it.key, it);
        const options = it.kind === 'choice' ? it.options : [];
        if (new Set(options.map((o) => o.value)).size !== options.length) bad(['sections', si, 'items', ii, 'options'], 'duplicate option value');
        if (it.kind === 'list' && new Set(it.columns.map((c) => c.key)).size !== it.columns.length) bad(['sections', si, 'items', ii, 'columns'], 'duplicate column key');
      });
    });
    const checkItems = (refs: string[], path: (string | number)[]) => {
      for (const k of refs) {
        const it = items.get(k);
        if (!it || (it.kind !== 'choice' && it.kind !== 'number')) bad(path, `unknown choice or number item ${k}`);
      }
    };
    d.sections.forEach((s, si) => {
      const g = s.scoring?.grade;
      if (!g) return;
      if (g.by === 'bands' && !s.scoring?.sum) bad(['sections', si, 'scoring', 'sum'], 'bands grade the sum: set sum');
      if (g.by === 'rules') {
        g.rules.forEach((r, ri) => {
          const refs = refsOf(r.when);
          // A section's grade is read from answers only: grades of other sections would make cycles.
          if (refs.grades.length) bad(['sections', si, 'scoring', 'grade', 'rules', ri], 'a section rule reads answers, not grades');
          checkItems(refs.items, ['sections', si, 'scoring', 'grade', 'rules', ri]);
        });
      }
    });
    if (d.level) {
      [...d.level.rules.map((r) => r.when), ...d.level.adjust.map((a) => a.when)].forEach((c, i) => {
        const refs = refsOf(c);
        for (const k of refs.grades) if (!graded.has(k)) bad(['level', 'rules', i], `unknown graded section ${k}`);
        checkItems(refs.items, ['level', 'rules', i]);
      });
    }
  });
/** An instrument version as stored (defaults filled in). */
export type InstrumentDefinition = z.output<typeof instrumentDefinition>;
/** An instrument version as authored (defaults may be left out). */
export type InstrumentDefinitionInput = z.input<typeof instrumentDefinition>;

/** Answers: `{ [itemKey]: value }`; a list's value is an array of `{ [columnKey]: value }` rows. */
export type AnswerValue = string | number | Record<string, string | number>[];
export type Answers = Record<string, AnswerValue>;

// ——— inputs ———
export const assessmentParams = z.object({ id: uuid, assessmentId: uuid });

export const assessmentCreateInput = z
  .object({
    instrumentId: uuid,
    assessedOn: dateString,
    /** Checked against the instrument's definition by the server, which scores them itself. */
    answers: z.record(z.string().max(40), z.unknown()),
    summary: text(4000),
    /** Users of the case team who assessed. */
    assessorIds: z.array(uuid).max(10, 'too_long').default([]),
    /** A second assessor without an account (MZ/T 039 §4.3.1). */
    otherAssessor: text(50),
    /** 信息提供者, who signs the report with the assessors (MZ/T 039 §4.3.4). */
    informant: text(50),
  })
  .strict();
export type AssessmentCreateInput = z.input<typeof assessmentCreateInput>;

// ——— answers ———
export type SectionResult = {
  key: string;
  title: L10n;
  /** Sum of points (sections that sum), null when an item is not answered yet. */
  score: number | null;
  /** The highest sum the items allow. */
  maxScore: number | null;
  grade: number | null;
  gradeLabel: L10n | null;
};
/** The overall level; `base` is the level from the rule table, before the adjustments (`notes` say which applied). */
export type LevelResult = { label: L10n; value: number; valueLabel: L10n | null; base: number; baseLabel: L10n | null; adjustedBy: number; notes: L10n[] };
/** Computed by the server from the definition and stored with the assessment. */
export type AssessmentResult = { sections: SectionResult[]; level: LevelResult | null };

export type InstrumentSummary = {
  id: string;
  code: string;
  version: number;
  name: string;
  nameEn: string | null;
  description: string | null;
  active: boolean;
  basis: string | null;
  minAssessors: number;
  reassessMonths: number | null;
};
export type Instrument = InstrumentSummary & { definition: InstrumentDefinition };

export type AssessmentListItem = {
  id: string;
  caseId: string;
  instrument: { id: string; code: string; version: number; name: string; nameEn: string | null };
  assessedOn: string;
  result: AssessmentResult;
  summary: string | null;
  assessors: { id: string; name: string }[];
  otherAssessor: string | null;
  informant: string | null;
  nextDueDate: string | null;
  /** The next assessment is due (today or earlier, Beijing date). */
  due: boolean;
  createdAt: string;
  createdByName: string | null;
};
export type Assessment = AssessmentListItem & { answers: Answers; definition: InstrumentDefinition };

/** An open case whose latest assessment with an instrument is due again (for 我的待办). */
export type AssessmentDue = {
  caseId: string;
  caseNo: string;
  clientName: string;
  communityId: string;
  assessmentId: string;
  instrumentId: string;
  instrumentCode: string;
  instrumentName: string;
  assessedOn: string;
  nextDueDate: string;
};

/**
 * The list item of an instrument that holds the problems and needs found (通用预估's 问题清单): a plan
 * starts from it. Its `problem` column names the problem; `priority` (a choice) and `strategy`
 * (text) are used when the instrument has them.
 */
export const PROBLEM_LIST_KEY = 'problem_list';

/** What a new plan starts from: the latest assessment with a problem list (or else the latest one). */
export type PlanBasis = {
  assessmentId: string;
  instrumentName: string;
  instrumentNameEn: string | null;
  assessedOn: string;
  summary: string | null;
  /** In the order the assessment lists them (by priority, MZ/T 094 预估). */
  problems: { problem: string; priority: string | null; priorityLabel: L10n | null; strategy: string | null }[];
};
