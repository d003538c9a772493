import { hash, verify } from '@node-rs/argon2';
import { and, eq, ne, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { ErrorCode } from '../../../common/errors';
import { permissionsOf, type Role } from '../../../common/permissions';
import type { Database, Db } from '../../db/client';
import type { Actor, RequestContext } from '../../lib/actor';
import { randomToken, sha256 } from '../../lib/crypto';
import { AppError, fieldError } from '../../lib/errors';
import { writeAudit } from '../audit/audit.service';
import { normalizeCode } from '../users/users.code';
import { users, userScopes } from '../users/users.table';
import { checkSecondFactor, mustEnrolSecondFactor } from './auth.factor';
import { loginThrottle, sessions } from './auth.table';
import { overRateLimit, recordFailure, type AuthSettings } from './auth.throttle';

// argon2id, t=2, m=19 MiB, p=1 (OWASP / ASVS 11.4.2 minimum).
// algorithm 2 is Algorithm.Argon2id (a const enum, not importable under isolatedModules).
const ARGON = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const hashSecret = (s: string) => hash(s, ARGON);
const verifySecret = (h: string, s: string) => verify(h, s).catch(() => false);
/** Verified when the username is unknown, so both answers take the same time. */
const DUMMY_HASH = hashSecret(randomToken());

export type { AuthSettings } from './auth.throttle';

/**
 * Checks a username and password (or an administrator's one-time code), then the second factor of
 * a user who has one, and opens a session. An unknown user, a disabled user and a wrong password
 * get the same answer; a right password without the code answers `auth.second_factor_required` and
 * opens nothing. Five failures in a row, passwords and codes alike, lock the name for 15 minutes
 * (等保 2.0 登录失败处理).
 */
export async function login({
  db,
  settings,
  username,
  password,
  totp,
  recoveryCode,
  ctx,
  userAgent,
  now = new Date(),
}: {
  db: Db;
  settings: AuthSettings;
  username: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
  ctx: RequestContext;
  userAgent?: string;
  now?: Date;
}): Promise<{ token: string; userId: string }> {
  const key = username.trim().toLowerCase();
  const fail = async (reason: string, userId: string | null, code: ErrorCode = 'auth.invalid_credentials'): Promise<never> => {
    const lockedNow = await recordFailure(db, key, settings, now);
    await writeAudit({
      db,
      actor: { ...ctx, userId, username: key },
      action: 'auth.login_failed',
      entityType: userId ? 'user' : undefined,
      entityId: userId ?? undefined,
      outcome: 'failure',
      detail: { reason },
    });
    if (lockedNow) {
      await writeAudit({ db, actor: { ...ctx, userId, username: key }, action: 'auth.account_locked', outcome: 'failure' });
      throw new AppError('auth.locked', 423);
    }
    throw new AppError(code, 401);
  };

  if (await overRateLimit({ db, key: `login:${ctx.ip ?? 'unknown'}`, limit: settings.loginRatePerMinute, now })) {
    await writeAudit({ db, actor: { ...ctx, username: key }, action: 'auth.rate_limited', outcome: 'denied' });
    throw new AppError('rate_limited', 429);
  }
  const [throttle] = await db.select().from(loginThrottle).where(eq(loginThrottle.usernameKey, key));
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    await writeAudit({ db, actor: { ...ctx, username: key }, action: 'auth.login_locked', outcome: 'denied' });
    throw new AppError('auth.locked', 423);
  }

  const [user] = await db.select().from(users).where(sql`lower(${users.username}) = ${key}`);
  if (!user) {
    await verifySecret(await DUMMY_HASH, password);
    return fail('unknown_user', null);
  }
  let viaResetCode = false;
  let ok = await verifySecret(user.passwordHash, password);
  if (!ok && user.resetCodeHash && user.resetCodeExpiresAt && user.resetCodeExpiresAt > now) {
    ok = await verifySecret(user.resetCodeHash, normalizeCode(password));
    viaResetCode = ok;
  }
  if (!ok) return fail('wrong_password', user.id);
  if (user.disabled) return fail('disabled', user.id);
  let secondFactor: 'totp' | 'recovery_code' | null = null;
  if (user.totpEnabledAt) {
    if (!totp && !recoveryCode) throw new AppError('auth.second_factor_required', 401);
    secondFactor = await checkSecondFactor({ db, user, totp, recoveryCode, now, actor: { ...ctx, userId: user.id, username: user.username, role: user.role } });
    if (!secondFactor) return fail('wrong_second_factor', user.id, 'auth.invalid_second_factor');
  }

  const token = randomToken(32);
  await db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.usernameKey, key));
    await tx.insert(sessions).values({
      id: sha256(token),
      userId: user.id,
      csrfToken: randomToken(24),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + settings.sessionAbsoluteMs),
      ip: ctx.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    await writeAudit({
      db: tx,
      actor: { ...ctx, userId: user.id, username: user.username, role: user.role },
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      detail: viaResetCode || secondFactor ? { ...(viaResetCode && { via: 'one_time_code' }), ...(secondFactor && { secondFactor }) } : null,
    });
  });
  return { token, userId: user.id };
}

