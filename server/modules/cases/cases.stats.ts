import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { OPEN_CASE_STATUSES } from '../../../common/codes/case.codes';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { parallel, type Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { users } from '../users/users.table';
import { visibleCasesWhere } from './cases.policy';
import { cases } from './cases.table';

/**
 * Figures for the case charts, within what the caller may see: `mine` the cases they lead, `team`
 * the cases they supervise, `all` every case they may see (a manager's view).
 */
export async function caseStats({ db, actor, scope }: { db: Db; actor: Actor; scope: 'mine' | 'team' | 'all' }) {
  const where: SQL = and(
    visibleCasesWhere(actor),
    scope === 'mine' ? eq(cases.leadUserId, actor.userId) : scope === 'team' ? eq(cases.supervisorUserId, actor.userId) : undefined,
  )!;
  const open = inArray(cases.status, [...OPEN_CASE_STATUSES]);
  const by = async <K extends string>(col: AnyPgColumn, key: K, onlyOpen = false) => {
    const rows = await db.select({ value: col, count: count() }).from(cases).where(onlyOpen ? and(where, open) : where).groupBy(col);
    return rows.map((r) => ({ [key]: r.value as string | null, count: r.count }) as Record<K, string | null> & { count: number });
  };
  const month = sql<string>`to_char(date_trunc('month', ${cases.intakeDate}::timestamp), 'YYYY-MM')`;
  const closedMonth = sql<string>`to_char(date_trunc('month', ${cases.closedAt} at time zone 'Asia/Shanghai'), 'YYYY-MM')`;
  const since = sql`(date_trunc('month', now() at time zone 'Asia/Shanghai') - interval '11 months')::date`;
  const [byStatus, byRisk, byServiceArea, byTargetGroup, opened, closed, caseload] = await parallel(db, [
    () => by(cases.status, 'status'),
    () => by(cases.riskLevel, 'riskLevel', true),
    () => by(cases.serviceArea, 'serviceArea'),
    () => by(cases.targetGroup, 'targetGroup'),
    () => db.select({ month, n: count() }).from(cases).where(and(where, sql`${cases.intakeDate} >= ${since}`)).groupBy(month),
    () => db.select({ month: closedMonth, n: count() }).from(cases).where(and(where, sql`${cases.closedAt} >= ${since}`, eq(cases.status, 'closed'))).groupBy(closedMonth),
    () => db
      .select({ userId: cases.leadUserId, name: users.displayName, open: count() })
      .from(cases)
      .innerJoin(users, eq(users.id, cases.leadUserId))
      .where(and(where, open))
      .groupBy(cases.leadUserId, users.displayName)
      .orderBy(sql`count(*) desc`),
  ]);
  const months = [...new Set([...opened.map((o) => o.month), ...closed.map((c) => c.month)])].sort();
  return {
    byStatus, byRisk, byServiceArea, byTargetGroup,
    perMonth: months.map((m) => ({ month: m, opened: opened.find((o) => o.month === m)?.n ?? 0, closed: closed.find((c) => c.month === m)?.n ?? 0 })),
    caseload,
  };
}
