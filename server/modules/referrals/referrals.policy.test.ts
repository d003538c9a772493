import { sql } from 'drizzle-orm';
import { addDays, chinaToday } from '../../../common/dates';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed/demo.seed';
import { insertCase } from '../../db/seed/case.builders';
import { seedReferralsAndEcomaps, seedResources } from '../../db/seed/referral.seed';
import type { Actor } from '../../lib/actor';
import { useTestApp } from '../../testing/app';
import { canReadCaseFile } from '../cases/cases.policy';
import { canViewReferral, canViewResource, visibleReferralsWhere, visibleResourcesWhere } from './referrals.policy';
import { coveredUnitIds, directoryUnitIds } from './referrals.service';
import { caseReferrals, resources } from './referrals.table';
import { actorOfUser, demoIds, residentOf } from './referrals.testkit';

describe('referrals policy', () => {
  const t = useTestApp();
  const actors: Actor[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    const { org, user } = await demoIds(t.db);
    for (const a of DEMO_ACCOUNTS) actors.push(await actorOfUser(t.db, a.username));
    await seedResources(t.db, { ownerOrgUnitId: org['临江区'], createdBy: null });
    // Sixteen cases in service, taken in two months ago or more (the seed refers every other one: most
    // come back completed, one in eight waits past its feedback date, one in eight goes to the other station).
    const places = [['曙光社区', 'shegong1'], ['桃源社区', 'shegong1'], ['青山社区', 'shegong2'], ['竹林村', 'shegong2']] as const;
    for (let i = 0; i < 16; i++) {
      const [community, lead] = places[i % places.length];
      const r = await residentOf(t.db, org[community], i);
      const intakeDate = addDays(chinaToday(), -60 - i * 5);
      const c = await insertCase(t.db, { residentId: r.id, leadUserId: user[lead], supervisorUserId: user.dudao, intakeDate, kind: i === 4 ? 'domestic_violence' : 'general' });
      ids.push(c.id);
    }
    await seedReferralsAndEcomaps(t.db, { caseIds: ids });
  });

  it('agrees canViewReferral with visibleReferralsWhere on every referral for every demo account', async () => {
    const all = await t.db.execute<{ id: string; direction: string; status: string; created_by: string | null; target_org_unit_id: string | null; case_id: string | null; community_id: string | null; restricted: boolean | null; juvenile: boolean | null }>(sql`
      select r.id, r.direction, r.status, r.created_by, r.target_org_unit_id, r.case_id, c.community_id, c.restricted, c.juvenile
      from case_referrals r left join cases c on c.id = r.case_id`);
    expect(all.rows.length).toBeGreaterThanOrEqual(5);
    let someSeeSome = false;
    for (const actor of actors) {
      const covered = await coveredUnitIds({ db: t.db, actor });
      const visible = new Set((await t.db.select({ id: caseReferrals.id }).from(caseReferrals).where(visibleReferralsWhere(actor))).map((r) => r.id));
      const { rows: roles } = await t.db.execute<{ case_id: string; role: string }>(sql`select case_id, role from case_team where user_id = ${actor.userId} and active`);
      const disagree = all.rows.filter((r) => {
        const caseVisible = !!r.case_id && canReadCaseFile(actor, {
          communityId: r.community_id!, restricted: !!r.restricted, juvenile: !!r.juvenile, myRoles: roles.filter((x) => x.case_id === r.case_id).map((x) => x.role),
        });
        return canViewReferral(actor, { direction: r.direction, status: r.status, createdBy: r.created_by, targetOrgUnitId: r.target_org_unit_id }, { covered, caseVisible }) !== visible.has(r.id);
      });
      expect(disagree, actor.username).toEqual([]);
      if (visible.size > 0 && visible.size < all.rows.length) someSeeSome = true;
    }
    expect(someSeeSome).toBe(true);
  });

  it('agrees canViewResource with visibleResourcesWhere for every demo account', async () => {
    const all = await t.db.select({ id: resources.id, ownerOrgUnitId: resources.ownerOrgUnitId }).from(resources);
    for (const actor of actors) {
      const directory = await directoryUnitIds({ db: t.db, actor });
      const visible = new Set((await t.db.select({ id: resources.id }).from(resources).where(visibleResourcesWhere(actor))).map((r) => r.id));
      expect(all.filter((r) => canViewResource(actor, r, directory) !== visible.has(r.id)), actor.username).toEqual([]);
      const reads = actor.permissions.has('cases.read');
      expect(visible.size, actor.username).toBe(reads ? all.length : 0);
    }
  });

  it('makes the workers and the supervisor of a station answer for it, and no one else', async () => {
    const { org } = await demoIds(t.db);
    const covers = async (username: string) => (await coveredUnitIds({ db: t.db, actor: actors.find((a) => a.username === username)! })).has(org['青山镇社工站']);
    expect(await covers('shegong2')).toBe(true);
    expect(await covers('jigou')).toBe(true);
    expect(await covers('shegong1')).toBe(false);
    expect(await covers('dudao')).toBe(false);
    expect(await covers('admin')).toBe(false);
  });

  it('seeds an overdue referral, one completed, one to another station, one in, and two ecomaps per case', async () => {
    const mine = sql`(${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`;
    const { rows } = await t.db.execute<{ status: string; overdue: boolean; to_unit: boolean }>(sql`
      select status, feedback_due < (now() at time zone 'Asia/Shanghai')::date and status in ('sent', 'accepted') as overdue, target_org_unit_id is not null as to_unit
      from case_referrals where case_id in ${mine}`);
    expect(rows.some((r) => r.overdue)).toBe(true);
    expect(rows.some((r) => r.status === 'completed')).toBe(true);
    expect(rows.some((r) => r.to_unit && r.status === 'sent')).toBe(true);
    const { rows: incoming } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from case_referrals where direction = 'in' and client_name = '周桂兰'`);
    expect(incoming[0].n).toBeGreaterThanOrEqual(1);
    const { rows: maps } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from case_ecomaps where case_id in ${mine} group by case_id`);
    expect(maps.map((m) => m.n)).toEqual(ids.map(() => 2));
  });
});
