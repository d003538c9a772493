import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CasePlan, CasePlanInput } from '../../../common/schemas/cases.schema';
import { casePlanInput } from '../../../common/schemas/cases.schema';
import { parallel, type Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, fieldError, notFound } from '../../lib/errors';
import { users } from '../users/users.table';
import { approvalFacts, loadCase, loadCaseForWork, notifyUser, recordCaseEvent } from './cases.access';
import { sendForApproval } from './cases.approval';
import { canApproveCase, canLeadCase } from './cases.policy';
import { presentPlan } from './cases.presenter';
import { canTransition } from './cases.rules';
import { caseGoals, casePlans, caseTasks, caseTeam } from './cases.table';

type PlanRow = typeof casePlans.$inferSelect;

/** The latest plan of a case with its goals and tasks, or null before the first one. */
export async function currentPlan(db: Db, caseId: string): Promise<CasePlan | null> {
  // The plan, its goals and its tasks side by side: goals and tasks find the latest plan themselves.
  const latest = sql`(select p2.id from ${casePlans} p2 where p2.case_id = ${caseId} order by p2.version desc limit 1)`;
  const [[found], goals, tasks] = await parallel(db, [
    () => db.select({ plan: casePlans, reviewer: users.displayName }).from(casePlans).leftJoin(users, eq(users.id, casePlans.reviewedBy))
      .where(eq(casePlans.caseId, caseId)).orderBy(desc(casePlans.version)).limit(1),
    () => db.select().from(caseGoals).where(sql`${caseGoals.planId} = ${latest}`).orderBy(asc(caseGoals.position)),
    () => db.select({ t: caseTasks, owner: users.displayName }).from(caseTasks).leftJoin(users, eq(users.id, caseTasks.ownerUserId))
      .where(sql`${caseTasks.planId} = ${latest}`).orderBy(asc(caseTasks.position)),
  ]);
  return found ? presentPlan(found.plan, found.reviewer, goals, tasks) : null;
}

async function latestPlanRow(db: Db, caseId: string): Promise<PlanRow | undefined> {
  return (await db.select().from(casePlans).where(eq(casePlans.caseId, caseId)).orderBy(desc(casePlans.version)).limit(1))[0];
}

/** Task owners must be on the case team (they get the task in 我的待办). */
async function assertOwners(db: Db, caseId: string, ownerIds: string[]) {
  if (!ownerIds.length) return;
  const rows = await db.select({ userId: caseTeam.userId }).from(caseTeam).where(and(eq(caseTeam.caseId, caseId), eq(caseTeam.active, true), inArray(caseTeam.userId, ownerIds)));
  const ok = new Set(rows.map((r) => r.userId));
  const bad = ownerIds.findIndex((id) => !ok.has(id));
  if (bad >= 0) throw fieldError(`tasks.${bad}.ownerUserId`, 'invalid', '任务负责人须是个案团队成员');
}

/**
 * Saves the plan (计划): a draft while planning; while in service, a revision becomes a new version
 * that goes to the supervisor again. Goals and tasks are replaced as given (ids keep their rows).
 */
export async function savePlan({ db, actor, id, input }: { db: Db; actor: Actor; id: string; input: CasePlanInput }) {
  const v = casePlanInput.parse(input);
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id });
    if (!['planning', 'active'].includes(c.row.status)) throw new AppError('cases.invalid_transition', 409, { status: c.row.status, action: 'plan' });
    if (v.startDate && v.endDate && v.endDate < v.startDate) throw fieldError('endDate', 'date_order', '结束日期不能早于开始日期');
    v.tasks.forEach((t, i) => {
      if (t.goalIndex != null && t.goalIndex >= v.goals.length) throw fieldError(`tasks.${i}.goalIndex`, 'invalid', '请选择计划中的目标');
    });
    await assertOwners(tx, id, v.tasks.map((t) => t.ownerUserId).filter((x): x is string => !!x));
    let plan = await latestPlanRow(tx, id);
    // A task kept from the version before (by its id) keeps how far it got: done stays done, with its date.
    const kept = new Map((plan ? await tx.select().from(caseTasks).where(eq(caseTasks.planId, plan.id)) : []).map((t) => [t.id, t]));
    const fields = { strategy: v.strategy ?? null, roles: v.roles ?? null, startDate: v.startDate ?? null, endDate: v.endDate ?? null, updatedAt: new Date() };
    if (!plan || plan.status === 'approved') {
      [plan] = await tx.insert(casePlans).values({ caseId: id, version: (plan?.version ?? 0) + 1, status: 'draft', ...fields, createdBy: actor.userId }).returning();
    } else {
      await tx.update(casePlans).set({ ...fields, status: plan.status === 'returned' ? 'returned' : 'draft' }).where(eq(casePlans.id, plan.id));
      await tx.delete(caseTasks).where(eq(caseTasks.planId, plan.id));
      await tx.delete(caseGoals).where(eq(caseGoals.planId, plan.id));
    }
    const goals = v.goals.length
      ? await tx.insert(caseGoals).values(v.goals.map((g, i) => ({ caseId: id, planId: plan.id, position: i, title: g.title, indicator: g.indicator, baseline: g.baseline ?? null, target: g.target ?? null }))).returning()
      : [];
    if (v.tasks.length) {
      await tx.insert(caseTasks).values(
        v.tasks.map((t, i) => ({
          caseId: id, planId: plan.id, position: i, title: t.title, goalId: t.goalIndex != null ? goals[t.goalIndex].id : null,
          ownerUserId: t.ownerUserId ?? null, ownerText: t.ownerText ?? null, dueDate: t.dueDate ?? null,
          ...(t.id && kept.has(t.id) ? { status: kept.get(t.id)!.status, doneAt: kept.get(t.id)!.doneAt } : {}),
        })),
      );
    }
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.plan_save', detail: { planVersion: plan.version, goals: v.goals.length, tasks: v.tasks.length } });
    return currentPlan(tx, id);
  });
}

