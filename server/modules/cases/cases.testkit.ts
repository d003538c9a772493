import { sql } from 'drizzle-orm';
import type { Role } from '../../../common/permissions';
import type { Db } from '../../db/client';
import { DEMO_PASSWORD } from '../../db/seed/demo.seed';
import { hashSecret } from '../auth/auth.service';
import { userPosts, users } from '../users/users.table';

/** Demo users by username, and the `n`-th adult of a community (by id). */
export async function caseTestIds(db: Db) {
  const { rows } = await db.execute<{ id: string; username: string }>(sql`select id, username from users`);
  return Object.fromEntries(rows.map((u) => [u.username, u.id])) as Record<string, string>;
}

export async function adultOf(db: Db, community: string, n = 0): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id
    where o.name = ${community} and r.archived_at is null and r.birth_date < '2000-01-01' order by r.id offset ${n} limit 1`);
  return rows[0].id;
}

/**
 * A recorded 预估 of a case (the general instrument, answered as the assessment module would store
 * it), for tests that take a case past 预估 without going through the assessment form.
 */
export async function recordAssessment(db: Db, caseId: string, userId: string): Promise<void> {
  await db.execute(sql`insert into case_assessments (case_id, instrument_id, assessed_on, answers, result, assessor_ids, created_by)
    select ${caseId}, id, (now() at time zone 'Asia/Shanghai')::date, '{}'::jsonb, '{"sections": [], "level": null}'::jsonb, array[${userId}::uuid], ${userId}
    from assessment_instruments where code = 'general' order by version desc limit 1`);
}

/**
 * Another account beside the demo ones (password `demo1234`), posted to org units by name, with or
 * without sight of restricted data there: the people the demo lacks (a second supervisor …).
 */
export async function addUser(db: Db, a: { username: string; displayName: string; role: Role; posts: string[]; restricted: boolean }): Promise<string> {
  // Exempt from the second factor like the demo accounts: these tests are about cases, not logins.
  const [u] = await db.insert(users).values({ username: a.username, displayName: a.displayName, role: a.role, passwordHash: await hashSecret(DEMO_PASSWORD), secondFactorExempt: true }).returning();
  const { rows } = await db.execute<{ id: string }>(sql`select id from org_units where name = any(${sql.param(a.posts)}::text[])`);
  await db.insert(userPosts).values(rows.map((o) => ({ userId: u.id, orgUnitId: o.id, canViewRestricted: a.restricted })));
  return u.id;
}
