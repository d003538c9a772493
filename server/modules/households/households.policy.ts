import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../lib/actor';
import { households } from './households.table';

/** A user sees the households of the communities their post covers, if their role reads households. */
export function canViewHousehold(actor: Actor, h: { communityId: string }): boolean {
  return actor.permissions.has('households.read') && actor.communityIds.includes(h.communityId);
}

/** canViewHousehold as SQL: the scope of every household list and count. */
export function visibleHouseholdsWhere(actor: Actor): SQL {
  if (!actor.permissions.has('households.read') || !actor.communityIds.length) return sql`false`;
  return inArray(households.communityId, actor.communityIds);
}

export function canEditHousehold(actor: Actor, h: { communityId: string }): boolean {
  return canViewHousehold(actor, h) && actor.permissions.has('households.write');
}
