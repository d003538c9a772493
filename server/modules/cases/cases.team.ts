import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { OPEN_CASE_STATUSES } from '../../../common/codes/case.codes';
import type { Db } from '../../db/client';
import { can, type Actor } from '../../lib/actor';
import { AppError, fieldError, notFound } from '../../lib/errors';
import { userScopes, users } from '../users/users.table';
import { loadCase, notifyUser, recordCaseEvent } from './cases.access';
import { canLeadCase } from './cases.policy';
import { presentLoaded } from './cases.service';
import { cases, caseTasks, caseTeam } from './cases.table';

/** Workers and supervisors whose post covers a community: who may lead or join its cases, with their open caseload. */
export async function listWorkers({ db, actor, communityId }: { db: Db; actor: Actor; communityId?: string }) {
  const communities = communityId ? actor.communityIds.filter((c) => c === communityId) : actor.communityIds;
  if (!communities.length) return { data: [], total: 0 };
  const rows = await db
    .selectDistinct({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .innerJoin(userScopes, eq(userScopes.userId, users.id))
    .where(and(inArray(userScopes.communityId, communities), inArray(users.role, ['worker', 'supervisor']), eq(users.disabled, false)))
    .orderBy(asc(users.displayName));
  const loads = rows.length
    ? await db
        .select({ userId: cases.leadUserId, open: count() })
        .from(cases)
        .where(and(inArray(cases.leadUserId, rows.map((r) => r.id)), inArray(cases.status, [...OPEN_CASE_STATUSES])))
        .groupBy(cases.leadUserId)
    : [];
  const load = new Map(loads.map((l) => [l.userId, l.open]));
  const data = rows.map((r) => ({ ...r, caseload: load.get(r.id) ?? 0 }));
  return { data, total: data.length };
}

async function assertCanWorkIn(db: Db, userId: string, communityId: string, roles: string[]) {
  const [u] = await db
    .select({ role: users.role })
    .from(users)
    .innerJoin(userScopes, and(eq(userScopes.userId, users.id), eq(userScopes.communityId, communityId)))
    .where(and(eq(users.id, userId), eq(users.disabled, false)));
  if (!u || !roles.includes(u.role)) return false;
  return true;
}

/**
 * Adds a member to the team (§4.4): a co-worker or the supervisor from the case's community, a named
 * manager (not on a restricted juvenile file), or someone of another discipline or organisation.
 */
export async function addTeamMember({ db, actor, id, input }: {
  db: Db; actor: Actor; id: string;
  input: { role: string; userId?: string | null; externalName?: string | null; externalOrg?: string | null; discipline?: string | null; contact?: string | null };
}) {
  return db.transaction(async (tx) => {
    const c = await loadCase({ db: tx, actor, id, lock: true });
    if (!canLeadCase(actor, c.access)) throw new AppError('auth.forbidden', 403);
    if (input.role === 'external') {
      if (!input.externalName) throw fieldError('externalName', 'required', '请填写姓名');
    } else {
      if (!input.userId) throw fieldError('userId', 'required', '请选择成员');
      const roles = { co_worker: ['worker', 'supervisor'], supervisor: ['supervisor'], manager: ['street_admin', 'agency_head', 'supervisor'] }[input.role] ?? [];
      const juvenileBlocked = input.role === 'manager' && c.row.restricted && c.row.juvenile;
      if (juvenileBlocked || !(await assertCanWorkIn(tx, input.userId, c.row.communityId, roles))) throw new AppError('cases.team_member_invalid', 400, [{ field: 'userId', code: 'invalid', message: '该成员不能加入此个案' }]);
      const [already] = await tx.select({ id: caseTeam.id }).from(caseTeam).where(and(eq(caseTeam.caseId, id), eq(caseTeam.userId, input.userId), eq(caseTeam.active, true), eq(caseTeam.role, input.role)));
      if (already) throw new AppError('cases.team_member_invalid', 400, [{ field: 'userId', code: 'invalid', message: '该成员已在团队中' }]);
      if (input.role === 'supervisor') {
        await tx.update(caseTeam).set({ active: false, removedAt: new Date() }).where(and(eq(caseTeam.caseId, id), eq(caseTeam.role, 'supervisor'), eq(caseTeam.active, true)));
        await tx.update(cases).set({ supervisorUserId: input.userId }).where(eq(cases.id, id));
      }
      await notifyUser(tx, input.userId, 'team_added', c, '您已加入个案团队');
    }
    await tx.insert(caseTeam).values({
      caseId: id, userId: input.role === 'external' ? null : input.userId!, role: input.role, externalName: input.externalName ?? null,
      externalOrg: input.externalOrg ?? null, discipline: input.discipline ?? null, contact: input.contact ?? null,
    });
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.team_add', detail: { role: input.role, userId: input.userId ?? null, externalName: input.externalName ?? null } });
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id, audit: false }));
  });
}

