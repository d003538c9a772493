import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { COMMUNITY_KINDS, ORG_PARENTS, SERVING_KINDS, type OrgKind } from '../../../common/codes/org.codes';
import type { OrgCreateInput, OrgUnit, OrgUpdateInput } from '../../../common/schemas/orgs.schema';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import { diffChanges, writeAudit } from '../audit/audit.service';
import { orgUnits, orgUnitServes } from './orgs.table';

type Row = typeof orgUnits.$inferSelect;
const AUDITED = ['parentId', 'name', 'code', 'creditCode', 'address', 'phone', 'note', 'serves'] as const;

function present(r: Row, serves: string[]): OrgUnit {
  return {
    id: r.id,
    parentId: r.parentId,
    kind: r.kind,
    name: r.name,
    code: r.code,
    creditCode: r.creditCode,
    address: r.address,
    phone: r.phone,
    note: r.note,
    serves,
    version: r.version,
    archived: r.archivedAt !== null,
  };
}

async function servesOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!ids.length) return map;
  const rows = await db.select().from(orgUnitServes).where(inArray(orgUnitServes.unitId, ids));
  for (const r of rows) map.set(r.unitId, [...(map.get(r.unitId) ?? []), r.communityId]);
  return map;
}

/**
 * The organisation tree as a flat list. An administrator sees all of it; anyone else sees the
 * communities of their post and the units above them.
 */
export async function listOrgs({ db, actor }: { db: Db; actor: Actor }): Promise<OrgUnit[]> {
  let rows: Row[];
  if (actor.permissions.has('orgs.manage')) {
    rows = await db.select().from(orgUnits).orderBy(orgUnits.kind, orgUnits.code, orgUnits.name);
  } else {
    if (!actor.communityIds.length) return [];
    const ids = sql.join(actor.communityIds.map((id) => sql`${id}::uuid`), sql`, `);
    const { rows: found } = await db.execute<{ id: string }>(sql`
      with recursive up as (
        select id, parent_id from org_units where id in (${ids})
        union
        select o.id, o.parent_id from org_units o join up on o.id = up.parent_id
      ) select id from up`);
    rows = await db
      .select()
      .from(orgUnits)
      .where(and(inArray(orgUnits.id, found.map((r) => r.id)), isNull(orgUnits.archivedAt)))
      .orderBy(orgUnits.code, orgUnits.name);
  }
  const serves = await servesOf(db, rows.filter((r) => SERVING_KINDS.includes(r.kind as OrgKind)).map((r) => r.id));
  return rows.map((r) => present(r, serves.get(r.id) ?? []));
}

async function getRow(db: Db, id: string): Promise<Row> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (!row) throw notFound();
  return row;
}

/** The parent must exist, be in use and be of a kind this kind may sit under. */
async function checkParent(db: Db, kind: OrgKind, parentId: string | null | undefined) {
  const parent = parentId ? await getRow(db, parentId).catch(() => null) : null;
  const parentKind = parentId ? (parent && !parent.archivedAt ? parent.kind : 'missing') : null;
  if (!ORG_PARENTS[kind].includes(parentKind as OrgKind | null)) {
    throw new AppError('orgs.invalid_parent', 400, [{ field: 'parentId', code: 'orgs.invalid_parent', message: '上级机构类型不符合组织层级' }]);
  }
}

async function checkServes(db: Db, kind: OrgKind, serves: string[] | undefined) {
  if (!serves?.length) return;
  const rows = await db.select({ id: orgUnits.id, kind: orgUnits.kind, archivedAt: orgUnits.archivedAt }).from(orgUnits).where(inArray(orgUnits.id, serves));
  if (
    !SERVING_KINDS.includes(kind) ||
    rows.length !== new Set(serves).size ||
    rows.some((r) => !COMMUNITY_KINDS.includes(r.kind as OrgKind) || r.archivedAt)
  ) {
    throw new AppError('orgs.serves_not_community', 400, [{ field: 'serves', code: 'orgs.serves_not_community', message: '服务范围只能选择社区或村' }]);
  }
}

