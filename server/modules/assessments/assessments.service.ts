import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { OPEN_CASE_STATUSES } from '../../../common/codes/case.codes';
import { chinaToday } from '../../../common/dates';
import type { z } from 'zod';
import type { Assessment, assessmentCreateInput, AssessmentDue, AssessmentListItem, Instrument, InstrumentSummary } from '../../../common/schemas/assessments.schema';
import type { Page } from '../../../common/schemas/common.schema';
import { parallel, type Db } from '../../db/client';
import { can, type Actor } from '../../lib/actor';
import { AppError, fieldError, notFound } from '../../lib/errors';
import { loadCase, loadCaseForWork, recordCaseEvent } from '../cases/cases.access';
import { caseTeam } from '../cases/cases.table';
import { users } from '../users/users.table';
import { presentAssessment, presentAssessmentDetail, presentInstrument, presentInstrumentSummary, type AssessmentRow, type InstrumentRow } from './assessments.presenter';
import { parseDefinition, scoreOrRefuse } from './assessments.scoring';
import { assessmentInstruments, caseAssessments } from './assessments.table';

/** Team roles whose members do the work of a case, and so may assess (cases.policy canWorkOnCase). */
const WORKING_ROLES = ['lead', 'co_worker', 'supervisor'];

/** The instruments a worker may start an assessment with: the latest active version of each. */
export async function listInstruments({ db }: { db: Db }): Promise<Page<InstrumentSummary>> {
  const rows = await db
    .selectDistinctOn([assessmentInstruments.code])
    .from(assessmentInstruments)
    .where(eq(assessmentInstruments.active, true))
    .orderBy(assessmentInstruments.code, desc(assessmentInstruments.version));
  const data = rows.map((r) => presentInstrumentSummary(r, parseDefinition(r.definition))).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { data, total: data.length };
}

/** One instrument version with its definition, active or not (old assessments are shown with theirs). */
export async function getInstrument({ db, id }: { db: Db; id: string }): Promise<{ data: Instrument }> {
  const [row] = await db.select().from(assessmentInstruments).where(eq(assessmentInstruments.id, id));
  if (!row) throw notFound();
  return { data: presentInstrument(row, parseDefinition(row.definition)) };
}

async function namesOf(db: Db, rows: AssessmentRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => [...r.assessorIds, ...(r.createdBy ? [r.createdBy] : [])]))];
  if (!ids.length) return new Map();
  const found = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.id, u.name]));
}

