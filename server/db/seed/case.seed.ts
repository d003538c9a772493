import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { chinaToday } from '../../../common/dates';
import { caseEvents, caseFollowups, caseGoals, casePlans, caseRecords, cases, caseTasks, caseTeam } from '../../modules/cases/cases.table';
import { issueArchiveNo } from '../../modules/cases/cases.closure';
import { addDays, daysBetween, isLateRecord, retentionFor, serviceEnd } from '../../modules/cases/cases.rules';
import { households } from '../../modules/households/households.table';
import { orgUnits } from '../../modules/orgs/orgs.table';
import { ageOn } from '../../modules/residents/residents.presenter';
import { residents, residentTags } from '../../modules/residents/residents.table';
import { RESTRICTED_TAGS } from '../../../common/codes/tag.codes';
import { riskLevels } from '../../modules/settings/settings.table';
import type { Db } from '../client';
import { rng, type Rng } from './builders';
import { nextCaseNo } from './case.builders';
import { PROBLEMS, RESTRICTED_PROBLEMS, type CaseProblem, type Client } from './case-problems.seed';

/** A worker's caseload by stage, in shares: a few cases in each step of the work, most in service or closed over the last year and a half. */
const STAGE_SHARES: [string, number][] = [
  ['intake', 3], ['assessment', 5], ['planning', 5], ['plan_review', 2], ['active', 32], ['closure_review', 2], ['closed', 45], ['declined', 3], ['referred_out', 3],
];
/** How many days ago a case at each stage came in: early stages are recent (a case does not wait months for its plan). */
const INTAKE_DAYS_AGO: Record<string, [number, number]> = {
  intake: [0, 3], assessment: [3, 14], planning: [10, 24], plan_review: [14, 30], active: [30, 300], closure_review: [100, 320], closed: [60, 540], declined: [3, 400], referred_out: [3, 400],
};
/** Active cases whose worker has fallen behind (contact overdue, the visit task late): one in eight. */
const SLIPPED_EVERY = 8;
/** A one-off task of an active case still open after its due date. */
const TASK_LATE = 0.04;

/**
 * A worker (who may lead restricted cases when their post sees restricted data), their case
 * supervisor (one whose post covers their communities, or none) and who approves their plans and
 * closures: the supervisor, else the agency head standing in. The supervisor is never the lead.
 */
type Worker = { id: string; communityIds: string[]; restricted?: boolean; supervisorId: string | null; approverId: string };

