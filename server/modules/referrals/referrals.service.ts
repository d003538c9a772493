import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ERROR_MESSAGES } from '../../../common/errors';
import { chinaToday } from '../../../common/dates';
import type { Page } from '../../../common/schemas/common.schema';
import type {
  IncomingReferralInput, Referral, ReferralCreateInput, ReferralIntakePrefill, ReferralListQuery, ReferralTargetUnit,
} from '../../../common/schemas/referrals.schema';
import { parallel, type Db } from '../../db/client';
import { can, type Actor } from '../../lib/actor';
import { AppError, fieldError, notFound, versionConflict } from '../../lib/errors';
import { writeAudit } from '../audit/audit.service';
import { loadCase, loadCaseForWork, recordCaseEvent, type LoadedCase } from '../cases/cases.access';
import { caseFileWhere } from '../cases/cases.policy';
import { cases, caseTeam } from '../cases/cases.table';
import { orgUnits } from '../orgs/orgs.table';
import { residents } from '../residents/residents.table';
import { users } from '../users/users.table';
import {
  coveredUnitsSql, directoryUnitsSql, referralAbilities, residentReferralsWhere, sideMayAct, visibleReferralsWhere, visibleResourcesWhere,
} from './referrals.policy';
import { answerOnBehalf, intakePrefill, presentReferral, targetParty, type ReferralJoined } from './referrals.presenter';
import {
  addDays, FEEDBACK_DAYS, REFERRING_CASE_STATUSES, TARGET_UNIT_KINDS, TRANSITIONS, WAITING_STATUSES, type ReferralAction,
} from './referrals.rules';
import { caseReferrals, resources } from './referrals.table';

const tu = alias(orgUnits, 'target_unit');
const cc = alias(orgUnits, 'case_community');
const tr = alias(resources, 'target_resource');
const fr = alias(resources, 'from_resource');
const cu = alias(users, 'created_by_user');
const ru = alias(users, 'responded_by_user');

/** The communities and stations whose referrals the caller answers for (policy: coveredUnitsSql). */
export async function coveredUnitIds({ db, actor }: { db: Db; actor: Actor }): Promise<Set<string>> {
  if (!actor.communityIds.length) return new Set();
  const { rows } = await db.execute<{ id: string }>(coveredUnitsSql(actor));
  return new Set(rows.map((r) => r.id));
}

/** Every org unit in the caller's districts (policy: directoryUnitsSql). */
export async function directoryUnitIds({ db, actor }: { db: Db; actor: Actor }): Promise<Set<string>> {
  if (!actor.communityIds.length) return new Set();
  const { rows } = await db.execute<{ id: string }>(directoryUnitsSql(actor));
  return new Set(rows.map((r) => r.id));
}

/** Referrals with what a presenter needs: client, case, both parties, names; `caseWork` when the caller works on the case. */
function selectReferrals(db: Db, actor: Actor) {
  return db
    .select({
      r: caseReferrals,
      caseNo: cases.caseNo,
      caseResidentId: cases.residentId,
      caseServiceArea: cases.serviceArea,
      caseRiskLevel: cases.riskLevel,
      clientName: residents.name,
      caseCommunityId: cases.communityId,
      caseCommunityName: cc.name,
      caseCommunityPhone: cc.phone,
      targetUnit: { id: tu.id, name: tu.name, kind: tu.kind, phone: tu.phone, address: tu.address },
      targetResource: { id: tr.id, name: tr.name, type: tr.type, phone: tr.phone, contactName: tr.contactName, address: tr.address },
      fromResource: { id: fr.id, name: fr.name, type: fr.type, phone: fr.phone, contactName: fr.contactName, address: fr.address },
      createdByName: cu.displayName,
      createdByPhone: cu.phone,
      respondedByName: ru.displayName,
      caseWork: sql<boolean>`exists (select 1 from ${caseTeam} where ${caseTeam.caseId} = ${caseReferrals.caseId} and ${caseTeam.userId} = ${actor.userId}
        and ${caseTeam.active} and ${caseTeam.role} in ('lead', 'co_worker', 'supervisor'))`,
    })
    .from(caseReferrals)
    .leftJoin(cases, eq(cases.id, caseReferrals.caseId))
    .leftJoin(residents, eq(residents.id, cases.residentId))
    .leftJoin(cc, eq(cc.id, cases.communityId))
    .leftJoin(tu, eq(tu.id, caseReferrals.targetOrgUnitId))
    .leftJoin(tr, eq(tr.id, caseReferrals.targetResourceId))
    .leftJoin(fr, eq(fr.id, caseReferrals.fromResourceId))
    .leftJoin(cu, eq(cu.id, caseReferrals.createdBy))
    .leftJoin(ru, eq(ru.id, caseReferrals.respondedBy));
}