/**
 * Submits the plan for approval (计划待审批) to the case's supervisor, or to another approver when the
 * supervisor submits it or leads the case (sendForApproval); a plan needs a goal with an indicator
 * and a task.
 */
export async function submitPlan({ db, actor, id }: { db: Db; actor: Actor; id: string }) {
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id });
    if (!canLeadCase(actor, c.access)) throw new AppError('auth.forbidden', 403);
    if (!canTransition('submit_plan', c.row.status)) throw new AppError('cases.invalid_transition', 409, { status: c.row.status, action: 'submit_plan' });
    const plan = await currentPlan(tx, id);
    if (!plan || plan.status === 'approved' || !plan.goals.length || !plan.tasks.length) throw new AppError('cases.plan_incomplete', 409);
    await sendForApproval(tx, c, actor.userId, 'plan_review', '服务计划待您审批');
    await tx.update(casePlans).set({ status: 'submitted', submittedAt: new Date(), submittedBy: actor.userId }).where(eq(casePlans.id, plan.id));
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.plan_submit', toStatus: 'plan_review', detail: { planVersion: plan.version } });
    return currentPlan(tx, id);
  });
}

/** The approver (canApproveCase) approves the plan (→ 服务中) or returns it with comments (→ 制定计划). */
export async function reviewPlan({ db, actor, id, approve, comment }: { db: Db; actor: Actor; id: string; approve: boolean; comment?: string | null }) {
  return db.transaction(async (tx) => {
    const c = await loadCase({ db: tx, actor, id, lock: true, need: 'summary' });
    if (!canTransition(approve ? 'approve_plan' : 'return_plan', c.row.status)) throw new AppError('cases.invalid_transition', 409, { status: c.row.status });
    if (!canApproveCase(actor, c.access, approvalFacts(c))) throw new AppError('cases.not_approver', 403);
    if (!approve && !comment) throw fieldError('comment', 'required', '退回时请写明修改意见');
    const plan = await latestPlanRow(tx, id);
    if (!plan) throw notFound();
    await tx.update(casePlans).set({ status: approve ? 'approved' : 'returned', reviewedAt: new Date(), reviewedBy: actor.userId, reviewComment: comment ?? null }).where(eq(casePlans.id, plan.id));
    await recordCaseEvent({ db: tx, actor, c, action: approve ? 'cases.plan_approve' : 'cases.plan_return', toStatus: approve ? 'active' : 'planning', note: comment });
    await notifyUser(tx, c.row.leadUserId, approve ? 'plan_approved' : 'plan_returned', c, approve ? '服务计划已批准' : `服务计划被退回：${comment}`);
    return currentPlan(tx, id);
  });
}

/** A task done, cancelled or open again (by anyone working on the case). */
export async function setTaskStatus({ db, actor, id, taskId, status }: { db: Db; actor: Actor; id: string; taskId: string; status: string }) {
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id });
    const [task] = await tx.select().from(caseTasks).where(and(eq(caseTasks.id, taskId), eq(caseTasks.caseId, id)));
    if (!task) throw notFound();
    await tx.update(caseTasks).set({ status, doneAt: status === 'done' ? new Date() : null }).where(eq(caseTasks.id, taskId));
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.task_status', detail: { task: task.title, status } });
    return currentPlan(tx, id);
  });
}
