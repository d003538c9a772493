import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESTRICTED_TAGS, TAGS } from '../../../common/codes/tag.codes';
import type { DashboardSummary } from '../../../common/schemas/dashboard.schema';
import { idNumberFor } from '../../db/seed/builders';
import { useTestApp } from '../../testing/app';

type Summary = DashboardSummary;

const RESTRICTED = RESTRICTED_TAGS;
const GROUP = Object.fromEntries(TAGS.map((x) => [x.code, x.group]));

describe('dashboard API', () => {
  const t = useTestApp();
  let community: Record<string, string>;
  let onlyRestricted: string;

  beforeAll(async () => {
    const { rows } = await t.db.execute<{ id: string; name: string }>(sql`select id, name from org_units`);
    community = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    const s1 = await t.as('shegong1');
    // Records made this month through the API: one kept, one archived, one whose only tag is restricted.
    const make = async (name: string, serial: number, tags: { tag: string }[] = []) => {
      const res = await s1.post('/api/residents', {
        name, sex: 'female', idNumber: idNumberFor({ area: '110108', birthDate: '1950-02-02', sex: 'female', serial }), communityId: community['曙光社区'], tags,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().data.id as string;
    };
    await make('本月新增', 1, [{ tag: 'elderly_living_alone' }, { tag: 'elderly_sick' }]);
    const gone = await make('本月迁出', 2, [{ tag: 'disabled' }]);
    expect((await s1.post(`/api/residents/${gone}/archive`, { reason: 'duplicate' })).statusCode).toBe(200);
    onlyRestricted = await make('仅受限标签', 3, [{ tag: 'dv_victim' }]);
    const h = await s1.post('/api/households', { communityId: community['桃源社区'], neighborhood: '桃李苑' });
    expect(h.statusCode).toBe(201);
    const ended = await s1.post('/api/households', { communityId: community['桃源社区'], neighborhood: '桃李苑' });
    expect((await s1.post(`/api/households/${ended.json().data.id}/archive`)).statusCode).toBe(200);
  });

  /** The figures computed straight from the tables for these communities. */
  async function expected(names: string[], restrictedIn: string[]): Promise<Summary> {
    const ids = names.map((n) => community[n]);
    const rIds = restrictedIn.map((n) => community[n]);
    const inList = (xs: string[]) => (xs.length ? sql.join(xs.map((x) => sql`${x}::uuid`), sql`, `) : sql`null`);
    const scope = sql`r.community_id in (${inList(ids)}) and r.archived_at is null`;
    const active = sql`(x.start_date is null or x.start_date <= current_date) and (x.end_date is null or x.end_date >= current_date)`;
    const visible = sql`(x.tag not in (${sql.join(RESTRICTED.map((c) => sql`${c}`), sql`, `)}) or r.community_id in (${inList(rIds)}))`;
    const tagRows = (
      await t.db.execute<{ resident_id: string; tag: string }>(sql`
        select x.resident_id, x.tag from resident_tags x join residents r on r.id = x.resident_id where ${scope} and ${active} and ${visible}`)
    ).rows;
    const byTag = new Map<string, Set<string>>();
    const byGroup = new Map<string, Set<string>>();
    for (const r of tagRows) {
      byTag.set(r.tag, (byTag.get(r.tag) ?? new Set()).add(r.resident_id));
      byGroup.set(GROUP[r.tag], (byGroup.get(GROUP[r.tag]) ?? new Set()).add(r.resident_id));
    }
    const perCommunity = (
      await t.db.execute<{ id: string; name: string; kind: string; residents: number; households: number }>(sql`
        select o.id, o.name, o.kind,
          (select count(*)::int from residents r where r.community_id = o.id and r.archived_at is null) as residents,
          (select count(*)::int from households h where h.community_id = o.id and h.archived_at is null) as households
        from org_units o where o.id in (${inList(ids)})`)
    ).rows;
    const one = async (q: ReturnType<typeof sql>) => (await t.db.execute<{ n: number }>(q)).rows[0].n;
    const ages = (await t.db.execute<{ age: number }>(sql`select extract(year from age(current_date, r.birth_date))::int as age from residents r where ${scope} and r.birth_date is not null`)).rows;
    const band = (a: number) => (a < 18 ? '0-17' : a < 35 ? '18-34' : a < 60 ? '35-59' : a < 80 ? '60-79' : '80+');
    const bands = new Map<string, number>();
    for (const { age } of ages) bands.set(band(age), (bands.get(band(age)) ?? 0) + 1);
    const monthly = (
      await t.db.execute<{ month: string; count: number }>(sql`
        select to_char(r.created_at, 'YYYY-MM') as month, count(*)::int as count from residents r
        where ${scope} and r.created_at >= date_trunc('month', now()) - interval '11 months' group by 1`)
    ).rows;
    return {
      residents: perCommunity.reduce((s, c) => s + c.residents, 0),
      households: perCommunity.reduce((s, c) => s + c.households, 0),
      newThisMonth: await one(sql`select count(*)::int as n from residents r where ${scope} and r.created_at >= date_trunc('month', now())`),
      tagged: new Set(tagRows.map((r) => r.resident_id)).size,
      byGroup: [...byGroup].map(([group, s]) => ({ group, count: s.size })),
      byTag: [...byTag].map(([tag, s]) => ({ tag, count: s.size })),
      byCommunity: perCommunity.map((c) => ({ communityId: c.id, name: c.name, kind: c.kind, residents: c.residents, households: c.households })),
      ageBands: [...bands].map(([b, count]) => ({ band: b, count })),
      monthly,
    };
  }

  const sortBy = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
  const normalise = (s: Summary) => ({
    ...s,
    byGroup: sortBy(s.byGroup, (x) => x.group),
    byTag: sortBy(s.byTag, (x) => x.tag),
    byCommunity: sortBy(s.byCommunity, (x) => x.communityId),
    ageBands: sortBy(s.ageBands, (x) => x.band),
    monthly: sortBy(s.monthly, (x) => x.month),
  });
  const summary = async (username: string) => {
    const res = await (await t.as(username)).get('/api/dashboard/summary');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data as Summary;
  };

  it('answers 401 without a session and 403 to the administrator, who has no dashboard.read', async () => {
    expect((await t.anon.get('/api/dashboard/summary')).statusCode).toBe(401);
    const res = await (await t.as('admin')).get('/api/dashboard/summary');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
  });

  it.each([
    ['shegong1', ['曙光社区', '桃源社区'], ['曙光社区', '桃源社区']],
    ['shegong2', ['青山社区', '竹林村'], []],
    ['jiedao', ['曙光社区', '桃源社区', '文华社区'], []],
    ['dudao', ['曙光社区', '桃源社区', '文华社区'], ['曙光社区', '桃源社区', '文华社区']],
    ['jigou', ['曙光社区', '桃源社区', '文华社区', '青山社区', '竹林村', '茶园村'], []],
    ['zhiyuan', ['曙光社区'], []],
  ])('gives %s the figures of exactly their communities', async (username, names, restrictedIn) => {
    const got = await summary(username);
    expect(normalise(got)).toEqual(normalise(await expected(names, restrictedIn)));
    expect(got.residents).toBeGreaterThan(0);
  });

  it('counts a resident whose only tag is restricted as tagged only for users with the right', async () => {
    const [s1, jiedao] = [await summary('shegong1'), await summary('jiedao')];
    const s1Shuguang = await expected(['曙光社区'], ['曙光社区']);
    const plainShuguang = await expected(['曙光社区'], []);
    expect(s1Shuguang.tagged).toBe(plainShuguang.tagged + (await restrictedOnlyCount()));
    expect(s1.byTag.find((x) => x.tag === 'dv_victim')?.count).toBeGreaterThanOrEqual(1);
    expect(s1.byGroup.find((x) => x.group === 'special')?.count).toBeGreaterThanOrEqual(1);
    expect(jiedao.byTag.map((x) => x.tag)).not.toContain('dv_victim');
    expect(jiedao.byGroup.map((x) => x.group)).not.toContain('special');
    expect(JSON.stringify(jiedao)).not.toMatch(/dv_victim|community_correction|drug_rehab/);
  });

  async function restrictedOnlyCount() {
    const { rows } = await t.db.execute<{ n: number }>(sql`
      select count(*)::int as n from residents r where r.community_id = ${community['曙光社区']} and r.archived_at is null
        and exists (select 1 from resident_tags x where x.resident_id = r.id and x.tag in (${sql.join(RESTRICTED.map((c) => sql`${c}`), sql`, `)})
                    and (x.start_date is null or x.start_date <= current_date) and (x.end_date is null or x.end_date >= current_date))
        and not exists (select 1 from resident_tags x where x.resident_id = r.id and x.tag not in (${sql.join(RESTRICTED.map((c) => sql`${c}`), sql`, `)})
                    and (x.start_date is null or x.start_date <= current_date) and (x.end_date is null or x.end_date >= current_date))`);
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
    return rows[0].n;
  }

  it('agrees with itself: this month’s new residents equal the current month of the monthly series', async () => {
    const s = await summary('shegong1');
    const month = (await t.db.execute<{ m: string }>(sql`select to_char(now(), 'YYYY-MM') as m`)).rows[0].m;
    expect(s.newThisMonth).toBeGreaterThanOrEqual(2);
    expect(s.monthly.find((x) => x.month === month)?.count).toBe(s.newThisMonth);
    expect(s.residents).toBe(s.byCommunity.reduce((n, c) => n + c.residents, 0));
    expect(s.ageBands.reduce((n, b) => n + b.count, 0)).toBeLessThanOrEqual(s.residents);
    expect(onlyRestricted).toBeTruthy();
  });
});
