import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '../../../common/permissions';
import type { RecoveryCodes, SecondFactorSetup, SecondFactorStatus } from '../../../common/schemas/auth.schema';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { decrypt, encrypt } from '../../lib/crypto';
import { AppError, fieldError } from '../../lib/errors';
import { writeAudit, type AuditInput } from '../audit/audit.service';
import { users } from '../users/users.table';
import { recoveryCodes, sessions } from './auth.table';
import { recordFailure, type AuthSettings } from './auth.throttle';
import { newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpStep, totpUri } from './auth.totp';

/**
 * Roles that sign in with a password and a TOTP code (等保 2.0 三级 身份鉴别: 两种或两种以上组合的
 * 鉴别技术; security-checklist AUTH-05): the accounts that administer the system, read the full
 * audit log, or approve casework across a scope. Other roles may turn it on for themselves.
 */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['admin', 'audit_admin', 'supervisor'];
export const secondFactorRequired = (role: string) => SECOND_FACTOR_ROLES.includes(role as Role);

/** A role that needs a second factor, signed in without one: may do nothing but enrol. */
export const mustEnrolSecondFactor = ({ role, enabled, exempt }: { role: string; enabled: boolean; exempt: boolean }) =>
  secondFactorRequired(role) && !enabled && !exempt;

type UserRow = typeof users.$inferSelect;
type AuditActor = AuditInput['actor'];

/** Accepts a TOTP code once: its time step must come after the last one accepted. */
async function acceptTotp(db: Db, user: UserRow, code: string, now: Date): Promise<boolean> {
  if (!user.totpSecret) return false;
  const step = totpStep(decrypt(user.totpSecret)!, code, now);
  if (step === null) return false;
  const [row] = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, user.id), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
    .returning({ id: users.id });
  return !!row;
}

/** Spends a recovery code; audited with how many are left. */
async function spendRecoveryCode(db: Db, actor: AuditActor, userId: string, code: string, now: Date): Promise<boolean> {
  const [row] = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, recoveryCodeHash(code)), isNull(recoveryCodes.usedAt)))
    .returning({ userId: recoveryCodes.userId });
  if (!row) return false;
  const [{ left }] = await db.select({ left: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  await writeAudit({ db, actor, action: 'auth.recovery_code_used', entityType: 'user', entityId: userId, detail: { left } });
  return true;
}

/** A login's second factor: which one was right, or null. */
export async function checkSecondFactor({
  db, actor, user, totp, recoveryCode, now,
}: { db: Db; actor: AuditActor; user: UserRow; totp?: string; recoveryCode?: string; now: Date }): Promise<'totp' | 'recovery_code' | null> {
  if (totp) return (await acceptTotp(db, user, totp, now)) ? 'totp' : null;
  if (recoveryCode) return (await spendRecoveryCode(db, actor, user.id, recoveryCode, now)) ? 'recovery_code' : null;
  return null;
}

async function userOf(db: Db, id: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/**
 * A code typed while signed in (to turn the factor off or renew the recovery codes): six digits
 * from the app, or a recovery code. A wrong one counts toward the account lock like a wrong
 * password, and a lock ends the user's sessions.
 */
async function checkSignedInCode({ db, settings, actor, code, now }: { db: Db; settings: AuthSettings; actor: Actor; code: string; now: Date }) {
  const user = await userOf(db, actor.userId);
  const ok = /^\s*\d{6}\s*$/.test(code) ? await acceptTotp(db, user, code, now) : await spendRecoveryCode(db, actor, user.id, code, now);
  if (ok) return;
  await writeAudit({ db, actor, action: 'auth.second_factor_failed', entityType: 'user', entityId: actor.userId, outcome: 'failure' });
  if (await recordFailure(db, actor.username.toLowerCase(), settings, now)) {
    await db.delete(sessions).where(eq(sessions.userId, actor.userId));
    await writeAudit({ db, actor, action: 'auth.account_locked', entityType: 'user', entityId: actor.userId, outcome: 'failure' });
    throw new AppError('auth.locked', 423);
  }
  throw fieldError('code', 'auth.invalid_code', '验证码不正确');
}

/** The caller's second factor, for their account page. */
export async function secondFactorStatus({ db, actor }: { db: Db; actor: Actor }): Promise<SecondFactorStatus> {
  const user = await userOf(db, actor.userId);
  const [{ left }] = await db.select({ left: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
  return {
    enabled: !!user.totpEnabledAt,
    enabledAt: user.totpEnabledAt?.toISOString() ?? null,
    required: secondFactorRequired(user.role),
    exempt: user.secondFactorExempt,
    recoveryCodesLeft: user.totpEnabledAt ? left : 0,
  };
}

/** Starts (or starts again) an enrolment: a new secret, kept encrypted until a first code confirms it. */
export async function startEnrolment({ db, actor }: { db: Db; actor: Actor }): Promise<SecondFactorSetup> {
  const user = await userOf(db, actor.userId);
  if (user.totpEnabledAt) throw new AppError('auth.second_factor_enabled', 409);
  const secret = newTotpSecret();
  await db.update(users).set({ totpPendingSecret: encrypt(secret) }).where(eq(users.id, user.id));
  return { secret, uri: totpUri(secret, user.username) };
}

async function issueRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: recoveryCodeHash(c) })));
  return codes;
}

