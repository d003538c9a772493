import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor } from '../../db/seed/builders';
import { useTestApp, type Client } from '../../testing/app';

const MISSING = '00000000-0000-4000-8000-000000000000';
let serial = 0;
const newIdNumber = (birthDate: string, sex: 'male' | 'female') => idNumberFor({ area: '110106', birthDate, sex, serial: serial++ });

type Household = {
  id: string;
  communityId: string;
  headResidentId: string | null;
  headName: string | null;
  memberCount: number;
  version: number;
  address: string;
  archivedAt: string | null;
  members: { residentId: string; name: string; relationToHead: string | null; isHead: boolean; tags: string[] }[];
};

describe('households API', () => {
  const t = useTestApp();
  let community: Record<string, string>;
  /** A demo household of 曙光社区 with its head. */
  let shuguang: { id: string; headName: string; neighborhood: string };

  beforeAll(async () => {
    const { rows } = await t.db.execute<{ id: string; name: string }>(sql`select id, name from org_units`);
    community = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    const h = await t.db.execute<{ id: string; head_name: string; neighborhood: string }>(sql`
      select h.id, r.name as head_name, h.neighborhood from households h join residents r on r.id = h.head_resident_id
      where h.community_id = ${community['曙光社区']} order by h.id limit 1`);
    shuguang = { id: h.rows[0].id, headName: h.rows[0].head_name, neighborhood: h.rows[0].neighborhood };
  });

  const resident = async (c: Client, name: string, communityName = '曙光社区', sex: 'male' | 'female' = 'male', birthDate = '1975-07-07') => {
    const res = await c.post('/api/residents', { name, sex, idNumber: newIdNumber(birthDate, sex), communityId: community[communityName] });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().data.id as string;
  };
  const household = async (c: Client, body: Record<string, unknown>) => {
    const res = await c.post('/api/households', { communityId: community['曙光社区'], neighborhood: '曙光花园', building: '9', unit: '1', room: '101', ...body });
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json().data as Household;
  };
  const get = async (c: Client, id: string) => (await c.get(`/api/households/${id}`)).json().data as Household;
  const count = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from households`)).rows[0].n;

  describe('access to each route', () => {
    const routes = (id: string, residentId: string) => [
      { method: 'GET', url: '/api/households' },
      { method: 'POST', url: '/api/households', body: { communityId: community['曙光社区'], neighborhood: '阳光公寓' } },
      { method: 'GET', url: `/api/households/${id}` },
      { method: 'PATCH', url: `/api/households/${id}`, body: { note: '走访' } },
      { method: 'POST', url: `/api/households/${id}/members`, body: { residentId, relationToHead: 'other_relative' } },
      { method: 'DELETE', url: `/api/households/${id}/members/${residentId}` },
      { method: 'POST', url: `/api/households/${id}/archive` },
    ];
    const call = (c: Client, r: { method: string; url: string; body?: object }) =>
      c.inject({ method: r.method as 'GET', url: r.url, ...(r.body ? { payload: r.body } : {}) });

    it('answers 401 on every route without a session', async () => {
      for (const r of routes(shuguang.id, MISSING)) {
        const res = await call(t.anon, r);
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      }
    });

    it('answers 403 on every route to the administrator and the volunteer', async () => {
      const before = await count();
      for (const username of ['admin', 'zhiyuan']) {
        const c = await t.as(username);
        for (const r of routes(shuguang.id, MISSING)) {
          const res = await call(c, r);
          expect(res.statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
          expect(res.body).not.toContain(shuguang.headName);
        }
      }
      expect(await count()).toBe(before);
    });

    it('lets the street manager and the agency head read but not write', async () => {
      for (const username of ['jiedao', 'jigou']) {
        const c = await t.as(username);
        const answers = [];
        for (const r of routes(shuguang.id, MISSING)) answers.push((await call(c, r)).statusCode);
        expect(answers, username).toEqual([200, 403, 200, 403, 403, 403, 403]);
      }
    });

    it('answers 404 without the household’s details to a worker outside its community', async () => {
      const c = await t.as('shegong2');
      const other = await resident(c, '青山居民', '青山社区');
      const before = (await t.db.execute<{ v: number }>(sql`select version as v from households where id = ${shuguang.id}`)).rows[0].v;
      for (const r of routes(shuguang.id, other).slice(2)) {
        const res = await call(c, r);
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
        expect(res.json().error.code).toBe('not_found');
        expect(res.body).not.toContain(shuguang.headName);
        expect(res.body).not.toContain(shuguang.neighborhood);
      }
      expect((await t.db.execute<{ v: number }>(sql`select version as v from households where id = ${shuguang.id}`)).rows[0].v).toBe(before);
      expect((await c.get(`/api/residents/${other}`)).json().data.householdId).toBeNull();
      const list = await c.get(`/api/households?communityId=${community['曙光社区']}`);
      expect(list.json()).toEqual({ data: [], total: 0 });
    });

    it('answers 400 naming the field on each route that takes input', async () => {
      const c = await t.as('shegong1');
      const bad = [
        await c.get('/api/households?pageSize=1000'),
        await c.post('/api/households', { communityId: community['曙光社区'], type: 'castle' }),
        await c.patch(`/api/households/${shuguang.id}`, { communityId: community['桃源社区'] }),
        await c.post(`/api/households/${shuguang.id}/members`, { residentId: 'not-a-uuid', relationToHead: 'child' }),
        await c.delete(`/api/households/${shuguang.id}/members/not-a-uuid`),
        await c.post('/api/households/not-a-uuid/archive'),
      ];
      expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400, 400]);
      expect(bad.map((r) => r.json().error.details[0].field)).toEqual(['pageSize', 'type', 'communityId', 'residentId', 'residentId', 'id']);
      expect(bad[2].json().error.details[0].code).toBe('unknown_field');
    });

    it('answers 200 or 201 on every route to the social worker of the community', async () => {
      const c = await t.as('shegong1');
      const h = await household(c, { room: '102' });
      const member = await resident(c, '成员甲');
      const answers = [];
      for (const r of routes(h.id, member)) answers.push((await call(c, r)).statusCode);
      expect(answers).toEqual([200, 201, 200, 200, 200, 200, 200]);
    });
  });

  describe('create and change', () => {
    it('creates a household with members and a head; the members’ records show it', async () => {
      const c = await t.as('shegong1');
      const head = await resident(c, '户主甲');
      const spouse = await resident(c, '配偶甲', '曙光社区', 'female');
      const h = await household(c, { type: 'ordinary', members: [{ residentId: head, relationToHead: 'head' }, { residentId: spouse, relationToHead: 'spouse' }] });
      expect(h).toMatchObject({ headResidentId: head, headName: '户主甲', memberCount: 2, address: '曙光花园 9栋 1单元 101室' });
      expect(h.members.map((m) => [m.name, m.isHead, m.relationToHead])).toEqual([['户主甲', true, 'head'], ['配偶甲', false, 'spouse']]);
      const r = (await c.get(`/api/residents/${spouse}`)).json().data;
      expect(r).toMatchObject({ householdId: h.id, relationToHead: 'spouse', version: 2 });
      const history = (await c.get(`/api/residents/${spouse}/history`)).json().data;
      expect(history[0]).toMatchObject({ action: 'residents.update', changes: { householdId: [null, h.id], relationToHead: [null, 'spouse'] } });
      const list = (await c.get(`/api/households?q=${encodeURIComponent('户主甲')}`)).json();
      expect(list.data.map((x: Household) => x.id)).toEqual([h.id]);
      expect(list.data[0].memberCount).toBe(2);
    });

    it('refuses a head who is not a member with 400 households.head_not_member', async () => {
      const c = await t.as('shegong1');
      const outsider = await resident(c, '非成员');
      const before = await count();
      const res = await c.post('/api/households', { communityId: community['曙光社区'], headResidentId: outsider });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'households.head_not_member', details: [{ field: 'headResidentId' }] });
      expect(await count()).toBe(before);
      const h = await household(c, { room: '201' });
      const patch = await c.patch(`/api/households/${h.id}`, { headResidentId: outsider });
      expect(patch.statusCode).toBe(400);
      expect(patch.json().error.code).toBe('households.head_not_member');
      expect((await get(c, h.id)).headResidentId).toBeNull();
    });

    it('refuses a member from another community with 400 households.member_other_community', async () => {
      const c = await t.as('shegong1');
      const taoyuan = await resident(c, '桃源人', '桃源社区');
      const h = await household(c, { room: '301' });
      const res = await c.post(`/api/households/${h.id}/members`, { residentId: taoyuan, relationToHead: 'other_relative' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'households.member_other_community', details: [{ field: 'residentId' }] });
      expect((await c.get(`/api/residents/${taoyuan}`)).json().data.householdId).toBeNull();
      const before = await count();
      const create = await c.post('/api/households', { communityId: community['曙光社区'], members: [{ residentId: taoyuan, relationToHead: 'head' }] });
      expect(create.statusCode).toBe(400);
      expect(create.json().error.code).toBe('households.member_other_community');
      expect(await count()).toBe(before);
    });

    it('answers 404 when the resident to add lies outside the caller’s communities', async () => {
      const c = await t.as('shegong1');
      const qingshan = await resident(await t.as('shegong2'), '青山人', '青山社区');
      const h = await household(c, { room: '302' });
      const res = await c.post(`/api/households/${h.id}/members`, { residentId: qingshan, relationToHead: 'other_relative' });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('青山人');
    });

    it('refuses a household in a community outside the caller’s scope, naming communityId', async () => {
      const c = await t.as('shegong1');
      const res = await c.post('/api/households', { communityId: community['青山社区'] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'communityId' })]);
    });

    it('moves a member from another household and clears that household’s head when they were head', async () => {
      const c = await t.as('shegong1');
      const head = await resident(c, '搬家户主');
      const child = await resident(c, '搬家子女');
      const a = await household(c, { room: '401', members: [{ residentId: head, relationToHead: 'head' }, { residentId: child, relationToHead: 'child' }] });
      const b = await household(c, { room: '402' });
      const res = await c.post(`/api/households/${b.id}/members`, { residentId: head, relationToHead: 'head' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ headResidentId: head, memberCount: 1 });
      const oldHome = await get(c, a.id);
      expect(oldHome).toMatchObject({ headResidentId: null, headName: null, memberCount: 1 });
      expect(oldHome.version).toBeGreaterThan(a.version);
      const r = (await c.get(`/api/residents/${head}`)).json().data;
      expect(r).toMatchObject({ householdId: b.id, relationToHead: 'head' });
      const history = (await c.get(`/api/residents/${head}/history`)).json().data;
      expect(history[0].changes.householdId).toEqual([a.id, b.id]);
      const { rows } = await t.db.execute<{ changes: unknown }>(sql`select changes from audit_log where entity_type = 'household' and entity_id = ${a.id} and action <> 'households.create' order by at`);
      expect(rows.map((x) => x.changes)).toContainEqual(expect.objectContaining({ headResidentId: [head, null] }));
    });

    it('removes a member; removing the head clears the head', async () => {
      const c = await t.as('shegong1');
      const head = await resident(c, '离户户主');
      const other = await resident(c, '离户成员');
      const h = await household(c, { room: '501', members: [{ residentId: head, relationToHead: 'head' }, { residentId: other, relationToHead: 'spouse' }] });
      const res = await c.delete(`/api/households/${h.id}/members/${head}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ headResidentId: null, memberCount: 1 });
      expect((await c.get(`/api/residents/${head}`)).json().data).toMatchObject({ householdId: null, relationToHead: null });
      const again = await c.delete(`/api/households/${h.id}/members/${head}`);
      expect(again.statusCode).toBe(404);
    });

    it('refuses to archive a household while members remain (409), then archives it once empty', async () => {
      const c = await t.as('shegong1');
      const m = await resident(c, '最后成员');
      const h = await household(c, { room: '601', members: [{ residentId: m, relationToHead: 'head' }] });
      const refused = await c.post(`/api/households/${h.id}/archive`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('households.has_members');
      expect((await c.get(`/api/households?q=${encodeURIComponent('最后成员')}`)).json().total).toBe(1);
      expect((await c.delete(`/api/households/${h.id}/members/${m}`)).statusCode).toBe(200);
      const archived = await c.post(`/api/households/${h.id}/archive`);
      expect(archived.statusCode).toBe(200);
      const list = await c.get('/api/households?pageSize=100&q=9');
      expect(list.json().data.map((x: Household) => x.id)).not.toContain(h.id);
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'households.archive' and entity_id = ${h.id}`);
      expect(rows[0].n).toBe(1);
    });

    it('shows a closed household as closed, read-only', async () => {
      const c = await t.as('shegong1');
      const h = await household(c, { room: '602' });
      expect(h.archivedAt).toBeNull();
      await c.post(`/api/households/${h.id}/archive`);
      const res = (await c.get(`/api/households/${h.id}`)).json();
      expect(res.data.archivedAt).toEqual(expect.any(String));
      expect(res.abilities.update).toBe(false);
    });

    it('keeps relations to the head consistent when the head changes', async () => {
      const c = await t.as('shegong1');
      const first = await resident(c, '原户主');
      const second = await resident(c, '新户主', '曙光社区', 'female');
      const h = await household(c, { room: '603', members: [{ residentId: first, relationToHead: 'head' }, { residentId: second, relationToHead: 'spouse' }] });
      const res = await c.patch(`/api/households/${h.id}`, { headResidentId: second, version: (await get(c, h.id)).version });
      expect(res.statusCode, res.body).toBe(200);
      const members = Object.fromEntries((res.json().data as Household).members.map((m) => [m.name, [m.isHead, m.relationToHead]]));
      expect(members).toEqual({ 新户主: [true, 'head'], 原户主: [false, null] });
      // Adding someone as head through "add member" does the same.
      const third = await resident(c, '第三户主');
      const added = (await c.post(`/api/households/${h.id}/members`, { residentId: third, relationToHead: 'head' })).json().data as Household;
      expect(added.members.filter((m) => m.relationToHead === 'head').map((m) => m.name)).toEqual(['第三户主']);
      expect(added.headName).toBe('第三户主');
    });

    it('refuses to move anyone into an archived household', async () => {
      const c = await t.as('shegong1');
      const h = await household(c, { room: '602' });
      expect((await c.post(`/api/households/${h.id}/archive`)).statusCode).toBe(200);
      const r = await resident(c, '想入档户');
      const viaHousehold = await c.post(`/api/households/${h.id}/members`, { residentId: r, relationToHead: 'head' });
      expect(viaHousehold.statusCode).toBeGreaterThanOrEqual(400);
      expect(viaHousehold.statusCode).toBeLessThan(500);
      const viaResident = await c.patch(`/api/residents/${r}`, { householdId: h.id, relationToHead: 'head' });
      expect(viaResident.statusCode).toBe(400);
      expect(viaResident.json().error.details).toEqual([expect.objectContaining({ field: 'householdId' })]);
      const created = await c.post('/api/residents', { name: '新生儿', sex: 'male', communityId: community['曙光社区'], householdId: h.id });
      expect(created.statusCode).toBe(400);
      expect((await c.get(`/api/residents/${r}`)).json().data.householdId).toBeNull();
    });

    it('clears the head when the head resident is archived', async () => {
      const c = await t.as('shegong1');
      const head = await resident(c, '去世户主', '曙光社区', 'male', '1930-01-01');
      const spouse = await resident(c, '在世配偶', '曙光社区', 'female', '1935-01-01');
      const h = await household(c, { room: '603', members: [{ residentId: head, relationToHead: 'head' }, { residentId: spouse, relationToHead: 'spouse' }] });
      expect((await c.post(`/api/residents/${head}/archive`, { reason: 'deceased' })).statusCode).toBe(200);
      const now = await get(c, h.id);
      expect(now).toMatchObject({ headResidentId: null, headName: null, memberCount: 1 });
      expect(now.members.map((m) => m.name)).toEqual(['在世配偶']);
      expect(now.version).toBeGreaterThan(h.version);
      // Stale edits of the household are refused after the change.
      expect((await c.patch(`/api/households/${h.id}`, { headResidentId: head, version: h.version })).statusCode).toBe(409);
      expect((await c.patch(`/api/households/${h.id}`, { headResidentId: head })).statusCode).toBe(400);
    });

    it('refuses a PATCH with a stale version with 409 and changes nothing', async () => {
      const c = await t.as('shegong1');
      const h = await household(c, { room: '701', note: '原备注' });
      expect((await c.patch(`/api/households/${h.id}`, { note: '新备注', version: h.version })).statusCode).toBe(200);
      const stale = await c.patch(`/api/households/${h.id}`, { note: '过时', version: h.version });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'version_conflict', details: { currentVersion: h.version + 1 } });
      expect(await get(c, h.id)).toMatchObject({ note: '新备注', version: h.version + 1 });
    });

    it('records each change of a household in the audit log with before and after', async () => {
      const c = await t.as('shegong1');
      const h = await household(c, { room: '801', type: 'ordinary' });
      await c.patch(`/api/households/${h.id}`, { type: 'empty_nest', room: '802' });
      const { rows } = await t.db.execute<{ actor_username: string; changes: unknown }>(sql`
        select actor_username, changes from audit_log where action = 'households.update' and entity_id = ${h.id}`);
      expect(rows).toEqual([{ actor_username: 'shegong1', changes: { type: ['ordinary', 'empty_nest'], room: ['801', '802'] } }]);
    });

    it('shows no ID numbers or phone numbers of members', async () => {
      const c = await t.as('shegong1');
      const res = await c.get(`/api/households/${shuguang.id}`);
      expect(res.statusCode).toBe(200);
      // UUIDs can hold an 11-digit run (…-a13812345678): leave them out before looking for numbers.
      const body = res.body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '');
      expect(body).not.toMatch(/\d{17}[\dXx]/);
      expect(body).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    });
  });
});
