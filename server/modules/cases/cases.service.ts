import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { RESTRICTED_CASE_KINDS } from '../../../common/codes/case.codes';
import { chinaToday } from '../../../common/dates';
import type { Page } from '../../../common/schemas/common.schema';
import type {
  Case, CaseAbilities, CaseEvent, CaseIntakeInput, CaseListItem, CaseListQuery, CaseTeamMember, CaseUpdateInput,
} from '../../../common/schemas/cases.schema';
import { caseIntakeInput } from '../../../common/schemas/cases.schema';
import { parallel, type Db } from '../../db/client';
import { nextCaseNo } from '../../db/seed/case.builders';
import { can, type Actor } from '../../lib/actor';
import { AppError, fieldError, versionConflict } from '../../lib/errors';
import { writeAudit } from '../audit/audit.service';
import { orgUnits } from '../orgs/orgs.table';
import { ageOn } from '../residents/residents.presenter';
import { canViewResident } from '../residents/residents.policy';
import { residents } from '../residents/residents.table';
import { users } from '../users/users.table';
import { caseAbilities, loadCase, recordCaseEvent, type LoadedCase } from './cases.access';
import { presentApproval } from './cases.approval';
import { canJoinCase } from './cases.members';
import { hasCaseAssessment } from '../assessments/assessments.service';
import { currentPlan } from './cases.plan';
import { canLeadCase, visibleCasesWhere } from './cases.policy';
import { resolveRiskLevel } from '../settings/settings.service';
import { riskLevels } from '../settings/settings.table';
import { presentCase, presentCaseListItem, presentEvent, presentFollowup } from './cases.presenter';
import { canTransition, endAction, TRANSITIONS, type CaseAction } from './cases.rules';
import { caseEvents, caseFollowups, caseRecords, cases, caseTeam } from './cases.table';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/** Display names of users, by id. */
export async function userNames(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function listWhere(actor: Actor, q: CaseListQuery): SQL {
  const where: SQL[] = [visibleCasesWhere(actor)];
  if (q.mine === 'me') where.push(eq(cases.leadUserId, actor.userId));
  if (q.mine === 'team') where.push(sql`${cases.id} in (select case_id from case_team where user_id = ${actor.userId} and active)`);
  if (q.status?.length) where.push(inArray(cases.status, q.status));
  if (q.riskLevel) where.push(eq(cases.riskLevel, q.riskLevel));
  if (q.serviceArea) where.push(eq(cases.serviceArea, q.serviceArea));
  if (q.kind) where.push(eq(cases.kind, q.kind));
  if (q.communityId) where.push(eq(cases.communityId, q.communityId));
  if (q.residentId) where.push(eq(cases.residentId, q.residentId));
  if (q.leadUserId) where.push(eq(cases.leadUserId, q.leadUserId));
  if (q.q) {
    const s = q.q.trim();
    where.push(/^GA-/i.test(s) ? ilike(cases.caseNo, `${escapeLike(s)}%`) : or(ilike(residents.name, `%${escapeLike(s)}%`), ilike(cases.caseNo, `%${escapeLike(s)}%`))!);
  }
  return and(...where)!;
}

const SORT = { updatedAt: cases.updatedAt, intakeDate: cases.intakeDate, lastContactDate: cases.lastContactDate, caseNo: cases.caseNo };

/**
 * The cases the caller may see (team, or scope for overseers), filtered and paged. The page is cut
 * from `cases` alone (joined to residents only for a name search) and names are joined to its rows
 * afterwards. Restricted ones shown are audited.
 */
export async function listCases({ db, actor, query }: { db: Db; actor: Actor; query: CaseListQuery }): Promise<Page<CaseListItem>> {
  const where = listWhere(actor, query);
  const dir = query.order === 'asc' ? asc : desc;
  const byName = !!query.q && !/^GA-/i.test(query.q.trim());
  const base = () => {
    const q = db.select({ id: cases.id }).from(cases);
    return byName ? q.innerJoin(residents, eq(residents.id, cases.residentId)) : q;
  };
  const pageIds = base()
    .where(where)
    .orderBy(sql`${dir(SORT[query.sort])} nulls last`, dir(cases.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .as('page_ids');
  const [rows, [{ total }]] = await parallel(db, [
    () => db
      .select({
        id: cases.id, caseNo: cases.caseNo, residentId: cases.residentId, communityId: cases.communityId, kind: cases.kind, restricted: cases.restricted,
        status: cases.status, riskLevel: cases.riskLevel, serviceArea: cases.serviceArea, targetGroup: cases.targetGroup, intakeDate: cases.intakeDate,
        lastContactDate: cases.lastContactDate, leadUserId: cases.leadUserId, updatedAt: cases.updatedAt, contactDays: riskLevels.contactDays,
        clientName: residents.name, communityName: orgUnits.name, leadName: users.displayName,
        recordCount: sql<number>`(select count(*)::int from ${caseRecords} where ${caseRecords.caseId} = ${cases.id})`,
      })
      .from(pageIds)
      .innerJoin(cases, eq(cases.id, pageIds.id))
      .innerJoin(residents, eq(residents.id, cases.residentId))
      .innerJoin(orgUnits, eq(orgUnits.id, cases.communityId))
      .leftJoin(users, eq(users.id, cases.leadUserId))
      .innerJoin(riskLevels, eq(riskLevels.code, cases.riskLevel))
      .orderBy(sql`${dir(SORT[query.sort])} nulls last`, dir(cases.id)),
    () => byName
      ? db.select({ total: count() }).from(cases).innerJoin(residents, eq(residents.id, cases.residentId)).where(where)
      : db.select({ total: count() }).from(cases).where(where),
  ]);
  const restricted = rows.filter((r) => r.restricted);
  if (restricted.length) {
    await writeAudit({ db, actor, action: 'cases.view_restricted', entityType: 'case', detail: { via: 'list', caseIds: restricted.map((r) => r.id) } });
  }
  const today = chinaToday();
  return { data: rows.map((r) => presentCaseListItem(r, today)), total };
}

export async function caseTeamOf(db: Db, caseId: string): Promise<CaseTeamMember[]> {
  const rows = await db
    .select({ t: caseTeam, name: users.displayName })
    .from(caseTeam)
    .leftJoin(users, eq(users.id, caseTeam.userId))
    .where(eq(caseTeam.caseId, caseId))
    .orderBy(desc(caseTeam.active), asc(caseTeam.addedAt));
  return rows.map(({ t, name }) => ({
    id: t.id, role: t.role, userId: t.userId, name: name ?? t.externalName ?? '', org: t.externalOrg, discipline: t.discipline, contact: t.contact,
    active: t.active, addedAt: t.addedAt.toISOString(),
  }));
}

/**
 * The case as its page shows it, with the caller's abilities: the whole file, or the summary a
 * manager off the team reads (with the plan or closure request they are to approve).
 */
export async function presentLoaded(db: Db, actor: Actor, c: LoadedCase): Promise<{ data: Case; abilities: CaseAbilities }> {
  const r = c.row;
  const abilities = caseAbilities(actor, c);
  const parts = { file: abilities.readFile, plan: abilities.readFile || abilities.approve, closure: abilities.readFile || (abilities.approve && r.status === 'closure_review') };
  const [[client], team, plan, followups, [counts], names] = await parallel(db, [
    () => db
      .select({
        resident: residents, communityName: orgUnits.name,
        contactDays: sql<number>`(select ${riskLevels.contactDays} from ${riskLevels} where ${riskLevels.code} = ${r.riskLevel})`,
      })
      .from(residents).innerJoin(orgUnits, eq(orgUnits.id, r.communityId)).where(eq(residents.id, r.residentId)),
    () => caseTeamOf(db, r.id),
    () => (parts.plan ? currentPlan(db, r.id) : Promise.resolve(null)),
    () => db.select({ f: caseFollowups, assignee: users.displayName }).from(caseFollowups).leftJoin(users, eq(users.id, caseFollowups.assigneeUserId))
      .where(eq(caseFollowups.caseId, r.id)).orderBy(asc(caseFollowups.dueDate)),
    () => db.select({ n: count(), late: sql<number>`count(*) filter (where ${caseRecords.late})::int` }).from(caseRecords).where(eq(caseRecords.caseId, r.id)),
    () => userNames(db, [r.leadUserId, r.supervisorUserId, r.closedBy, r.consentRecordedBy, c.submittedBy]),
  ]);
  return {
    data: presentCase(r, {
      client: client.resident, communityName: client.communityName, contactDays: client.contactDays, names, team, plan,
      followups: followups.map(({ f, assignee }) => presentFollowup(f, assignee)),
      recordCount: counts.n, lateRecordCount: counts.late, approval: await presentApproval(db, c, names), parts,
    }),
    abilities,
  };
}

export async function getCase({ db, actor, id }: { db: Db; actor: Actor; id: string }) {
  return presentLoaded(db, actor, await loadCase({ db, actor, id, need: 'summary' }));
}

/**
 * The supervisor named at intake (canJoinCase: active, covering the community, with restricted
 * rights there for a restricted kind). Without one: the worker's own supervisor, or a supervisor
 * opening the case themselves, when eligible; else none yet (approvals then go to the scope's
 * supervisors and agency heads, cases.approval).
 */
async function intakeSupervisor(db: Db, actor: Actor, chosen: string | null | undefined, c: { communityId: string; restricted: boolean }): Promise<string | null> {
  if (chosen) {
    if (await canJoinCase(db, chosen, c, 'supervisor')) return chosen;
    throw fieldError('supervisorUserId', 'invalid', c.restricted ? '请选择负责该社区、有权查看受限信息的督导' : '请选择负责该社区的督导');
  }
  const [me] = await db.select({ supervisorId: users.supervisorId }).from(users).where(eq(users.id, actor.userId));
  for (const id of [me?.supervisorId, can(actor, 'cases.approve') ? actor.userId : null]) {
    if (id && (await canJoinCase(db, id, c, 'supervisor'))) return id;
  }
  return null;
}

/**
 * Whether the client is a minor at intake: from the birth date, or — when none is recorded — as the
 * worker says (未成年人保护法: a minor's case needs a guardian and is kept as a juvenile file).
 */
function minorAtIntake(birthDate: string | null, intakeDate: string, said: boolean | null | undefined): boolean {
  if (birthDate) return (ageOn(birthDate, intakeDate) ?? 99) < 18;
  if (said == null) throw fieldError('clientIsMinor', 'required', '该居民未登记出生日期，请选择服务对象是否未成年');
  return said;
}

/** 接案: a case for a resident of the caller's communities, with the caller as lead and a supervisor (intakeSupervisor). */
export async function intakeCase({ db, actor, input }: { db: Db; actor: Actor; input: CaseIntakeInput }) {
  const v = caseIntakeInput.parse(input);
  return db.transaction(async (tx) => {
    const [client] = await tx.select().from(residents).where(eq(residents.id, v.residentId));
    if (!client || client.archivedAt || !canViewResident(actor, client)) throw fieldError('residentId', 'invalid', '只能为您负责社区的居民建立个案');
    const intakeDate = v.intakeDate ?? chinaToday();
    if (intakeDate > chinaToday()) throw fieldError('intakeDate', 'future_date', '日期不能晚于今天');
    const juvenile = minorAtIntake(client.birthDate, intakeDate, v.clientIsMinor);
    if (juvenile && !v.guardianName) throw fieldError('guardianName', 'guardian.required_for_minor', '未成年人须登记监护人');
    const restricted = RESTRICTED_CASE_KINDS.includes(v.kind);
    const supervisorUserId = await intakeSupervisor(tx, actor, v.supervisorUserId, { communityId: client.communityId, restricted });
    const [row] = await tx
      .insert(cases)
      .values({
        caseNo: await nextCaseNo(tx, Number(intakeDate.slice(0, 4))),
        communityId: client.communityId,
        residentId: client.id,
        householdId: client.householdId,
        kind: v.kind,
        restricted,
        juvenile,
        source: v.source,
        referralSourceNote: v.referralSourceNote ?? null,
        presentingProblem: v.presentingProblem,
        serviceArea: v.serviceArea,
        targetGroup: v.targetGroup ?? null,
        riskLevel: await resolveRiskLevel(tx, v.riskLevel),
        intakeDate,
        consentBasis: v.consentBasis ?? null,
        consentDate: v.consentBasis ? (v.consentDate ?? intakeDate) : null,
        consentNote: v.consentNote ?? null,
        consentRecordedBy: v.consentBasis ? actor.userId : null,
        consentRecordedAt: v.consentBasis ? new Date() : null,
        agreementSigned: v.agreementSigned,
        agreementDate: v.agreementSigned ? (v.agreementDate ?? intakeDate) : null,
        guardianName: v.guardianName ?? null,
        guardianRelation: v.guardianRelation ?? null,
        leadUserId: actor.userId,
        supervisorUserId,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    await tx.insert(caseTeam).values([
      { caseId: row.id, userId: actor.userId, role: 'lead' },
      ...(supervisorUserId && supervisorUserId !== actor.userId ? [{ caseId: row.id, userId: supervisorUserId, role: 'supervisor' }] : []),
    ]);
    const c: LoadedCase = { row, access: { communityId: row.communityId, restricted: row.restricted, juvenile, myRoles: ['lead'] } };
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.intake', detail: { source: v.source, kind: v.kind } });
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id: row.id, audit: false }));
  });
}

const UPDATABLE = ['presentingProblem', 'serviceArea', 'targetGroup', 'riskLevel', 'referralSourceNote', 'consentBasis', 'consentDate', 'consentNote', 'agreementSigned', 'agreementDate', 'guardianName', 'guardianRelation'] as const;

/** Edits the facts of a case (not its stage); the lead or supervisor, with a version check. */
export async function updateCase({ db, actor, id, input }: { db: Db; actor: Actor; id: string; input: CaseUpdateInput }) {
  return db.transaction(async (tx) => {
    const c = await loadCase({ db: tx, actor, id, lock: true });
    if (!canLeadCase(actor, c.access)) throw new AppError('auth.forbidden', 403);
    if (input.version !== undefined && input.version !== c.row.version) throw versionConflict(c.row.version);
    const set: Record<string, unknown> = {};
    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of UPDATABLE) {
      const v = (input as Record<string, unknown>)[k];
      if (v === undefined || v === c.row[k]) continue;
      if (k === 'riskLevel') await resolveRiskLevel(tx, v as string);
      set[k] = v;
      changes[k] = [c.row[k], v];
    }
    if ('consentBasis' in changes) {
      Object.assign(set, { consentRecordedBy: actor.userId, consentRecordedAt: new Date(), consentDate: input.consentDate ?? (input.consentBasis ? chinaToday() : null) });
    }
    if (Object.keys(set).length) {
      await tx.update(cases).set(set).where(eq(cases.id, id));
      await recordCaseEvent({ db: tx, actor, c, action: 'cases.update', detail: { fields: Object.keys(changes) } });
    }
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id, audit: false }));
  });
}

