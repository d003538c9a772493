import { and, asc, count, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Page } from '../../../common/schemas/common.schema';
import type { Household, HouseholdCreateInput, HouseholdListQuery, HouseholdMember, HouseholdUpdateInput } from '../../../common/schemas/households.schema';
import { parallel, type Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, fieldError, notFound, versionConflict } from '../../lib/errors';
import { diffChanges, writeAudit } from '../audit/audit.service';
import { orgUnits } from '../orgs/orgs.table';
import { ageOn } from '../residents/residents.presenter';
import { householdMembers, setResidentHousehold } from '../residents/residents.service';
import { residents } from '../residents/residents.table';
import { canEditHousehold, canViewHousehold, visibleHouseholdsWhere } from './households.policy';
import { presentHousehold, type HouseholdRow } from './households.presenter';
import { households } from './households.table';

/** Fields whose changes a household's audit rows record. */
export const HOUSEHOLD_AUDITED = ['neighborhood', 'building', 'unit', 'room', 'addressDetail', 'type', 'headResidentId', 'note'] as const;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

const memberCount = sql<number>`(select count(*)::int from ${residents} m where m.household_id = ${households.id} and m.archived_at is null)`;

/** Households in the caller's scope, by address, head's name or type. */
export async function listHouseholds({ db, actor, query }: { db: Db; actor: Actor; query: HouseholdListQuery }): Promise<Page<Household>> {
  const where: SQL[] = [visibleHouseholdsWhere(actor), isNull(households.archivedAt)];
  if (query.communityId) where.push(eq(households.communityId, query.communityId));
  if (query.type) where.push(eq(households.type, query.type));
  if (query.q) {
    const p = `%${escapeLike(query.q)}%`;
    where.push(
      or(
        like(households.neighborhood, p),
        like(households.addressDetail, p),
        sql`concat_ws(' ', ${households.building}, ${households.unit}, ${households.room}) like ${p}`,
        like(residents.name, p),
      )!,
    );
  }
  const cond = and(...where);
  const [rows, [{ total }]] = await parallel(db, [
    () => db
      .select({ h: households, headName: residents.name, communityName: orgUnits.name, memberCount })
      .from(households)
      .leftJoin(residents, eq(residents.id, households.headResidentId))
      .innerJoin(orgUnits, eq(orgUnits.id, households.communityId))
      .where(cond)
      .orderBy(asc(orgUnits.name), asc(households.neighborhood), asc(households.building), asc(households.unit), asc(households.room), asc(households.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    () => db
      .select({ total: count() })
      .from(households)
      .leftJoin(residents, eq(residents.id, households.headResidentId))
      .where(cond),
  ]);
  return { data: rows.map((r) => presentHousehold(r.h, { communityName: r.communityName, headName: r.headName, memberCount: r.memberCount })), total };
}

async function loadVisible(db: Db, actor: Actor, id: string, lock = false): Promise<HouseholdRow> {
  const q = db.select().from(households).where(eq(households.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !canViewHousehold(actor, row)) throw notFound();
  return row;
}

/** A household with its members; members' restricted tags only for those who may see them. */
export async function getHousehold({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<{ data: Household; abilities: { update: boolean } }> {
  const h = await loadVisible(db, actor, id);
  const [community] = await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, h.communityId));
  const members: HouseholdMember[] = (await householdMembers({ db, actor, householdIds: [id] })).map(({ row, tags }) => ({
    residentId: row.id,
    name: row.name,
    sex: row.sex as HouseholdMember['sex'],
    age: ageOn(row.birthDate),
    relationToHead: row.relationToHead,
    isHead: row.id === h.headResidentId,
    tags,
  }));
  members.sort((a, b) => Number(b.isHead) - Number(a.isHead));
  const head = members.find((m) => m.isHead);
  return {
    data: presentHousehold(h, { communityName: community?.name ?? '', headName: head?.name ?? null, memberCount: members.length, members }),
    abilities: { update: canEditHousehold(actor, h) && !h.archivedAt },
  };
}

export function checkCommunity(actor: Actor, communityId: string) {
  if (!canEditHousehold(actor, { communityId })) throw fieldError('communityId', 'residents.not_in_scope_community', '只能在您负责的社区中登记家庭');
}

async function assertHeadIsMember(db: Db, householdId: string, headResidentId: string | null | undefined) {
  if (!headResidentId) return;
  const [m] = await db
    .select({ id: residents.id })
    .from(residents)
    .where(and(eq(residents.id, headResidentId), eq(residents.householdId, householdId), isNull(residents.archivedAt)));
  if (!m) throw new AppError('households.head_not_member', 400, [{ field: 'headResidentId', code: 'households.head_not_member', message: '户主必须是本户成员' }]);
}

type NewHousehold = Omit<HouseholdCreateInput, 'members'> & { members?: { residentId: string; relationToHead: string | null }[] };

/**
 * Inserts a household and moves its members in through the residents module (each move audited
 * there), the head set once they are members, and the household's own audit row. Within `tx`.
 */
export async function insertHousehold({ tx, actor, input, detail }: { tx: Db; actor: Actor; input: NewHousehold; detail?: Record<string, unknown> }): Promise<string> {
  const { members = [], headResidentId, ...fields } = input;
  const [row] = await tx.insert(households).values({ ...fields, createdBy: actor.userId, updatedBy: actor.userId }).returning();
  for (const m of members) {
    await setResidentHousehold({ db: tx, actor, residentId: m.residentId, householdId: row.id, relationToHead: m.relationToHead }).catch((e) => {
      if (e instanceof AppError && e.code === 'residents.household_other_community') {
        throw new AppError('households.member_other_community', 400, [{ field: 'members', code: 'households.member_other_community', message: '该居民不在本户所在社区' }]);
      }
      throw e;
    });
  }
  const head = headResidentId ?? members.find((m) => m.relationToHead === 'head')?.residentId ?? null;
  await assertHeadIsMember(tx, row.id, head);
  if (head) await tx.update(households).set({ headResidentId: head }).where(eq(households.id, row.id));
  await writeAudit({
    db: tx, actor, action: 'households.create', entityType: 'household', entityId: row.id, communityId: row.communityId,
    changes: diffChanges({}, { ...row, headResidentId: head }, HOUSEHOLD_AUDITED), detail: detail ?? null,
  });
  return row.id;
}

/** Registers a household, optionally with its members (each moved in through the residents module). */
export async function createHousehold({ db, actor, input }: { db: Db; actor: Actor; input: HouseholdCreateInput }) {
  checkCommunity(actor, input.communityId);
  const id = await db.transaction((tx) => insertHousehold({ tx, actor, input }));
  return getHousehold({ db, actor, id });
}

export async function updateHousehold({ db, actor, id, input }: { db: Db; actor: Actor; id: string; input: HouseholdUpdateInput }) {
  await db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    if (!canEditHousehold(actor, before) || before.archivedAt) throw new AppError('auth.forbidden', 403);
    if (input.version !== undefined && input.version !== before.version) throw versionConflict(before.version);
    if (input.headResidentId !== undefined) await assertHeadIsMember(tx, id, input.headResidentId);
    const { version: _v, ...fields } = input;
    const [after] = await tx
      .update(households)
      .set({ ...fields, version: before.version + 1, updatedAt: new Date(), updatedBy: actor.userId })
      .where(eq(households.id, id))
      .returning();
    await syncHeadRelations(tx, actor, id, before.headResidentId, after.headResidentId);
    await writeAudit({ db: tx, actor, action: 'households.update', entityType: 'household', entityId: id, communityId: after.communityId, changes: diffChanges(before, after, HOUSEHOLD_AUDITED) });
  });
  return getHousehold({ db, actor, id });
}

/**
 * Keeps 与户主关系 consistent with the household's head: the new head becomes 户主, a former head
 * still living here loses that relation (to be recorded anew by the worker).
 */
export async function syncHeadRelations(db: Db, actor: Actor, householdId: string, oldHead: string | null, newHead: string | null) {
  if (oldHead === newHead) return;
  const ids = [oldHead, newHead].filter((x): x is string => !!x);
  const rows = ids.length
    ? await db.select({ id: residents.id, relation: residents.relationToHead, householdId: residents.householdId }).from(residents).where(inArray(residents.id, ids))
    : [];
  const of = (id: string | null) => rows.find((r) => r.id === id && r.householdId === householdId);
  if (newHead && of(newHead) && of(newHead)!.relation !== 'head') {
    await setResidentHousehold({ db, actor, residentId: newHead, householdId, relationToHead: 'head' });
  }
  if (oldHead && of(oldHead)?.relation === 'head') {
    await setResidentHousehold({ db, actor, residentId: oldHead, householdId, relationToHead: null });
  }
}

async function touch(db: Db, actor: Actor, id: string) {
  const before = await loadVisible(db, actor, id, true);
  if (!canEditHousehold(actor, before) || before.archivedAt) throw new AppError('auth.forbidden', 403);
  await db.update(households).set({ version: before.version + 1, updatedAt: new Date(), updatedBy: actor.userId }).where(eq(households.id, id));
  return before;
}

/** Moves a resident of the same community into this household (out of any other one). */
export async function addMember({ db, actor, id, residentId, relationToHead }: { db: Db; actor: Actor; id: string; residentId: string; relationToHead: string }) {
  await db.transaction(async (tx) => {
    const h = await touch(tx, actor, id);
    await setResidentHousehold({ db: tx, actor, residentId, householdId: id, relationToHead }).catch((e) => {
      if (e instanceof AppError && e.code === 'residents.household_other_community') throw new AppError('households.member_other_community', 400, [{ field: 'residentId', code: 'households.member_other_community', message: '该居民不在本户所在社区' }]);
      throw e;
    });
    if (relationToHead === 'head') {
      await tx.update(households).set({ headResidentId: residentId }).where(eq(households.id, id));
      await syncHeadRelations(tx, actor, id, h.headResidentId, residentId);
    }
    await writeAudit({ db: tx, actor, action: 'households.add_member', entityType: 'household', entityId: id, communityId: h.communityId, changes: { members: [null, residentId] } });
  });
  return getHousehold({ db, actor, id });
}

export async function removeMember({ db, actor, id, residentId }: { db: Db; actor: Actor; id: string; residentId: string }) {
  await db.transaction(async (tx) => {
    const h = await touch(tx, actor, id);
    const [member] = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.id, residentId), eq(residents.householdId, id)));
    if (!member) throw notFound();
    await setResidentHousehold({ db: tx, actor, residentId, householdId: null, relationToHead: null });
    await writeAudit({ db: tx, actor, action: 'households.remove_member', entityType: 'household', entityId: id, communityId: h.communityId, changes: { members: [residentId, null] } });
  });
  return getHousehold({ db, actor, id });
}

/** Closes an empty household. */
export async function archiveHousehold({ db, actor, id }: { db: Db; actor: Actor; id: string }) {
  await db.transaction(async (tx) => {
    const h = await touch(tx, actor, id);
    const [{ n }] = await tx.select({ n: count() }).from(residents).where(and(eq(residents.householdId, id), isNull(residents.archivedAt)));
    if (n > 0) throw new AppError('households.has_members', 409);
    await tx.update(households).set({ archivedAt: new Date() }).where(eq(households.id, id));
    await writeAudit({ db: tx, actor, action: 'households.archive', entityType: 'household', entityId: id, communityId: h.communityId, changes: { archived: [false, true] } });
  });
  return { data: { id, archived: true } };
}
