import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export type Scope = { communityIds: string[]; restrictedCommunityIds: string[] };

/**
 * The communities a user's post covers: every 社区/村 below a post's unit, and the communities an
 * agency or station (or any of its stations) serves. `canViewRestricted` on a post carries over
 * to each community it covers.
 */
export async function loadScope({ db, userId }: { db: Db; userId: string }): Promise<Scope> {
  const { rows } = await db.execute<{ id: string; restricted: boolean }>(sql`
    with recursive sub as (
      select o.id, o.kind, p.can_view_restricted as restricted
        from user_posts p join org_units o on o.id = p.org_unit_id
       where p.user_id = ${userId} and o.archived_at is null
      union all
      select c.id, c.kind, sub.restricted
        from org_units c join sub on c.parent_id = sub.id
       where c.archived_at is null
    )
    select id, bool_or(restricted) as restricted from (
      select id, restricted from sub where kind in ('community', 'village')
      union all
      select s.community_id, sub.restricted from sub join org_unit_serves s on s.unit_id = sub.id
    ) x group by id`);
  return {
    communityIds: rows.map((r) => r.id),
    restrictedCommunityIds: rows.filter((r) => r.restricted).map((r) => r.id),
  };
}
