import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../../../common/permissions';
import { DEMO_ACCOUNTS } from '../../db/seed/demo.seed';
import type { Actor } from '../../lib/actor';
import { useTestApp } from '../../testing/app';
import { loadScope } from '../users/users.scope';
import { canViewHousehold, visibleHouseholdsWhere } from './households.policy';
import { households } from './households.table';

describe('households policy', () => {
  const t = useTestApp();
  const actors: Actor[] = [];

  beforeAll(async () => {
    const { rows: users } = await t.db.execute<{ id: string; username: string; role: Actor['role'] }>(sql`select id, username, role from users`);
    for (const a of DEMO_ACCOUNTS) {
      const u = users.find((x) => x.username === a.username)!;
      const scope = await loadScope({ db: t.db, userId: u.id });
      actors.push({
        userId: u.id, username: u.username, displayName: u.username, role: u.role, permissions: permissionsOf(u.role), ...scope,
        mustChangePassword: false, sessionId: null, ip: null, requestId: null,
      });
    }
    const { rows } = await t.db.execute<{ id: string }>(sql`select id from org_units where kind in ('community', 'village') order by name`);
    actors.push({
      userId: 'all', username: 'all-no-permission', displayName: 'x', role: 'volunteer', permissions: permissionsOf('volunteer'),
      communityIds: rows.map((r) => r.id), restrictedCommunityIds: [], mustChangePassword: false, sessionId: null, ip: null, requestId: null,
    });
  });

  it('agrees canViewHousehold with visibleHouseholdsWhere on every household for every actor', async () => {
    const all = await t.db.select({ id: households.id, communityId: households.communityId }).from(households);
    expect(all.length).toBeGreaterThan(100);
    let someSeeSome = false;
    for (const actor of actors) {
      const visible = new Set((await t.db.select({ id: households.id }).from(households).where(visibleHouseholdsWhere(actor))).map((r) => r.id));
      const disagree = all.filter((h) => canViewHousehold(actor, h) !== visible.has(h.id));
      expect(disagree, actor.username).toEqual([]);
      if (visible.size > 0 && visible.size < all.length) someSeeSome = true;
    }
    expect(someSeeSome).toBe(true);
  });

  it('gives each demo account the households of exactly its communities', async () => {
    const { rows } = await t.db.execute<{ community: string; n: number }>(sql`
      select o.name as community, count(*)::int as n from households h join org_units o on o.id = h.community_id group by o.name`);
    const count = (names: string[]) => rows.filter((r) => names.includes(r.community)).reduce((s, r) => s + r.n, 0);
    const seen = (username: string) => {
      const a = actors.find((x) => x.username === username)!;
      return t.db.$count(households, visibleHouseholdsWhere(a));
    };
    expect(await seen('shegong1')).toBe(count(['曙光社区', '桃源社区']));
    expect(await seen('shegong2')).toBe(count(['青山社区', '竹林村']));
    expect(await seen('jiedao')).toBe(count(['曙光社区', '桃源社区', '文华社区']));
    expect(await seen('dudao')).toBe(count(['曙光社区', '桃源社区', '文华社区']));
    expect(await seen('jigou')).toBe(count(['曙光社区', '桃源社区', '文华社区', '青山社区', '竹林村', '茶园村']));
    expect(await seen('admin')).toBe(0);
    expect(await seen('zhiyuan')).toBe(0);
  });
});
