import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientFor, login, useTestApp, type Client } from '../../testing/app';

type Tag = { tag: string; startDate: string | null; endDate: string | null; note: string | null };

/**
 * 家庭暴力受害人 is a restricted tag: it exists only for users whose post has the restricted right
 * for the resident's community (shegong1, dudao). The agency head, the street manager and a worker
 * of the same community without that right must not learn of it anywhere.
 */
describe('restricted tags', () => {
  const t = useTestApp();
  let shuguangId: string;
  let resident: { id: string; name: string; householdId: string };
  /** A social worker of 曙光社区 whose post lacks the restricted right, created through the API. */
  let shegong3: Client;

  const auditCount = async (action: string, username: string) =>
    (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action} and actor_username = ${username}`)).rows[0].n;
  const tagsOf = async (c: Client) => {
    const res = await c.get(`/api/residents/${resident.id}`);
    expect(res.statusCode).toBe(200);
    return (res.json().data.tags as Tag[]).map((x) => x.tag).sort();
  };
  const input = (tags: Tag[]) => tags.map(({ tag, startDate, endDate, note }) => ({ tag, startDate, endDate, note }));

  beforeAll(async () => {
    shuguangId = (await t.db.execute<{ id: string }>(sql`select id from org_units where name = '曙光社区'`)).rows[0].id;
    // A resident with a household and an ordinary tag, and no restricted tag yet.
    const { rows } = await t.db.execute<{ id: string; name: string; household_id: string }>(sql`
      select r.id, r.name, r.household_id from residents r
      where r.community_id = ${shuguangId} and r.household_id is not null and r.archived_at is null
        and exists (select 1 from resident_tags x where x.resident_id = r.id and x.end_date is null)
        and not exists (select 1 from resident_tags x where x.resident_id = r.id and x.tag in ('dv_victim', 'community_correction', 'drug_rehab'))
        and (select count(*) from residents o where o.name = r.name) = 1
      order by r.id limit 1`);
    resident = { id: rows[0].id, name: rows[0].name, householdId: rows[0].household_id };

    const admin = await t.as('admin');
    const created = await admin.post('/api/users', {
      username: 'shegong3', displayName: '社工 孙丽', role: 'worker', posts: [{ orgUnitId: shuguangId, canViewRestricted: false }],
    });
    expect(created.statusCode).toBe(201);
    const first = await login(t.app, 'shegong3', created.json().oneTimeCode);
    expect((await first.post('/api/auth/password', { currentPassword: created.json().oneTimeCode, newPassword: 'sunli2024x' })).statusCode).toBe(200);
    shegong3 = clientFor(t.app, first.cookie, first.csrf, 'shegong3');

    // shegong1 records the restricted tag.
    const s1 = await t.as('shegong1');
    const before = (await s1.get(`/api/residents/${resident.id}`)).json().data;
    const res = await s1.patch(`/api/residents/${resident.id}`, {
      version: before.version,
      tags: [...input(before.tags), { tag: 'dv_victim', startDate: '2024-03-01', note: '妇联转介' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.tags.map((x: Tag) => x.tag)).toContain('dv_victim');
  });

  describe.each(['jigou', 'jiedao', 'shegong3'])('for %s, without the restricted right', (username) => {
    const client = async () => (username === 'shegong3' ? shegong3 : t.as(username));

    it('is absent from the resident’s details', async () => {
      const c = await client();
      const res = await c.get(`/api/residents/${resident.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().data.tags.length).toBeGreaterThan(0);
      expect(res.body).not.toContain('dv_victim');
      expect(res.body).not.toContain('妇联转介');
      expect(res.json().abilities.viewRestricted).toBe(false);
    });

    it('is absent from the list, and filtering by it finds nobody', async () => {
      const c = await client();
      const found = await c.get(`/api/residents?q=${encodeURIComponent(resident.name)}`);
      expect(found.json().data.map((r: { id: string }) => r.id)).toContain(resident.id);
      expect(found.body).not.toContain('dv_victim');
      const filtered = await c.get('/api/residents?tags=dv_victim');
      expect(filtered.statusCode).toBe(200);
      expect(filtered.json()).toEqual({ data: [], total: 0 });
      const mixed = await c.get('/api/residents?tags=dv_victim,community_correction,drug_rehab&pageSize=100');
      expect(mixed.json().total).toBe(0);
      const page = await c.get('/api/residents?pageSize=100&sort=updatedAt&order=desc');
      expect(page.body).not.toMatch(/dv_victim|community_correction|drug_rehab/);
    });

    it('is not counted on the dashboard', async () => {
      const c = await client();
      const res = await c.get('/api/dashboard/summary');
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/dv_victim|community_correction|drug_rehab/);
      const special = res.json().data.byGroup.find((g: { group: string }) => g.group === 'special');
      expect(special).toBeUndefined();
    });

    it('is absent from the resident’s history', async () => {
      const c = await client();
      const res = await c.get(`/api/residents/${resident.id}/history`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('dv_victim');
      // The change that only added the restricted tag does not appear at all.
      expect(res.json().data.filter((e: { actorUsername: string }) => e.actorUsername === 'shegong1')).toEqual([]);
    });

    it('is absent from the household members’ tags', async () => {
      const c = await client();
      const res = await c.get(`/api/households/${resident.householdId}`);
      expect(res.statusCode).toBe(200);
      const member = res.json().data.members.find((m: { residentId: string }) => m.residentId === resident.id);
      expect(member.tags.length).toBeGreaterThan(0);
      expect(res.body).not.toContain('dv_victim');
    });

    it('writes no residents.view_restricted row for them', async () => {
      expect(await auditCount('residents.view_restricted', username)).toBe(0);
    });
  });

  it('refuses a PATCH from the agency head, who may only read', async () => {
    const c = await t.as('jigou');
    const res = await c.patch(`/api/residents/${resident.id}`, { tags: [{ tag: 'disabled' }] });
    expect(res.statusCode).toBe(403);
  });

  it('keeps the hidden tag when a worker without the right edits the tags', async () => {
    const before = (await shegong3.get(`/api/residents/${resident.id}`)).json().data;
    const res = await shegong3.patch(`/api/residents/${resident.id}`, { version: before.version, tags: [...input(before.tags), { tag: 'disabled' }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain('dv_victim');
    expect(res.json().data.tags.map((x: Tag) => x.tag)).toContain('disabled');
    const s1 = await tagsOf(await t.as('shegong1'));
    expect(s1).toContain('dv_victim');
    expect(s1).toContain('disabled');
    const kept = (await (await t.as('shegong1')).get(`/api/residents/${resident.id}`)).json().data.tags.find((x: Tag) => x.tag === 'dv_victim');
    expect(kept).toMatchObject({ startDate: '2024-03-01', note: '妇联转介' });
  });

  it('keeps the hidden tag when a worker without the right clears all tags', async () => {
    const before = (await shegong3.get(`/api/residents/${resident.id}`)).json().data;
    const res = await shegong3.patch(`/api/residents/${resident.id}`, { version: before.version, tags: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.tags).toEqual([]);
    expect(await tagsOf(await t.as('shegong1'))).toEqual(['dv_victim']);
    // Put the ordinary tags back for the tests that follow.
    const s1 = await t.as('shegong1');
    const now = (await s1.get(`/api/residents/${resident.id}`)).json().data;
    const restored = await s1.patch(`/api/residents/${resident.id}`, { version: now.version, tags: [...input(now.tags), ...input(before.tags)] });
    expect(restored.statusCode).toBe(200);
  });

  it('refuses a restricted tag from a worker without the right, naming the tag field', async () => {
    const before = (await shegong3.get(`/api/residents/${resident.id}`)).json().data;
    const res = await shegong3.patch(`/api/residents/${resident.id}`, { tags: [...input(before.tags), { tag: 'community_correction' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: `tags.${before.tags.length}.tag` })]);
    const created = await shegong3.post('/api/residents', {
      name: '新登记', sex: 'male', communityId: shuguangId, tags: [{ tag: 'drug_rehab' }],
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.details).toEqual([expect.objectContaining({ field: 'tags.0.tag' })]);
    expect(await tagsOf(await t.as('shegong1'))).not.toContain('community_correction');
  });

  it('does not reveal the hidden tag through the history of a change made by a worker without the right', async () => {
    const res = await shegong3.get(`/api/residents/${resident.id}/history`);
    expect(res.body).not.toContain('dv_victim');
    const own = res.json().data.filter((e: { actorUsername: string }) => e.actorUsername === 'shegong3');
    expect(own.length).toBeGreaterThan(0);
  });

  describe.each(['shegong1', 'dudao'])('for %s, with the restricted right', (username) => {
    it('shows the tag in details, list, filter, history, household and dashboard', async () => {
      const c = await t.as(username);
      expect(await tagsOf(c)).toContain('dv_victim');
      const list = await c.get(`/api/residents?q=${encodeURIComponent(resident.name)}`);
      expect(list.json().data.find((r: { id: string }) => r.id === resident.id).tags.map((x: Tag) => x.tag)).toContain('dv_victim');
      const filtered = await c.get('/api/residents?tags=dv_victim&pageSize=100');
      expect(filtered.json().data.map((r: { id: string }) => r.id)).toContain(resident.id);
      const history = await c.get(`/api/residents/${resident.id}/history`);
      expect(history.body).toContain('dv_victim');
      const household = await c.get(`/api/households/${resident.householdId}`);
      expect(household.json().data.members.find((m: { residentId: string }) => m.residentId === resident.id).tags).toContain('dv_victim');
      const dashboard = (await c.get('/api/dashboard/summary')).json().data;
      expect(dashboard.byTag.find((x: { tag: string }) => x.tag === 'dv_victim').count).toBeGreaterThanOrEqual(1);
    });

    it('writes residents.view_restricted for each detail view and each list showing it', async () => {
      const c = await t.as(username);
      const detailBefore = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log
        where action = 'residents.view_restricted' and actor_username = ${username} and entity_id = ${resident.id}`)).rows[0].n;
      const listBefore = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log
        where action = 'residents.view_restricted' and actor_username = ${username} and detail->>'via' = 'list'
          and detail->'residentIds' ? ${resident.id}`)).rows[0].n;
      await c.get(`/api/residents/${resident.id}`);
      await c.get(`/api/residents/${resident.id}`);
      await c.get(`/api/residents?q=${encodeURIComponent(resident.name)}`);
      const detailAfter = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log
        where action = 'residents.view_restricted' and actor_username = ${username} and entity_id = ${resident.id}`)).rows[0].n;
      const listAfter = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log
        where action = 'residents.view_restricted' and actor_username = ${username} and detail->>'via' = 'list'
          and detail->'residentIds' ? ${resident.id}`)).rows[0].n;
      expect(detailAfter - detailBefore).toBe(2);
      expect(listAfter - listBefore).toBe(1);
    });

    it('writes residents.view_restricted when the household or the history shows the tag', async () => {
      const c = await t.as(username);
      const count = async (via: string) =>
        (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log
          where action = 'residents.view_restricted' and actor_username = ${username} and detail->>'via' = ${via}`)).rows[0].n;
      const [household, history] = [await count('household'), await count('history')];
      await c.get(`/api/households/${resident.householdId}`);
      await c.get(`/api/residents/${resident.id}/history`);
      expect(await count('household')).toBe(household + 1);
      expect(await count('history')).toBe(history + 1);
    });
  });
});