function present(actor: Actor, j: ReferralJoined, covered: ReadonlySet<string>, today = chinaToday()): Referral {
  // A row in a list the caller may see: the case branch of the policy held when the caller is on its team.
  return presentReferral(j, referralAbilities(actor, j.r, { covered, caseWork: j.caseWork && can(actor, 'cases.write'), caseVisible: true }), today);
}

async function loadVisible(db: Db, actor: Actor, id: string): Promise<ReferralJoined> {
  const [j] = await selectReferrals(db, actor).where(and(eq(caseReferrals.id, id), visibleReferralsWhere(actor)));
  if (!j) throw notFound();
  return j;
}

/** One referral with the caller's buttons, and the intake prefill when the caller's unit has accepted it. */
export async function getReferral({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<{ data: Referral; intake: ReferralIntakePrefill | null }> {
  const [j, covered] = await parallel(db, [() => loadVisible(db, actor, id), () => coveredUnitIds({ db, actor })]);
  const data = present(actor, j, covered);
  return { data, intake: data.abilities.linkCase ? intakePrefill(j) : null };
}

/** The referrals of one case: those it sent, and the one it came in by. 404 when the case is out of sight. */
export async function listCaseReferrals({ db, actor, caseId }: { db: Db; actor: Actor; caseId: string }): Promise<Page<Referral>> {
  await loadCase({ db, actor, id: caseId });
  const [rows, covered] = await parallel(db, [
    () => selectReferrals(db, actor)
      .where(or(eq(caseReferrals.caseId, caseId), eq(caseReferrals.resultCaseId, caseId)))
      .orderBy(desc(caseReferrals.sentAt), desc(caseReferrals.id)),
    () => coveredUnitIds({ db, actor }),
  ]);
  const today = chinaToday();
  return { data: rows.map((j) => present(actor, j, covered, today)), total: rows.length };
}

const invalidTarget = (field: string) =>
  new AppError('referrals.invalid_target', 400, [{ field, code: 'referrals.invalid_target', message: ERROR_MESSAGES['referrals.invalid_target'].zh }]);

/** A station, community or village of the caller's districts, not archived. */
async function checkTargetUnit(db: Db, actor: Actor, id: string, field: string) {
  const [u] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), isNull(orgUnits.archivedAt), inArray(orgUnits.kind, [...TARGET_UNIT_KINDS]), sql`${orgUnits.id} in (${directoryUnitsSql(actor)})`));
  if (!u) throw invalidTarget(field);
  return u;
}

/** A directory entry the caller sees, not archived. */
async function checkResource(db: Db, actor: Actor, id: string, field: string) {
  const [r] = await db
    .select({ id: resources.id, name: resources.name })
    .from(resources)
    .where(and(eq(resources.id, id), isNull(resources.archivedAt), visibleResourcesWhere(actor)));
  if (!r) throw invalidTarget(field);
  return r;
}

function checkFeedbackDue(due: string, sentOn: string) {
  if (due < sentOn) throw fieldError('feedbackDue', 'date_order', '反馈期限不能早于转介日期');
}

/**
 * Refers a client out of a case to a station, a community or a directory organisation. No referral
 * without the client's consent or a legal basis recorded on the case (个人信息保护法 第13条, 第23条:
 * passing personal information to another handler); the basis used is stored with the referral.
 */