/** 409 unless the action is allowed from the case's current stage. */
export function assertTransition(c: LoadedCase, action: CaseAction): void {
  if (!canTransition(action, c.row.status)) throw new AppError('cases.invalid_transition', 409, { status: c.row.status, action });
}

/** 接案 decision: accept (→ 预估), refer out, or decline, the last two with a reason. Accepting needs consent or a legal basis. */
export async function decideCase({ db, actor, id, decision, reason }: { db: Db; actor: Actor; id: string; decision: 'accept' | 'refer_out' | 'decline'; reason?: string | null }) {
  return db.transaction(async (tx) => {
    const c = await loadCase({ db: tx, actor, id, lock: true });
    if (!canLeadCase(actor, c.access)) throw new AppError('auth.forbidden', 403);
    assertTransition(c, decision);
    if (decision !== 'accept' && !reason) throw fieldError('reason', 'required', '请填写原因');
    // 个人信息保护法 第13条: processing the client's data for the service needs consent or a legal basis.
    if (decision === 'accept' && !c.row.consentBasis) throw new AppError('cases.consent_required', 409);
    await tx.update(cases).set({ decision, decisionReason: reason ?? null, decidedAt: new Date(), decidedBy: actor.userId }).where(eq(cases.id, id));
    await recordCaseEvent({ db: tx, actor, c, action: `cases.${decision}`, toStatus: TRANSITIONS[decision].to, note: reason });
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id, audit: false }));
  });
}

