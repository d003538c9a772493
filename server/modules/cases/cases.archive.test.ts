import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import { insertCase } from '../../db/seed/case.builders';
import { useTestApp } from '../../testing/app';

/** 档号 at closure (DA/T 22—2015): the 全宗号 is the archive-holding station's or agency's. */
describe('档号 and the unit holding a community’s archives', () => {
  const t = useTestApp();
  let unit: Record<string, string>;
  let user: Record<string, string>;
  const year = chinaToday().slice(0, 4);

  beforeAll(async () => {
    unit = Object.fromEntries((await t.db.execute<{ id: string; name: string }>(sql`select id, name from org_units`)).rows.map((r) => [r.name, r.id]));
    user = Object.fromEntries((await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`)).rows.map((r) => [r.username, r.id]));
  });

  /** A case of this community waiting for dudao's closure approval. */
  const awaitingApproval = async (community: string, lead: string) => {
    const { rows } = await t.db.execute<{ id: string }>(sql`
      select r.id from residents r where r.community_id = ${unit[community]} and r.archived_at is null and r.birth_date < '2000-01-01' order by r.id limit 1`);
    return insertCase(t.db, { residentId: rows[0].id, leadUserId: user[lead], supervisorUserId: user.dudao, status: 'closure_review' });
  };
  const approve = async (id: string) => (await t.as('dudao')).post(`/api/cases/${id}/review-closure`, { approve: true });

  it('gives the demo’s closed cases numbers of the same form, under their holding unit’s 全宗号', async () => {
    const { rows } = await t.db.execute<{ community: string; archive_no: string; retention: string; year: string }>(sql`
      select o.name as community, c.archive_no, c.retention, to_char(c.closed_at at time zone 'Asia/Shanghai', 'YYYY') as year
        from cases c join org_units o on o.id = c.community_id where c.status = 'closed' and c.archive_no is not null`);
    // Before any test here closes a case: these are the demo seed's.
    expect(rows.length).toBeGreaterThan(0);
    const jiangbin = new Set(['曙光社区', '桃源社区', '文华社区']);
    for (const r of rows) {
      const fonds = jiangbin.has(r.community) ? 'S013' : 'S012';
      expect(r.archive_no, r.community).toMatch(new RegExp(`^${fonds}-WS·${r.year}-${r.retention}-GA-\\d{4}$`));
    }
    expect(new Set(rows.map((r) => r.archive_no)).size).toBe(rows.length);
  });

  it('numbers a closed case under the 全宗号 of the station serving its community', async () => {
    const c = await awaitingApproval('曙光社区', 'shegong1');
    const res = await approve(c.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.archiveNo).toMatch(new RegExp(`^S013-WS·${year}-D30-GA-\\d{4}$`));
  });

  it('uses the agency’s 全宗号 when the serving station has none of its own', async () => {
    const c = await awaitingApproval('青山社区', 'shegong2');
    const res = await approve(c.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.archiveNo).toMatch(new RegExp(`^S012-WS·${year}-D30-GA-\\d{4}$`));
  });

  it('refuses the closure with 409 cases.no_fonds, naming the units to set one on, when no holding unit has a 全宗号', async () => {
    const c = await awaitingApproval('竹林村', 'shegong2');
    const admin = await t.as('admin');
    expect((await admin.patch(`/api/orgs/${unit['临江区阳光社会工作服务中心']}`, { fondsCode: '' })).statusCode).toBe(200);
    const counters = async () => (await t.db.execute<{ n: number }>(sql`select coalesce(sum(last), 0)::int as n from archive_counters where prefix not like 'GA-%'`)).rows[0].n;
    const before = await counters();
    const res = await approve(c.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'cases.no_fonds', details: { units: ['青山镇社工站', '临江区阳光社会工作服务中心'] } });
    expect(res.json().error.message).toContain('组织机构');
    const { rows } = await t.db.execute<{ status: string; archive_no: string | null; closed_at: Date | null }>(sql`select status, archive_no, closed_at from cases where id = ${c.id}`);
    expect(rows[0]).toEqual({ status: 'closure_review', archive_no: null, closed_at: null });
    expect(await counters()).toBe(before);
    // Once the administrator gives the station its own 全宗号, the same closure goes through under it.
    expect((await admin.patch(`/api/orgs/${unit['青山镇社工站']}`, { fondsCode: 'S014' })).statusCode).toBe(200);
    const again = await approve(c.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().data.archiveNo).toMatch(new RegExp(`^S014-WS·${year}-D30-GA-0001$`));
  });
});
