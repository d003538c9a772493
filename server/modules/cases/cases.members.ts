import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import { OPEN_CASE_STATUSES } from '../../../common/codes/case.codes';
import type { Role } from '../../../common/permissions';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { userScopes, users } from '../users/users.table';
import { cases } from './cases.table';

export type TeamRole = 'lead' | 'co_worker' | 'supervisor' | 'manager';

/** The accounts that may take each role on a case team (§4.4). */
const TEAM_ROLE_ACCOUNTS: Record<TeamRole, Role[]> = {
  lead: ['worker', 'supervisor'],
  co_worker: ['worker', 'supervisor'],
  supervisor: ['supervisor'],
  manager: ['street_admin', 'agency_head', 'supervisor'],
};

/**
 * Who may be named on a case of a community in a team role: an active account of a fitting role
 * whose post covers the community — and, for a restricted case (社区矫正, 社区戒毒/康复, 家庭暴力), a
 * post allowed to see restricted data there (`user_scopes.restricted`, from `can_view_restricted`).
 * Otherwise naming someone would open the case to them.
 */
function eligible(communityIds: string[], role: TeamRole, restricted: boolean): SQL {
  return and(
    inArray(userScopes.communityId, communityIds),
    inArray(users.role, TEAM_ROLE_ACCOUNTS[role]),
    eq(users.disabled, false),
    restricted ? eq(userScopes.restricted, true) : undefined,
  )!;
}

/** Whether `userId` may be named on a case of `communityId` in `role` (see `eligible`). */
export async function canJoinCase(db: Db, userId: string, c: { communityId: string; restricted: boolean }, role: TeamRole): Promise<boolean> {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userScopes, eq(userScopes.userId, users.id))
    .where(and(eq(users.id, userId), eligible([c.communityId], role, c.restricted)))
    .limit(1);
  return !!u;
}

/**
 * The people who may take a team role (by default: lead or co-worker) on a case of a community of the
 * caller's, with their open caseload — what the intake's, the team's and the transfer's pickers offer.
 */
export async function listWorkers({ db, actor, communityId, teamRole = 'co_worker', restricted = false }: {
  db: Db; actor: Actor; communityId?: string; teamRole?: TeamRole; restricted?: boolean;
}) {
  const communities = communityId ? actor.communityIds.filter((c) => c === communityId) : actor.communityIds;
  if (!communities.length) return { data: [], total: 0 };
  const rows = await db
    .selectDistinct({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .innerJoin(userScopes, eq(userScopes.userId, users.id))
    .where(eligible(communities, teamRole, restricted))
    .orderBy(asc(users.displayName));
  const loads = rows.length
    ? await db
        .select({ userId: cases.leadUserId, open: count() })
        .from(cases)
        .where(and(inArray(cases.leadUserId, rows.map((r) => r.id)), inArray(cases.status, [...OPEN_CASE_STATUSES])))
        .groupBy(cases.leadUserId)
    : [];
  const load = new Map(loads.map((l) => [l.userId, l.open]));
  const data = rows.map((r) => ({ ...r, caseload: load.get(r.id) ?? 0 }));
  return { data, total: data.length };
}
