import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import type { CasePlan } from '../../../common/schemas/cases.schema';
import { insertCase } from '../../db/seed/case.builders';
import { useTestApp, type Client } from '../../testing/app';
import { addDays } from './cases.rules';

describe('plan versions as they ended (GET /api/cases/:id/plans)', () => {
  const t = useTestApp();
  let user: Record<string, string>;
  let caseId: string;

  const ok = async (c: Client, method: 'get' | 'post' | 'put', url: string, body?: Record<string, unknown>) => {
    const res = method === 'get' ? await c.get(url) : await c[method](url, body ?? {});
    if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json().data;
  };
  const goal = { title: '恢复独立外出', indicator: '每周独立外出次数', baseline: '0', target: '3' };

  beforeAll(async () => {
    user = Object.fromEntries((await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`)).rows.map((r) => [r.username, r.id]));
    const [resident] = (await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id
      where o.name = '曙光社区' and r.archived_at is null and r.birth_date < '1990-01-01' order by r.id limit 1`)).rows;
    caseId = (await insertCase(t.db, { residentId: resident.id, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'planning' })).id;
  });

  it('answers 401, 403, 404 and 400 like the case itself', async () => {
    expect((await t.anon.get(`/api/cases/${caseId}/plans`)).statusCode).toBe(401);
    expect((await (await t.as('zhiyuan')).get(`/api/cases/${caseId}/plans`)).statusCode).toBe(403);
    expect((await (await t.as('shegong2')).get(`/api/cases/${caseId}/plans`)).statusCode).toBe(404);
    expect((await (await t.as('shegong1')).get('/api/cases/00000000-0000-4000-8000-000000000000/plans')).statusCode).toBe(404);
    expect((await (await t.as('shegong1')).get('/api/cases/not-a-uuid/plans')).statusCode).toBe(400);
  });

  it('keeps each approved version with its tasks as they ended, a revision carrying on the tasks it keeps', async () => {
    const w = await t.as('shegong1');
    const s = await t.as('dudao');
    const due = addDays(chinaToday(), 3);
    const v1 = (await ok(w, 'put', `/api/cases/${caseId}/plan`, {
      goals: [goal],
      tasks: [
        { title: '陪同熟悉菜场路线', goalIndex: 0, ownerUserId: user.shegong1, dueDate: due },
        { title: '联系楼组长结对', goalIndex: 0, ownerUserId: user.shegong1, dueDate: due },
        { title: '申请助行器', goalIndex: 0, ownerUserId: user.shegong1, dueDate: due },
      ],
    })) as CasePlan;
    await ok(w, 'post', `/api/cases/${caseId}/submit-plan`);
    await ok(s, 'post', `/api/cases/${caseId}/review-plan`, { approve: true });
    const [route, buddy, walker] = v1.tasks;
    await ok(w, 'post', `/api/cases/${caseId}/tasks/${route.id}/status`, { status: 'done' });
    await ok(w, 'post', `/api/cases/${caseId}/tasks/${walker.id}/status`, { status: 'cancelled' });

    // The revision keeps the route (done) and the buddy (open), drops the walker and adds a task.
    const v2 = (await ok(w, 'put', `/api/cases/${caseId}/plan`, {
      goals: [goal],
      tasks: [
        { id: route.id, title: route.title, goalIndex: 0, ownerUserId: user.shegong1, dueDate: due },
        { id: buddy.id, title: buddy.title, goalIndex: 0, ownerUserId: user.shegong1, dueDate: due },
        { title: '参加社区长者活动', goalIndex: 0, ownerUserId: user.shegong1, dueDate: due },
      ],
    })) as CasePlan;
    expect(v2.version).toBe(2);
    expect(v2.tasks.map((x) => x.status)).toEqual(['done', 'open', 'open']);
    await ok(w, 'post', `/api/cases/${caseId}/submit-plan`);
    await ok(s, 'post', `/api/cases/${caseId}/review-plan`, { approve: true });

    const versions = (await ok(w, 'get', `/api/cases/${caseId}/plans`)) as CasePlan[];
    expect(versions.map((p) => [p.version, p.status])).toEqual([[1, 'approved'], [2, 'approved']]);
    const [first, second] = versions;
    expect(first.goals.map((g) => g.title)).toEqual([goal.title]);
    expect(first.tasks.map((x) => [x.title, x.status])).toEqual([['陪同熟悉菜场路线', 'done'], ['联系楼组长结对', 'open'], ['申请助行器', 'cancelled']]);
    const doneAt = first.tasks[0].doneAt;
    expect(doneAt).toBeTruthy();
    expect(first.tasks[1].doneAt).toBeNull();
    // The task done before the revision is done in the revision too, on the same day.
    expect(second.tasks.map((x) => [x.title, x.status])).toEqual([['陪同熟悉菜场路线', 'done'], ['联系楼组长结对', 'open'], ['参加社区长者活动', 'open']]);
    expect(second.tasks[0].doneAt).toBe(doneAt);
    // The case's plan is the latest version, as before.
    expect((await ok(w, 'get', `/api/cases/${caseId}`)).plan.version).toBe(2);
  });
});