async function instrumentsOf(db: Db, ids: string[]): Promise<Map<string, InstrumentRow>> {
  if (!ids.length) return new Map();
  const rows = await db.select().from(assessmentInstruments).where(inArray(assessmentInstruments.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Whether a case has a recorded assessment (预估): planning starts only after one (cases startPlanning). */
export async function hasCaseAssessment({ db, caseId }: { db: Db; caseId: string }): Promise<boolean> {
  const [row] = await db.select({ id: caseAssessments.id }).from(caseAssessments).where(eq(caseAssessments.caseId, caseId)).limit(1);
  return !!row;
}

/** The assessments of a case the caller may see, newest first (404 when the case is not theirs to see). */
export async function listCaseAssessments({ db, actor, caseId }: { db: Db; actor: Actor; caseId: string }): Promise<Page<AssessmentListItem>> {
  await loadCase({ db, actor, id: caseId });
  const rows = await db
    .select()
    .from(caseAssessments)
    .where(eq(caseAssessments.caseId, caseId))
    .orderBy(desc(caseAssessments.assessedOn), desc(caseAssessments.createdAt));
  const [names, instruments] = await parallel(db, [() => namesOf(db, rows), () => instrumentsOf(db, rows.map((r) => r.instrumentId))]);
  const today = chinaToday();
  const data = rows.map((r) => {
    const instrument = instruments.get(r.instrumentId)!;
    return presentAssessment(r, { instrument, definition: parseDefinition(instrument.definition), names, today });
  });
  return { data, total: data.length };
}

/** One assessment of a case, with its answers and its instrument version's definition. */
export async function getCaseAssessment({ db, actor, caseId, assessmentId }: { db: Db; actor: Actor; caseId: string; assessmentId: string }): Promise<{ data: Assessment }> {
  await loadCase({ db, actor, id: caseId });
  const [row] = await db.select().from(caseAssessments).where(and(eq(caseAssessments.id, assessmentId), eq(caseAssessments.caseId, caseId)));
  if (!row) throw notFound();
  const [names, instruments] = await parallel(db, [() => namesOf(db, [row]), () => instrumentsOf(db, [row.instrumentId])]);
  const instrument = instruments.get(row.instrumentId)!;
  return { data: presentAssessmentDetail(row, { instrument, definition: parseDefinition(instrument.definition), names, today: chinaToday() }) };
}

/**
 * Records an assessment of an open case by someone working on it. The server checks the answers
 * against the instrument version and computes the result and the next due date itself. The
 * assessors are users on the case team, plus at most one named outside assessor; together at least
 * the instrument's minimum (MZ/T 039 §4.3.1: two). Written with its case event and audit row.
 */
export async function createCaseAssessment({
  db, actor, caseId, input,
}: {
  db: Db;
  actor: Actor;
  caseId: string;
  input: z.output<typeof assessmentCreateInput>;
}): Promise<{ data: Assessment }> {
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id: caseId });
    const [instrument] = await tx.select().from(assessmentInstruments).where(eq(assessmentInstruments.id, input.instrumentId));
    if (!instrument) throw fieldError('instrumentId', 'invalid_option', '请选择评估量表');
    if (!instrument.active) {
      throw new AppError('assessments.instrument_inactive', 400, [{ field: 'instrumentId', code: 'assessments.instrument_inactive', message: '该评估量表已停用' }]);
    }
    const definition = parseDefinition(instrument.definition);
    if (input.assessedOn > chinaToday()) throw fieldError('assessedOn', 'future_date', '日期不能晚于今天');

    const assessorIds = [...new Set(input.assessorIds)];
    if (assessorIds.length) {
      const onTeam = await tx
        .select({ userId: caseTeam.userId })
        .from(caseTeam)
        .where(and(eq(caseTeam.caseId, caseId), eq(caseTeam.active, true), inArray(caseTeam.userId, assessorIds)));
      if (new Set(onTeam.map((m) => m.userId)).size !== assessorIds.length) throw fieldError('assessorIds', 'cases.team_member_invalid', '评估员须为本个案团队成员');
    }
    const otherAssessor = input.otherAssessor?.trim() || null;
    const count = assessorIds.length + (otherAssessor ? 1 : 0);
    if (count < definition.minAssessors) {
      // MZ/T 039—2013: two assessors per assessment.
      throw fieldError('assessorIds', 'too_short', `该量表至少需要 ${definition.minAssessors} 名评估员`);
    }

    const scored = scoreOrRefuse({ definition, answers: input.answers, assessedOn: input.assessedOn });
    const [row] = await tx
      .insert(caseAssessments)
      .values({
        caseId,
        instrumentId: instrument.id,
        assessedOn: input.assessedOn,
        answers: scored.answers,
        result: scored.result,
        summary: input.summary?.trim() || null,
        assessorIds,
        otherAssessor,
        informant: input.informant?.trim() || null,
        nextDueDate: scored.nextDueDate,
        createdBy: actor.userId,
      })
      .returning();
    const level = scored.result.level;
    await recordCaseEvent({
      db: tx, actor, c, action: 'assessments.create',
      note: level ? `${instrument.name}：${level.valueLabel?.zh ?? level.value}` : instrument.name,
      detail: { assessmentId: row.id, instrument: instrument.code, instrumentVersion: instrument.version, level: level?.value ?? null, nextDueDate: row.nextDueDate },
    });
    const names = await namesOf(tx, [row]);
    return { data: presentAssessmentDetail(row, { instrument, definition, names, today: chinaToday() }) };
  });
}

/**
 * Reassessments due: open cases the actor works on (lead, co-worker or supervisor on the team)
 * where the latest assessment with an instrument (any version of its code) is due on or before
 * `before` (YYYY-MM-DD). Earliest first. For 我的待办.
 */
export async function assessmentsDue({ db, actor, before }: { db: Db; actor: Actor; before: string }): Promise<AssessmentDue[]> {
  if (!can(actor, 'cases.write')) return [];
  const { rows } = await db.execute<{
    case_id: string; case_no: string; client_name: string; community_id: string; assessment_id: string;
    instrument_id: string; instrument_code: string; instrument_name: string; assessed_on: string; next_due_date: string;
  }>(sql`
    select * from (
      select distinct on (ca.case_id, ai.code)
        ca.case_id, c.case_no, r.name as client_name, c.community_id, ca.id as assessment_id,
        ai.id as instrument_id, ai.code as instrument_code, ai.name as instrument_name, ca.assessed_on, ca.next_due_date
      from case_assessments ca
      join assessment_instruments ai on ai.id = ca.instrument_id
      join cases c on c.id = ca.case_id
      join residents r on r.id = c.resident_id
      where ca.case_id in (
          select t.case_id from case_team t
          where t.user_id = ${actor.userId}::uuid and t.active and t.role = any(${sql.param(WORKING_ROLES)}::text[]))
        and c.status = any(${sql.param([...OPEN_CASE_STATUSES])}::text[])
      order by ca.case_id, ai.code, ca.assessed_on desc, ca.created_at desc
    ) latest
    where latest.next_due_date <= ${before}::date
    order by latest.next_due_date, latest.case_no`);
  return rows.map((r) => ({
    caseId: r.case_id,
    caseNo: r.case_no,
    clientName: r.client_name,
    communityId: r.community_id,
    assessmentId: r.assessment_id,
    instrumentId: r.instrument_id,
    instrumentCode: r.instrument_code,
    instrumentName: r.instrument_name,
    assessedOn: r.assessed_on,
    nextDueDate: r.next_due_date,
  }));
}
