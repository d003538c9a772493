import { sql } from 'drizzle-orm';
import { permissionsOf, type Role } from '../../../common/permissions';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { loadScope } from '../users/users.scope';

/** Test data of the referrals and networks tests: demo org units and users by name, residents by community. */
export async function demoIds(db: Db) {
  const { rows: units } = await db.execute<{ id: string; name: string }>(sql`select id, name from org_units`);
  const { rows: people } = await db.execute<{ id: string; username: string }>(sql`select id, username from users`);
  const org = Object.fromEntries(units.map((u) => [u.name, u.id])) as Record<string, string>;
  const user = Object.fromEntries(people.map((u) => [u.username, u.id])) as Record<string, string>;
  return { org, user };
}

/** The `n`-th resident (by id) of a community, and their name. */
export async function residentOf(db: Db, communityId: string, n = 0): Promise<{ id: string; name: string }> {
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`select id, name from residents where community_id = ${communityId} and archived_at is null order by id offset ${n} limit 1`,
  );
  return rows[0];
}

/** The Actor a demo user's session would carry. */
export async function actorOfUser(db: Db, username: string): Promise<Actor> {
  const { rows } = await db.execute<{ id: string; role: Role }>(sql`select id, role from users where username = ${username}`);
  const scope = await loadScope({ db, userId: rows[0].id });
  return {
    userId: rows[0].id, username, displayName: username, role: rows[0].role, permissions: permissionsOf(rows[0].role), ...scope,
    mustChangePassword: false, sessionId: null, ip: null, requestId: null,
  };
}
