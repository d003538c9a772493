import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { loginThrottle, rateLimits } from './auth.table';

export type AuthSettings = Pick<
  Config,
  'sessionIdleMs' | 'sessionAbsoluteMs' | 'loginMaxFailures' | 'loginLockMs' | 'loginRatePerMinute'
>;

/**
 * Counts a hit in a fixed one-minute window shared by every process; true when over the limit.
 */
export async function overRateLimit({ db, key, limit, now = new Date() }: { db: Db; key: string; limit: number; now?: Date }) {
  const windowStart = new Date(now.getTime() - 60_000);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} <= ${windowStart} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= ${windowStart} then ${now} else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  return row.count > limit;
}

/**
 * Counts one failed proof of identity (password or second-factor code) against a username as typed;
 * true when this failure locks it (等保 2.0 登录失败处理: five in a row, then 15 minutes).
 */
export async function recordFailure(db: Db, key: string, settings: AuthSettings, now: Date): Promise<boolean> {
  const [row] = await db
    .insert(loginThrottle)
    .values({ usernameKey: key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.usernameKey,
      set: { failures: sql`${loginThrottle.failures} + 1`, lastFailureAt: now },
    })
    .returning({ failures: loginThrottle.failures });
  if (row.failures >= settings.loginMaxFailures) {
    await db
      .update(loginThrottle)
      .set({ lockedUntil: new Date(now.getTime() + settings.loginLockMs), failures: 0 })
      .where(eq(loginThrottle.usernameKey, key));
    return true;
  }
  return false;
}

