import type {
  Answers, Assessment, AssessmentListItem, AssessmentResult, Instrument, InstrumentDefinition, InstrumentSummary,
} from '../../../common/schemas/assessments.schema';
import type { assessmentInstruments, caseAssessments } from './assessments.table';

export type InstrumentRow = typeof assessmentInstruments.$inferSelect;
export type AssessmentRow = typeof caseAssessments.$inferSelect;

/** An instrument version without its definition: for the picker. */
export function presentInstrumentSummary(row: InstrumentRow, definition: InstrumentDefinition): InstrumentSummary {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    name: row.name,
    nameEn: definition.name.en ?? null,
    description: row.description,
    active: row.active,
    basis: definition.basis ?? null,
    minAssessors: definition.minAssessors,
    reassessMonths: definition.reassessMonths,
  };
}

export function presentInstrument(row: InstrumentRow, definition: InstrumentDefinition): Instrument {
  return { ...presentInstrumentSummary(row, definition), definition };
}

/**
 * One assessment for the case's list: the stored result (computed by the server when it was made)
 * and names rather than user ids. `names` maps user ids to display names.
 */
export function presentAssessment(
  row: AssessmentRow,
  extra: { instrument: InstrumentRow; definition: InstrumentDefinition; names: ReadonlyMap<string, string>; today: string },
): AssessmentListItem {
  return {
    id: row.id,
    caseId: row.caseId,
    instrument: { id: extra.instrument.id, code: extra.instrument.code, version: extra.instrument.version, name: extra.instrument.name, nameEn: extra.definition.name.en ?? null },
    assessedOn: row.assessedOn,
    result: row.result as AssessmentResult,
    summary: row.summary,
    assessors: row.assessorIds.map((id) => ({ id, name: extra.names.get(id) ?? '—' })),
    otherAssessor: row.otherAssessor,
    informant: row.informant,
    nextDueDate: row.nextDueDate,
    due: row.nextDueDate !== null && row.nextDueDate <= extra.today,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdBy ? (extra.names.get(row.createdBy) ?? null) : null,
  };
}

/** One assessment with its answers and the definition of the instrument version it was made with. */
export function presentAssessmentDetail(row: AssessmentRow, extra: Parameters<typeof presentAssessment>[1]): Assessment {
  return { ...presentAssessment(row, extra), answers: row.answers as Answers, definition: extra.definition };
}