export async function createReferral({ db, actor, caseId, input }: { db: Db; actor: Actor; caseId: string; input: ReferralCreateInput }) {
  const id = await db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id: caseId, closedOk: true });
    if (!REFERRING_CASE_STATUSES.includes(c.row.status)) throw new AppError('cases.not_open', 409, { status: c.row.status });
    if (!c.row.consentBasis) {
      throw new AppError('referrals.consent_required', 409, [{ field: 'consentBasis', code: 'referrals.consent_required', message: ERROR_MESSAGES['referrals.consent_required'].zh }]);
    }
    if (!!input.targetOrgUnitId === !!input.targetResourceId) throw invalidTarget('targetOrgUnitId');
    const target = input.targetOrgUnitId
      ? await checkTargetUnit(tx, actor, input.targetOrgUnitId, 'targetOrgUnitId')
      : await checkResource(tx, actor, input.targetResourceId!, 'targetResourceId');
    const sentAt = new Date();
    const today = chinaToday(sentAt);
    const feedbackDue = input.feedbackDue ?? addDays(today, FEEDBACK_DAYS);
    checkFeedbackDue(feedbackDue, today);
    const [row] = await tx
      .insert(caseReferrals)
      .values({
        caseId,
        direction: 'out',
        targetOrgUnitId: input.targetOrgUnitId ?? null,
        targetResourceId: input.targetResourceId ?? null,
        reason: input.reason,
        servicesRequested: input.servicesRequested ?? null,
        consentBasis: c.row.consentBasis,
        status: 'sent',
        sentAt,
        feedbackDue,
        urgent: input.urgent ?? false,
        createdBy: actor.userId,
      })
      .returning();
    await writeAudit({
      db: tx, actor, action: 'referrals.create', entityType: 'referral', entityId: row.id, communityId: c.row.communityId,
      detail: { caseNo: c.row.caseNo, target: target.name, consentBasis: row.consentBasis, feedbackDue },
    });
    await recordCaseEvent({ db: tx, actor, c, action: 'referrals.create', note: `转介至 ${target.name}`, detail: { referralId: row.id, target: target.name } });
    return row.id;
  });
  return getReferral({ db, actor, id });
}

/**
 * Records a referral in: an outside organisation (or another service) refers a person to a station
 * or community the caller answers for. The legal basis the sender relies on is recorded with it.
 */
export async function recordIncomingReferral({ db, actor, input }: { db: Db; actor: Actor; input: IncomingReferralInput }) {
  const covered = await coveredUnitIds({ db, actor });
  const id = await db.transaction(async (tx) => {
    const target = await checkTargetUnit(tx, actor, input.targetOrgUnitId, 'targetOrgUnitId');
    if (!covered.has(target.id)) throw invalidTarget('targetOrgUnitId');
    const from = input.fromResourceId ? await checkResource(tx, actor, input.fromResourceId, 'fromResourceId') : null;
    if (!from && !input.fromText) throw fieldError('fromText', 'required', '请填写转介来源');
    let clientName = input.clientName;
    let communityId: string | null = target.kind === 'station' ? null : target.id;
    if (input.residentId) {
      const [res] = await tx
        .select({ name: residents.name, communityId: residents.communityId })
        .from(residents)
        .where(and(eq(residents.id, input.residentId), isNull(residents.archivedAt)));
      if (!res || !actor.communityIds.includes(res.communityId)) throw fieldError('residentId', 'cases.client_not_in_scope', ERROR_MESSAGES['cases.client_not_in_scope'].zh);
      clientName = res.name;
      communityId = res.communityId;
    }
    const today = chinaToday();
    const sentOn = input.sentOn ?? today;
    if (sentOn > today) throw fieldError('sentOn', 'future_date', '日期不能晚于今天');
    const feedbackDue = input.feedbackDue ?? addDays(sentOn, FEEDBACK_DAYS);
    checkFeedbackDue(feedbackDue, sentOn);
    const [row] = await tx
      .insert(caseReferrals)
      .values({
        direction: 'in',
        targetOrgUnitId: target.id,
        fromResourceId: from?.id ?? null,
        fromText: input.fromText ?? null,
        clientName,
        clientResidentId: input.residentId ?? null,
        reason: input.reason,
        servicesRequested: input.servicesRequested ?? null,
        consentBasis: input.consentBasis,
        status: 'sent',
        sentAt: sentOn === today ? new Date() : new Date(`${sentOn}T12:00:00+08:00`),
        feedbackDue,
        urgent: input.urgent ?? false,
        createdBy: actor.userId,
      })
      .returning();
    await writeAudit({
      db: tx, actor, action: 'referrals.receive', entityType: 'referral', entityId: row.id, communityId,
      detail: { from: from?.name ?? input.fromText, target: target.name, consentBasis: row.consentBasis },
    });
    return row.id;
  });
  return getReferral({ db, actor, id });
}

