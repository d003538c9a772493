import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAnswers, nextDueDate, scoreAnswers } from '../../../common/assessments/instruments.scoring';
import { addDays, addMonths, chinaToday } from '../../../common/dates';
import type { Answers } from '../../../common/schemas/assessments.schema';
import { assessmentsDue } from '../../modules/assessments/assessments.service';
import { parseDefinition } from '../../modules/assessments/assessments.scoring';
import { actorOfUser, demoIds } from '../../modules/referrals/referrals.testkit';
import { useTestApp } from '../../testing/app';
import { seedDemoAssessments } from './assessment-demo.seed';
import { insertCase } from './case.builders';

type Row = {
  id: string; case_id: string; code: string; definition: unknown; assessed_on: string; answers: Answers; result: unknown; next_due_date: string | null;
  assessor_ids: string[]; lead_user_id: string; status: string; service_area: string; birth_date: string; events: number; team: string[];
};

/** The demo's 预估 (the test template holds the small demo, seeded as `npm start` seeds the full one). */
describe('demo assessments', () => {
  const t = useTestApp();
  let rows: Row[];

  beforeAll(async () => {
    rows = (await t.db.execute<Row>(sql`
      select ca.id, ca.case_id, ai.code, ai.definition, ca.assessed_on::text, ca.answers, ca.result, ca.next_due_date::text, ca.assessor_ids,
        c.lead_user_id, c.status, c.service_area, r.birth_date::text,
        (select count(*)::int from case_events e where e.case_id = ca.case_id and e.action = 'assessments.create' and e.detail->>'assessmentId' = ca.id::text) as events,
        array(select t.user_id from case_team t where t.case_id = c.id and t.active and t.role in ('lead', 'co_worker', 'supervisor')) as team
      from case_assessments ca join assessment_instruments ai on ai.id = ca.instrument_id
      join cases c on c.id = ca.case_id join residents r on r.id = c.resident_id`)).rows;
  });

  it('gives most cases past intake a 通用预估, and none to cases at intake, declined or referred out', async () => {
    const { rows: stages } = await t.db.execute<{ past: boolean; n: number; assessed: number }>(sql`
      select c.status not in ('intake', 'declined', 'referred_out') as past, count(*)::int as n,
        count(*) filter (where exists (select 1 from case_assessments ca join assessment_instruments ai on ai.id = ca.instrument_id
          where ca.case_id = c.id and ai.code = 'general'))::int as assessed
      from cases c group by 1`);
    const past = stages.find((s) => s.past)!;
    expect(past.assessed / past.n).toBeGreaterThan(0.7);
    expect(stages.find((s) => !s.past)?.assessed ?? 0).toBe(0);
  });

  it('stores what the scoring engine computes from the answers: result and next due date', () => {
    expect(rows.length).toBeGreaterThan(20);
    for (const a of rows) {
      const definition = parseDefinition(a.definition);
      const checked = checkAnswers({ definition, answers: a.answers });
      expect(checked.issues, a.id).toEqual([]);
      expect(a.result, a.id).toEqual(scoreAnswers({ definition, answers: checked.answers }));
      expect(a.next_due_date, a.id).toBe(nextDueDate({ definition, assessedOn: a.assessed_on }));
      expect(a.assessed_on <= chinaToday()).toBe(true);
      expect(a.events, a.id).toBe(1);
    }
  });

  it('assesses the ability of clients of 60 and over in 社区照顾 cases with two assessors of the case team', () => {
    const elderly = rows.filter((a) => a.code === 'mzt039_elderly_ability');
    expect(elderly.length).toBeGreaterThan(0);
    const ageAt = (birth: string) => Number(chinaToday().slice(0, 4)) - Number(birth.slice(0, 4));
    for (const a of elderly) {
      expect(a.service_area).toBe('community_care');
      expect(ageAt(a.birth_date)).toBeGreaterThanOrEqual(60);
      expect(new Set(a.assessor_ids).size).toBe(2);
      expect(a.assessor_ids).toContain(a.lead_user_id);
      expect(a.team).toEqual(expect.arrayContaining(a.assessor_ids));
    }
    // Levels vary with the clients (not every one 能力完好).
    expect(new Set(elderly.map((a) => (a.result as { level: { value: number } }).level.value)).size).toBeGreaterThan(1);
  });

  it('leaves a six-monthly reassessment due for the lead of an elderly client assessed about half a year ago', async () => {
    const { org, user } = await demoIds(t.db);
    const { rows: old } = await t.db.execute<{ id: string }>(sql`select r.id from residents r
      where r.community_id = ${org['桃源社区']} and r.archived_at is null and r.birth_date < ${addDays(chinaToday(), -70 * 366)}
        and not exists (select 1 from cases c where c.resident_id = r.id) order by r.id limit 1`);
    const c = await insertCase(t.db, {
      residentId: old[0].id, leadUserId: user.shegong1, supervisorUserId: user.dudao, serviceArea: 'community_care', intakeDate: addDays(chinaToday(), -250),
    });
    await seedDemoAssessments(t.db, { caseIds: [c.id] });
    const { rows: mine } = await t.db.execute<{ code: string; assessed_on: string; next_due_date: string | null }>(sql`
      select ai.code, ca.assessed_on::text, ca.next_due_date::text from case_assessments ca join assessment_instruments ai on ai.id = ca.instrument_id
      where ca.case_id = ${c.id} order by ca.assessed_on`);
    expect([...new Set(mine.map((a) => a.code))].sort()).toEqual(['general', 'mzt039_elderly_ability']);
    const due = await assessmentsDue({ db: t.db, actor: await actorOfUser(t.db, 'shegong1'), before: addDays(chinaToday(), 7) });
    const item = due.find((d) => d.caseId === c.id);
    expect(item).toMatchObject({ instrumentCode: 'mzt039_elderly_ability' });
    expect(item!.nextDueDate).toBe(addMonths(item!.assessedOn, 6));
    expect(item!.nextDueDate >= addDays(chinaToday(), -31)).toBe(true);
  });
});
