import { and, asc, count, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { RESOURCE_TYPES } from '../../../common/codes/case.codes';
import type { Page } from '../../../common/schemas/common.schema';
import type { Resource, ResourceAbilities, ResourceCreateInput, ResourceListQuery, ResourceUpdateInput } from '../../../common/schemas/referrals.schema';
import { parallel, type Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, fieldError, notFound, versionConflict } from '../../lib/errors';
import { diffChanges, writeAudit } from '../audit/audit.service';
import { orgUnits } from '../orgs/orgs.table';
import { canManageResource, canViewResource, visibleResourcesWhere } from './referrals.policy';
import { presentResource, type ResourceRow } from './referrals.presenter';
import { directoryUnitIds } from './referrals.service';
import { resources } from './referrals.table';

const AUDITED = ['name', 'type', 'services', 'serviceAreas', 'contactName', 'phone', 'address', 'note'] as const;
/** Entries by type in the order of RESOURCE_TYPES (government first), then by name. */
const typeOrder = sql`array_position(${sql.param(RESOURCE_TYPES.map((x) => x.code))}::text[], ${resources.type})`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/** 资源目录: the entries of the caller's district, by name, service, contact or address, type and service. */
export async function listResources({ db, actor, query }: { db: Db; actor: Actor; query: ResourceListQuery }): Promise<Page<Resource>> {
  const where: SQL[] = [visibleResourcesWhere(actor), query.archived === 'true' ? isNotNull(resources.archivedAt) : isNull(resources.archivedAt)];
  if (query.type?.length) where.push(inArray(resources.type, query.type));
  if (query.service) where.push(sql`${query.service} = any(${resources.services})`);
  if (query.q) {
    const p = `%${escapeLike(query.q)}%`;
    where.push(sql`(${resources.name} ilike ${p} or ${resources.contactName} ilike ${p} or ${resources.address} ilike ${p}
      or array_to_string(${resources.services}, ' ') ilike ${p} or array_to_string(${resources.serviceAreas}, ' ') ilike ${p})`);
  }
  const cond = and(...where);
  const [rows, [{ total }]] = await parallel(db, [
    () => db
      .select({ r: resources, ownerName: orgUnits.name })
      .from(resources)
      .innerJoin(orgUnits, eq(orgUnits.id, resources.ownerOrgUnitId))
      .where(cond)
      .orderBy(typeOrder, asc(resources.name), asc(resources.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    () => db.select({ total: count() }).from(resources).where(cond),
  ]);
  return { data: rows.map((x) => presentResource(x.r, x.ownerName)), total };
}

async function loadVisible(db: Db, actor: Actor, id: string, lock = false): Promise<{ row: ResourceRow; directory: Set<string> }> {
  const q = db.select().from(resources).where(eq(resources.id, id));
  const [[row], directory] = await parallel(db, [() => lock ? q.for('update') : q, () => directoryUnitIds({ db, actor })]);
  if (!row || !canViewResource(actor, row, directory)) throw notFound();
  return { row, directory };
}

async function answer(db: Db, actor: Actor, row: ResourceRow, directory: ReadonlySet<string>): Promise<{ data: Resource; abilities: ResourceAbilities }> {
  const [owner] = await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, row.ownerOrgUnitId));
  const manage = canManageResource(actor, row, directory);
  return { data: presentResource(row, owner?.name ?? ''), abilities: { update: manage, archive: manage && !row.archivedAt } };
}

export async function getResource({ db, actor, id }: { db: Db; actor: Actor; id: string }) {
  const { row, directory } = await loadVisible(db, actor, id);
  return answer(db, actor, row, directory);
}

/** The district the caller works in: the default keeper of the entries they add. */
async function defaultOwner(db: Db, actor: Actor, directory: ReadonlySet<string>): Promise<string | null> {
  if (!directory.size) return null;
  const [d] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'district'), inArray(orgUnits.id, [...directory])))
    .orderBy(asc(orgUnits.code), asc(orgUnits.name))
    .limit(1);
  return d?.id ?? null;
}

/** Adds a directory entry, kept by a unit of the caller's district (by default the district itself). */
export async function createResource({ db, actor, input }: { db: Db; actor: Actor; input: ResourceCreateInput }) {
  const directory = await directoryUnitIds({ db, actor });
  const owner = input.ownerOrgUnitId ?? (await defaultOwner(db, actor, directory));
  if (!owner || !directory.has(owner)) throw fieldError('ownerOrgUnitId', 'invalid_option', '请选择本区的机构');
  const row = await db.transaction(async (tx) => {
    const { ownerOrgUnitId: _o, ...fields } = input;
    const [r] = await tx
      .insert(resources)
      .values({ ...fields, services: fields.services ?? [], serviceAreas: fields.serviceAreas ?? [], ownerOrgUnitId: owner, createdBy: actor.userId })
      .returning();
    await writeAudit({ db: tx, actor, action: 'resources.create', entityType: 'resource', entityId: r.id, changes: diffChanges({}, r, AUDITED) });
    return r;
  });
  return answer(db, actor, row, directory);
}

export async function updateResource({ db, actor, id, input }: { db: Db; actor: Actor; id: string; input: ResourceUpdateInput }) {
  const { after, directory } = await db.transaction(async (tx) => {
    const { row: before, directory } = await loadVisible(tx, actor, id, true);
    if (!canManageResource(actor, before, directory)) throw new AppError('auth.forbidden', 403);
    if (input.version !== undefined && input.version !== before.version) throw versionConflict(before.version);
    const { version: _v, ...fields } = input;
    const [after] = await tx
      .update(resources)
      .set({ ...fields, version: before.version + 1, updatedAt: new Date() })
      .where(eq(resources.id, id))
      .returning();
    await writeAudit({ db: tx, actor, action: 'resources.update', entityType: 'resource', entityId: id, changes: diffChanges(before, after, AUDITED) });
    return { after, directory };
  });
  return answer(db, actor, after, directory);
}

/**
 * Takes an entry out of the directory: it is no longer offered as a referral target, while past
 * referrals keep naming it. Archiving an archived entry changes nothing.
 */
export async function archiveResource({ db, actor, id }: { db: Db; actor: Actor; id: string }) {
  const { after, directory } = await db.transaction(async (tx) => {
    const { row: before, directory } = await loadVisible(tx, actor, id, true);
    if (!canManageResource(actor, before, directory)) throw new AppError('auth.forbidden', 403);
    if (before.archivedAt) return { after: before, directory };
    const [after] = await tx
      .update(resources)
      .set({ archivedAt: new Date(), version: before.version + 1, updatedAt: new Date() })
      .where(eq(resources.id, id))
      .returning();
    await writeAudit({ db: tx, actor, action: 'resources.archive', entityType: 'resource', entityId: id, changes: { archived: [false, true] } });
    return { after, directory };
  });
  return answer(db, actor, after, directory);
}
