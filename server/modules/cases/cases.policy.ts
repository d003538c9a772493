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

/** Working on a case (records, plan, assessments, referrals): a worker on its team, not a manager. */
export function canWorkOnCase(actor: Actor, c: CaseAccess): boolean {
  return canViewCase(actor, c) && can(actor, 'cases.write') && c.myRoles.some((r) => ['lead', 'co_worker', 'supervisor'].includes(r));
}

/** Decisions that belong to the lead worker (or the supervisor): submit the plan, ask for closure, transfer. */
export function canLeadCase(actor: Actor, c: CaseAccess): boolean {
  return canWorkOnCase(actor, c) && c.myRoles.some((r) => r === 'lead' || r === 'supervisor');
}

/** Approving a plan or a closure: the case's supervisor. */
export function canApproveCase(actor: Actor, c: CaseAccess): boolean {
  return canViewCase(actor, c) && can(actor, 'cases.approve') && c.myRoles.includes('supervisor');
}

/**
 * canViewCase as SQL over `cases`, for every list, count and chart. `me` and `scope` are what to
 * put for the user id and the communities (values, or placeholders of a prepared statement).
 */
export function visibleCasesWhere(actor: Actor, me: SQL | string = actor.userId, scope: SQL | string[] = actor.communityIds): SQL {
  if (!can(actor, 'cases.read')) return sql`false`;
  const scopeSql = Array.isArray(scope) ? sql`${sql.param(scope)}::uuid[]` : scope;
  const onTeam = sql`${cases.id} = any(array(select ${caseTeam.caseId} from ${caseTeam} where ${caseTeam.userId} = ${me}::uuid and ${caseTeam.active}))`;
  const juvenileOk = sql`(not (${cases.restricted} and ${cases.juvenile}) or exists (select 1 from ${caseTeam} t2 where t2.case_id = ${cases.id}
    and t2.user_id = ${me}::uuid and t2.active and t2.role in ('lead', 'co_worker', 'supervisor')))`;
  const team = sql`(${onTeam} and ${juvenileOk})`;
  if (!can(actor, 'cases.oversee') || !actor.communityIds.length) return team;
  // The scope test first: PostgreSQL evaluates OR arms in order, and for most rows of an overseer it
  // is true, so the team's id array (long for a supervisor) is searched only for the rest. Both arms
  // have an index (community; primary key), so the planner can OR two bitmap scans.
  return sql`((${cases.communityId} = any(${scopeSql}) and not ${cases.restricted}) or ${team})`;
}
