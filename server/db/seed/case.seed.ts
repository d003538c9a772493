import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { chinaToday } from '../../../common/dates';
import { caseEvents, caseFollowups, caseGoals, casePlans, caseRecords, cases, caseTasks, caseTeam } from '../../modules/cases/cases.table';
import { issueArchiveNo } from '../../modules/cases/cases.closure';
import { addDays, isLateRecord, retentionFor, serviceEnd } from '../../modules/cases/cases.rules';
import { residents, residentTags } from '../../modules/residents/residents.table';
import type { Db } from '../client';
import { rng, type Rng } from './builders';
import { nextCaseNo } from './case.builders';

const PROBLEMS: [string, string, string][] = [
  ['独居，近期跌倒后不敢出门，情绪低落', 'community_care', 'elderly'],
  ['高龄老人照护压力大，子女在外地', 'community_care', 'elderly'],
  ['留守儿童学业困难，与祖辈沟通不畅', 'community_care', 'children'],
  ['残疾人就业受挫，希望参加技能培训', 'community_care', 'disabled'],
  ['低保家庭子女辍学风险', 'community_care', 'assistance'],
  ['外来务工人员子女入学困难', 'integration', 'migrants'],
  ['拆迁安置后邻里关系紧张', 'integration', 'resettled'],
  ['出院后居家康复需要支持', 'community_care', 'patients'],
  ['丧偶后哀伤情绪明显', 'community_care', 'emergency'],
  ['邻里噪音纠纷反复发生', 'integration', null as unknown as string],
];
const CONTENTS = ['家访，了解近况并评估居家安全', '电话跟进，确认服务对象情绪稳定', '陪同前往社区卫生服务中心复诊', '面谈，运用认知行为技巧调整负面想法', '链接志愿者提供每周探访', '协助申请临时救助并准备材料', '与家属沟通照护分工'];
const STAGES: [string, number][] = [
  ['intake', 12], ['assessment', 18], ['planning', 18], ['plan_review', 14], ['active', 140], ['closure_review', 14], ['closed', 74], ['declined', 5], ['referred_out', 5],
];

/**
 * A worker, their case supervisor (one whose post covers their communities, or none) and who approves
 * their plans and closures: the supervisor, else the agency head standing in (cases.policy canApproveCase).
 */
type Worker = { id: string; communityIds: string[]; supervisorId: string | null; approverId: string };

/**
 * About 300 demo cases across every stage for the workers given, with their supervisors: plans,
 * records (some late), closures with 档号, follow-ups; a few restricted cases for residents with a
 * restricted tag. Returns the ids of the cases, for the referral, ecomap and safeguarding seeds.
 */
