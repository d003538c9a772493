import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { cases, caseTeam } from '../../modules/cases/cases.table';
import { residents } from '../../modules/residents/residents.table';

export type CaseSeed = {
  residentId: string;
  leadUserId: string;
  supervisorUserId?: string | null;
  kind?: 'general' | 'correction' | 'drug_rehab' | 'domestic_violence';
  status?: string;
  riskLevel?: string;
  serviceArea?: string;
  presentingProblem?: string;
  intakeDate?: string;
  juvenile?: boolean;
  consentBasis?: string | null;
};

/** The next number under a prefix (case numbers, 档号 件号): atomic, never reused. */
export async function nextNumber(db: Db, prefix: string): Promise<number> {
  const { rows } = await db.execute<{ last: number }>(sql`insert into archive_counters (prefix, last) values (${prefix}, 1)
    on conflict (prefix) do update set last = archive_counters.last + 1 returning last`);
  return Number(rows[0].last);
}

/** The next case number of a year: GA-2026-000123. */
export async function nextCaseNo(db: Db, year: number): Promise<string> {
  return `GA-${year}-${String(await nextNumber(db, `GA-${year}`)).padStart(6, '0')}`;
}

/**
 * A case straight into the tables, with its lead (and supervisor) on the team: for tests and the demo
 * seed. The API's intake (cases.service.ts `intakeCase`) is what users go through.
 */
export async function insertCase(db: Db, s: CaseSeed) {
  const [r] = await db.select({ communityId: residents.communityId, householdId: residents.householdId }).from(residents).where(eq(residents.id, s.residentId));
  const kind = s.kind ?? 'general';
  const intakeDate = s.intakeDate ?? new Date().toISOString().slice(0, 10);
  const [c] = await db
    .insert(cases)
    .values({
      caseNo: await nextCaseNo(db, Number(intakeDate.slice(0, 4))),
      communityId: r.communityId,
      residentId: s.residentId,
      householdId: r.householdId,
      kind,
      restricted: kind !== 'general',
      juvenile: s.juvenile ?? false,
      status: s.status ?? 'active',
      source: 'self_referral',
      presentingProblem: s.presentingProblem ?? '需要生活照顾与情绪支持',
      serviceArea: s.serviceArea ?? 'community_care',
      riskLevel: s.riskLevel ?? 'medium',
      intakeDate,
      decision: s.status === 'intake' ? null : 'accept',
      consentBasis: s.consentBasis === undefined ? 'consent' : s.consentBasis,
      consentDate: intakeDate,
      leadUserId: s.leadUserId,
      supervisorUserId: s.supervisorUserId ?? null,
      createdBy: s.leadUserId,
    })
    .returning();
  await db.insert(caseTeam).values([
    { caseId: c.id, userId: s.leadUserId, role: 'lead' },
    ...(s.supervisorUserId ? [{ caseId: c.id, userId: s.supervisorUserId, role: 'supervisor' }] : []),
  ]);
  return c;
}
