import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { userScopes } from './users.table';

export type Scope = { communityIds: string[]; restrictedCommunityIds: string[] };

/**
 * The communities a user's post covers: every 社区/村 below a post's unit, and the communities an
 * agency or station (or any of its stations) serves; `canViewRestricted` on a post carries over to
 * each community it covers. Computed by the database (`rebuild_user_scopes`, migration 0005) into
 * `user_scopes` whenever posts or the organisation tree change.
 */
export async function loadScope({ db, userId }: { db: Db; userId: string }): Promise<Scope> {
  const rows = await db.select().from(userScopes).where(eq(userScopes.userId, userId)).orderBy(userScopes.communityId);
  return { communityIds: rows.map((r) => r.communityId), restrictedCommunityIds: rows.filter((r) => r.restricted).map((r) => r.communityId) };
}
