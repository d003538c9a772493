import crypto from 'node:crypto';
import { and, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Page } from '../../../common/schemas/common.schema';
import type { OneTimeCode, User, UserCreateInput, UserUpdateInput } from '../../../common/schemas/users.schema';
import { parallel, type Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { randomToken } from '../../lib/crypto';
import { AppError, fieldError, notFound, versionConflict } from '../../lib/errors';
import { diffChanges, writeAudit } from '../audit/audit.service';
import { clearSecondFactor, secondFactorRequired } from '../auth/auth.factor';
import { hashSecret } from '../auth/auth.service';
import { loginThrottle, sessions } from '../auth/auth.table';
import { orgUnits } from '../orgs/orgs.table';
import { normalizeCode } from './users.code';
import { userPosts, users } from './users.table';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_TTL_MS = 72 * 3600_000;

/** A 12-character one-time code, easy to read aloud: `K7P3-X9QM-2TWA`. */
function oneTimeCode(): string {
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

async function issueCode(): Promise<{ code: string; hash: string; unusable: string; expiresAt: Date }> {
  const code = oneTimeCode();
  return {
    code,
    hash: await hashSecret(normalizeCode(code)),
    // The old password stops working at once: replaced by a hash of a secret nobody knows.
    unusable: await hashSecret(randomToken()),
    expiresAt: new Date(Date.now() + CODE_TTL_MS),
  };
}

type Row = typeof users.$inferSelect;

async function present(db: Db, rows: Row[]): Promise<User[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [posts, locks] = await parallel(db, [
    () => db
      .select({ userId: userPosts.userId, orgUnitId: userPosts.orgUnitId, canViewRestricted: userPosts.canViewRestricted, name: orgUnits.name, kind: orgUnits.kind })
      .from(userPosts)
      .innerJoin(orgUnits, eq(orgUnits.id, userPosts.orgUnitId))
      .where(inArray(userPosts.userId, ids)),
    () => db
      .select({ key: loginThrottle.usernameKey })
      .from(loginThrottle)
      .where(and(inArray(loginThrottle.usernameKey, rows.map((r) => r.username.toLowerCase())), sql`${loginThrottle.lockedUntil} > now()`)),
  ]);
  const locked = new Set(locks.map((l) => l.key));
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    phone: r.phone,
    supervisorId: r.supervisorId,
    posts: posts
      .filter((p) => p.userId === r.id)
      .map((p) => ({ orgUnitId: p.orgUnitId, orgUnitName: p.name, kind: p.kind, canViewRestricted: p.canViewRestricted })),
    disabled: r.disabled,
    locked: locked.has(r.username.toLowerCase()),
    mustChangePassword: r.mustChangePassword,
    secondFactor: { enabled: !!r.totpEnabledAt, required: secondFactorRequired(r.role), exempt: r.secondFactorExempt },
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listUsers({ db, query }: { db: Db; query: { q?: string; role?: string; page: number; pageSize: number } }): Promise<Page<User>> {
  const where: SQL[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (query.role) where.push(eq(users.role, query.role));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [{ total }]] = await parallel(db, [
    () => db.select().from(users).where(cond).orderBy(users.username).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    () => db.select({ total: count() }).from(users).where(cond),
  ]);
  return { data: await present(db, rows), total };
}

export async function getUser({ db, id }: { db: Db; id: string }): Promise<User> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw notFound();
  return (await present(db, [row]))[0];
}

const postsSnapshot = (posts: { orgUnitId: string; canViewRestricted: boolean }[]) =>
  posts.map((p) => `${p.orgUnitId}${p.canViewRestricted ? ':restricted' : ''}`).sort();

async function checkPosts(db: Db, posts: { orgUnitId: string }[]) {
  const ids = [...new Set(posts.map((p) => p.orgUnitId))];
  if (!ids.length) return;
  const found = await db.select({ id: orgUnits.id }).from(orgUnits).where(inArray(orgUnits.id, ids));
  if (found.length !== ids.length) throw new AppError('validation.failed', 400, [{ field: 'posts', code: 'invalid', message: '岗位中的机构不存在' }]);
}

/**
 * Creates an account with no usable password: the administrator hands the one-time code to the
 * user, who must choose a password at first login (ASVS 6.4.6: the admin never picks it).
 */
export async function createUser({ db, actor, input }: { db: Db; actor: Actor; input: UserCreateInput }): Promise<{ user: User } & OneTimeCode> {
  await checkPosts(db, input.posts);
  await checkSupervisor(db, input.supervisorId);
  const issued = await issueCode();
  const row = await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`);
    if (taken) throw new AppError('users.username_taken', 409, [{ field: 'username', code: 'users.username_taken', message: '该用户名已被使用' }]);
    const [created] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        phone: input.phone ?? null,
        supervisorId: input.supervisorId ?? null,
        passwordHash: issued.unusable,
        mustChangePassword: true,
        resetCodeHash: issued.hash,
        resetCodeExpiresAt: issued.expiresAt,
      })
      .returning();
    if (input.posts.length) await tx.insert(userPosts).values(input.posts.map((p) => ({ ...p, userId: created.id })));
    await writeAudit({
      db: tx,
      actor,
      action: 'users.create',
      entityType: 'user',
      entityId: created.id,
      changes: diffChanges({}, { ...created, posts: postsSnapshot(input.posts) }, ['username', 'displayName', 'role', 'phone', 'supervisorId', 'posts']),
    });
    return created;
  });
  return { user: (await present(db, [row]))[0], oneTimeCode: issued.code, expiresAt: issued.expiresAt.toISOString() };
}

/** A 督导 must be an enabled user with the supervisor role. */
async function checkSupervisor(db: Db, supervisorId: string | null | undefined) {
  if (!supervisorId) return;
  const [s] = await db.select({ role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, supervisorId));
  if (!s || s.disabled || s.role !== 'supervisor') throw fieldError('supervisorId', 'invalid', '请选择一位督导');
}

/**
 * Changes role, post, status or details. Disabling ends the user's sessions; a new role or post
 * applies from their next request, since every request reads them afresh.
 */
export async function updateUser({ db, actor, id, input }: { db: Db; actor: Actor; id: string; input: UserUpdateInput }): Promise<User> {
  if (id === actor.userId && (input.role !== undefined || input.posts !== undefined || input.disabled !== undefined)) {
    throw new AppError('users.cannot_change_self', 403);
  }
  if (input.posts) await checkPosts(db, input.posts);
  if (input.supervisorId === id) throw fieldError('supervisorId', 'invalid', '不能指定本人为督导');
  await checkSupervisor(db, input.supervisorId);
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before) throw notFound();
    if (input.version !== undefined && input.version !== before.version) throw versionConflict(before.version);
    const beforePosts = await tx.select().from(userPosts).where(eq(userPosts.userId, id));
    const { posts, version: _v, ...fields } = input;
    const [after] = await tx
      .update(users)
      .set({ ...fields, version: before.version + 1, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (posts) {
      await tx.delete(userPosts).where(eq(userPosts.userId, id));
      if (posts.length) await tx.insert(userPosts).values(posts.map((p) => ({ ...p, userId: id })));
    }
    const changes = diffChanges(
      { ...before, posts: postsSnapshot(beforePosts) },
      { ...after, posts: postsSnapshot(posts ?? beforePosts) },
      ['displayName', 'role', 'phone', 'supervisorId', 'posts', 'disabled'],
    );
    if (after.disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
    await writeAudit({ db: tx, actor, action: 'users.update', entityType: 'user', entityId: id, changes });
    return after;
  });
  return (await present(db, [row]))[0];
}

/** Replaces the password with a one-time code that forces a change, and ends the user's sessions. */
export async function resetPassword({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<OneTimeCode> {
  const issued = await issueCode();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash: issued.unusable, mustChangePassword: true, resetCodeHash: issued.hash, resetCodeExpiresAt: issued.expiresAt, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning({ username: users.username });
    if (!row) throw notFound();
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await tx.delete(loginThrottle).where(eq(loginThrottle.usernameKey, row.username.toLowerCase()));
    await writeAudit({ db: tx, actor, action: 'users.reset_password', entityType: 'user', entityId: id });
  });
  return { oneTimeCode: issued.code, expiresAt: issued.expiresAt.toISOString() };
}

/**
 * Takes a user's second factor away, and any demo exemption with it: they enrol again at their
 * next login (a role that needs one must). Another administrator does it, never the user for
 * themselves — a stolen session could otherwise swap the factor.
 */
export async function resetSecondFactor({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<User> {
  if (id === actor.userId) throw new AppError('users.cannot_reset_own_second_factor', 403);
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before) throw notFound();
    await clearSecondFactor(tx, id);
    const [after] = await tx.update(users).set({ secondFactorExempt: false, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await writeAudit({ db: tx, actor, action: 'users.reset_second_factor', entityType: 'user', entityId: id, detail: { wasEnabled: !!before.totpEnabledAt } });
    return after;
  });
  return (await present(db, [row]))[0];
}

/** Lifts a lock left by failed logins. */
export async function unlockUser({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<User> {
  const user = await getUser({ db, id });
  await db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.usernameKey, user.username.toLowerCase()));
    await writeAudit({ db: tx, actor, action: 'users.unlock', entityType: 'user', entityId: id });
  });
  return { ...user, locked: false };
}
