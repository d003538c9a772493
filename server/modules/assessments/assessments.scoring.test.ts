import { describe, expect, it } from 'vitest';
import { addMonths, checkAnswers, nextDueDate, scoreAnswers } from '../../../common/assessments/instruments.scoring';
import { instrumentDefinition, type Answers, type InstrumentDefinitionInput } from '../../../common/schemas/assessments.schema';
import { AppError } from '../../lib/errors';
import { ELDERLY_ABILITY, GENERAL_ASSESSMENT, SHIPPED_INSTRUMENTS } from './assessments.instruments';
import { scoreOrRefuse } from './assessments.scoring';

const elderly = instrumentDefinition.parse(ELDERLY_ABILITY);
const general = instrumentDefinition.parse(GENERAL_ASSESSMENT);
const section = (key: string) => elderly.sections.find((s) => s.key === key)!;

/** ADL answers summing to `total` (a multiple of 5): each item lowered from its best option while it fits. */
function adlAnswers(total: number): Answers {
  let remaining = 100 - total;
  const out: Answers = {};
  for (const it of section('adl').items) {
    if (it.kind !== 'choice') continue;
    const best = Math.max(...it.options.map((o) => o.points!));
    const pick = [...it.options].sort((a, b) => a.points! - b.points!).find((o) => best - o.points! <= remaining)!;
    remaining -= best - pick.points!;
    out[it.key] = pick.value;
  }
  if (remaining !== 0) throw new Error(`no ADL answers sum to ${total}`);
  return out;
}

const points = (keys: string[], values: number[]): Answers => Object.fromEntries(keys.map((k, i) => [k, String(values[i] ?? 0)]));
const MENTAL = ['mental_cognition', 'mental_aggression', 'mental_depression'];
const SENSE = ['sense_consciousness', 'sense_vision', 'sense_hearing', 'sense_communication'];
const SOCIAL = ['social_living', 'social_work', 'social_orientation_place', 'social_orientation_people', 'social_interaction'];

/** A full MZ/T 039 answer set: everyone intact unless told otherwise. */
function elderlyAnswers(o: { adl?: number; mental?: number[]; sense?: number[]; social?: number[]; extra?: Answers } = {}): Answers {
  return {
    cond_dementia: 'no',
    cond_mental_illness: 'no',
    acc_fall: '0',
    acc_wander: '0',
    acc_choke: '0',
    acc_suicide: '0',
    ...adlAnswers(o.adl ?? 100),
    ...points(MENTAL, o.mental ?? []),
    ...points(SENSE, o.sense ?? []),
    ...points(SOCIAL, o.social ?? []),
    ...o.extra,
  };
}

const score = (answers: Answers) => scoreAnswers({ definition: elderly, answers });
const gradeOf = (answers: Answers, key: string) => score(answers).sections.find((s) => s.key === key)!;

// Answers that give each first-level grade without touching the items that raise the level.
const ADL_FOR_GRADE = [100, 80, 50, 20];
const MENTAL_FOR_GRADE = [[0, 0, 0], [0, 1, 0], [0, 1, 1], [0, 2, 2]];
const SENSE_FOR_GRADE = [[0, 0, 0, 0], [0, 2, 0, 0], [0, 3, 0, 0], [0, 4, 0, 0]];
const SOCIAL_FOR_GRADE = [[0], [3], [4, 4], [4, 4, 4, 2]];
const levelFor = (adl: number, mental: number, sense: number, social: number) =>
  score(elderlyAnswers({ adl: ADL_FOR_GRADE[adl], mental: MENTAL_FOR_GRADE[mental], sense: SENSE_FOR_GRADE[sense], social: SOCIAL_FOR_GRADE[social] })).level;

describe('the shipped instruments', () => {
  it('parse as instrument definitions', () => {
    for (const s of SHIPPED_INSTRUMENTS) expect(() => instrumentDefinition.parse(s.definition), s.code).not.toThrow();
  });

  it('ask MZ/T 039 for two assessors and a reassessment 6 months later', () => {
    expect(elderly.minAssessors).toBe(2);
    expect(elderly.reassessMonths).toBe(6);
    expect(general.reassessMonths).toBeNull();
  });

  it('give the ADL (Barthel) section ten items worth 100 points', () => {
    expect(section('adl').items).toHaveLength(10);
    expect(gradeOf(elderlyAnswers(), 'adl')).toMatchObject({ score: 100, maxScore: 100 });
    expect(section('mental').items).toHaveLength(3);
    expect(section('perception').items).toHaveLength(4);
    expect(section('social').items).toHaveLength(5);
  });
});

