import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Referral } from '../../../common/schemas/referrals.schema';
import { insertCase } from '../../db/seed/case.builders';
import { seedResources } from '../../db/seed/referral.seed';
import { useTestApp, type Client } from '../../testing/app';
import { demoIds } from './referrals.testkit';

/** GET /api/referrals?residentId=…: a resident's referrals, as their page lists them. */
describe('referrals of one resident', () => {
  const t = useTestApp();
  let org: Record<string, string>;
  let user: Record<string, string>;
  let resource: Record<string, string>;
  /** Residents of 曙光社区 without a demo case (so without demo referrals). */
  let client: string;
  let other: string;
  let dvClient: string;
  /** Referrals of `client`: two out of their case, one in naming them, one in linked to their case. */
  const mine: Record<'toResource' | 'toStation' | 'inNamed' | 'inLinked', string> = {} as never;
  let ofOther: string;
  let ofDv: string;

  const ids = (res: { json: () => { data: Referral[] } }) => res.json().data.map((r) => r.id).sort();
  const list = (c: Client, residentId: string, extra = '') => c.get(`/api/referrals?residentId=${residentId}${extra}`);
  const post = async (c: Client, url: string, body: Record<string, unknown>) => {
    const res = await c.post(url, body);
    if (res.statusCode >= 300) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
    return res.json().data as Referral;
  };

  beforeAll(async () => {
    ({ org, user } = await demoIds(t.db));
    const seeded = await seedResources(t.db, { ownerOrgUnitId: org['临江区'], createdBy: null });
    resource = Object.fromEntries(seeded.map((r) => [r.name, r.id]));
    const { rows } = await t.db.execute<{ id: string }>(sql`select r.id from residents r
      where r.community_id = ${org['曙光社区']} and r.archived_at is null and r.birth_date < '2000-01-01'
        and not exists (select 1 from cases c where c.resident_id = r.id) and not exists (select 1 from case_referrals x where x.client_resident_id = r.id)
      order by r.id limit 3`);
    [client, other, dvClient] = rows.map((r) => r.id);

    const w = await t.as('shegong1');
    const caseA = await insertCase(t.db, { residentId: client, leadUserId: user.shegong1, supervisorUserId: user.dudao });
    mine.toResource = (await post(w, `/api/cases/${caseA.id}/referrals`, { targetResourceId: resource['临江区阳光心理咨询中心'], reason: '情绪低落，需要心理咨询' })).id;
    mine.toStation = (await post(w, `/api/cases/${caseA.id}/referrals`, { targetOrgUnitId: org['青山镇社工站'], reason: '将搬到青山镇亲属家居住' })).id;
    mine.inNamed = (await post(w, '/api/referrals/incoming', {
      targetOrgUnitId: org['曙光社区'], fromResourceId: resource['临江区人民医院'], clientName: '（按居民档案）', residentId: client, reason: '出院后需要居家照护', consentBasis: 'consent',
    })).id;
    // A referral in recorded by name only, accepted, and linked to the client's case.
    const byName = await post(w, '/api/referrals/incoming', { targetOrgUnitId: org['曙光社区'], fromText: '江滨派出所 钱警官', clientName: '同名者', reason: '需要帮扶', consentBasis: 'consent' });
    await post(w, `/api/referrals/${byName.id}/accept`, {});
    await post(w, `/api/referrals/${byName.id}/result-case`, { caseId: caseA.id });
    mine.inLinked = byName.id;

    const caseB = await insertCase(t.db, { residentId: other, leadUserId: user.shegong1, supervisorUserId: user.dudao });
    ofOther = (await post(w, `/api/cases/${caseB.id}/referrals`, { targetResourceId: resource['临江区慈善总会'], reason: '大病救助' })).id;
    // A restricted case (家庭暴力) of shegong1 alone, referred to the station dudao answers for.
    const dv = await insertCase(t.db, { residentId: dvClient, leadUserId: user.shegong1, kind: 'domestic_violence' });
    ofDv = (await post(w, `/api/cases/${dv.id}/referrals`, { targetOrgUnitId: org['江滨街道社工站'], reason: '需要庇护与心理支持' })).id;
  });

  it('answers 401 without a session and 403 to roles without case rights', async () => {
    expect((await list(t.anon, client)).statusCode).toBe(401);
    expect((await list(await t.as('zhiyuan'), client)).statusCode).toBe(403);
  });

  it('answers 400 naming residentId when it is not a uuid', async () => {
    const res = await (await t.as('shegong1')).get('/api/referrals?residentId=12345');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'residentId', code: 'invalid' });
  });

  it('shows the lead worker the client’s referrals in both directions, and no one else’s', async () => {
    const res = await list(await t.as('shegong1'), client);
    expect(res.statusCode).toBe(200);
    expect(ids(res)).toEqual(Object.values(mine).sort());
    expect(res.json().total).toBe(4);
    const byId = new Map((res.json().data as Referral[]).map((r) => [r.id, r]));
    expect(byId.get(mine.toStation)).toMatchObject({ direction: 'out', to: { name: '青山镇社工站' }, client: { residentId: client } });
    expect(byId.get(mine.inNamed)).toMatchObject({ direction: 'in', from: { name: '临江区人民医院' }, client: { residentId: client } });
    expect(byId.get(mine.inLinked)).toMatchObject({ direction: 'in', resultCaseId: expect.any(String) });
    expect(ids(await list(await t.as('shegong1'), other))).toEqual([ofOther]);
  });

  it('narrows to a box when one is given with the resident', async () => {
    const c = await t.as('shegong1');
    expect(ids(await list(c, client, '&box=outgoing'))).toEqual([mine.toResource, mine.toStation].sort());
    expect(ids(await list(c, client, '&box=incoming'))).toEqual([mine.inLinked, mine.inNamed].sort());
    expect(ids(await list(c, client, '&status=sent'))).toEqual([mine.toResource, mine.toStation, mine.inNamed].sort());
  });

  it('shows the supervisor overseeing the community the referrals of the unrestricted case', async () => {
    const res = await list(await t.as('dudao'), client);
    expect(ids(res)).toEqual(expect.arrayContaining([mine.toResource, mine.toStation]));
  });

  it('gives a worker of another community an empty list for the resident, though their station received one of the referrals', async () => {
    const c = await t.as('shegong2');
    const res = await list(c, client);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: [], total: 0 });
    // The referral itself reaches them in their incoming box: not the resident's file.
    expect(ids(await c.get('/api/referrals?box=incoming&pageSize=100'))).toContain(mine.toStation);
  });

  it('hides the referrals of a restricted case from users not on its team, even those answering for the target', async () => {
    expect(ids(await list(await t.as('shegong1'), dvClient))).toEqual([ofDv]);
    for (const username of ['dudao', 'jiedao', 'jigou', 'shegong2']) {
      const res = await list(await t.as(username), dvClient);
      expect(res.statusCode, username).toBe(200);
      expect(res.json(), username).toEqual({ data: [], total: 0 });
    }
    // dudao answers for 江滨街道社工站 and so sees the referral in the incoming box, as before.
    expect(ids(await (await t.as('dudao')).get('/api/referrals?box=incoming&pageSize=100'))).toContain(ofDv);
  });
});
