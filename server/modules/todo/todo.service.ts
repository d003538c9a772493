import { and, desc, eq, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { chinaToday, daysBetween } from '../../../common/dates';
import type { Page } from '../../../common/schemas/common.schema';
import type { Notification, TodoItem, TodoKind, TodoPage } from '../../../common/schemas/todo.schema';
import { parallel, type Db } from '../../db/client';
import { can, type Actor } from '../../lib/actor';
import { addDays } from '../cases/cases.rules';
import { approverWhere } from '../cases/cases.policy';
import { riskLevels } from '../settings/settings.table';
import { caseFollowups, casePlans, caseRecords, cases, caseTasks, caseTeam, notifications } from '../cases/cases.table';
import { residents } from '../residents/residents.table';
import { assessmentsDue } from '../assessments/assessments.service';
import { referralsAwaitingFeedback, referralsToAnswer } from '../referrals/referrals.service';
import { reportsDue } from '../safeguarding/safeguarding.service';

/** A todo item's group from its due date. */
export function groupOf(dueDate: string | null, today: string): TodoItem['group'] {
  if (!dueDate) return 'review';
  if (dueDate < today) return 'overdue';
  if (dueDate === today) return 'today';
  return 'upcoming';
}

const item = (kind: TodoItem['kind'], id: string, c: { id: string; caseNo: string; clientName: string }, title: string, dueDate: string | null, today: string): TodoItem => {
  const overdue = !!dueDate && dueDate < today;
  return { kind, id, caseId: c.id, caseNo: c.caseNo, clientName: c.clientName, title, dueDate, overdue, overdueDays: overdue ? daysBetween(dueDate, today) : null, group: groupOf(dueDate, today) };
};

/**
 * The list's order: overdue, today, the approvals and answers waiting, the week ahead; within a
 * group the most overdue first, then the soonest due (items without a date last).
 */
export function compareTodo(a: TodoItem, b: TodoItem): number {
  const order = { overdue: 0, today: 1, review: 2, upcoming: 3 };
  return order[a.group] - order[b.group] || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999');
}

/** At most this many items of one kind: a list to work through, not a report (the case list filters the rest). */
const LIMIT = 100;

const caseCols = { id: cases.id, caseNo: cases.caseNo, clientName: residents.name };
/**
 * The caller is (still) on the case's team: probed per row found (the caller's own tasks or visits,
 * few) through case_team_case_idx. A scalar subquery with LIMIT is not flattened into a join, as an
 * EXISTS or IN would be — planned as a set of every case the caller is on (thousands for a supervisor).
 */
const onTeam = (actor: Actor) =>
  sql`coalesce((select true from ${caseTeam} where ${caseTeam.caseId} = ${cases.id} and ${caseTeam.userId} = ${actor.userId} and ${caseTeam.active} limit 1), false)`;
/** When the next contact was due: `coalesce(last contact, intake) + allowed days`, the allowed days by risk level. */
const contactDueSql = sql<string>`(coalesce(${cases.lastContactDate}, ${cases.intakeDate}) + (select ${riskLevels.contactDays} from ${riskLevels} where ${riskLevels.code} = ${cases.riskLevel}))::text`;
const noContactSql = (today: string) => sql`${contactDueSql}::date < ${today}::date`;

/**
 * A task of the case's latest plan version (the one its plan tab shows): a revision copies the tasks
 * it keeps, and those of the versions before stay as they ended, not as work to do.
 */
const ofLatestPlan = sql`${caseTasks.planId} = (select p.id from ${casePlans} p where p.case_id = ${caseTasks.caseId} order by p.version desc limit 1)`;

/** How far back a supervisor's 我的待办 lists late records, and how many at most. */
const LATE_DAYS = 14;
const LATE_LIMIT = 50;

/**
 * The latest late records (§7.2.3) of the open cases a supervisor supervises (one more than shown,
 * to tell whether there are more). The latest n records come from at most the n cases whose latest
 * late record is most recent (each of those has one at least as new): those cases are taken first,
 * newest first, from cases_supervisor_late_idx, and only their records read.
 */
function lateRecords(db: Db, actor: Actor) {
  const since = new Date(Date.now() - LATE_DAYS * 86_400_000);
  const recent = db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.supervisorUserId, actor.userId), gte(cases.lastLateRecordAt, since), ne(cases.status, 'closed')))
    .orderBy(desc(cases.lastLateRecordAt))
    .limit(LATE_LIMIT + 1)
    .as('recent');
  return db
    .select({ r: caseRecords, ...caseCols })
    .from(recent)
    .innerJoin(cases, eq(cases.id, recent.id))
    .innerJoin(caseRecords, and(eq(caseRecords.caseId, recent.id), eq(caseRecords.late, true), gte(caseRecords.createdAt, since)))
    .innerJoin(residents, eq(residents.id, cases.residentId))
    .orderBy(desc(caseRecords.createdAt))
    .limit(LATE_LIMIT + 1);
}

