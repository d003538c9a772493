import { sql, type SQL } from 'drizzle-orm';
import { can, type Actor } from '../../lib/actor';
import { cases, caseTeam } from './cases.table';

/** The caller's active roles on one case (TEAM_ROLES), read with the case. */
export type CaseAccess = { communityId: string; restricted: boolean; juvenile: boolean; myRoles: string[] };

/** Roles that may open a restricted juvenile file (社区矫正法 第54条: no one else, not even named managers). */
const JUVENILE_ROLES = ['lead', 'co_worker', 'supervisor'];

/**
 * Who sees a case: its team (lead, co-workers, supervisor, named managers); and, for a case that is
 * not restricted, users with `cases.oversee` (supervisors, managers) in whose scope it lies.
 * Restricted cases (社区矫正, 社区戒毒/康复, 家庭暴力) only the team; restricted juvenile files only the
 * lead, co-workers and supervisor.
 */
export function canViewCase(actor: Actor, c: CaseAccess): boolean {
  if (!can(actor, 'cases.read')) return false;
  if (c.restricted) return c.juvenile ? c.myRoles.some((r) => JUVENILE_ROLES.includes(r)) : c.myRoles.length > 0;
  return c.myRoles.length > 0 || (can(actor, 'cases.oversee') && actor.communityIds.includes(c.communityId));
}

/**
 * Who reads a case's file (records, assessments, plan, narrative notes, history, referrals, ecomaps,
 * attachments): its team, and supervisors overseeing its scope (`cases.supervise`). Managers who
 * oversee the scope without being named on the team see its summary only (个人信息保护法 第6条).
 */
export function canReadCaseFile(actor: Actor, c: CaseAccess): boolean {
  return canViewCase(actor, c) && (c.myRoles.length > 0 || can(actor, 'cases.supervise'));
}

/** Working on a case (records, plan, assessments, referrals): a worker on its team, not a manager. */
export function canWorkOnCase(actor: Actor, c: CaseAccess): boolean {
  return canViewCase(actor, c) && can(actor, 'cases.write') && c.myRoles.some((r) => ['lead', 'co_worker', 'supervisor'].includes(r));
}

/** Decisions that belong to the lead worker (or the supervisor): submit the plan, ask for closure, transfer. */
export function canLeadCase(actor: Actor, c: CaseAccess): boolean {
  return canWorkOnCase(actor, c) && c.myRoles.some((r) => r === 'lead' || r === 'supervisor');
}

/** What decides who approves a case's pending plan or closure. `submittedBy`: who sent it for approval. */
export type ApprovalFacts = { status: string; leadUserId: string | null; supervisorUserId: string | null; submittedBy: string | null };

export const PENDING_STATUSES = ['plan_review', 'closure_review'];

/**
 * Separation of duties: the case's own supervisor approves, unless they lead the case (took it over
 * by transfer, or were named supervisor of their own case) or sent the work for approval themselves.
 */
export const ownSupervisorApproves = (a: ApprovalFacts) =>
  !!a.supervisorUserId && a.supervisorUserId !== a.leadUserId && a.supervisorUserId !== a.submittedBy;

/**
 * Approving a pending plan or closure: the case's own supervisor; when they may not
 * (ownSupervisorApproves), another user with `cases.approve` (a supervisor or the agency head) whose
 * scope covers the case — never the lead nor whoever submitted it. A restricted case is seen by its
 * team only, so nobody outside it can stand in: the lead adds another supervisor to the team first.
 */
export function canApproveCase(actor: Actor, c: CaseAccess, a: ApprovalFacts): boolean {
  if (!PENDING_STATUSES.includes(a.status) || !can(actor, 'cases.approve') || !canViewCase(actor, c)) return false;
  if (actor.userId === a.leadUserId || actor.userId === a.submittedBy) return false;
  if (ownSupervisorApproves(a)) return actor.userId === a.supervisorUserId;
  return !c.restricted && can(actor, 'cases.oversee') && actor.communityIds.includes(c.communityId);
}

