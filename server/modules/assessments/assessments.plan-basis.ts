import { desc, eq } from 'drizzle-orm';
import { PROBLEM_LIST_KEY, type Answers, type InstrumentDefinition, type PlanBasis } from '../../../common/schemas/assessments.schema';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { loadCase } from '../cases/cases.access';
import { parseDefinition } from './assessments.scoring';
import { assessmentInstruments, caseAssessments } from './assessments.table';

const problemList = (d: InstrumentDefinition) => d.sections.flatMap((s) => s.items).find((i) => i.kind === 'list' && i.key === PROBLEM_LIST_KEY);

/** The problems an assessment found, in its order, with the priority's label from its instrument version. */
function problemsOf(definition: InstrumentDefinition, answers: Answers): PlanBasis['problems'] {
  const item = problemList(definition);
  const rows = answers[PROBLEM_LIST_KEY];
  if (!item || item.kind !== 'list' || !Array.isArray(rows)) return [];
  const priority = item.columns.find((c) => c.key === 'priority');
  const str = (v: unknown) => (v === undefined || v === null || String(v).trim() === '' ? null : String(v).trim());
  return rows
    .map((r) => {
      const level = str(r.priority);
      const option = priority?.kind === 'choice' ? priority.options.find((o) => o.value === level) : undefined;
      return { problem: str(r.problem) ?? '', priority: level, priorityLabel: option?.label ?? null, strategy: str(r.strategy) };
    })
    .filter((p) => p.problem);
}

/**
 * What a case's plan starts from (MZ/T 094—2017: the plan follows from 预估): the latest assessment
 * that lists problems, or else the latest assessment; null before any. 404 when the case is out of sight.
 */
export async function planBasis({ db, actor, caseId }: { db: Db; actor: Actor; caseId: string }): Promise<{ data: PlanBasis | null }> {
  await loadCase({ db, actor, id: caseId });
  const rows = await db
    .select({ a: caseAssessments, i: assessmentInstruments })
    .from(caseAssessments)
    .innerJoin(assessmentInstruments, eq(assessmentInstruments.id, caseAssessments.instrumentId))
    .where(eq(caseAssessments.caseId, caseId))
    .orderBy(desc(caseAssessments.assessedOn), desc(caseAssessments.createdAt));
  const read = rows.map(({ a, i }) => {
    const definition = parseDefinition(i.definition);
    return { a, i, definition, problems: problemsOf(definition, a.answers as Answers) };
  });
  const chosen = read.find((x) => x.problems.length) ?? read[0];
  if (!chosen) return { data: null };
  const { a, i, definition, problems } = chosen;
  return {
    data: { assessmentId: a.id, instrumentName: i.name, instrumentNameEn: definition.name.en ?? null, assessedOn: a.assessedOn, summary: a.summary, problems },
  };
}