describe('MZ/T 039 first-level grades', () => {
  it.each([
    [100, 0, '能力完好'],
    [95, 1, '轻度受损'],
    [65, 1, '轻度受损'],
    [60, 2, '中度受损'],
    [45, 2, '中度受损'],
    [40, 3, '重度受损'],
    [0, 3, '重度受损'],
  ])('grades an ADL total of %i as %i', (total, grade, label) => {
    const adl = gradeOf(elderlyAnswers({ adl: total }), 'adl');
    expect(adl.score).toBe(total);
    expect(adl.grade).toBe(grade);
    expect(adl.gradeLabel?.zh).toBe(label);
  });

  it.each([
    [[0, 0, 0], 0],
    [[0, 1, 0], 1],
    [[0, 1, 1], 2],
    [[0, 2, 1], 2],
    [[0, 2, 2], 3],
    [[2, 2, 2], 3],
  ])('grades mental-state points %j as %i', (values, grade) => {
    expect(gradeOf(elderlyAnswers({ mental: values }), 'mental').grade).toBe(grade);
  });

  it.each([
    [[0, 1, 1, 0], 0, 'conscious, vision and hearing 1, communication 0'],
    [[0, 0, 2, 0], 1, 'hearing 2'],
    [[0, 0, 0, 1], 1, 'communication 1'],
    [[0, 3, 0, 0], 2, 'vision 3'],
    [[0, 0, 0, 2], 2, 'communication 2'],
    [[1, 0, 0, 0], 2, 'drowsy'],
    [[1, 0, 4, 0], 3, 'drowsy and deaf'],
    [[0, 0, 0, 3], 3, 'communication 3'],
    [[2, 0, 0, 0], 3, 'stuporous'],
    [[3, 0, 0, 0], 3, 'comatose'],
  ])('grades perception and communication %j as %i (%s)', (values, grade) => {
    expect(gradeOf(elderlyAnswers({ sense: values }), 'perception').grade).toBe(grade);
  });

  it.each([
    [[2], 0],
    [[3], 1],
    [[4, 3], 1],
    [[4, 4], 2],
    [[4, 4, 4, 1], 2],
    [[4, 4, 4, 2], 3],
    [[4, 4, 4, 4, 4], 3],
  ])('grades social-participation points %j as %i', (values, grade) => {
    expect(gradeOf(elderlyAnswers({ social: values }), 'social').grade).toBe(grade);
  });
});