/** The case of a referral as recordCaseEvent takes it, for whichever side acts (the receiving side is not on the team). */
async function caseOf(db: Db, caseId: string): Promise<LoadedCase> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  return { row, access: { communityId: row.communityId, restricted: row.restricted, juvenile: row.juvenile, myRoles: [] } };
}

/**
 * One step of a referral: accept/decline (sent), complete with feedback (accepted), withdraw (sent).
 * 409 `referrals.invalid_transition` from another state, 403 when the step belongs to the other side.
 */
export async function actOnReferral({
  db, actor, id, action, note, feedback, version,
}: {
  db: Db;
  actor: Actor;
  id: string;
  action: ReferralAction;
  note?: string | null;
  feedback?: string | null;
  version?: number;
}) {
  const covered = await coveredUnitIds({ db, actor });
  await db.transaction(async (tx) => {
    await tx.select({ id: caseReferrals.id }).from(caseReferrals).where(eq(caseReferrals.id, id)).for('update');
    const j = await loadVisible(tx, actor, id);
    const sides = { covered, caseWork: j.caseWork && can(actor, 'cases.write'), caseVisible: true };
    if (!sideMayAct(actor, j.r, sides, action)) throw new AppError('auth.forbidden', 403);
    const { from, to } = TRANSITIONS[action];
    if (j.r.status !== from) throw new AppError('referrals.invalid_transition', 409, { status: j.r.status });
    if (version !== undefined && version !== j.r.version) throw versionConflict(j.r.version);
    const now = new Date();
    const answer = action === 'accept' || action === 'decline';
    // A directory organisation's answer, recorded by the referring worker: audited and shown as such.
    const audited = answer && answerOnBehalf(j.r) ? `referrals.${action}_on_behalf` : `referrals.${action}`;
    await tx
      .update(caseReferrals)
      .set({
        status: to,
        version: j.r.version + 1,
        ...(answer ? { respondedAt: now, respondedBy: actor.userId, responseNote: note ?? null } : {}),
        ...(action === 'cancel' ? { responseNote: note ?? null } : {}),
        ...(action === 'complete' ? { feedback: feedback ?? null, completedAt: now } : {}),
      })
      .where(eq(caseReferrals.id, id));
    const target = targetParty(j).name;
    await writeAudit({
      db: tx, actor, action: audited, entityType: 'referral', entityId: id,
      communityId: j.caseCommunityId ?? (j.targetUnit?.kind === 'station' ? null : j.targetUnit?.id) ?? null,
      changes: { status: [from, to] }, detail: { target, ...(note ? { note } : {}) },
    });
    if (j.r.caseId) {
      await recordCaseEvent({ db: tx, actor, c: await caseOf(tx, j.r.caseId), action: audited, note: feedback ?? note ?? null, detail: { referralId: id, target } });
    }
  });
  return getReferral({ db, actor, id });
}

