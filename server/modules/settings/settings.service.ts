import { asc, eq, sql } from 'drizzle-orm';
import type { RiskLevel, RiskLevels, RiskLevelsSave } from '../../../common/schemas/settings.schema';
import { FIELD_MESSAGES } from '../../../common/errors';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, fieldError } from '../../lib/errors';
import { writeAudit } from '../audit/audit.service';
import { cases } from '../cases/cases.table';
import { riskLevels } from './settings.table';

const FIELDS = ['zh', 'en', 'contactDays', 'color', 'active', 'position'] as const;

/** Every level, most urgent first, with whether cases use it, and the version an editor sends back. */
export async function listRiskLevels({ db }: { db: Db }): Promise<RiskLevels> {
  const rows = await db
    .select({
      code: riskLevels.code, zh: riskLevels.zh, en: riskLevels.en, contactDays: riskLevels.contactDays, color: riskLevels.color,
      active: riskLevels.active, position: riskLevels.position, updatedAt: riskLevels.updatedAt,
      inUse: sql<boolean>`exists (select 1 from ${cases} where ${cases.riskLevel} = ${riskLevels.code})`,
    })
    .from(riskLevels)
    .orderBy(asc(riskLevels.position), asc(riskLevels.code));
  const latest = rows.reduce((m, r) => Math.max(m, r.updatedAt.getTime()), 0);
  return {
    data: rows.map((r) => ({ code: r.code, zh: r.zh, en: r.en, contactDays: r.contactDays, color: r.color as RiskLevel['color'], active: r.active, inUse: r.inUse })),
    version: `${latest}:${rows.map((r) => r.code).join(',')}`,
  };
}

/**
 * Replaces the levels with the list given, in its order (系统设置, administrators). A level cases use
 * cannot be deleted (deactivate it instead); an editor working from an older version gets 409.
 */
export async function saveRiskLevels({ db, actor, input }: { db: Db; actor: Actor; input: RiskLevelsSave }): Promise<RiskLevels> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${riskLevels} in share row exclusive mode`);
    const current = await listRiskLevels({ db: tx });
    if (current.version !== input.version) throw new AppError('version_conflict', 409);
    const given = new Map(input.levels.map((l, position) => [l.code, { ...l, position }]));
    const removed = current.data.filter((l) => !given.has(l.code));
    const used = removed.find((l) => l.inUse);
    if (used) throw fieldError('levels', 'risk_level.in_use', `「${used.zh}」${FIELD_MESSAGES['risk_level.in_use'].zh}`);
    const before = new Map(current.data.map((l, position) => [l.code, { ...l, position }]));
    const changes: Record<string, [unknown, unknown]> = {};
    for (const l of removed) {
      await tx.delete(riskLevels).where(eq(riskLevels.code, l.code));
      changes[l.code] = [pick(before.get(l.code)!), null];
    }
    for (const [code, l] of given) {
      const was = before.get(code);
      if (was && FIELDS.every((f) => was[f] === l[f])) continue;
      const values = { zh: l.zh, en: l.en, contactDays: l.contactDays, color: l.color, active: l.active, position: l.position, updatedAt: new Date(), updatedBy: actor.userId };
      await tx.insert(riskLevels).values({ code, ...values }).onConflictDoUpdate({ target: riskLevels.code, set: values });
      changes[code] = [was ? pick(was) : null, pick(l)];
    }
    if (Object.keys(changes).length) await writeAudit({ db: tx, actor, action: 'settings.risk_levels', entityType: 'risk_level', changes });
    return listRiskLevels({ db: tx });
  });
}

const pick = (l: Record<(typeof FIELDS)[number], unknown>) => Object.fromEntries(FIELDS.map((f) => [f, l[f]]));

/**
 * The level a case is given: it must exist and be offered (active). Without one, the calmest level
 * still offered. Answers a field error on `riskLevel` otherwise.
 */
export async function resolveRiskLevel(db: Db, code: string | undefined): Promise<string> {
  const rows = await db.select({ code: riskLevels.code, active: riskLevels.active }).from(riskLevels).orderBy(asc(riskLevels.position));
  const offered = rows.filter((r) => r.active);
  if (code === undefined) return offered[offered.length - 1].code;
  if (!offered.some((r) => r.code === code)) throw fieldError('riskLevel', 'risk_level.unknown', FIELD_MESSAGES['risk_level.unknown'].zh);
  return code;
}