/** 预估 done: on to 计划 — only once an assessment of the case is recorded (MZ/T 094—2017: the plan rests on the 预估). */
export async function startPlanning({ db, actor, id, note }: { db: Db; actor: Actor; id: string; note?: string | null }) {
  return db.transaction(async (tx) => {
    const c = await loadCase({ db: tx, actor, id, lock: true });
    if (!canLeadCase(actor, c.access)) throw new AppError('auth.forbidden', 403);
    assertTransition(c, 'start_planning');
    if (!(await hasCaseAssessment({ db: tx, caseId: id }))) throw new AppError('cases.assessment_required', 409);
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.start_planning', toStatus: 'planning', note });
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id, audit: false }));
  });
}

/**
 * Ends a case in 预估 or 计划 before any service, for a reason (END_REASONS: the client withdrew,
 * moved away, died, was referred elsewhere …) with the worker's note, kept in the history.
 */
export async function endCase({ db, actor, id, reason, note }: { db: Db; actor: Actor; id: string; reason: string; note: string }) {
  return db.transaction(async (tx) => {
    const c = await loadCase({ db: tx, actor, id, lock: true });
    if (!canLeadCase(actor, c.access)) throw new AppError('auth.forbidden', 403);
    const action = endAction(reason);
    assertTransition(c, action);
    await tx.update(cases).set({ endReason: reason, endNote: note }).where(eq(cases.id, id));
    await recordCaseEvent({ db: tx, actor, c, action: `cases.${action}`, toStatus: TRANSITIONS[action].to, note, detail: { reason } });
    return presentLoaded(tx, actor, await loadCase({ db: tx, actor, id, audit: false }));
  });
}

/** The case's history, newest first. */
export async function listCaseEvents({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<Page<CaseEvent>> {
  await loadCase({ db, actor, id });
  const rows = await db.select().from(caseEvents).where(eq(caseEvents.caseId, id)).orderBy(desc(caseEvents.at));
  const names = await userNames(db, rows.map((r) => r.actorId));
  return { data: rows.map((e) => presentEvent(e, e.actorId ? (names.get(e.actorId) ?? null) : null)), total: rows.length };
}