describe('MZ/T 039 ability level (table 6)', () => {
  it.each([
    // [adl, mental, perception, social] → level
    [[0, 0, 0, 0], 0],
    [[0, 0, 0, 1], 0],
    [[0, 1, 0, 0], 1],
    [[0, 0, 2, 1], 1],
    [[0, 0, 0, 2], 1],
    [[1, 0, 0, 0], 1],
    [[1, 2, 2, 1], 1],
    [[1, 2, 2, 2], 2],
    [[1, 0, 0, 3], 2],
    [[1, 3, 2, 2], 2],
    [[2, 1, 0, 0], 2],
    [[2, 1, 2, 0], 2],
    [[2, 2, 2, 2], 3],
    [[2, 0, 0, 3], 3],
    [[3, 0, 0, 0], 3],
  ])('judges first-level grades %j as level %i', ([a, m, p, s], level) => {
    expect(levelFor(a, m, p, s)?.value).toBe(level);
  });

  it('fills the combinations the standard leaves open with the documented reading', () => {
    expect(levelFor(2, 0, 0, 0)?.value).toBe(2);
    expect(levelFor(2, 1, 1, 2)?.value).toBe(2);
    expect(levelFor(0, 0, 0, 3)?.value).toBe(1);
  });

  it('gives every combination of grades a level, never lower when a grade gets worse', () => {
    const grades = [0, 1, 2, 3];
    for (const a of grades)
      for (const m of grades)
        for (const p of grades)
          for (const s of grades) {
            const here = levelFor(a, m, p, s)!.value;
            expect(here).toBeGreaterThanOrEqual(0);
            if (a < 3) expect(levelFor(a + 1, m, p, s)!.value, `${[a, m, p, s]}`).toBeGreaterThanOrEqual(here);
            if (m < 3) expect(levelFor(a, m + 1, p, s)!.value, `${[a, m, p, s]}`).toBeGreaterThanOrEqual(here);
            if (p < 3) expect(levelFor(a, m, p + 1, s)!.value, `${[a, m, p, s]}`).toBeGreaterThanOrEqual(here);
            if (s < 3) expect(levelFor(a, m, p, s + 1)!.value, `${[a, m, p, s]}`).toBeGreaterThanOrEqual(here);
          }
  });

  it('judges a comatose person severely disabled whatever the other answers', () => {
    expect(score(elderlyAnswers({ sense: [3, 0, 0, 0] })).level?.value).toBe(3);
  });

  it('raises the level by one for a diagnosed dementia, and labels it', () => {
    const level = score(elderlyAnswers({ extra: { cond_dementia: 'yes' } })).level!;
    expect(level).toMatchObject({ base: 0, value: 1, adjustedBy: 1 });
    expect(level.valueLabel?.zh).toBe('轻度失能');
    expect(level.notes).toHaveLength(1);
  });

  it('raises the level for a diagnosed cognitive impairment, a mental illness, or two accidents in 30 days', () => {
    expect(score(elderlyAnswers({ mental: [2, 0, 0] })).level).toMatchObject({ base: 1, value: 2 });
    expect(score(elderlyAnswers({ extra: { cond_mental_illness: 'yes' } })).level?.value).toBe(1);
    expect(score(elderlyAnswers({ extra: { acc_fall: '1', acc_choke: '1' } })).level?.value).toBe(1);
    expect(score(elderlyAnswers({ extra: { acc_fall: '1' } })).level?.value).toBe(0);
  });

  it('raises by one level only, and never above severe disability', () => {
    expect(score(elderlyAnswers({ extra: { cond_dementia: 'yes', cond_mental_illness: 'yes', acc_wander: '3' } })).level?.value).toBe(1);
    expect(score(elderlyAnswers({ adl: 0, extra: { cond_dementia: 'yes' } })).level).toMatchObject({ base: 3, value: 3, adjustedBy: 0 });
  });

  it('leaves the level open while the form is incomplete', () => {
    const answers = elderlyAnswers();
    delete answers.adl_stairs;
    const r = score(answers);
    expect(r.sections.find((s) => s.key === 'adl')).toMatchObject({ score: null, grade: null });
    expect(r.sections.find((s) => s.key === 'mental')?.grade).toBe(0);
    expect(r.level).toBeNull();
  });
});

