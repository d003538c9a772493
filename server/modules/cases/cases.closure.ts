import { and, eq, sql } from 'drizzle-orm';
import { chinaToday } from '../../../common/dates';
import type { ClosureRequestInput } from '../../../common/schemas/cases.schema';
import { closureRequestInput } from '../../../common/schemas/cases.schema';
import type { Db } from '../../db/client';
import { nextNumber } from '../../db/seed/case.builders';
import type { Actor } from '../../lib/actor';
import { AppError, fieldError } from '../../lib/errors';
import { archiveHolderOf } from '../orgs/orgs.service';
import { openReferralsOfCase } from '../referrals/referrals.service';
import { hasOpenReports } from '../safeguarding/safeguarding.service';
import { approvalFacts, loadCase, loadCaseForWork, notifyUser, recordCaseEvent } from './cases.access';
import { sendForApproval } from './cases.approval';
import { currentPlan } from './cases.plan';
import { canApproveCase, canLeadCase } from './cases.policy';
import { addMonths, archiveNo, archivePrefix, canTransition, retentionFor } from './cases.rules';
import { presentLoaded } from './cases.service';
import { caseFollowups, caseGoals, cases, caseTeam } from './cases.table';

/**
 * 评估 and the request to close (→ 结案待审批): attainment of every goal, the client's feedback, reason
 * and summary. Open plan tasks block it unless the worker says why (`openTasksNote`), and so do
 * referrals still waiting for the other side (`openReferralsNote`).
 */
export async function requestClosure({ db, actor, id, input }: { db: Db; actor: Actor; id: string; input: ClosureRequestInput }) {
  const v = closureRequestInput.parse(input);
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id });
    if (!canLeadCase(actor, c.access)) throw new AppError('auth.forbidden', 403);
    if (!canTransition('request_closure', c.row.status)) throw new AppError('cases.invalid_transition', 409, { status: c.row.status, action: 'request_closure' });
    // A suspicion flagged under 反家庭暴力法 第14条 / 未成年人保护法 第11条 must be reported before the case closes.
    if (await hasOpenReports({ db: tx, caseId: id })) throw new AppError('cases.open_reports', 409);
    const plan = await currentPlan(tx, id);
    const rated = new Set(v.goals.map((g) => g.goalId));
    if (plan?.goals.some((g) => !rated.has(g.id))) throw new AppError('cases.goals_not_evaluated', 409);
    if (plan?.tasks.some((t) => t.status === 'open') && !v.openTasksNote) throw new AppError('cases.open_tasks', 409, [{ field: 'openTasksNote', code: 'required', message: '请说明仍要结案的原因' }]);
    await checkOpenReferrals(tx, id, v.openReferralsNote);
    const today = chinaToday();
    const dates = v.followupDates ?? [addMonths(today, 1)];
    const bad = dates.findIndex((d) => d <= today);
    if (bad >= 0) throw fieldError(`followupDates.${bad}`, 'invalid', '回访日期须晚于今天');
    for (const g of v.goals) {
      await tx.update(caseGoals).set({ attainment: g.attainment, attainmentNote: g.note ?? null }).where(and(eq(caseGoals.id, g.goalId), eq(caseGoals.caseId, id)));
    }
    await tx
      .update(cases)
      .set({
        closureReason: v.closureReason, closureSummary: v.closureSummary, clientFeedback: v.clientFeedback ?? null, openTasksNote: v.openTasksNote ?? null,
        openReferralsNote: v.openReferralsNote ?? null,
        closureRequestedAt: new Date(), closureRequestedBy: actor.userId,
      })
      .where(eq(cases.id, id));
    // The follow-ups are planned now and become due only once the closure is approved.
    await tx.delete(caseFollowups).where(and(eq(caseFollowups.caseId, id), eq(caseFollowups.kind, 'after_closure'), sql`${caseFollowups.doneAt} is null`));
    await tx.insert(caseFollowups).values(dates.map((d) => ({ caseId: id, kind: 'after_closure', dueDate: d, assigneeUserId: c.row.leadUserId, createdBy: actor.userId })));
    await sendForApproval(tx, c, actor.userId, 'closure_review', '结案申请待您审批');
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.closure_request', toStatus: 'closure_review', note: v.closureReason, detail: { followupDates: dates } });
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id, audit: false }));
  });
}

/**
 * Referrals still waiting for the other side warn like open tasks (MZ/T 071 §8.3.4 keeps 服务转介和跟踪
 * 记录 in the file): the worker follows them up or says why the case closes anyway. The 409 names them.
 */
async function checkOpenReferrals(db: Db, caseId: string, note: string | null | undefined) {
  const open = await openReferralsOfCase({ db, caseId });
  if (open.length && !note) {
    throw new AppError('cases.open_referrals', 409, [{ field: 'openReferralsNote', code: 'required', message: '请说明仍要结案的原因', referrals: open }]);
  }
}