/**
 * Confirms an enrolment with a first code from the app, turns the factor on and issues ten
 * recovery codes, shown this once. A mistyped code here only fails: nothing is protected yet.
 */
export async function confirmEnrolment({ db, actor, code, now = new Date() }: { db: Db; actor: Actor; code: string; now?: Date }): Promise<RecoveryCodes> {
  const user = await userOf(db, actor.userId);
  if (user.totpEnabledAt) throw new AppError('auth.second_factor_enabled', 409);
  if (!user.totpPendingSecret) throw new AppError('auth.second_factor_not_started', 409);
  const step = totpStep(decrypt(user.totpPendingSecret)!, code, now);
  if (step === null) {
    await writeAudit({ db, actor, action: 'auth.second_factor_failed', entityType: 'user', entityId: user.id, outcome: 'failure', detail: { via: 'enrolment' } });
    throw fieldError('code', 'auth.invalid_code', '验证码不正确');
  }
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step })
      .where(eq(users.id, user.id));
    const codes = await issueRecoveryCodes(tx, user.id);
    await writeAudit({ db: tx, actor, action: 'auth.second_factor_enabled', entityType: 'user', entityId: user.id });
    return { recoveryCodes: codes };
  });
}

/** New recovery codes for the caller (the old ones stop working), after a code. */
export async function renewRecoveryCodes({ db, settings, actor, code, now = new Date() }: { db: Db; settings: AuthSettings; actor: Actor; code: string; now?: Date }): Promise<RecoveryCodes> {
  const user = await userOf(db, actor.userId);
  if (!user.totpEnabledAt) throw new AppError('auth.second_factor_off', 409);
  await checkSignedInCode({ db, settings, actor, code, now });
  return db.transaction(async (tx) => {
    const codes = await issueRecoveryCodes(tx, user.id);
    await writeAudit({ db: tx, actor, action: 'auth.recovery_codes_renewed', entityType: 'user', entityId: user.id });
    return { recoveryCodes: codes };
  });
}

/** Takes a user's second factor away: secret, enrolment and recovery codes. */
export async function clearSecondFactor(db: Db, userId: string) {
  await db
    .update(users)
    .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** Turns the caller's own second factor off, after a code; only for roles that do not need one. */
export async function disableSecondFactor({ db, settings, actor, code, now = new Date() }: { db: Db; settings: AuthSettings; actor: Actor; code: string; now?: Date }) {
  if (secondFactorRequired(actor.role)) throw new AppError('auth.second_factor_required_by_role', 403);
  const user = await userOf(db, actor.userId);
  if (!user.totpEnabledAt) throw new AppError('auth.second_factor_off', 409);
  await checkSignedInCode({ db, settings, actor, code, now });
  await db.transaction(async (tx) => {
    await clearSecondFactor(tx, user.id);
    await writeAudit({ db: tx, actor, action: 'auth.second_factor_disabled', entityType: 'user', entityId: user.id });
  });
}