describe('checking an answer set', () => {
  const refused = (definition: typeof elderly, answers: unknown) => {
    try {
      scoreOrRefuse({ definition, answers, assessedOn: '2026-01-15' });
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('assessments.invalid_answers');
      expect((e as AppError).status).toBe(400);
      return (e as AppError).details as { field: string; code: string }[];
    }
    throw new Error('the answers were accepted');
  };

  it('accepts a complete set and computes the result and the due date', () => {
    const r = scoreOrRefuse({ definition: elderly, answers: elderlyAnswers({ adl: 80 }), assessedOn: '2026-01-15' });
    expect(r.result.level?.value).toBe(1);
    expect(r.nextDueDate).toBe('2026-07-15');
  });

  it('refuses a malformed answer set, naming each field', () => {
    const answers: Record<string, unknown> = { ...elderlyAnswers(), adl_feeding: '7', adl_bathing: 5, bogus: '1' };
    delete answers.sense_vision;
    const details = refused(elderly, answers);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'answers.adl_feeding', code: 'invalid_option' }),
        expect.objectContaining({ field: 'answers.adl_bathing', code: 'invalid_option' }),
        expect.objectContaining({ field: 'answers.bogus', code: 'unknown_field' }),
        expect.objectContaining({ field: 'answers.sense_vision', code: 'required' }),
      ]),
    );
  });

  it('refuses answers that are not an object', () => {
    expect(refused(elderly, ['10'])).toEqual([expect.objectContaining({ field: 'answers', code: 'invalid' })]);
  });

  it('asks the general assessment for at least one prioritised problem', () => {
    expect(refused(general, {})).toEqual([expect.objectContaining({ field: 'answers.problem_list', code: 'required' })]);
    const details = refused(general, { problem_list: [{ problem: '独居，缺少照顾' }, { problem: '', priority: '' }, { problem: 'x', priority: 'urgent', note: 'y' }] });
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'answers.problem_list.0.priority', code: 'required' }),
        expect.objectContaining({ field: 'answers.problem_list.2.priority', code: 'invalid_option' }),
        expect.objectContaining({ field: 'answers.problem_list.2.note', code: 'unknown_field' }),
      ]),
    );
    expect(details.some((d) => d.field.startsWith('answers.problem_list.1'))).toBe(false);
  });

  it('trims texts, drops blank rows and refuses texts that are too long', () => {
    const ok = checkAnswers({ definition: general, answers: { ind_health: '  高血压  ', ind_view: '', problem_list: [{ problem: ' 独居 ', priority: 'high' }, { problem: '' }] } });
    expect(ok.issues).toEqual([]);
    expect(ok.answers).toEqual({ ind_health: '高血压', problem_list: [{ problem: '独居', priority: 'high' }] });
    const long = checkAnswers({ definition: general, answers: { ind_health: 'x'.repeat(4001), problem_list: [{ problem: 'a', priority: 'low' }] } });
    expect(long.issues).toEqual([expect.objectContaining({ field: 'answers.ind_health', code: 'too_long' })]);
  });

  it('has no score or level for the general assessment', () => {
    const r = scoreAnswers({ definition: general, answers: { problem_list: [{ problem: 'a', priority: 'low' }] } });
    expect(r.level).toBeNull();
    expect(r.sections.every((s) => s.score === null && s.grade === null)).toBe(true);
  });
});

describe('instrument definitions', () => {
  const minimal = (over: Partial<InstrumentDefinitionInput> = {}): InstrumentDefinitionInput => ({
    name: { zh: '测试' },
    sections: [{ key: 'a', title: { zh: 'A' }, items: [{ kind: 'choice', key: 'q1', label: { zh: 'Q1' }, options: [{ value: 'y', label: { zh: '是' }, points: 1 }] }] }],
    ...over,
  });

  it('accept a minimal instrument with defaults', () => {
    expect(instrumentDefinition.parse(minimal())).toMatchObject({ minAssessors: 1, reassessMonths: null });
  });

  it('refuse duplicate item keys, and rules over unknown sections or items', () => {
    const dup = minimal();
    dup.sections.push({ key: 'b', title: { zh: 'B' }, items: [{ kind: 'text', key: 'q1', label: { zh: 'again' } }] });
    expect(instrumentDefinition.safeParse(dup).success).toBe(false);
    const unknownGrade = minimal({ level: { label: { zh: 'L' }, levels: [{ grade: 0, label: { zh: '0' } }], rules: [{ grade: 0, when: { grade: 'zzz', in: [0] } }], otherwise: 0 } });
    expect(instrumentDefinition.safeParse(unknownGrade).success).toBe(false);
    const unknownItem = minimal({ level: { label: { zh: 'L' }, levels: [{ grade: 0, label: { zh: '0' } }], rules: [{ grade: 0, when: { answer: 'nope', in: ['y'] } }], otherwise: 0 } });
    expect(instrumentDefinition.safeParse(unknownItem).success).toBe(false);
  });
});

describe('due dates', () => {
  it('add whole months, keeping to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 6)).toBe('2026-07-31');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('follow the instrument: 6 months for MZ/T 039, none for the general assessment', () => {
    expect(nextDueDate({ definition: elderly, assessedOn: '2026-03-01' })).toBe('2026-09-01');
    expect(nextDueDate({ definition: general, assessedOn: '2026-03-01' })).toBeNull();
  });
});
