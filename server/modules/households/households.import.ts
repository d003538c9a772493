// Households built by a resident import, many at once, with the same rules and audit rows as one
// created on its page (households.service.ts): the head is a member whose relation is 户主.
import { sql } from 'drizzle-orm';
import { insertMany } from '../../db/bulk';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { diffChanges, writeAudits } from '../audit/audit.service';
import { HOUSEHOLD_AUDITED, syncHeadRelations } from './households.service';
import { households } from './households.table';

export type ImportedHousehold = {
  id: string;
  communityId: string;
  neighborhood: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  addressDetail: string | null;
};

/** A yield to the event loop between chunks, so that other requests are answered meanwhile. */
const breathe = () => new Promise<void>((r) => setImmediate(r));

/** Community and state of households, for deciding whether an import may add to them. */
export async function householdsById({ db, ids }: { db: Db; ids: string[] }) {
  const unique = [...new Set(ids)];
  const rows = unique.length
    ? await db.select().from(households).where(sql`${households.id} = any(${sql.param(unique)}::uuid[])`)
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Registers the new households of an import (no head yet: the head is a resident the import writes next). */
export async function insertImportedHouseholds({ db, actor, items }: { db: Db; actor: Actor; items: ImportedHousehold[] }) {
  for (let i = 0; i < items.length; i += 1000) {
    await insertMany(db, households, items.slice(i, i + 1000).map((h) => ({ ...h, type: 'ordinary', createdBy: actor.userId, updatedBy: actor.userId })));
    await breathe();
  }
}

/**
 * Names each household's head once its members are written. A new household gets its
 * `households.create` audit row here, with its head; an existing one whose head changes gets a new
 * version, its former head loses the relation 户主 (as households.service does), and a
 * `households.update` row. A thousand households at a time.
 */
export async function setImportedHeads({ db, actor, heads }: { db: Db; actor: Actor; heads: { householdId: string; headResidentId: string; created: boolean }[] }) {
  for (let i = 0; i < heads.length; i += 1000) {
    const chunk = heads.slice(i, i + 1000);
    const before = await householdsById({ db, ids: chunk.map((h) => h.householdId) });
    const changed = chunk.filter((h) => h.created || before.get(h.householdId)?.headResidentId !== h.headResidentId);
    if (!changed.length) continue;
    await db.execute(sql`update ${households} h
      set head_resident_id = v.head, version = h.version + (case when v.created then 0 else 1 end), updated_at = now(), updated_by = ${actor.userId}
      from (select unnest(${sql.param(changed.map((c) => c.householdId))}::uuid[]) as id, unnest(${sql.param(changed.map((c) => c.headResidentId))}::uuid[]) as head,
                   unnest(${sql.param(changed.map((c) => c.created))}::boolean[]) as created) v
      where h.id = v.id`);
    for (const h of changed.filter((c) => !c.created)) {
      await syncHeadRelations(db, actor, h.householdId, before.get(h.householdId)?.headResidentId ?? null, h.headResidentId);
    }
    await writeAudits({
      db,
      entries: changed.map((h) => {
        const row = before.get(h.householdId)!;
        return h.created
          ? { actor, action: 'households.create', entityType: 'household', entityId: h.householdId, communityId: row.communityId, changes: diffChanges({}, { ...row, headResidentId: h.headResidentId }, HOUSEHOLD_AUDITED), detail: { via: 'import' } }
          : { actor, action: 'households.update', entityType: 'household', entityId: h.householdId, communityId: row.communityId, changes: { headResidentId: [row.headResidentId, h.headResidentId] }, detail: { via: 'import' } };
      }),
    });
    await breathe();
  }
}