/** `n` stages in the shares of STAGE_SHARES (largest remainder), in an order the seed decides. */
function stagesFor(r: Rng, n: number): string[] {
  const total = STAGE_SHARES.reduce((s, [, w]) => s + w, 0);
  const exact = STAGE_SHARES.map(([stage, w]) => ({ stage, x: (n * w) / total }));
  const counts = exact.map((e) => Math.floor(e.x));
  const order = exact.map((e, i) => ({ i, rest: e.x - counts[i] })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; k < n - counts.reduce((s, c) => s + c, 0); k++) counts[order[k].i]++;
  const list = exact.flatMap((e, i) => Array<string>(counts[i]).fill(e.stage));
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** The residents of the worker's communities as the problems look at them, in an order the seed decided (not by random ids). */
async function clientsOf(db: Db, communityIds: string[], today: string): Promise<Client[]> {
  const rows = await db
    .select({
      id: residents.id, communityId: residents.communityId, householdId: residents.householdId, birthDate: residents.birthDate, sex: residents.sex,
      marital: residents.maritalStatus, employment: residents.employment, health: residents.health, disabilityGrade: residents.disabilityGrade,
      incomeStatus: residents.incomeStatus, guardianName: residents.guardianName, guardianRelation: residents.guardianRelation, relation: residents.relationToHead,
      householdType: households.type, communityKind: orgUnits.kind,
      tags: sql<string[]>`array(select ${residentTags.tag} from ${residentTags} where ${residentTags.residentId} = ${residents.id} order by 1)`,
    })
    .from(residents)
    .innerJoin(orgUnits, eq(orgUnits.id, residents.communityId))
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(and(inArray(residents.communityId, communityIds), isNull(residents.archivedAt)))
    .orderBy(residents.namePinyin, residents.birthDate, residents.neighborhood, residents.building, residents.unit, residents.room);
  const people = rows.map((x) => ({ ...x, age: ageOn(x.birthDate, today) ?? 40 }));
  const homes = new Map<string, typeof people>();
  for (const p of people) if (p.householdId) homes.set(p.householdId, [...(homes.get(p.householdId) ?? []), p]);
  return people.map((p) => ({
    ...p, rural: p.communityKind === 'village',
    housemates: (p.householdId ? homes.get(p.householdId)! : []).filter((o) => o.id !== p.id).map((o) => ({ age: o.age, health: o.health, relation: o.relation })),
  }));
}

/**
 * Who the worker's cases are for: the restricted cases (for every resident of the worker's
 * communities with a restricted tag, when the worker may see restricted data) in service, and for
 * the other stages a client the problem fits (a problem drawn by weight among those that still fit
 * someone), each client once.
 */
function caseload(r: Rng, clients: Client[], stages: string[], restricted: boolean) {
  const used = new Set<string>();
  const out: { client: Client; problem: CaseProblem; status: string }[] = [];
  if (restricted) {
    for (const c of clients) {
      const tag = c.tags.find((t) => RESTRICTED_TAGS.includes(t));
      const i = stages.indexOf('active');
      if (!tag || i < 0) continue;
      stages.splice(i, 1);
      used.add(c.id);
      out.push({ client: c, problem: RESTRICTED_PROBLEMS[tag], status: 'active' });
    }
  }
  const fitting = new Map(PROBLEMS.map((p) => [p, clients.filter((c) => !c.tags.some((t) => RESTRICTED_TAGS.includes(t)) && p.fits(c))]));
  for (const status of stages) {
    const open = PROBLEMS.filter((p) => fitting.get(p)!.some((c) => !used.has(c.id)));
    if (!open.length) break;
    const problem = r.weighted(open.map((p) => [p, p.weight] as const));
    const free = fitting.get(problem)!.filter((c) => !used.has(c.id));
    const client = r.pick(free);
    used.add(client.id);
    out.push({ client, problem, status });
  }
  return out;
}

/** Contact dates from `from` to `to`, about every `every` days; at most `max` (then further apart, as casework thins out). */
function contactDates(r: Rng, from: string, to: string, every: number, max: number): string[] {
  const span = Math.max(0, daysBetween(from, to));
  const n = Math.min(max, Math.floor(span / every) + 1);
  const step = n > 1 ? span / (n - 1) : 0;
  const dates = Array.from({ length: n }, (_, k) => addDays(from, k === 0 || k === n - 1 ? Math.round(k * step) : Math.round(k * step) + r.int(-1, 1)));
  return [...new Set(dates)].sort();
}

/** The way of a service, as its record begins: 家访, 电话, 陪同 … (a meeting otherwise). */
function modeOf(content: string): string {
  const ways: [RegExp, string][] = [[/^家访|^走访|^回访/, 'home_visit'], [/^电话/, 'phone'], [/^陪同/, 'accompany'], [/视频/, 'online'], [/^小组/, 'group']];
  return ways.find(([re]) => re.test(content))?.[1] ?? 'interview';
}

const PREPLAN_RECORDS = ['接案面谈，了解基本情况与需求，签订服务协议', '家访，完成预估并与服务对象讨论服务目标', '电话沟通服务计划的内容与分工'];

/**
 * The demo cases of each worker (`count` in all), with their supervisor and approver:
 * problems that fit their clients (juvenile cases with the guardian on file), plans with goals and
 * tasks for the problem, service records at the pace the risk level asks, closures with 档号,
 * follow-ups. A worker's 我的待办 then reads like a day's work: a handful of items overdue.
 * Returns the cases, for the referral, ecomap and safeguarding seeds.
 */
export async function seedCases({ db, workers, count = 140, seed = 20161 }: { db: Db; workers: Worker[]; count?: number; seed?: number }) {
  const r: Rng = rng(seed);
  const today = chinaToday();
  const contactDays = new Map((await db.select({ code: riskLevels.code, days: riskLevels.contactDays }).from(riskLevels)).map((x) => [x.code, x.days]));
  const created: { id: string; status: string; kind: string; leadUserId: string; communityId: string; targetGroup: string | null }[] = [];
  const perWorker = Math.ceil(count / workers.length);
  const planned: (ReturnType<typeof caseload>[number] & { w: Worker; intakeDate: string })[] = [];
  for (const w of workers) {
    const clients = await clientsOf(db, w.communityIds, today);
    for (const x of caseload(r, clients, stagesFor(r, perWorker), !!w.restricted)) {
      const [lo, hi] = INTAKE_DAYS_AGO[x.status];
      planned.push({ ...x, w, intakeDate: addDays(today, -r.int(lo, hi)) });
    }
  }
  // Case numbers follow the intake dates, as they do when cases come in one by one.
  planned.sort((a, b) => a.intakeDate.localeCompare(b.intakeDate));
  const actives = new Map<string, number>();
  for (const { w, client, problem, status, intakeDate } of planned) {
    const kind = problem.kind ?? 'general';
    const juvenile = (ageOn(client.birthDate, intakeDate) ?? 99) < 18;
    const riskLevel = r.weighted([['high', problem.risk[0]], ['medium', problem.risk[1]], ['low', problem.risk[2]]] as const);
    const [c] = await db
      .insert(cases)
      .values({
        caseNo: await nextCaseNo(db, Number(intakeDate.slice(0, 4))), communityId: client.communityId, residentId: client.id, householdId: client.householdId,
        kind, restricted: kind !== 'general', juvenile, status, source: kind === 'general' ? r.pick(['self_referral', 'outreach', 'referral_in', 'home_visit', 'assigned']) : 'assigned',
        presentingProblem: problem.text, serviceArea: problem.serviceArea, targetGroup: problem.targetGroup, riskLevel, intakeDate,
        decision: status === 'intake' ? null : status === 'declined' ? 'decline' : status === 'referred_out' ? 'refer_out' : 'accept',
        decisionReason: status === 'declined' ? '服务对象暂无服务意愿' : status === 'referred_out' ? '需求超出本站服务范围，已转介专业机构' : null,
        // 未成年人: the guardian on the resident's record consents (个人信息保护法 第31条).
        consentBasis: kind === 'correction' ? 'legal_duty' : juvenile ? 'guardian_consent' : 'consent', consentDate: intakeDate, consentRecordedBy: w.id, consentRecordedAt: new Date(`${intakeDate}T10:00:00+08:00`),
        guardianName: juvenile ? client.guardianName : null, guardianRelation: juvenile ? client.guardianRelation : null,
        agreementSigned: status !== 'intake', agreementDate: status !== 'intake' ? intakeDate : null,
        leadUserId: w.id, supervisorUserId: w.supervisorId, createdBy: w.id, updatedBy: w.id,
      })
      .returning();
    const addedAt = new Date(`${intakeDate}T09:30:00+08:00`);
    await db.insert(caseTeam).values([{ caseId: c.id, userId: w.id, role: 'lead', addedAt }, ...(w.supervisorId ? [{ caseId: c.id, userId: w.supervisorId, role: 'supervisor', addedAt }] : [])]);
    await db.insert(caseEvents).values({ caseId: c.id, actorId: w.id, action: 'cases.intake', at: addedAt });
    created.push({ id: c.id, status, kind, leadUserId: w.id, communityId: c.communityId, targetGroup: problem.targetGroup });
    if (['intake', 'declined', 'referred_out'].includes(status)) continue;

    // Contacts at the pace the risk level asks (and the problem needs), the latest a few days ago;
    // a slipped case's latest is past its interval. Closed cases ran from 45 days to half a year.
    const interval = contactDays.get(riskLevel) ?? 14;
    const pace = Math.max(3, Math.min(problem.every, interval - 2));
    const open = status !== 'closed';
    const nth = actives.get(w.id) ?? 0;
    if (status === 'active') actives.set(w.id, nth + 1);
    const slipped = status === 'active' && nth % SLIPPED_EVERY === SLIPPED_EVERY / 2;
    const closeOn = open ? null : addDays(intakeDate, r.int(45, Math.min(180, daysBetween(intakeDate, today) - 3)));
    const last = closeOn ? addDays(closeOn, -3) : addDays(today, -(slipped ? interval + r.int(2, 12) : r.int(0, Math.min(pace, interval - 1))));
    const preplan = ['assessment', 'planning', 'plan_review'].includes(status);
    const dates = contactDates(r, addDays(intakeDate, 1) > last ? last : addDays(intakeDate, 1), last, pace, preplan ? 3 : 18);
    const plan = status === 'assessment' ? null : await insertPlan(db, r, { c, problem, status, w: w.id, approverId: w.approverId, today, intakeDate });
    const recs = dates.map((serviceDate, k) => {
      const end = serviceEnd(serviceDate, '11:00');
      // One record in twenty is entered after the 24 hours allowed (§7.2.3), for the supervisor to see.
      const entered = new Date(end.getTime() + (r.chance(0.05) ? r.int(30, 80) : r.int(1, 10)) * 3600_000);
      const content = preplan || !plan ? PREPLAN_RECORDS[Math.min(k, PREPLAN_RECORDS.length - 1)] : k === 0 ? PREPLAN_RECORDS[0] : r.pick(problem.records);
      const mode = modeOf(content);
      return {
        caseId: c.id, serviceDate, serviceEndAt: end, mode, durationMinutes: mode === 'phone' ? r.pick([10, 15, 20]) : r.pick([30, 45, 60, 90]), serviceArea: c.serviceArea,
        content,
        goalId: plan && !preplan && k > 0 ? r.pick(plan.goals).id : null, nextStep: problem.goals[0].tasks[0],
        late: isLateRecord(end, entered), createdAt: entered > new Date() ? new Date() : entered, createdBy: w.id,
      };
    });
    await db.insert(caseRecords).values(recs);
    await db.update(cases).set({ lastContactDate: last }).where(eq(cases.id, c.id));
    if (!plan) continue;
    await insertTasks(db, r, { c, problem, plan, status, w: w.id, today, intakeDate, next: preplan ? addDays(today, r.int(5, 14)) : addDays(last, pace) });
    if (!['closure_review', 'closed'].includes(status)) continue;
    await db.update(caseGoals).set({ attainment: r.pick(['achieved', 'mostly', 'partly']) }).where(eq(caseGoals.planId, plan.plan.id));
    const closedOn = closeOn ?? [addDays(last, r.int(1, 3)), today].sort()[0];
    const closedAt = new Date(`${closedOn}T16:00:00+08:00`);
    const set: Partial<typeof cases.$inferInsert> = {
      closureReason: 'goals_met', closureSummary: '服务目标基本达成，服务对象情况稳定，已建立家庭与社区支持。', clientFeedback: '感谢社工的陪伴和帮助', closureRequestedAt: closedAt, closureRequestedBy: w.id,
    };
    if (status === 'closed') {
      const retention = retentionFor(c);
      Object.assign(set, { closedAt, closedBy: w.approverId, archiveNo: await issueArchiveNo({ db, communityId: c.communityId, retention, closedAt }), retention });
    }
    await db.update(cases).set(set).where(eq(cases.id, c.id));
    if (status !== 'closed') continue;
    const due = addDays(closedOn, 30);
    // A follow-up long past was made (with its record); recent ones are still due.
    if (due < addDays(today, -7)) {
      const doneAt = serviceEnd(due, '12:00');
      const [f] = await db.insert(caseFollowups).values({ caseId: c.id, kind: 'after_closure', dueDate: due, assigneeUserId: w.id, createdBy: w.id, doneAt }).returning({ id: caseFollowups.id });
      const [fr] = await db
        .insert(caseRecords)
        .values({
          caseId: c.id, kind: 'followup', followupId: f.id, serviceDate: due, serviceEndAt: serviceEnd(due, '10:00'), mode: 'phone', durationMinutes: 15,
          serviceArea: c.serviceArea, content: '结案回访：服务对象情况稳定，无新的服务需要。', late: false, createdAt: doneAt, createdBy: w.id,
        })
        .returning({ id: caseRecords.id });
      await db.update(caseFollowups).set({ recordId: fr.id }).where(eq(caseFollowups.id, f.id));
    } else {
      await db.insert(caseFollowups).values({ caseId: c.id, kind: 'after_closure', dueDate: due, assigneeUserId: w.id, createdBy: w.id });
    }
  }
  return created;
}

type PlanCtx = { c: typeof cases.$inferSelect; problem: CaseProblem; status: string; w: string; approverId: string; today: string; intakeDate: string };

/** The plan written for the problem: its two goals, submitted, returned or approved as the stage says. */
async function insertPlan(db: Db, r: Rng, { c, problem, status, w, approverId, today, intakeDate }: PlanCtx) {
  const planStatus = status === 'planning' ? (r.chance(0.3) ? 'returned' : 'draft') : status === 'plan_review' ? 'submitted' : 'approved';
  const reviewed = ['returned', 'approved'].includes(planStatus);
  const reviewedOn = [addDays(intakeDate, r.int(8, 14)), today].sort()[0];
  const start = status === 'planning' || status === 'plan_review' ? addDays(today, r.int(2, 7)) : addDays(intakeDate, 7);
  const [plan] = await db
    .insert(casePlans)
    .values({
      caseId: c.id, status: planStatus, strategy: '以优势视角为基础，整合家庭与社区资源', roles: '社工：评估与资源链接；服务对象：按时参与；家属：日常支持',
      startDate: start, endDate: addDays(start, 180), createdBy: w, submittedBy: planStatus === 'draft' ? null : w,
      reviewComment: planStatus === 'returned' ? '目标指标不够具体，请补充可测量的标准' : planStatus === 'approved' ? '同意' : null,
      reviewedBy: reviewed ? approverId : null,
      reviewedAt: reviewed ? new Date(`${reviewedOn}T15:00:00+08:00`) : null,
    })
    .returning();
  const goals = await db
    .insert(caseGoals)
    .values(problem.goals.map((g, position) => ({ caseId: c.id, planId: plan.id, position, title: g.title, indicator: g.indicator, baseline: g.baseline, target: g.target })))
    .returning();
  return { plan, goals };
}

/**
 * The plan's tasks: the recurring contact (goal one's first task) next due a contact interval after
 * the latest contact (so overdue only where the worker has slipped); one-off tasks due over the
 * plan, done once past (a few left open late). A case in review or closed has them all done.
 */
async function insertTasks(
  db: Db,
  r: Rng,
  { c, problem, plan, status, w, today, intakeDate, next }: Omit<PlanCtx, 'approverId'> & { plan: Awaited<ReturnType<typeof insertPlan>>; next: string },
) {
  const finished = status === 'closure_review' || status === 'closed';
  const rows = problem.goals.flatMap((g, gi) =>
    g.tasks.map((title, ti) => {
      const recurring = gi === 0 && ti === 0;
      const planned = recurring ? next : status === 'planning' || status === 'plan_review' ? addDays(today, r.int(10, 40)) : addDays(intakeDate, r.int(14, 200));
      // A one-off task left undone is a few days to three weeks late, not months.
      const late = !finished && !recurring && planned < today && r.chance(TASK_LATE);
      const due = late ? addDays(today, -r.int(2, 20)) : planned;
      const done = finished || (!recurring && due < today && !late);
      return { caseId: c.id, planId: plan.plan.id, goalId: plan.goals[gi].id, title, ownerUserId: w, dueDate: due, status: done ? 'done' : 'open' };
    }),
  );
  await db.insert(caseTasks).values(rows.map((t, position) => ({ ...t, position })));
}

