import { sql } from 'drizzle-orm';
import { RESTRICTED_TAGS, TAGS } from '../../../common/codes/tag.codes';
import type { DashboardSummary } from '../../../common/schemas/dashboard.schema';
import { parallel, type Db } from '../../db/client';
import type { Actor } from '../../lib/actor';


const uuids = (ids: string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

/**
 * The figures of the home page for the communities of the caller's post: residents by target
 * group, households, new residents this month. Every figure counts current (not archived)
 * residents, so this month's entry of `monthly` equals `newThisMonth`. Restricted tags count only
 * where the caller has the right to see them.
 */
export async function summary({ db, actor }: { db: Db; actor: Actor }): Promise<DashboardSummary> {
  const empty: DashboardSummary = { residents: 0, households: 0, newThisMonth: 0, tagged: 0, byGroup: [], byTag: [], byCommunity: [], ageBands: [], monthly: [] };
  if (!actor.communityIds.length) return empty;
  const scope = uuids(actor.communityIds);
  const restrictedScope = actor.restrictedCommunityIds.length ? uuids(actor.restrictedCommunityIds) : sql`array[]::uuid[]`;
  const restricted = sql`array[${sql.join(RESTRICTED_TAGS.map((t) => sql`${t}`), sql`, `)}]::text[]`;
  const visibleTag = sql`(t.tag <> all(${restricted}) or r.community_id = any(${restrictedScope}))`;
  const activeTag = sql`(t.start_date is null or t.start_date <= current_date) and (t.end_date is null or t.end_date >= current_date)`;

  const [communities, tags, tagged, ages, monthly] = await parallel(db, [
    () => db.execute<{ id: string; name: string; kind: string; residents: number; households: number; new_this_month: number }>(sql`
      select o.id, o.name, o.kind,
        (select count(*)::int from residents r where r.community_id = o.id and r.archived_at is null) as residents,
        (select count(*)::int from households h where h.community_id = o.id and h.archived_at is null) as households,
        (select count(*)::int from residents r where r.community_id = o.id and r.archived_at is null
           and r.created_at >= date_trunc('month', now())) as new_this_month
      from org_units o where o.id = any(${scope}) order by o.kind, o.name`),
    () => db.execute<{ tag: string; count: number }>(sql`
      select t.tag, count(distinct t.resident_id)::int as count
      from resident_tags t join residents r on r.id = t.resident_id
      where r.community_id = any(${scope}) and r.archived_at is null and ${activeTag} and ${visibleTag}
      group by t.tag`),
    () => db.execute<{ count: number }>(sql`
      select count(distinct t.resident_id)::int as count
      from resident_tags t join residents r on r.id = t.resident_id
      where r.community_id = any(${scope}) and r.archived_at is null and ${activeTag} and ${visibleTag}`),
    () => db.execute<{ band: string; count: number }>(sql`
      select case
          when age < 18 then '0-17' when age < 35 then '18-34' when age < 60 then '35-59'
          when age < 80 then '60-79' else '80+' end as band, count(*)::int as count
      from (select extract(year from age(current_date, birth_date))::int as age from residents
            where community_id = any(${scope}) and archived_at is null and birth_date is not null) a
      group by 1 order by 1`),
    () => db.execute<{ month: string; count: number }>(sql`
      select to_char(date_trunc('month', created_at), 'YYYY-MM') as month, count(*)::int as count
      from residents where community_id = any(${scope}) and archived_at is null
        and created_at >= date_trunc('month', now()) - interval '11 months'
      group by 1 order by 1`),
  ]);

  const byTag = tags.rows.map((r) => ({ tag: r.tag, count: r.count })).sort((a, b) => b.count - a.count);
  // A resident with two tags of one group counts once in that group.
  const groupOf = sql.join(TAGS.map((t) => sql`(${t.code}, ${t.group})`), sql`, `);
  const groupCounts = await db.execute<{ grp: string; count: number }>(sql`
    select g.grp, count(distinct t.resident_id)::int as count
    from resident_tags t join residents r on r.id = t.resident_id
    join (values ${groupOf}) as g(tag, grp) on g.tag = t.tag
    where r.community_id = any(${scope}) and r.archived_at is null and ${activeTag} and ${visibleTag}
    group by g.grp`);
  const c = communities.rows;
  return {
    residents: c.reduce((s, r) => s + r.residents, 0),
    households: c.reduce((s, r) => s + r.households, 0),
    newThisMonth: c.reduce((s, r) => s + r.new_this_month, 0),
    tagged: tagged.rows[0]?.count ?? 0,
    byGroup: groupCounts.rows.map((r) => ({ group: r.grp, count: r.count })).sort((a, b) => b.count - a.count),
    byTag,
    byCommunity: c.map((r) => ({ communityId: r.id, name: r.name, kind: r.kind, residents: r.residents, households: r.households })),
    ageBands: ages.rows,
    monthly: monthly.rows,
  };
}
