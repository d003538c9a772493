import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCase } from '../../db/seed/case.builders';
import type { Actor } from '../../lib/actor';
import { demoActors } from '../../testing/actors';
import { useTestApp } from '../../testing/app';
import { approverWhere, canApproveCase, canReadCaseFile, canViewCase, caseFileWhere, pendingSubmitterSql, visibleCasesWhere } from './cases.policy';
import { casePlans, cases, caseTeam } from './cases.table';

describe('cases policy', () => {
  const t = useTestApp();
  const actors: Actor[] = [];

  beforeAll(async () => {
    actors.push(...(await demoActors(t.db)));
    const user = Object.fromEntries((await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`)).rows.map((r) => [r.username, r.id]));
    const resident = (await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id where o.name = '曙光社区' order by r.id limit 1`)).rows[0].id;
    // Every rule on both sides: a restricted case with a named manager, a restricted juvenile file
    // where the manager is on the team (and must still not see it), a co-worker from elsewhere.
    const restricted = await insertCase(t.db, { residentId: resident, leadUserId: user.shegong1, supervisorUserId: user.dudao, kind: 'correction' });
    await t.db.insert(caseTeam).values({ caseId: restricted.id, userId: user.jiedao, role: 'manager' });
    const juvenile = await insertCase(t.db, { residentId: resident, leadUserId: user.shegong1, supervisorUserId: user.dudao, kind: 'correction', juvenile: true });
    await t.db.insert(caseTeam).values({ caseId: juvenile.id, userId: user.jiedao, role: 'manager' });
    const shared = await insertCase(t.db, { residentId: resident, leadUserId: user.shegong1 });
    await t.db.insert(caseTeam).values({ caseId: shared.id, userId: user.shegong2, role: 'co_worker' });
    const left = await insertCase(t.db, { residentId: resident, leadUserId: user.shegong1, kind: 'domestic_violence' });
    await t.db.update(caseTeam).set({ active: false }).where(and(eq(caseTeam.caseId, left.id), eq(caseTeam.userId, user.shegong1)));
    // Approvals waiting, each way the approver is decided: by the case's supervisor; a supervisor who
    // leads the case (general, restricted); a plan the supervisor submitted; no supervisor at all.
    const pending = async (s: Parameters<typeof insertCase>[1], submittedBy: string) => {
      const c = await insertCase(t.db, s);
      if (s.status === 'plan_review') await t.db.insert(casePlans).values({ caseId: c.id, status: 'submitted', submittedBy });
      else await t.db.update(cases).set({ closureRequestedBy: submittedBy }).where(eq(cases.id, c.id));
    };
    await pending({ residentId: resident, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'plan_review' }, user.shegong1);
    await pending({ residentId: resident, leadUserId: user.dudao, supervisorUserId: user.dudao, status: 'closure_review' }, user.dudao);
    await pending({ residentId: resident, leadUserId: user.dudao, supervisorUserId: user.dudao, status: 'plan_review', kind: 'drug_rehab' }, user.dudao);
    await pending({ residentId: resident, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'plan_review' }, user.dudao);
    await pending({ residentId: resident, leadUserId: user.shegong1, status: 'closure_review' }, user.shegong1);
  });

  /** Every case with its facts and every active team row, as the policy functions take them. */
  const everything = async () => {
    const all = await t.db
      .select({
        id: cases.id, communityId: cases.communityId, restricted: cases.restricted, juvenile: cases.juvenile, status: cases.status,
        leadUserId: cases.leadUserId, supervisorUserId: cases.supervisorUserId, submittedBy: sql<string | null>`${pendingSubmitterSql}`,
      })
      .from(cases);
    const team = await t.db.select({ caseId: caseTeam.caseId, userId: caseTeam.userId, role: caseTeam.role }).from(caseTeam).where(eq(caseTeam.active, true));
    const rolesOf = (actor: Actor, caseId: string) => team.filter((m) => m.caseId === caseId && m.userId === actor.userId).map((m) => m.role);
    return { all, rolesOf };
  };

  it('agrees canReadCaseFile with caseFileWhere on every case for every demo account', async () => {
    const { all, rolesOf } = await everything();
    const seen: Record<string, number> = {};
    for (const actor of actors) {
      const readable = new Set((await t.db.select({ id: cases.id }).from(cases).where(caseFileWhere(actor))).map((r) => r.id));
      expect(all.filter((c) => canReadCaseFile(actor, { ...c, myRoles: rolesOf(actor, c.id) }) !== readable.has(c.id)), actor.username).toEqual([]);
      seen[actor.username] = readable.size;
    }
    // Managers read the files of the few cases they are named on; the supervisor those of the scope.
    const visible = async (username: string) => (await t.db.select({ id: cases.id }).from(cases).where(visibleCasesWhere(actors.find((a) => a.username === username)!))).length;
    expect(seen.jiedao).toBeLessThan(await visible('jiedao'));
    expect(seen.jigou).toBeLessThan(await visible('jigou'));
    expect(seen.dudao).toBe(await visible('dudao'));
  });

  it('agrees canApproveCase with approverWhere on every case for every demo account', async () => {
    const { all, rolesOf } = await everything();
    const approvals: Record<string, number> = {};
    for (const actor of actors) {
      const mine = new Set((await t.db.select({ id: cases.id }).from(cases).where(approverWhere(actor))).map((r) => r.id));
      expect(all.filter((c) => canApproveCase(actor, { ...c, myRoles: rolesOf(actor, c.id) }, c) !== mine.has(c.id)), actor.username).toEqual([]);
      approvals[actor.username] = mine.size;
    }
    // Not vacuous: the supervisor and the agency head each have approvals; nobody else.
    expect(approvals.dudao).toBeGreaterThan(0);
    expect(approvals.jigou).toBeGreaterThan(0);
    for (const u of ['admin', 'jiedao', 'shegong1', 'shegong2', 'zhiyuan']) expect(approvals[u], u).toBe(0);
  });

  it('agrees with visibleCasesWhere on every case for every demo account', async () => {
    const all = await t.db.select({ id: cases.id, communityId: cases.communityId, restricted: cases.restricted, juvenile: cases.juvenile }).from(cases);
    const team = await t.db.select({ caseId: caseTeam.caseId, userId: caseTeam.userId, role: caseTeam.role }).from(caseTeam).where(eq(caseTeam.active, true));
    expect(all.length).toBeGreaterThan(50);
    const seen: Record<string, number> = {};
    for (const actor of actors) {
      const visible = new Set((await t.db.select({ id: cases.id }).from(cases).where(visibleCasesWhere(actor))).map((r) => r.id));
      const disagree = all.filter((c) => {
        const myRoles = team.filter((m) => m.caseId === c.id && m.userId === actor.userId).map((m) => m.role);
        return canViewCase(actor, { ...c, myRoles }) !== visible.has(c.id);
      });
      expect(disagree, actor.username).toEqual([]);
      seen[actor.username] = visible.size;
    }
    // Not vacuous: workers see some cases and not all; the administrator and the volunteer none.
    expect(seen.shegong1).toBeGreaterThan(0);
    expect(seen.shegong1).toBeLessThan(all.length);
    expect(seen.shegong2).toBeGreaterThan(0);
    expect(seen.admin).toBe(0);
    expect(seen.zhiyuan).toBe(0);
  });
});