/**
 * 我的待办: the caller's follow-ups, plan tasks, returned plans and contact gaps due within a week or
 * overdue; for a supervisor also the approvals waiting and the late records of their cases.
 */
export async function listTodo({ db, actor }: { db: Db; actor: Actor }): Promise<TodoPage> {
  if (!can(actor, 'cases.read')) return { data: [], total: 0, more: [] };
  const today = chinaToday();
  const horizon = addDays(today, 7);
  const inService = inArray(cases.status, ['assessment', 'planning', 'plan_review', 'active', 'closure_review']);
  // The other modules' items (reports, reassessments, referrals) first: all twelve statements side by
  // side measured slower at p95 on two cores than these two rounds.
  const extra = await moduleTodos({ db, actor });
  const [followups, tasks, returned, noContact, reviews, late] = await parallel(db, [
    () => db
      .select({ f: caseFollowups, ...caseCols })
      .from(caseFollowups)
      .innerJoin(cases, eq(cases.id, caseFollowups.caseId))
      .innerJoin(residents, eq(residents.id, cases.residentId))
      // After-closure visits count once the case is closed; order visits (告诫书/保护令) at once.
      .where(and(eq(caseFollowups.assigneeUserId, actor.userId), isNull(caseFollowups.doneAt), lte(caseFollowups.dueDate, horizon), or(eq(cases.status, 'closed'), sql`${caseFollowups.kind} <> 'after_closure'`), onTeam(actor))),
    () => db
      .select({ t: caseTasks, ...caseCols })
      .from(caseTasks)
      .innerJoin(cases, eq(cases.id, caseTasks.caseId))
      .innerJoin(residents, eq(residents.id, cases.residentId))
      .where(and(eq(caseTasks.ownerUserId, actor.userId), eq(caseTasks.status, 'open'), lte(caseTasks.dueDate, horizon), inService, onTeam(actor), ofLatestPlan))
      .orderBy(caseTasks.dueDate)
      .limit(LIMIT + 1),
    () => db
      .select({ p: casePlans, ...caseCols })
      .from(casePlans)
      .innerJoin(cases, eq(cases.id, casePlans.caseId))
      .innerJoin(residents, eq(residents.id, cases.residentId))
      .where(and(eq(cases.leadUserId, actor.userId), eq(casePlans.status, 'returned'), eq(cases.status, 'planning'))),
    () => db
      .select({ ...caseCols, due: contactDueSql, lead: cases.leadUserId })
      .from(cases)
      .innerJoin(residents, eq(residents.id, cases.residentId))
      .where(and(or(eq(cases.leadUserId, actor.userId), eq(cases.supervisorUserId, actor.userId)), inService, noContactSql(today)))
      // The longest without contact first: those are the ones the list keeps.
      .orderBy(contactDueSql, cases.id)
      .limit(LIMIT + 1),
    () => can(actor, 'cases.approve')
      // The approvals the caller may give (cases.policy canApproveCase): as the case's supervisor, or
      // standing in for a supervisor who leads the case or sent the work. By stage, each oldest first.
      ? db.select({ ...caseCols, status: cases.status }).from(cases).innerJoin(residents, eq(residents.id, cases.residentId))
          .where(approverWhere(actor))
          .orderBy(cases.status, cases.updatedAt).limit(LIMIT + 1)
      : Promise.resolve([]),
    () => can(actor, 'cases.approve') ? lateRecords(db, actor) : Promise.resolve([]),
  ]);
  // Kinds with more than their list holds: the page says so (the case list filters the rest).
  const more: TodoKind[] = [];
  const cut = <T>(rows: T[], limit: number, ...kinds: TodoKind[]) => {
    if (rows.length <= limit) return rows;
    more.push(...kinds);
    return rows.slice(0, limit);
  };
  const data: TodoItem[] = [
    ...followups.map((x) => item('followup', x.f.id, x, x.f.kind === 'after_closure' ? '结案回访' : x.f.kind === 'warning_letter' ? '告诫书查访' : '保护令回访', x.f.dueDate, today)),
    ...cut(tasks, LIMIT, 'task').map((x) => item('task', x.t.id, x, x.t.title, x.t.dueDate, today)),
    ...returned.map((x) => item('plan_returned', x.p.id, x, `服务计划被退回：${x.p.reviewComment ?? ''}`, null, today)),
    ...cut(noContact, LIMIT, 'no_contact').map((x) => item('no_contact', x.id, x, x.lead === actor.userId ? '超过规定时间未联系服务对象' : '督导：个案超过规定时间未联系', x.due, today)),
    ...cut(reviews, LIMIT, 'plan_review', 'closure_review').map((x) => item(x.status === 'plan_review' ? 'plan_review' : 'closure_review', x.id, x, x.status === 'plan_review' ? '审批服务计划' : '审批结案申请', null, today)),
    ...cut(late, LATE_LIMIT, 'late_record').map((x) => item('late_record', x.r.id, x, `逾期录入的服务记录（${x.r.serviceDate}）`, null, today)),
    ...extra,
  ];
  data.sort(compareTodo);
  return { data, total: data.length, more };
}

