import { inArray, notInArray, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { RESTRICTED_TAGS } from '../../../common/codes/tag.codes';
import type { Actor } from '../../lib/actor';
import { residents, residentTags } from './residents.table';

export { canSeeTag } from './residents.policy.tags';

/** A user sees the residents of the communities their post covers, if their role reads residents. */
export function canViewResident(actor: Actor, r: { communityId: string }): boolean {
  return actor.permissions.has('residents.read') && actor.communityIds.includes(r.communityId);
}

/**
 * The same rule as SQL, for every list, search, count and export. Must agree with canViewResident.
 * A prepared list passes a placeholder that is filled with `actor.communityIds`.
 */
export function visibleResidentsWhere(actor: Actor, communities: string[] | Placeholder = actor.communityIds): SQL {
  if (!actor.permissions.has('residents.read') || !actor.communityIds.length) return sql`false`;
  if (Array.isArray(communities)) return inArray(residents.communityId, communities);
  return sql`${residents.communityId} = any(${communities}::uuid[])`;
}

export function canEditResident(actor: Actor, r: { communityId: string }): boolean {
  return canViewResident(actor, r) && actor.permissions.has('residents.write');
}

/** May the actor register a resident in this community? */
export function canCreateResidentIn(actor: Actor, communityId: string): boolean {
  return canEditResident(actor, { communityId });
}

/** canSeeTag as SQL over resident_tags joined to residents. */
export function visibleTagsWhere(actor: Actor): SQL {
  if (!actor.restrictedCommunityIds.length) return notInArray(residentTags.tag, RESTRICTED_TAGS);
  return or(notInArray(residentTags.tag, RESTRICTED_TAGS), inArray(residents.communityId, actor.restrictedCommunityIds))!;
}

export function canRevealResident(actor: Actor, r: { communityId: string }): boolean {
  return canViewResident(actor, r) && actor.permissions.has('residents.reveal');
}
