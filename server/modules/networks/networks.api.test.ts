import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import type { Ecomap, EcomapTieInput } from '../../../common/schemas/networks.schema';
import { insertCase } from '../../db/seed/case.builders';
import { useTestApp, type Client } from '../../testing/app';
import { addDays } from '../referrals/referrals.rules';
import { demoIds, residentOf } from '../referrals/referrals.testkit';

const MISSING = '00000000-0000-4000-8000-000000000000';

const ties: EcomapTieInput[] = [
  { name: '女儿', kind: 'family', formal: false, relation: '女儿（在外地工作）', quality: 'supportive', strength: 2, contact: '每周电话' },
  { name: '儿子', kind: 'family', formal: false, relation: '儿子', quality: 'stressful', strength: 1, note: '为赡养费有争执' },
  { name: '社区居委会', kind: 'community', formal: true, quality: 'supportive', strength: 1 },
];

describe('ecomaps API (支持网络)', () => {
  const t = useTestApp();
  let caseA: string;
  let client: string;
  let restricted: string;

  const create = async (c: Client, caseId: string, body: Record<string, unknown>) => c.post(`/api/cases/${caseId}/ecomaps`, { takenOn: chinaToday(), ties, ...body });
  const count = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from case_ecomaps`)).rows[0].n;

  beforeAll(async () => {
    const { org, user } = await demoIds(t.db);
    const r = await residentOf(t.db, org['曙光社区'], 0);
    client = r.name;
    caseA = (await insertCase(t.db, { residentId: r.id, leadUserId: user.shegong1, supervisorUserId: user.dudao })).id;
    const r2 = await residentOf(t.db, org['桃源社区'], 0);
    restricted = (await insertCase(t.db, { residentId: r2.id, leadUserId: user.shegong1, kind: 'correction' })).id;
    await create(await t.as('shegong1'), caseA, { takenOn: addDays(chinaToday(), -60), note: '接案时' });
  });

  describe('access to each route', () => {
    const routes = (caseId: string, id: string) => [
      { method: 'GET', url: `/api/cases/${caseId}/ecomaps` },
      { method: 'POST', url: `/api/cases/${caseId}/ecomaps`, body: { takenOn: chinaToday(), ties } },
      { method: 'GET', url: `/api/cases/${caseId}/ecomaps/${id}` },
    ];
    const call = (c: Client, r: { method: string; url: string; body?: object }) => c.inject({ method: r.method as 'GET', url: r.url, ...(r.body ? { payload: r.body } : {}) });

    it('answers 401 on every route without a session', async () => {
      for (const r of routes(caseA, MISSING)) expect((await call(t.anon, r)).statusCode).toBe(401);
    });

    it('answers 403 on every route to the administrator and the volunteer', async () => {
      const before = await count();
      for (const username of ['admin', 'zhiyuan']) {
        const c = await t.as(username);
        for (const r of routes(caseA, MISSING)) expect((await call(c, r)).statusCode, `${username} ${r.method}`).toBe(403);
      }
      expect(await count()).toBe(before);
    });

    it('keeps the ecomap from the street manager, who oversees the case without being on its team, and lets them record none', async () => {
      const c = await t.as('jiedao');
      // 个人信息保护法 第6条: managers read a case's summary, not its file (cases.policy canReadCaseFile).
      expect((await c.get(`/api/cases/${caseA}/ecomaps`)).statusCode).toBe(403);
      expect((await create(c, caseA, {})).statusCode).toBe(403);
    });

    it('answers 404 outside the worker’s communities and on a restricted case off the team', async () => {
      const two = await t.as('shegong2');
      for (const r of routes(caseA, MISSING)) {
        const res = await call(two, r);
        expect(res.statusCode, r.method).toBe(404);
        expect(res.body).not.toContain(client);
      }
      for (const username of ['dudao', 'jiedao']) {
        expect((await (await t.as(username)).get(`/api/cases/${restricted}/ecomaps`)).statusCode, username).toBe(404);
      }
      expect((await (await t.as('shegong1')).get(`/api/cases/${caseA}/ecomaps/${MISSING}`)).statusCode).toBe(404);
    });

    it('answers 400 naming the field: a tie without a name, a strength of 4, a repeated name, a date to come', async () => {
      const c = await t.as('shegong1');
      const bad = [
        await create(c, caseA, { ties: [{ ...ties[0], name: '' }] }),
        await create(c, caseA, { ties: [{ ...ties[0], strength: 4 }] }),
        await create(c, caseA, { ties: [ties[0], { ...ties[1], name: ' 女儿 ' }] }),
        await create(c, caseA, { ties: [{ ...ties[0], quality: 'awful' }] }),
        await create(c, caseA, { takenOn: addDays(chinaToday(), 1) }),
        await c.get(`/api/cases/${caseA}/ecomaps/not-a-uuid`),
      ];
      expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400, 400]);
      expect(bad.map((r) => r.json().error.details[0].field)).toEqual(['ties.0.name', 'ties.0.strength', 'ties.1.name', 'ties.0.quality', 'takenOn', 'ecomapId']);
    });
  });

  it('records a snapshot with its ties, in the case’s history, and lists snapshots newest first', async () => {
    const c = await t.as('shegong1');
    const changed = [{ ...ties[0], strength: 3 }, { ...ties[1], quality: 'mixed' }, { name: '家庭医生', kind: 'health', formal: true, quality: 'supportive', strength: 2 }];
    const res = await create(c, caseA, { ties: changed, note: '三个月后' });
    expect(res.statusCode).toBe(201);
    const e = res.json().data as Ecomap;
    expect(e).toMatchObject({ caseId: caseA, takenOn: chinaToday(), note: '三个月后', createdByName: '社工 王芳' });
    expect(e.ties[2]).toEqual({ name: '家庭医生', kind: 'health', formal: true, relation: null, quality: 'supportive', strength: 2, contact: null, note: null });
    const list = (await c.get(`/api/cases/${caseA}/ecomaps`)).json() as { data: Ecomap[]; total: number };
    expect(list.total).toBe(2);
    expect(list.data.map((x) => x.takenOn)).toEqual([chinaToday(), addDays(chinaToday(), -60)]);
    expect((await c.get(`/api/cases/${caseA}/ecomaps/${e.id}`)).json().data).toEqual(e);
    const { rows } = await t.db.execute<{ action: string }>(sql`select action from case_events where case_id = ${caseA} order by at`);
    expect(rows.map((r) => r.action)).toEqual(['ecomaps.create', 'ecomaps.create']);
    const audit = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where entity_id = ${caseA} and action = 'ecomaps.create'`);
    expect(audit.rows[0].n).toBe(2);
  });

  it('lets the supervisor on the team record one, and an empty network too', async () => {
    const res = await create(await t.as('dudao'), caseA, { ties: [] });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.ties).toEqual([]);
  });

  it('refuses a snapshot on a closed case', async () => {
    const { org, user } = await demoIds(t.db);
    const r = await residentOf(t.db, org['曙光社区'], 3);
    const closed = (await insertCase(t.db, { residentId: r.id, leadUserId: user.shegong1, status: 'closed' })).id;
    const res = await create(await t.as('shegong1'), closed, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('cases.not_open');
  });
});