/** Links the case the receiving unit opened for an accepted referral (its intake, source 转介). */
export async function linkResultCase({ db, actor, id, caseId }: { db: Db; actor: Actor; id: string; caseId: string }) {
  const covered = await coveredUnitIds({ db, actor });
  await db.transaction(async (tx) => {
    await tx.select({ id: caseReferrals.id }).from(caseReferrals).where(eq(caseReferrals.id, id)).for('update');
    const j = await loadVisible(tx, actor, id);
    const ab = referralAbilities(actor, j.r, { covered, caseWork: j.caseWork, caseVisible: true });
    if (!ab.linkCase) {
      if (j.r.status !== 'accepted' || j.r.resultCaseId) throw new AppError('referrals.invalid_transition', 409, { status: j.r.status });
      throw new AppError('auth.forbidden', 403);
    }
    const c = await loadCase({ db: tx, actor, id: caseId, lock: true }).catch((e) => {
      if (e instanceof AppError && e.code === 'not_found') throw fieldError('caseId', 'invalid', '找不到该个案');
      throw e;
    });
    await tx.update(caseReferrals).set({ resultCaseId: caseId, version: j.r.version + 1 }).where(eq(caseReferrals.id, id));
    await writeAudit({ db: tx, actor, action: 'referrals.link_case', entityType: 'referral', entityId: id, communityId: c.row.communityId, changes: { resultCaseId: [null, caseId] } });
    await recordCaseEvent({ db: tx, actor, c, action: 'referrals.link_case', note: `由转介接案：${targetParty(j).name}`, detail: { referralId: id } });
  });
  return getReferral({ db, actor, id });
}

function boxWhere(actor: Actor, box: 'incoming' | 'outgoing'): SQL {
  if (box === 'outgoing') {
    const visibleCases = sql`select ${cases.id} from ${cases} where ${caseFileWhere(actor)}`;
    return and(eq(caseReferrals.direction, 'out'), or(eq(caseReferrals.createdBy, actor.userId), sql`${caseReferrals.caseId} in (${visibleCases})`))!;
  }
  const mine = and(eq(caseReferrals.direction, 'in'), eq(caseReferrals.createdBy, actor.userId))!;
  return actor.communityIds.length ? or(sql`${caseReferrals.targetOrgUnitId} in (${coveredUnitsSql(actor)})`, mine)! : mine;
}

const waiting = inArray(caseReferrals.status, [...WAITING_STATUSES]);
const overdueSql = (today: string) => and(waiting, sql`${caseReferrals.feedbackDue} < ${today}::date`)!;

/**
 * 转介 boxes: incoming (to units the caller answers for) or outgoing (from cases the caller sees, or by
 * them); or one resident's referrals in both directions (`residentId`, for the resident's page).
 */
