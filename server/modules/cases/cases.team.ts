import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { can, type Actor } from '../../lib/actor';
import { AppError, fieldError, notFound } from '../../lib/errors';
import { loadCase, notifyUser, recordCaseEvent } from './cases.access';
import { canJoinCase, type TeamRole } from './cases.members';
import { canLeadCase } from './cases.policy';
import { presentLoaded } from './cases.service';
import { cases, caseTasks, caseTeam } from './cases.table';

/**
 * Adds a member to the team (§4.4): a co-worker or the supervisor from the case's community, a named
 * manager (not on a restricted juvenile file), or someone of another discipline or organisation.
 * On a restricted case only people allowed to see restricted data there (canJoinCase).
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
      const juvenileBlocked = input.role === 'manager' && c.row.restricted && c.row.juvenile;
      if (juvenileBlocked || !(await canJoinCase(tx, input.userId, c.row, input.role as TeamRole))) {
        const message = c.row.restricted ? '该成员不能加入此个案（须负责该社区并有权查看受限信息）' : '该成员不能加入此个案';
        throw new AppError('cases.team_member_invalid', 400, [{ field: 'userId', code: 'invalid', message }]);
      }
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
    if (toUserId === c.row.leadUserId || !(await canJoinCase(tx, toUserId, c.row, 'lead'))) {
      const message = c.row.restricted ? '只能移交给负责该社区、有权查看受限信息的社工' : '只能移交给负责该社区的社工';
      throw new AppError('cases.transfer_target_invalid', 400, [{ field: 'toUserId', code: 'invalid', message }]);
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

