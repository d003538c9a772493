import { sql, type SQL } from 'drizzle-orm';
import { can, type Actor } from '../../lib/actor';
import { caseFileWhere } from '../cases/cases.policy';
import { cases } from '../cases/cases.table';
import { type ReferralAction, TRANSITIONS } from './referrals.rules';
import { caseReferrals, resources } from './referrals.table';

const ids = (actor: Actor) => sql`${sql.param(actor.communityIds)}::uuid[]`;

/**
 * The org units of the caller's districts (as SQL returning `id`): walk up from the caller's
 * communities to their 区/县, then down to every unit below — streets, communities, agencies,
 * stations. The resource directory and the referral targets reach this far (§6.2.2: a district keeps
 * one directory of the organisations its workers refer to).
 */
export function directoryUnitsSql(actor: Actor): SQL {
  return sql`with recursive up as (
      select id, parent_id, kind from org_units where id = any(${ids(actor)})
      union
      select o.id, o.parent_id, o.kind from org_units o join up on o.id = up.parent_id
    ), down as (
      select id from up where kind = 'district'
      union
      select o.id from org_units o join down on o.parent_id = down.id
    ) select id from down`;
}

/** Who sees a directory entry: users with `cases.read` whose communities lie in the district of the entry's owner unit. */
export function canViewResource(actor: Actor, r: { ownerOrgUnitId: string }, directory: ReadonlySet<string>): boolean {
  return can(actor, 'cases.read') && directory.has(r.ownerOrgUnitId);
}

/** canViewResource as SQL over `resources`. */
export function visibleResourcesWhere(actor: Actor): SQL {
  if (!can(actor, 'cases.read') || !actor.communityIds.length) return sql`false`;
  return sql`${resources.ownerOrgUnitId} in (${directoryUnitsSql(actor)})`;
}

/** Editing and archiving an entry: `resources.manage` on an entry one sees. */
export function canManageResource(actor: Actor, r: { ownerOrgUnitId: string }, directory: ReadonlySet<string>): boolean {
  return canViewResource(actor, r, directory) && can(actor, 'resources.manage');
}

/**
 * The org units whose referrals the caller answers for (as SQL returning `id`): their communities,
 * and the stations and agencies serving one of them — the workers and the supervisor of a station
 * are the ones whose scope covers it.
 */
export function coveredUnitsSql(actor: Actor): SQL {
  return sql`select unnest(${ids(actor)}) as id union select unit_id from org_unit_serves where community_id = any(${ids(actor)})`;
}

export type ReferralSides = { covered: ReadonlySet<string>; caseVisible: boolean; caseWork: boolean };
type ReferralFacts = { direction: string; status: string; createdBy: string | null; targetOrgUnitId: string | null; resultCaseId?: string | null };

/**
 * Who sees a referral: whoever created it; users whose scope covers the target unit (the receiving
 * side sees the referral, not the case); and whoever reads the file of the case it leaves from or
 * became (canReadCaseFile: not a manager who only oversees the case).
 */
export function canViewReferral(actor: Actor, r: ReferralFacts, s: Pick<ReferralSides, 'covered' | 'caseVisible'>): boolean {
  if (!can(actor, 'cases.read')) return false;
  return r.createdBy === actor.userId || (!!r.targetOrgUnitId && s.covered.has(r.targetOrgUnitId)) || s.caseVisible;
}

/** canViewReferral as SQL over `case_referrals` (the case branch runs caseFileWhere on its own `cases`). */
export function visibleReferralsWhere(actor: Actor): SQL {
  if (!can(actor, 'cases.read')) return sql`false`;
  const visibleCases = sql`select ${cases.id} from ${cases} where ${caseFileWhere(actor)}`;
  const covered = actor.communityIds.length ? sql` or ${caseReferrals.targetOrgUnitId} in (${coveredUnitsSql(actor)})` : sql``;
  return sql`(${caseReferrals.createdBy} = ${actor.userId}${covered}
    or ${caseReferrals.caseId} in (${visibleCases}) or ${caseReferrals.resultCaseId} in (${visibleCases}))`;
}

/**
 * The referrals about one resident that the caller sees, as SQL over `case_referrals` (used with
 * visibleReferralsWhere): those sent from or leading to a case of the resident whose file the caller
 * reads (caseFileWhere, so none of a restricted case the caller is not on — not even where the
 * receiving side would see the referral itself), and the referrals in that name the resident.
 * The resident's cases are read by `cases_resident_idx`; their referrals by `case_referrals_case_idx`.
 */
export function residentReferralsWhere(actor: Actor, residentId: string): SQL {
  if (!can(actor, 'cases.read')) return sql`false`;
  const theirCases = sql`array(select ${cases.id} from ${cases} where ${cases.residentId} = ${residentId}::uuid and ${caseFileWhere(actor)})`;
  return sql`(${caseReferrals.caseId} = any(${theirCases}) or ${caseReferrals.resultCaseId} = any(${theirCases})
    or (${caseReferrals.direction} = 'in' and ${caseReferrals.clientResidentId} = ${residentId}::uuid))`;
}

/**
 * The referring side: the worker who sent a referral out, and the workers of its case. They record
 * the answer of a directory organisation (which has no account here) and its feedback.
 */
function referring(actor: Actor, r: ReferralFacts, s: ReferralSides): boolean {
  return can(actor, 'cases.write') && r.direction === 'out' && (r.createdBy === actor.userId || s.caseWork);
}

/** The receiving side: a user with `cases.write` whose scope covers the target unit. */
function receiving(actor: Actor, r: ReferralFacts, s: ReferralSides): boolean {
  return can(actor, 'cases.write') && !!r.targetOrgUnitId && s.covered.has(r.targetOrgUnitId);
}

/** Whether the caller may take `action` on a referral in its current state. */
export function mayAct(actor: Actor, r: ReferralFacts, s: ReferralSides, action: ReferralAction): boolean {
  return r.status === TRANSITIONS[action].from && sideMayAct(actor, r, s, action);
}

/**
 * The side a step belongs to, whatever the state: a unit of ours answers for itself, the referring
 * worker for a directory organisation; feedback comes from either; only the sender withdraws.
 */
export function sideMayAct(actor: Actor, r: ReferralFacts, s: ReferralSides, action: ReferralAction): boolean {
  switch (action) {
    case 'accept':
    case 'decline':
      return r.targetOrgUnitId ? receiving(actor, r, s) : referring(actor, r, s);
    case 'complete':
      return referring(actor, r, s) || receiving(actor, r, s);
    case 'cancel':
      return referring(actor, r, s) || (r.direction === 'in' && can(actor, 'cases.write') && r.createdBy === actor.userId);
  }
}

/** The buttons the web shows on a referral. */
export function referralAbilities(actor: Actor, r: ReferralFacts, s: ReferralSides) {
  return {
    accept: mayAct(actor, r, s, 'accept'),
    decline: mayAct(actor, r, s, 'decline'),
    complete: mayAct(actor, r, s, 'complete'),
    cancel: mayAct(actor, r, s, 'cancel'),
    // The receiving unit opens the intake of an accepted referral and links it here.
    linkCase: r.status === 'accepted' && !r.resultCaseId && receiving(actor, r, s),
    // The 转介单 goes with the client from the referring side, whatever the referral's state.
    print: referring(actor, r, s),
  };
}