export async function listReferrals({ db, actor, query }: { db: Db; actor: Actor; query: ReferralListQuery }): Promise<Page<Referral>> {
  const today = chinaToday();
  const where: SQL[] = [visibleReferralsWhere(actor)];
  const box = query.box ?? (query.residentId ? null : 'outgoing');
  if (box) where.push(boxWhere(actor, box));
  if (query.residentId) where.push(residentReferralsWhere(actor, query.residentId));
  if (query.status?.length) where.push(inArray(caseReferrals.status, query.status));
  if (query.overdue === 'true') where.push(overdueSql(today));
  if (query.overdue === 'false') where.push(sql`not (${overdueSql(today)})`);
  const cond = and(...where);
  const [rows, [{ total }], covered] = await parallel(db, [
    () => selectReferrals(db, actor)
      .where(cond)
      .orderBy(
        // Overdue first (the alert), then what waits for an answer, then for feedback, then the rest.
        sql`case when ${overdueSql(today)} then 0 when ${caseReferrals.status} = 'sent' then 1 when ${caseReferrals.status} = 'accepted' then 2 else 3 end`,
        desc(caseReferrals.sentAt),
        desc(caseReferrals.id),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    () => db.select({ total: count() }).from(caseReferrals).where(cond),
    () => coveredUnitIds({ db, actor }),
  ]);
  return { data: rows.map((j) => present(actor, j, covered, today)), total };
}

/**
 * 我的待办: referrals out that the caller sent, or of cases they work on, still waiting for an answer
 * or for feedback — the overdue ones flagged (`overdue`), soonest due first.
 */
export async function referralsAwaitingFeedback({ db, actor }: { db: Db; actor: Actor }): Promise<Referral[]> {
  if (!can(actor, 'cases.read')) return [];
  const onMyCases = sql`${caseReferrals.caseId} in (select ${caseTeam.caseId} from ${caseTeam} where ${caseTeam.userId} = ${actor.userId}
    and ${caseTeam.active} and ${caseTeam.role} in ('lead', 'co_worker', 'supervisor'))`;
  const [rows, covered] = await parallel(db, [
    () => selectReferrals(db, actor)
      .where(and(eq(caseReferrals.direction, 'out'), waiting, or(eq(caseReferrals.createdBy, actor.userId), onMyCases)))
      .orderBy(asc(caseReferrals.feedbackDue), asc(caseReferrals.sentAt))
      .limit(200),
    () => coveredUnitIds({ db, actor }),
  ]);
  const today = chinaToday();
  return rows.map((j) => present(actor, j, covered, today));
}

/**
 * The referrals a case sent that still wait for an answer or feedback (neither completed, declined
 * nor withdrawn): a closure names them (cases.closure.ts). Oldest first.
 */
export async function openReferralsOfCase({ db, caseId }: { db: Db; caseId: string }): Promise<{ id: string; target: string; status: string }[]> {
  const rows = await db
    .select({ id: caseReferrals.id, status: caseReferrals.status, unit: tu.name, resource: tr.name })
    .from(caseReferrals)
    .leftJoin(tu, eq(tu.id, caseReferrals.targetOrgUnitId))
    .leftJoin(tr, eq(tr.id, caseReferrals.targetResourceId))
    .where(and(eq(caseReferrals.caseId, caseId), eq(caseReferrals.direction, 'out'), waiting))
    .orderBy(asc(caseReferrals.sentAt));
  return rows.map((r) => ({ id: r.id, target: r.unit ?? r.resource ?? '—', status: r.status }));
}

/** 我的待办: referrals (in, or out of another station) sent to a unit the caller answers for, still unanswered; urgent ones first. */
export async function referralsToAnswer({ db, actor }: { db: Db; actor: Actor }): Promise<Referral[]> {
  if (!can(actor, 'cases.write') || !actor.communityIds.length) return [];
  const [rows, covered] = await parallel(db, [
    () => selectReferrals(db, actor)
      .where(and(eq(caseReferrals.status, 'sent'), sql`${caseReferrals.targetOrgUnitId} in (${coveredUnitsSql(actor)})`))
      .orderBy(desc(caseReferrals.urgent), asc(caseReferrals.sentAt))
      .limit(200),
    () => coveredUnitIds({ db, actor }),
  ]);
  const today = chinaToday();
  return rows.map((j) => present(actor, j, covered, today));
}

/** Stations, communities and villages of the caller's districts: where a referral may go; `mine` for those the caller answers for. */
export async function referralTargets({ db, actor }: { db: Db; actor: Actor }): Promise<ReferralTargetUnit[]> {
  if (!actor.communityIds.length) return [];
  const parent = alias(orgUnits, 'parent');
  const [rows, covered] = await parallel(db, [
    () => db
      .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, parentName: parent.name, phone: orgUnits.phone, address: orgUnits.address })
      .from(orgUnits)
      .leftJoin(parent, eq(parent.id, orgUnits.parentId))
      .where(and(isNull(orgUnits.archivedAt), inArray(orgUnits.kind, [...TARGET_UNIT_KINDS]), sql`${orgUnits.id} in (${directoryUnitsSql(actor)})`))
      .orderBy(sql`case when ${orgUnits.kind} = 'station' then 0 else 1 end`, asc(parent.name), asc(orgUnits.code), asc(orgUnits.name)),
    () => coveredUnitIds({ db, actor }),
  ]);
  return rows.map((u) => ({ ...u, mine: covered.has(u.id) }));
}