/**
 * Who sent a case's pending approval, as SQL over `cases`: the latest plan's submitter (计划待审批) or
 * whoever asked for closure (结案待审批). Spelled with the table's name: Drizzle leaves column names
 * unqualified in a select list.
 */
export const pendingSubmitterSql = sql`(case "cases"."status" when 'plan_review' then (select p.submitted_by from case_plans p
  where p.case_id = "cases"."id" order by p.version desc limit 1) when 'closure_review' then "cases"."closure_requested_by" end)`;

/**
 * canApproveCase as SQL over `cases`: the caller's approvals waiting (我的待办). Two arms, each with
 * an index (cases_supervisor_idx; cases_community_status_idx): the cases they supervise, and the
 * unrestricted cases of their scope whose supervisor may not approve.
 */
export function approverWhere(actor: Actor): SQL {
  if (!can(actor, 'cases.approve') || !can(actor, 'cases.read')) return sql`false`;
  const me = sql`${actor.userId}::uuid`;
  const own = sql`("cases"."supervisor_user_id" is not null and "cases"."supervisor_user_id" is distinct from "cases"."lead_user_id"
    and "cases"."supervisor_user_id" is distinct from ${pendingSubmitterSql})`;
  const standIn = can(actor, 'cases.oversee') && actor.communityIds.length
    ? sql`("cases"."community_id" = any(${sql.param(actor.communityIds)}::uuid[]) and not "cases"."restricted" and not ${own})`
    : sql`false`;
  return sql`("cases"."status" in ('plan_review', 'closure_review') and "cases"."lead_user_id" is distinct from ${me}
    and ${pendingSubmitterSql} is distinct from ${me}
    and (("cases"."supervisor_user_id" = ${me} and ${own} and ${visibleCasesWhere(actor)}) or ${standIn}))`;
}

/**
 * canViewCase as SQL over `cases`, for every list, count and chart. `me` and `scope` are what to
 * put for the user id and the communities (values, or placeholders of a prepared statement).
 */
export function visibleCasesWhere(actor: Actor, me: SQL | string = actor.userId, scope: SQL | string[] = actor.communityIds): SQL {
  return casesWhere(actor, me, scope, can(actor, 'cases.oversee'));
}

/** canReadCaseFile as SQL over `cases` (the cases whose records, referrals … the caller reads). */
export function caseFileWhere(actor: Actor): SQL {
  return casesWhere(actor, actor.userId, actor.communityIds, can(actor, 'cases.oversee') && can(actor, 'cases.supervise'));
}

function casesWhere(actor: Actor, me: SQL | string, scope: SQL | string[], byScope: boolean): SQL {
  if (!can(actor, 'cases.read')) return sql`false`;
  const scopeSql = Array.isArray(scope) ? sql`${sql.param(scope)}::uuid[]` : scope;
  const onTeam = sql`${cases.id} = any(array(select ${caseTeam.caseId} from ${caseTeam} where ${caseTeam.userId} = ${me}::uuid and ${caseTeam.active}))`;
  const juvenileOk = sql`(not (${cases.restricted} and ${cases.juvenile}) or exists (select 1 from ${caseTeam} t2 where t2.case_id = ${cases.id}
    and t2.user_id = ${me}::uuid and t2.active and t2.role in ('lead', 'co_worker', 'supervisor')))`;
  const team = sql`(${onTeam} and ${juvenileOk})`;
  if (!byScope || !actor.communityIds.length) return team;
  // The scope test first: PostgreSQL evaluates OR arms in order, and for most rows of an overseer it
  // is true, so the team's id array (long for a supervisor) is searched only for the rest. Both arms
  // have an index (community; primary key), so the planner can OR two bitmap scans.
  return sql`((${cases.communityId} = any(${scopeSql}) and not ${cases.restricted}) or ${team})`;
}