/** Takes a member off the team (the lead leaves only by a transfer). */
export async function removeTeamMember({ db, actor, id, memberId }: { db: Db; actor: Actor; id: string; memberId: string }) {
  return db.transaction(async (tx) => {
    const c = await loadCase({ db: tx, actor, id, lock: true });
    if (!canLeadCase(actor, c.access)) throw new AppError('auth.forbidden', 403);
    const [m] = await tx.select().from(caseTeam).where(and(eq(caseTeam.id, memberId), eq(caseTeam.caseId, id), eq(caseTeam.active, true)));
    if (!m) throw notFound();
    if (m.role === 'lead') throw new AppError('cases.team_member_invalid', 400, [{ field: 'memberId', code: 'invalid', message: '主责社工只能通过移交更换' }]);
    await tx.update(caseTeam).set({ active: false, removedAt: new Date() }).where(eq(caseTeam.id, memberId));
    if (m.role === 'supervisor') await tx.update(cases).set({ supervisorUserId: null }).where(eq(cases.id, id));
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.team_remove', detail: { role: m.role, userId: m.userId, externalName: m.externalName } });
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id, audit: false }));
  });
}

/**
 * 移交: the case goes to another worker of its community with a handover note; the old lead leaves
 * the team, the new one gets the open tasks the old lead owned and a notification.
 */
export async function transferCase({ db, actor, id, toUserId, handoverNote }: { db: Db; actor: Actor; id: string; toUserId: string; handoverNote: string }) {
  return db.transaction(async (tx) => {
    const c = await loadCase({ db: tx, actor, id, lock: true });
    if (!canLeadCase(actor, c.access) && !(can(actor, 'cases.approve') && c.access.myRoles.includes('supervisor'))) throw new AppError('auth.forbidden', 403);
    if (toUserId === c.row.leadUserId || !(await assertCanWorkIn(tx, toUserId, c.row.communityId, ['worker', 'supervisor']))) {
      throw new AppError('cases.transfer_target_invalid', 400, [{ field: 'toUserId', code: 'invalid', message: '只能移交给负责该社区的社工' }]);
    }
    const from = c.row.leadUserId;
    await tx.update(caseTeam).set({ active: false, removedAt: new Date() }).where(and(eq(caseTeam.caseId, id), eq(caseTeam.role, 'lead'), eq(caseTeam.active, true)));
    await tx.update(caseTeam).set({ active: false, removedAt: new Date() }).where(and(eq(caseTeam.caseId, id), eq(caseTeam.userId, toUserId), eq(caseTeam.role, 'co_worker'), eq(caseTeam.active, true)));
    await tx.insert(caseTeam).values({ caseId: id, userId: toUserId, role: 'lead' });
    await tx.update(cases).set({ leadUserId: toUserId }).where(eq(cases.id, id));
    if (from) await tx.update(caseTasks).set({ ownerUserId: toUserId }).where(and(eq(caseTasks.caseId, id), eq(caseTasks.ownerUserId, from), eq(caseTasks.status, 'open')));
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.transfer', note: handoverNote, detail: { fromUserId: from, toUserId } });
    await notifyUser(tx, toUserId, 'transfer_received', c, `个案已移交给您。交接说明：${handoverNote}`);
    // The former lead may no longer see the case (unless they oversee its community).
    const after = await loadCase({ db: tx, actor, id, audit: false }).catch(() => null);
    return after ? presentLoaded(tx, actor, after) : { data: null, abilities: null };
  });
}

