import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESTRICTED_TAGS } from '../../../common/codes/tag.codes';
import { permissionsOf } from '../../../common/permissions';
import { DEMO_ACCOUNTS } from '../../db/seed/demo.seed';
import type { Actor } from '../../lib/actor';
import { demoActors } from '../../testing/actors';
import { useTestApp } from '../../testing/app';
import { canSeeTag, canViewResident, visibleResidentsWhere, visibleTagsWhere } from './residents.policy';
import { residents, residentTags } from './residents.table';

describe('residents policy', () => {
  const t = useTestApp();
  const actors: Actor[] = [];

  beforeAll(async () => {
    actors.push(...(await demoActors(t.db)));
    // Hand-made actors for the cases the demo accounts do not cover: restricted sight in only part
    // of the scope, a role that reads residents with no communities, communities but no permission.
    const { rows } = await t.db.execute<{ id: string; name: string }>(sql`select id, name from org_units where kind in ('community', 'village') order by name`);
    const id = (name: string) => rows.find((r) => r.name === name)!.id;
    const base = { displayName: 'x', mustChangePassword: false, sessionId: null, ip: null, requestId: null };
    actors.push(
      { ...base, userId: 'mixed', username: 'mixed', role: 'worker', permissions: permissionsOf('worker'), communityIds: [id('曙光社区'), id('青山社区'), id('竹林村')], restrictedCommunityIds: [id('青山社区')] },
      { ...base, userId: 'nowhere', username: 'nowhere', role: 'worker', permissions: permissionsOf('worker'), communityIds: [], restrictedCommunityIds: [] },
      { ...base, userId: 'noperm', username: 'noperm', role: 'volunteer', permissions: permissionsOf('volunteer'), communityIds: rows.map((r) => r.id), restrictedCommunityIds: rows.map((r) => r.id) },
    );
    // Restricted tags in every community, so that each rule has rows on both sides.
    for (const r of rows) {
      const ids = await t.db.execute<{ id: string }>(sql`select id from residents where community_id = ${r.id} order by id limit 3`);
      await t.db.insert(residentTags).values(ids.rows.map((x, i) => ({ residentId: x.id, communityId: r.id, tag: RESTRICTED_TAGS[i % RESTRICTED_TAGS.length] })));
    }
  });

  it('builds an actor for every demo account and the cases they miss', () => {
    expect(actors.map((a) => a.username)).toEqual([...DEMO_ACCOUNTS.map((a) => a.username), 'mixed', 'nowhere', 'noperm']);
    const by = Object.fromEntries(actors.map((a) => [a.username, a]));
    expect(by.jigou.communityIds).toHaveLength(6);
    expect(by.shegong1.restrictedCommunityIds).toHaveLength(2);
    expect(by.admin.communityIds).toHaveLength(0);
  });

  it('agrees with visibleResidentsWhere on every resident for every actor', async () => {
    const all = await t.db.select({ id: residents.id, communityId: residents.communityId }).from(residents);
    expect(all.length).toBeGreaterThan(300);
    for (const actor of actors) {
      const visible = new Set((await t.db.select({ id: residents.id }).from(residents).where(visibleResidentsWhere(actor))).map((r) => r.id));
      const disagree = all.filter((r) => canViewResident(actor, r) !== visible.has(r.id));
      expect(disagree, actor.username).toEqual([]);
    }
    // Not vacuous: some actors see some residents and not others.
    const shegong1 = actors.find((a) => a.username === 'shegong1')!;
    const seen = all.filter((r) => canViewResident(shegong1, r)).length;
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(all.length);
  });

  it('agrees canSeeTag with visibleTagsWhere on every tag for every actor', async () => {
    const all = await t.db
      .select({ id: residentTags.id, tag: residentTags.tag, communityId: residents.communityId })
      .from(residentTags)
      .innerJoin(residents, eq(residents.id, residentTags.residentId));
    expect(all.filter((x) => RESTRICTED_TAGS.includes(x.tag)).length).toBeGreaterThanOrEqual(18);
    for (const actor of actors) {
      const visible = new Set(
        (
          await t.db
            .select({ id: residentTags.id })
            .from(residentTags)
            .innerJoin(residents, eq(residents.id, residentTags.residentId))
            .where(visibleTagsWhere(actor))
        ).map((r) => r.id),
      );
      const disagree = all.filter((x) => canSeeTag(actor, x.communityId, x.tag) !== visible.has(x.id));
      expect(disagree, actor.username).toEqual([]);
    }
  });

  it('hides restricted tags from accounts without the right and shows them to those with it', () => {
    const by = Object.fromEntries(actors.map((a) => [a.username, a]));
    const shuguang = by.shegong1.communityIds.find((c) => by.zhiyuan.communityIds.includes(c))!;
    for (const name of ['jiedao', 'jigou', 'zhiyuan', 'shegong2', 'admin']) expect(canSeeTag(by[name], shuguang, 'dv_victim'), name).toBe(false);
    for (const name of ['shegong1', 'dudao']) expect(canSeeTag(by[name], shuguang, 'dv_victim'), name).toBe(true);
    expect(canSeeTag(by.jigou, shuguang, 'disabled')).toBe(true);
  });
});
