import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanBasis } from '../../../common/schemas/assessments.schema';
import { insertCase } from '../../db/seed/case.builders';
import { useTestApp } from '../../testing/app';
import { caseAssessments } from './assessments.table';

describe('what a plan starts from (GET /api/cases/:id/plan-basis)', () => {
  const t = useTestApp();
  const user: Record<string, string> = {};
  let instrument: { general: string; elderly: string };
  let caseId: string;

  beforeAll(async () => {
    const { rows: users } = await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`);
    for (const u of users) user[u.username] = u.id;
    const { rows: ins } = await t.db.execute<{ id: string; code: string }>(sql`select id, code from assessment_instruments where active`);
    instrument = { general: ins.find((i) => i.code === 'general')!.id, elderly: ins.find((i) => i.code === 'mzt039_elderly_ability')!.id };
    const [r] = (await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id
      where o.name = '曙光社区' and r.archived_at is null order by r.id limit 1`)).rows;
    caseId = (await insertCase(t.db, { residentId: r.id, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'assessment' })).id;
  });

  const assess = (instrumentId: string, assessedOn: string, answers: Record<string, unknown>, summary: string | null) =>
    t.db.insert(caseAssessments).values({ caseId, instrumentId, assessedOn, answers, result: { sections: [], level: null }, summary, assessorIds: [user.shegong1], createdBy: user.shegong1 }).returning();
  const basis = async () => {
    const res = await (await t.as('shegong1')).get(`/api/cases/${caseId}/plan-basis`);
    expect(res.statusCode).toBe(200);
    return res.json().data as PlanBasis | null;
  };

  it('answers 401, 403, 404 and 400 like the case itself', async () => {
    expect((await t.anon.get(`/api/cases/${caseId}/plan-basis`)).statusCode).toBe(401);
    expect((await (await t.as('zhiyuan')).get(`/api/cases/${caseId}/plan-basis`)).statusCode).toBe(403);
    expect((await (await t.as('shegong2')).get(`/api/cases/${caseId}/plan-basis`)).statusCode).toBe(404);
    expect((await (await t.as('shegong1')).get('/api/cases/not-a-uuid/plan-basis')).statusCode).toBe(400);
  });

  it('has nothing before the first assessment', async () => {
    expect(await basis()).toBeNull();
  });

  it('gives the problems of the latest assessment that lists them, in its order, with its summary', async () => {
    const [general] = await assess(instrument.general, '2026-01-05', {
      ind_health: '高血压',
      problem_list: [
        { problem: '独居，跌倒后不敢出门', priority: 'high', strategy: '陪同外出，重建信心' },
        { problem: '与女儿联系少', priority: 'medium' },
        { problem: '  ', priority: 'low' },
      ],
    }, '独居老人，跌倒后社会参与减少；女儿在外地。');
    // A later assessment without a problem list (老年人能力评估) does not replace it.
    await assess(instrument.elderly, '2026-01-20', {}, '行走需要帮助');
    expect(await basis()).toEqual({
      assessmentId: general.id,
      instrumentName: '通用预估',
      instrumentNameEn: 'General assessment',
      assessedOn: '2026-01-05',
      summary: '独居老人，跌倒后社会参与减少；女儿在外地。',
      problems: [
        { problem: '独居，跌倒后不敢出门', priority: 'high', priorityLabel: { zh: '高', en: 'High' }, strategy: '陪同外出，重建信心' },
        { problem: '与女儿联系少', priority: 'medium', priorityLabel: { zh: '中', en: 'Medium' }, strategy: null },
      ],
    });
    // A reassessment with its own list takes over.
    const [again] = await assess(instrument.general, '2026-02-01', { problem_list: [{ problem: '仍不敢独自出门', priority: 'high' }] }, null);
    expect(await basis()).toMatchObject({ assessmentId: again.id, summary: null, problems: [{ problem: '仍不敢独自出门' }] });
  });
});