export async function seedCases({ db, workers, count = 300, seed = 20161 }: { db: Db; workers: Worker[]; count?: number; seed?: number }) {
  const r: Rng = rng(seed);
  const today = chinaToday();
  const created: { id: string; status: string; kind: string; leadUserId: string; communityId: string }[] = [];
  const perWorker = Math.ceil(count / workers.length);
  for (const w of workers) {
    const supervisorId = w.supervisorId;
    const adults = await db
      .select({ id: residents.id, communityId: residents.communityId, householdId: residents.householdId })
      .from(residents)
      .where(and(inArray(residents.communityId, w.communityIds), isNull(residents.archivedAt), sql`${residents.birthDate} < ${addDays(today, -18 * 366)}`))
      // In an order the seed itself decided (names, births, addresses come from its rng), not by the
      // random ids: the same demo on every fresh start.
      .orderBy(residents.namePinyin, residents.birthDate, residents.neighborhood, residents.building, residents.unit, residents.room)
      .limit(perWorker * 3);
    const restricted = await db
      .selectDistinct({ id: residentTags.residentId, tag: residentTags.tag, pinyin: residents.namePinyin, birthDate: residents.birthDate })
      .from(residentTags)
      .innerJoin(residents, eq(residents.id, residentTags.residentId))
      .where(and(inArray(residentTags.communityId, w.communityIds), inArray(residentTags.tag, ['community_correction', 'drug_rehab', 'dv_victim'])))
      .orderBy(residentTags.tag, residents.namePinyin, residents.birthDate)
      .limit(3);
    const kindOf = new Map(restricted.map((x) => [x.id, ({ community_correction: 'correction', drug_rehab: 'drug_rehab', dv_victim: 'domestic_violence' } as Record<string, string>)[x.tag]]));
    const clients = [...restricted.map((x) => adults.find((a) => a.id === x.id)).filter((x): x is (typeof adults)[number] => !!x), ...adults.filter((a) => !kindOf.has(a.id))];
    for (let i = 0; i < perWorker && i < clients.length && created.length < count; i++) {
      const client = clients[i * 2 % clients.length];
      const status = r.weighted(STAGES);
      const kind = kindOf.get(client.id) ?? 'general';
      const [problem, area, group] = r.pick(PROBLEMS);
      const intakeDate = addDays(today, -r.int(status === 'intake' ? 0 : 20, 330));
      const [c] = await db
        .insert(cases)
        .values({
          caseNo: await nextCaseNo(db, Number(intakeDate.slice(0, 4))), communityId: client.communityId, residentId: client.id, householdId: client.householdId,
          kind, restricted: kind !== 'general', status, source: r.pick(['self_referral', 'outreach', 'referral_in', 'home_visit', 'assigned']),
          presentingProblem: problem, serviceArea: kind === 'correction' ? 'correction' : kind === 'drug_rehab' ? 'drug_rehab' : area, targetGroup: group ?? null,
          riskLevel: kind !== 'general' ? 'high' : r.weighted([['high', 1], ['medium', 3], ['low', 4]] as const), intakeDate,
          decision: status === 'intake' ? null : status === 'declined' ? 'decline' : status === 'referred_out' ? 'refer_out' : 'accept',
          decisionReason: status === 'declined' ? '服务对象暂无服务意愿' : status === 'referred_out' ? '需求属医疗范畴，转介区人民医院' : null,
          consentBasis: kind === 'correction' ? 'legal_duty' : 'consent', consentDate: intakeDate, consentRecordedBy: w.id, consentRecordedAt: new Date(`${intakeDate}T10:00:00+08:00`),
          agreementSigned: status !== 'intake', agreementDate: status !== 'intake' ? intakeDate : null,
          leadUserId: w.id, supervisorUserId: supervisorId, createdBy: w.id, updatedBy: w.id,
        })
        .returning();
      const addedAt = new Date(`${intakeDate}T09:30:00+08:00`);
      await db.insert(caseTeam).values([{ caseId: c.id, userId: w.id, role: 'lead', addedAt }, ...(supervisorId ? [{ caseId: c.id, userId: supervisorId, role: 'supervisor', addedAt }] : [])]);
      await db.insert(caseEvents).values({ caseId: c.id, actorId: w.id, action: 'cases.intake', at: new Date(`${intakeDate}T09:30:00+08:00`) });
      created.push({ id: c.id, status, kind, leadUserId: w.id, communityId: c.communityId });
      if (['intake', 'assessment', 'declined', 'referred_out'].includes(status)) continue;
      const planStatus = status === 'planning' ? (r.chance(0.3) ? 'returned' : 'draft') : status === 'plan_review' ? 'submitted' : 'approved';
      const [plan] = await db
        .insert(casePlans)
        .values({
          caseId: c.id, status: planStatus, strategy: '以优势视角为基础，整合家庭与社区资源', roles: '社工：评估与资源链接；服务对象：按时参与；家属：日常照护',
          startDate: addDays(intakeDate, 7), endDate: addDays(intakeDate, 180), createdBy: w.id, submittedBy: planStatus === 'draft' ? null : w.id,
          reviewComment: planStatus === 'returned' ? '目标指标不够具体，请补充可测量的标准' : planStatus === 'approved' ? '同意' : null,
          reviewedBy: ['returned', 'approved'].includes(planStatus) ? w.approverId : null,
          reviewedAt: ['returned', 'approved'].includes(planStatus) ? new Date(`${addDays(intakeDate, 10)}T15:00:00+08:00`) : null,
        })
        .returning();
      const goals = await db
        .insert(caseGoals)
        .values([
          { caseId: c.id, planId: plan.id, position: 0, title: '改善情绪状态', indicator: '情绪自评量表得分提高 20%', baseline: '自评 40 分', target: '自评 48 分以上' },
          { caseId: c.id, planId: plan.id, position: 1, title: '扩展社会支持', indicator: '每月参加社区活动不少于 2 次', baseline: '0 次', target: '2 次/月' },
        ])
        .returning();
      const closedish = ['closure_review', 'closed'].includes(status);
      await db.insert(caseTasks).values([
        { caseId: c.id, planId: plan.id, goalId: goals[0].id, position: 0, title: '每两周家访一次', ownerUserId: w.id, dueDate: addDays(today, r.int(-5, 10)), status: closedish ? 'done' : 'open' },
        { caseId: c.id, planId: plan.id, goalId: goals[1].id, position: 1, title: '链接社区老年活动中心', ownerUserId: w.id, dueDate: addDays(today, r.int(-3, 20)), status: closedish || r.chance(0.4) ? 'done' : 'open' },
      ]);
      if (!['active', 'closure_review', 'closed'].includes(status)) continue;
      const n = r.int(2, 8);
      // Open cases were seen recently (one in seven has slipped past its contact interval); closed ones
      // were served in the months after intake.
      const open = status !== 'closed';
      const gap = r.int(5, 12);
      const lastDate = open ? addDays(today, -(r.chance(0.15) ? r.int(35, 60) : r.int(0, 6))) : addDays(intakeDate, 10 + (n - 1) * gap);
      const recs = Array.from({ length: n }, (_, k) => {
        const d = addDays(lastDate, -(n - 1 - k) * gap);
        const serviceDate = d < intakeDate ? intakeDate : d > today ? today : d;
        const end = serviceEnd(serviceDate, '11:00');
        const entered = new Date(end.getTime() + (r.chance(0.1) ? r.int(30, 80) : r.int(1, 10)) * 3600_000);
        return {
          caseId: c.id, serviceDate, serviceEndAt: end, mode: r.pick(['home_visit', 'interview', 'phone', 'accompany']),
          durationMinutes: r.pick([20, 30, 45, 60, 90]), serviceArea: c.serviceArea, content: r.pick(CONTENTS), goalId: r.pick(goals).id, nextStep: '两周后再次家访',
          late: isLateRecord(end, entered), createdAt: entered > new Date() ? new Date() : entered, createdBy: w.id,
        };
      });
      await db.insert(caseRecords).values(recs);
      const last = recs.map((x) => x.serviceDate).sort().at(-1)!;
      await db.update(cases).set({ lastContactDate: last }).where(eq(cases.id, c.id));
      if (!closedish) continue;
      await db.update(caseGoals).set({ attainment: r.pick(['achieved', 'mostly', 'partly']) }).where(eq(caseGoals.planId, plan.id));
      const closedAt = new Date(`${addDays(last, 3) > today ? today : addDays(last, 3)}T16:00:00+08:00`);
      const set: Partial<typeof cases.$inferInsert> = {
        closureReason: 'goals_met', closureSummary: '服务目标基本达成，服务对象情绪稳定，已建立邻里支持。', clientFeedback: '感谢社工的陪伴', closureRequestedAt: closedAt, closureRequestedBy: w.id,
      };
      if (status === 'closed') {
        const retention = retentionFor(c);
        Object.assign(set, { closedAt, closedBy: w.approverId, archiveNo: await issueArchiveNo({ db, communityId: c.communityId, retention, closedAt }), retention });
      }
      await db.update(cases).set(set).where(eq(cases.id, c.id));
      const due = addDays(closedAt.toISOString().slice(0, 10), 30);
      // A follow-up long past was made (with its record); recent ones are still due.
      if (status === 'closed' && due < addDays(today, -7)) {
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
  }
  return created;
}
