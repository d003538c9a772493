import { checkAnswers, isResultComplete, nextDueDate, scoreAnswers } from '../../../common/assessments/instruments.scoring';
import { instrumentDefinition, type Answers, type AssessmentResult, type InstrumentDefinition } from '../../../common/schemas/assessments.schema';
import { AppError } from '../../lib/errors';

/*
 * The server's side of scoring: the engine itself is pure and shared with the web
 * (common/assessments/instruments.scoring.ts); here its findings become API errors. The server
 * scores every assessment itself from the stored definition and never stores a client's score.
 */

/** A stored definition, parsed (defaults filled in). A row that does not parse is a broken instrument: a 500. */
export function parseDefinition(json: unknown): InstrumentDefinition {
  const r = instrumentDefinition.safeParse(json);
  if (!r.success) throw new Error(`assessment instrument definition does not parse: ${r.error.message}`);
  return r.data;
}

/**
 * Checks answers against the definition and scores them: 400 `assessments.invalid_answers` with
 * one `{ field, code, message }` per problem when the set is incomplete or malformed.
 */
export function scoreOrRefuse({ definition, answers, assessedOn }: { definition: InstrumentDefinition; answers: unknown; assessedOn: string }): {
  answers: Answers;
  result: AssessmentResult;
  nextDueDate: string | null;
} {
  const checked = checkAnswers({ definition, answers });
  if (checked.issues.length) throw new AppError('assessments.invalid_answers', 400, checked.issues);
  const result = scoreAnswers({ definition, answers: checked.answers });
  // Complete answers that still leave a grade open mean the instrument's bands or rules have a gap.
  if (!isResultComplete(definition, result)) throw new Error('assessment instrument leaves a grade undecided for a complete answer set');
  return { answers: checked.answers, result, nextDueDate: nextDueDate({ definition, assessedOn }) };
}