export async function listNotifications({ db, actor }: { db: Db; actor: Actor }): Promise<Page<Notification> & { unread: number }> {
  const rows = await db.select().from(notifications).where(eq(notifications.userId, actor.userId)).orderBy(desc(notifications.createdAt)).limit(50);
  const [{ unread }] = await db.select({ unread: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return {
    data: rows.map((n) => ({ id: n.id, kind: n.kind, caseId: n.caseId, text: n.text, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
    total: rows.length,
    unread,
  };
}

export async function markRead({ db, actor, id }: { db: Db; actor: Actor; id?: string }) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined));
}

/** What the other case modules add to 我的待办: reports due (强制报告), reassessments due (预估), referrals (转介). */
export async function moduleTodos({ db, actor }: { db: Db; actor: Actor }): Promise<TodoItem[]> {
  const today = chinaToday();
  const [reports, assessments, waiting, toAnswer] = await parallel(db, [
    () => reportsDue({ db, actor }),
    () => assessmentsDue({ db, actor, before: addDays(today, 7) }),
    () => referralsAwaitingFeedback({ db, actor }),
    () => referralsToAnswer({ db, actor }),
  ]);
  const ref = (r: (typeof waiting)[number]) => ({ id: r.caseId ?? r.id, caseNo: r.caseNo ?? '', clientName: r.client.name });
  return [
    // A referral is due when its feedback is; before that it waits in 'upcoming' only in its last week.
    ...waiting
      .filter((r) => r.overdue || r.feedbackDue <= addDays(today, 7))
      .map((r) => ({ ...item('referral_feedback', r.id, ref(r), `转介等待反馈：${r.to.name}`, r.feedbackDue, today), caseId: r.caseId })),
    ...toAnswer.map((r) => ({ ...item('referral_answer', r.id, ref(r), `转介待接收：${r.from.name}`, null, today), caseId: r.caseId })),
    ...assessments.map((a) => item('assessment_due', a.assessmentId, { id: a.caseId, caseNo: a.caseNo, clientName: a.clientName }, `重新评估：${a.instrumentName}`, a.nextDueDate, today)),
    ...reports.map((r) => {
      // Due at an hour (24 h after the flag): overdue from that moment, its day the Beijing date.
      const due = chinaToday(new Date(r.dueAt));
      return {
        ...item('report_due', r.id, { id: r.caseId, caseNo: r.caseNo, clientName: r.clientName }, '强制报告：请尽快报告并记录', due, today),
        overdue: r.overdue,
        overdueDays: r.overdue ? Math.max(0, daysBetween(due, today)) : null,
        group: r.overdue ? ('overdue' as const) : groupOf(due, today),
      };
    }),
  ];
}
