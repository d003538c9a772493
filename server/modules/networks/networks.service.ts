import { and, desc, eq } from 'drizzle-orm';
import { chinaToday } from '../../../common/dates';
import type { Page } from '../../../common/schemas/common.schema';
import { ecomapInput, type Ecomap, type EcomapInput, type EcomapTie } from '../../../common/schemas/networks.schema';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { fieldError, notFound } from '../../lib/errors';
import { loadCase, loadCaseForWork, recordCaseEvent } from '../cases/cases.access';
import { users } from '../users/users.table';
import { presentEcomap } from './networks.presenter';
import { caseEcomaps } from './networks.table';

const select = (db: Db) =>
  db.select({ e: caseEcomaps, createdByName: users.displayName }).from(caseEcomaps).leftJoin(users, eq(users.id, caseEcomaps.createdBy));

/** The client's ecomap snapshots (§6.2.4), newest first, each with its ties: the web compares any two. */
export async function listEcomaps({ db, actor, caseId }: { db: Db; actor: Actor; caseId: string }): Promise<Page<Ecomap>> {
  await loadCase({ db, actor, id: caseId });
  const rows = await select(db).where(eq(caseEcomaps.caseId, caseId)).orderBy(desc(caseEcomaps.takenOn), desc(caseEcomaps.createdAt));
  return { data: rows.map((r) => presentEcomap(r.e, r.createdByName)), total: rows.length };
}

export async function getEcomap({ db, actor, caseId, ecomapId }: { db: Db; actor: Actor; caseId: string; ecomapId: string }): Promise<{ data: Ecomap }> {
  await loadCase({ db, actor, id: caseId });
  const [r] = await select(db).where(and(eq(caseEcomaps.caseId, caseId), eq(caseEcomaps.id, ecomapId)));
  if (!r) throw notFound();
  return { data: presentEcomap(r.e, r.createdByName) };
}

/**
 * Records a snapshot of the client's support network. Snapshots are never edited: comparing them
 * over time is what shows the network changing (§6.2.4), so a correction is a new snapshot.
 */
export async function createEcomap({ db, actor, caseId, input }: { db: Db; actor: Actor; caseId: string; input: EcomapInput }): Promise<{ data: Ecomap }> {
  const v = ecomapInput.parse(input);
  // Stored in one shape, every field present: snapshots are compared field by field.
  const ties: EcomapTie[] = v.ties.map((t) => ({
    name: t.name, kind: t.kind, formal: t.formal, relation: t.relation ?? null, quality: t.quality, strength: t.strength, contact: t.contact ?? null, note: t.note ?? null,
  }));
  const id = await db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id: caseId });
    if (v.takenOn > chinaToday()) throw fieldError('takenOn', 'future_date', '日期不能晚于今天');
    const [row] = await tx.insert(caseEcomaps).values({ caseId, takenOn: v.takenOn, note: v.note ?? null, ties, createdBy: actor.userId }).returning();
    await recordCaseEvent({
      db: tx, actor, c, action: 'ecomaps.create', note: v.note ?? null,
      detail: { ecomapId: row.id, takenOn: v.takenOn, ties: ties.length, stressful: ties.filter((t) => t.quality === 'stressful').length },
    });
    return row.id;
  });
  return getEcomap({ db, actor, caseId, ecomapId: id });
}
