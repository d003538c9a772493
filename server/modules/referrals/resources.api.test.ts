import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from '../../../common/schemas/referrals.schema';
import { seedResources } from '../../db/seed/referral.seed';
import { DEMO_PASSWORD } from '../../db/seed/demo.seed';
import { useTestApp, type Client } from '../../testing/app';
import { hashSecret } from '../auth/auth.service';
import { orgUnits } from '../orgs/orgs.table';
import { userPosts, users } from '../users/users.table';
import { demoIds } from './referrals.testkit';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('resources API (资源目录)', () => {
  const t = useTestApp();
  let org: Record<string, string>;
  let resource: Record<string, string>;
  /** An entry of another district (远山县), kept by that district. */
  let farAway: string;

  const list = async (c: Client, qs = '') => (await c.get(`/api/resources${qs}`)).json() as { data: Resource[]; total: number };
  const count = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from resources`)).rows[0].n;

  beforeAll(async () => {
    ({ org } = await demoIds(t.db));
    const seeded = await seedResources(t.db, { ownerOrgUnitId: org['临江区'], createdBy: null });
    resource = Object.fromEntries(seeded.map((r) => [r.name, r.id]));
    // A second district with one community, one worker and one directory entry.
    const [district] = await t.db.insert(orgUnits).values({ kind: 'district', name: '远山县', code: '330299' }).returning();
    const [street] = await t.db.insert(orgUnits).values({ kind: 'street', name: '远山镇', parentId: district.id }).returning();
    const [village] = await t.db.insert(orgUnits).values({ kind: 'village', name: '远山村', parentId: street.id }).returning();
    const [u] = await t.db.insert(users).values({ username: 'yuanshan', displayName: '社工 远山', role: 'worker', passwordHash: await hashSecret(DEMO_PASSWORD) }).returning();
    await t.db.insert(userPosts).values({ userId: u.id, orgUnitId: village.id });
    farAway = (await seedResources(t.db, { ownerOrgUnitId: district.id, createdBy: null }))[0].id;
  });

  describe('access to each route', () => {
    const routes = (id: string) => [
      { method: 'GET', url: '/api/resources' },
      { method: 'POST', url: '/api/resources', body: { name: '新资源', type: 'other' } },
      { method: 'GET', url: `/api/resources/${id}` },
      { method: 'PATCH', url: `/api/resources/${id}`, body: { note: '备注' } },
      { method: 'POST', url: `/api/resources/${id}/archive` },
    ];
    const call = (c: Client, r: { method: string; url: string; body?: object }) => c.inject({ method: r.method as 'GET', url: r.url, ...(r.body ? { payload: r.body } : {}) });

    it('answers 401 on every route without a session', async () => {
      for (const r of routes(resource['临江区人民医院'])) expect((await call(t.anon, r)).statusCode, r.url).toBe(401);
    });

    it('answers 403 on every route to the administrator and the volunteer', async () => {
      const before = await count();
      for (const username of ['admin', 'zhiyuan']) {
        const c = await t.as(username);
        for (const r of routes(resource['临江区人民医院'])) expect((await call(c, r)).statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
      }
      expect(await count()).toBe(before);
    });

    it('lets the street manager read the directory but not change it', async () => {
      const c = await t.as('jiedao');
      const answers = [];
      for (const r of routes(resource['临江区人民医院'])) answers.push((await call(c, r)).statusCode);
      expect(answers).toEqual([200, 403, 200, 403, 403]);
    });

    it('answers 404 on an entry of another district, and leaves it out of lists', async () => {
      const c = await t.as('shegong1');
      for (const r of routes(farAway).slice(2)) expect((await call(c, r)).statusCode, `${r.method} ${r.url}`).toBe(404);
      for (const r of routes(MISSING).slice(2)) expect((await call(c, r)).statusCode, `${r.method} ${r.url}`).toBe(404);
      expect((await list(c, '?pageSize=100')).data.map((r) => r.id)).not.toContain(farAway);
    });

    it('answers 400 naming the field on each route that takes input', async () => {
      const c = await t.as('shegong1');
      const bad = [
        await c.get('/api/resources?type=castle'),
        await c.post('/api/resources', { type: 'hospital' }),
        await c.get('/api/resources/not-a-uuid'),
        await c.patch(`/api/resources/${resource['临江区人民医院']}`, { phone: 'call me' }),
        await c.post('/api/resources/not-a-uuid/archive'),
      ];
      expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400]);
      expect(bad.map((r) => r.json().error.details[0].field)).toEqual(['type.0', 'name', 'id', 'phone', 'id']);
    });
  });

  it('shows each worker the directory of their own district only', async () => {
    const ours = await list(await t.as('shegong2'), '?pageSize=100');
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from resources r join org_units o on o.id = r.owner_org_unit_id
      where o.name = '临江区' and r.archived_at is null`);
    expect(ours.total).toBe(rows[0].n);
    expect(ours.data.map((r) => r.id)).not.toContain(farAway);
    const far = await list(await t.as('yuanshan'), '?pageSize=100');
    expect(far.data.map((r) => r.id)).toContain(farAway);
    expect(far.data.some((r) => r.ownerName === '临江区')).toBe(false);
  });

  it('lists government departments first, then hospitals, schools and the rest, by name within a type', async () => {
    const types = (await list(await t.as('shegong1'), '?pageSize=100')).data.map((r) => r.type);
    const order = ['government', 'hospital', 'school', 'social_org', 'enterprise', 'mass_org', 'police', 'other'];
    expect(types).toEqual([...types].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(types[0]).toBe('government');
  });

  it('finds entries by a fragment of name or service, by type, and by an exact service', async () => {
    const c = await t.as('shegong1');
    expect((await list(c, `?q=${encodeURIComponent('心理')}`)).data.map((r) => r.name)).toEqual(expect.arrayContaining(['临江区阳光心理咨询中心', '团区委青少年服务台']));
    const hospitals = await list(c, '?type=hospital');
    expect(new Set(hospitals.data.map((r) => r.name))).toEqual(new Set(['临江区人民医院', '江滨街道社区卫生服务中心', '青山镇卫生院']));
    expect(hospitals.data.every((r) => r.type === 'hospital')).toBe(true);
    expect(new Set((await list(c, `?service=${encodeURIComponent('家庭医生签约')}`)).data.map((r) => r.name))).toEqual(new Set(['江滨街道社区卫生服务中心', '青山镇卫生院']));
    expect((await list(c, `?q=${encodeURIComponent('%')}`)).total).toBe(0);
  });

  it('adds an entry kept by the worker’s district, audited', async () => {
    const c = await t.as('shegong1');
    const res = await c.post('/api/resources', {
      name: '江滨街道老年食堂', type: 'social_org', services: ['老年助餐', '送餐上门'], serviceAreas: ['曙光社区', '桃源社区'], contactName: '吕师傅', phone: '0571-88830011 转 2',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ data: { ownerOrgUnitId: org['临江区'], ownerName: '临江区', services: ['老年助餐', '送餐上门'], archived: false }, abilities: { update: true, archive: true } });
    const { rows } = await t.db.execute<{ action: string }>(sql`select action from audit_log where entity_id = ${res.json().data.id}`);
    expect(rows.map((r) => r.action)).toEqual(['resources.create']);
  });

  it('refuses an owner unit outside the worker’s district', async () => {
    const { rows } = await t.db.execute<{ id: string }>(sql`select id from org_units where name = '远山县'`);
    const res = await (await t.as('shegong1')).post('/api/resources', { name: '越界', type: 'other', ownerOrgUnitId: rows[0].id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'ownerOrgUnitId', code: 'invalid_option' });
  });

  it('updates an entry, and answers 409 to an older version', async () => {
    const c = await t.as('shegong2');
    const id = resource['青山镇卫生院'];
    const before = (await c.get(`/api/resources/${id}`)).json().data as Resource;
    const res = await c.patch(`/api/resources/${id}`, { version: before.version, phone: '0571-88851121', services: [...before.services, '中医理疗'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ phone: '0571-88851121', version: before.version + 1 });
    expect(res.json().data.services).toContain('中医理疗');
    const stale = await c.patch(`/api/resources/${id}`, { version: before.version, note: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  it('archives an entry: out of the list and of the targets, still readable', async () => {
    const c = await t.as('shegong1');
    const id = resource['鑫达超市（爱心企业）'];
    const res = await c.post(`/api/resources/${id}/archive`);
    expect(res.json()).toMatchObject({ data: { archived: true }, abilities: { archive: false } });
    expect((await list(c, '?pageSize=100')).data.map((r) => r.id)).not.toContain(id);
    expect((await list(c, '?archived=true')).data.map((r) => r.id)).toContain(id);
    expect((await c.get(`/api/resources/${id}`)).statusCode).toBe(200);
    // Archiving again changes nothing.
    expect((await c.post(`/api/resources/${id}/archive`)).json().data.version).toBe(res.json().data.version);
  });
});