type SessionRow = {
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  user_id: string;
  username: string;
  display_name: string;
  role: string;
  must_change_password: boolean;
  disabled: boolean;
  second_factor_on: boolean;
  second_factor_exempt: boolean;
  community_ids: string[];
  restricted_ids: string[];
};

/**
 * The session, its user and the user's scope (user_scopes) in one round trip. A named (prepared) statement:
 * it runs on every request, so PostgreSQL plans it once per connection.
 */
const SESSION_SQL = new PgDialect().sqlToQuery(sql`
  select s.csrf_token, s.last_seen_at, s.expires_at, u.id as user_id, u.username, u.display_name, u.role,
         u.must_change_password, u.disabled, u.totp_enabled_at is not null as second_factor_on, u.second_factor_exempt,
         coalesce(array(select c.community_id from ${userScopes} c where c.user_id = u.id order by c.community_id), '{}') as community_ids,
         coalesce(array(select c.community_id from ${userScopes} c where c.user_id = u.id and c.restricted order by c.community_id), '{}') as restricted_ids
    from ${sessions} s join ${users} u on u.id = s.user_id
   where s.id = ${'$session'}`).sql;

export type SessionResult = { actor: Actor; csrfToken: string } | 'expired' | null;

/**
 * Resolves a session cookie to the actor, applying the idle and absolute timeouts. The user's
 * role, status and post are read fresh, so a change takes effect on the next request.
 */
export async function resolveSession({
  db,
  settings,
  token,
  ctx,
  now = new Date(),
}: {
  db: Database;
  settings: AuthSettings;
  token: string;
  ctx: RequestContext;
  now?: Date;
}): Promise<SessionResult> {
  const id = sha256(token);
  const { rows } = await db.$client.query<SessionRow>({ name: 'linli_resolve_session', text: SESSION_SQL, values: [id] });
  const row = rows[0];
  if (!row) return null;
  const lastSeen = new Date(row.last_seen_at).getTime();
  const idleExpired = lastSeen + settings.sessionIdleMs <= now.getTime();
  if (idleExpired || new Date(row.expires_at) <= now || row.disabled) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return 'expired';
  }
  // Touch at most once a minute: fewer writes, same idle timeout to the minute.
  if (now.getTime() - lastSeen > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const role = row.role as Role;
  return {
    csrfToken: row.csrf_token,
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role,
      permissions: permissionsOf(role),
      communityIds: row.community_ids,
      restrictedCommunityIds: row.restricted_ids,
      mustChangePassword: row.must_change_password,
      mustEnrolSecondFactor: mustEnrolSecondFactor({ role, enabled: row.second_factor_on, exempt: row.second_factor_exempt }),
      sessionId: id,
      ip: ctx.ip,
      requestId: ctx.requestId,
    },
  };
}

/** Whether any enabled account was exempted from the second factor by the demo seed. */
export async function exemptAccountsExist(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.secondFactorExempt, true), eq(users.disabled, false))).limit(1);
  return !!row;
}

/** Ends the caller's session on the server. */
export async function logout({ db, actor }: { db: Db; actor: Actor }) {
  if (!actor.sessionId) return;
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, actor.sessionId!));
    await writeAudit({ db: tx, actor, action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
}

/**
 * Changes the caller's password and ends their other sessions. A user who must change it signed in
 * with the administrator's one-time code minutes ago (their old password was replaced by a hash
 * nobody knows), so only the new password is asked; anyone else confirms the current one.
 */
export async function changePassword({
  db,
  actor,
  currentPassword,
  newPassword,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  currentPassword?: string;
  newPassword: string;
  now?: Date;
}) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  const codeValid = !!user.resetCodeHash && !!user.resetCodeExpiresAt && user.resetCodeExpiresAt > now;
  if (!user.mustChangePassword) {
    if (!currentPassword) throw fieldError('currentPassword', 'required', '请输入当前密码');
    const currentOk =
      (await verifySecret(user.passwordHash, currentPassword)) ||
      (codeValid && (await verifySecret(user.resetCodeHash!, normalizeCode(currentPassword))));
    if (!currentOk) {
      await writeAudit({ db, actor, action: 'auth.password_change_failed', entityType: 'user', entityId: actor.userId, outcome: 'failure' });
      throw new AppError('auth.wrong_password', 400, [{ field: 'currentPassword', code: 'auth.wrong_password', message: '当前密码不正确' }]);
    }
  }
  const reusesCode = codeValid && (await verifySecret(user.resetCodeHash!, normalizeCode(newPassword)));
  if (currentPassword === newPassword || reusesCode) {
    throw new AppError('auth.same_password', 400, [{ field: 'newPassword', code: 'auth.same_password', message: '新密码不能与当前密码相同' }]);
  }
  const passwordHash = await hashSecret(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, resetCodeHash: null, resetCodeExpiresAt: null, updatedAt: now })
      .where(eq(users.id, actor.userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.userId), ne(sessions.id, actor.sessionId ?? '')));
    await writeAudit({ db: tx, actor, action: 'auth.password_changed', entityType: 'user', entityId: actor.userId });
  });
}