/**
 * The 档号 of a case of this community closed at `closedAt` (DA/T 22—2015): the 全宗号 of the unit
 * holding the community's archives (archiveHolderOf), the Beijing year, the retention, the next
 * 件号. No holding unit with a 全宗号: refused (409) rather than a number that names no fonds.
 * The demo seed numbers its closed cases through this too.
 */
export async function issueArchiveNo({ db, communityId, retention, closedAt }: { db: Db; communityId: string; retention: string; closedAt: Date }): Promise<string> {
  const { holder, candidates } = await archiveHolderOf({ db, communityId });
  if (!holder) throw new AppError('cases.no_fonds', 409, { units: candidates });
  const prefix = archivePrefix({ fonds: holder.fondsCode, year: Number(chinaToday(closedAt).slice(0, 4)), retention });
  return archiveNo(prefix, await nextNumber(db, prefix));
}

/**
 * The approver (canApproveCase) approves the closure (→ 已结案, with a 档号 and retention period per
 * DA/T 22—2015) or returns it (→ 服务中) with comments.
 */
export async function reviewClosure({ db, actor, id, approve, comment }: { db: Db; actor: Actor; id: string; approve: boolean; comment?: string | null }) {
  return db.transaction(async (tx) => {
    const c = await loadCase({ db: tx, actor, id, lock: true, need: 'summary' });
    if (!canTransition(approve ? 'approve_closure' : 'return_closure', c.row.status)) throw new AppError('cases.invalid_transition', 409, { status: c.row.status });
    if (!canApproveCase(actor, c.access, approvalFacts(c))) throw new AppError('cases.not_approver', 403);
    if (!approve && !comment) throw fieldError('comment', 'required', '退回时请写明修改意见');
    if (approve) {
      const now = new Date();
      const set: Partial<typeof cases.$inferInsert> = { closedAt: now, closedBy: actor.userId };
      // 档号 are stable (DA/T 13—2022): a reopened and closed-again case keeps its number.
      if (!c.row.archiveNo) {
        const retention = retentionFor(c.row);
        Object.assign(set, { archiveNo: await issueArchiveNo({ db: tx, communityId: c.row.communityId, retention, closedAt: now }), retention });
      }
      await tx.update(cases).set(set).where(eq(cases.id, id));
    } else {
      await tx.delete(caseFollowups).where(and(eq(caseFollowups.caseId, id), eq(caseFollowups.kind, 'after_closure'), sql`${caseFollowups.doneAt} is null`));
    }
    await recordCaseEvent({ db: tx, actor, c, action: approve ? 'cases.closure_approve' : 'cases.closure_return', toStatus: approve ? 'closed' : 'active', note: comment });
    await notifyUser(tx, c.row.leadUserId, approve ? 'closure_approved' : 'closure_returned', c, approve ? '结案已批准' : `结案申请被退回：${comment}`);
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id, audit: false, need: 'summary' }));
  });
}

/** Reopens a closed case with a reason; its open follow-ups are dropped, its 档号 kept. */
export async function reopenCase({ db, actor, id, reason }: { db: Db; actor: Actor; id: string; reason: string }) {
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id, closedOk: true });
    if (!canLeadCase(actor, c.access)) throw new AppError('auth.forbidden', 403);
    if (!canTransition('reopen', c.row.status)) throw new AppError('cases.invalid_transition', 409, { status: c.row.status, action: 'reopen' });
    await tx.delete(caseFollowups).where(and(eq(caseFollowups.caseId, id), eq(caseFollowups.kind, 'after_closure'), sql`${caseFollowups.doneAt} is null`));
    await tx.update(cases).set({ reopenCount: sql`${cases.reopenCount} + 1`, closedAt: null, closedBy: null, closureRequestedAt: null, closureRequestedBy: null }).where(eq(cases.id, id));
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.reopen', toStatus: 'active', note: reason });
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id, audit: false }));
  });
}

/** Adds a 回访 to a case (closed, or open for order visits) for an active member of its team (they get it in 我的待办). */
export async function addFollowup({ db, actor, id, dueDate, note, assigneeUserId }: { db: Db; actor: Actor; id: string; dueDate: string; note?: string | null; assigneeUserId?: string | null }) {
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id, closedOk: true });
    if (dueDate < chinaToday()) throw fieldError('dueDate', 'invalid', '回访日期不能早于今天');
    const assignee = assigneeUserId ?? c.row.leadUserId;
    if (assignee) {
      const [member] = await tx.select({ id: caseTeam.id }).from(caseTeam).where(and(eq(caseTeam.caseId, id), eq(caseTeam.userId, assignee), eq(caseTeam.active, true))).limit(1);
      if (!member) throw fieldError('assigneeUserId', 'invalid', '回访负责人须是个案团队成员');
    }
    await tx.insert(caseFollowups).values({ caseId: id, kind: 'after_closure', dueDate, note: note ?? null, assigneeUserId: assignee, createdBy: actor.userId });
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.followup_add', detail: { dueDate } });
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id, audit: false }));
  });
}