async function replaceServes(db: Db, unitId: string, serves: string[]) {
  await db.delete(orgUnitServes).where(eq(orgUnitServes.unitId, unitId));
  const unique = [...new Set(serves)];
  if (unique.length) await db.insert(orgUnitServes).values(unique.map((communityId) => ({ unitId, communityId })));
}

/** Adds a unit to the tree where its kind belongs (区县 → 街道 → 社区/村; 机构 → 社工站). */
export async function createOrg({ db, actor, input }: { db: Db; actor: Actor; input: OrgCreateInput }): Promise<OrgUnit> {
  const kind = input.kind as OrgKind;
  await checkParent(db, kind, input.parentId);
  await checkServes(db, kind, input.serves);
  return db.transaction(async (tx) => {
    const { serves = [], ...fields } = input;
    const [row] = await tx.insert(orgUnits).values({ ...fields, parentId: fields.parentId ?? null }).returning();
    await replaceServes(tx, row.id, serves);
    await writeAudit({
      db: tx,
      actor,
      action: 'orgs.create',
      entityType: 'org_unit',
      entityId: row.id,
      changes: diffChanges({ serves: [] }, { ...row, serves }, AUDITED),
    });
    return present(row, serves);
  });
}

export async function updateOrg({ db, actor, id, input }: { db: Db; actor: Actor; id: string; input: OrgUpdateInput }): Promise<OrgUnit> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id)).for('update');
    if (!before) throw notFound();
    if (input.version !== undefined && input.version !== before.version) throw versionConflict(before.version);
    const kind = before.kind as OrgKind;
    if (input.parentId !== undefined && input.parentId !== before.parentId) {
      if (input.parentId === id) throw new AppError('orgs.invalid_parent', 400, [{ field: 'parentId', code: 'orgs.invalid_parent', message: '上级不能是自己' }]);
      await checkParent(tx, kind, input.parentId);
    }
    await checkServes(tx, kind, input.serves);
    const beforeServes = (await servesOf(tx, [id])).get(id) ?? [];
    const { serves, version: _v, ...fields } = input;
    const [row] = await tx
      .update(orgUnits)
      .set({ ...fields, version: before.version + 1, updatedAt: new Date() })
      .where(eq(orgUnits.id, id))
      .returning();
    if (serves) await replaceServes(tx, id, serves);
    const afterServes = serves ?? beforeServes;
    await writeAudit({
      db: tx,
      actor,
      action: 'orgs.update',
      entityType: 'org_unit',
      entityId: id,
      changes: diffChanges({ ...before, serves: beforeServes.sort() }, { ...row, serves: [...afterServes].sort() }, AUDITED),
    });
    return present(row, afterServes);
  });
}

/** Retires a unit. Refused while it has active sub-units, or (a community) residents or posts. */
export async function archiveOrg({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<OrgUnit> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id)).for('update');
    if (!before) throw notFound();
    const [{ n }] = await tx
      .select({ n: count() })
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, id), isNull(orgUnits.archivedAt)));
    if (n > 0) throw new AppError('orgs.has_children', 409);
    const { rows } = await tx.execute<{ n: number }>(sql`
      select (select count(*) from residents where community_id = ${id} and archived_at is null)
           + (select count(*) from user_posts where org_unit_id = ${id}) as n`);
    if (Number(rows[0].n) > 0) throw new AppError('orgs.in_use', 409);
    const [row] = await tx
      .update(orgUnits)
      .set({ archivedAt: new Date(), version: before.version + 1, updatedAt: new Date() })
      .where(eq(orgUnits.id, id))
      .returning();
    await writeAudit({ db: tx, actor, action: 'orgs.archive', entityType: 'org_unit', entityId: id });
    return present(row, []);
  });
}
