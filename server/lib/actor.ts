import type { Permission, Role } from '../../common/permissions';

/**
 * The caller of a service: who they are, what their role allows, and the communities their post
 * covers. Built from the session on every request; nothing is cached in the process.
 */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  /** Communities (社区/村) the user's post covers: the scope of every list, search, count and export. */
  communityIds: string[];
  /** Of those, where the user may see restricted tags (社区矫正, 社区戒毒/康复, 家庭暴力受害人). */
  restrictedCommunityIds: string[];
  mustChangePassword: boolean;
  /** Signed in with a password alone while the role needs a second factor: may only enrol one. */
  mustEnrolSecondFactor?: boolean;
  sessionId: string | null;
  ip: string | null;
  requestId: string | null;
};

/** Request facts for audit rows written before anyone is logged in (a failed login). */
export type RequestContext = { ip: string | null; requestId: string | null };

export const can = (actor: Actor, p: Permission) => actor.permissions.has(p);
export const inScope = (actor: Actor, communityId: string) => actor.communityIds.includes(communityId);
export const seesRestricted = (actor: Actor, communityId: string) => actor.restrictedCommunityIds.includes(communityId);
