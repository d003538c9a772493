import { and, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { COMMUNITY_KINDS, ORG_PARENTS, SERVING_KINDS, type OrgKind } from '../../../common/codes/org.codes';
import { ERROR_MESSAGES, FIELD_MESSAGES, type FieldMessageCode } from '../../../common/errors';
import { archiveUnits, defaultServingUnit, divisionCodeIssue, fondsCodeIssue, type RuleUnit } from '../../../common/orgs.rules';
import type { OrgCreateInput, OrgUnit, OrgUpdateInput } from '../../../common/schemas/orgs.schema';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, fieldError, notFound, versionConflict } from '../../lib/errors';
import { diffChanges, writeAudit } from '../audit/audit.service';
import { orgUnits, orgUnitServes } from './orgs.table';

type Row = typeof orgUnits.$inferSelect;
type Coverage = NonNullable<OrgUnit['coverage']>;
const AUDITED = ['parentId', 'name', 'code', 'creditCode', 'fondsCode', 'address', 'phone', 'note', 'serves', 'servedBy'] as const;

function present(r: Row, serves: string[], coverage: Coverage | null): OrgUnit {
  return {
    id: r.id,
    parentId: r.parentId,
    kind: r.kind,
    name: r.name,
    code: r.code,
    creditCode: r.creditCode,
    fondsCode: r.fondsCode,
    address: r.address,
    phone: r.phone,
    note: r.note,
    serves,
    coverage,
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

/** The active social workers and supervisors whose posts cover each community (user_scopes). */
async function coverageOf(db: Db, communityIds: string[]): Promise<Map<string, Coverage>> {
  const map = new Map<string, Coverage>(communityIds.map((id) => [id, { workers: 0, supervisors: 0 }]));
  if (!communityIds.length) return map;
  const ids = sql.join(communityIds.map((id) => sql`${id}::uuid`), sql`, `);
  const { rows } = await db.execute<{ community_id: string; workers: number; supervisors: number }>(sql`
    select s.community_id, count(*) filter (where u.role = 'worker')::int as workers, count(*) filter (where u.role = 'supervisor')::int as supervisors
      from user_scopes s join users u on u.id = s.user_id
     where s.community_id in (${ids}) and not u.disabled and u.role in ('worker', 'supervisor')
     group by s.community_id`);
  for (const r of rows) map.set(r.community_id, { workers: r.workers, supervisors: r.supervisors });
  return map;
}

const isCommunityRow = (r: Row) => COMMUNITY_KINDS.includes(r.kind as OrgKind);

async function presentRows(db: Db, rows: Row[]): Promise<OrgUnit[]> {
  const serves = await servesOf(db, rows.filter((r) => SERVING_KINDS.includes(r.kind as OrgKind)).map((r) => r.id));
  const coverage = await coverageOf(db, rows.filter(isCommunityRow).map((r) => r.id));
  return rows.map((r) => present(r, serves.get(r.id) ?? [], coverage.get(r.id) ?? null));
}

async function presentOne(db: Db, id: string): Promise<OrgUnit> {
  return (await presentRows(db, await db.select().from(orgUnits).where(eq(orgUnits.id, id))))[0];
}

/** Every unit as the tree rules of common/orgs.rules.ts read it. */
async function ruleUnits(db: Db): Promise<RuleUnit[]> {
  const rows = await db.select().from(orgUnits);
  const serves = await servesOf(db, rows.filter((r) => SERVING_KINDS.includes(r.kind as OrgKind)).map((r) => r.id));
  return rows.map((r) => ({ id: r.id, kind: r.kind, parentId: r.parentId, name: r.name, fondsCode: r.fondsCode, serves: serves.get(r.id) ?? [], archived: r.archivedAt !== null }));
}

/**
 * Who holds a community's case archives (archiveUnits): `holder` is the first unit with a 全宗号,
 * `candidates` every unit that could, in order (for telling whom to set one on).
 */
export async function archiveHolderOf({ db, communityId }: { db: Db; communityId: string }) {
  const units = await ruleUnits(db);
  const community = units.find((u) => u.id === communityId);
  const candidates = community ? archiveUnits(community, units) : [];
  const holder = candidates.find((u) => !!u.fondsCode) ?? null;
  return { holder: holder && { id: holder.id, name: holder.name, fondsCode: holder.fondsCode! }, candidates: candidates.map((u) => u.name) };
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
  return presentRows(db, rows);
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

const codeError = (field: string, code: FieldMessageCode) => fieldError(field, code, FIELD_MESSAGES[code].zh);
const fondsTaken = () => new AppError('orgs.fonds_taken', 409, [{ field: 'fondsCode', code: 'orgs.fonds_taken', message: ERROR_MESSAGES['orgs.fonds_taken'].zh }]);

/** A unit's codes as its kind wants them (common/orgs.rules.ts); a 全宗号 belongs to one unit only. */
async function checkCodes(db: Db, kind: string, v: { code?: string | null; fondsCode?: string | null }, id?: string) {
  const codeIssue = divisionCodeIssue(kind, v.code);
  if (codeIssue) throw codeError('code', codeIssue);
  const fondsIssue = fondsCodeIssue(kind, v.fondsCode);
  if (fondsIssue) throw codeError('fondsCode', fondsIssue);
  if (!v.fondsCode) return;
  const [taken] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.fondsCode, v.fondsCode), id ? ne(orgUnits.id, id) : undefined));
  if (taken) throw fondsTaken();
}

/** Another administrator saved the same 全宗号 since the check: the unique index says so. */
function uniqueFonds(e: unknown): never {
  const pg = e as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const c = pg.cause ?? pg;
  if (c.code === '23505' && c.constraint === 'org_units_fonds_code_idx') throw fondsTaken();
  throw e;
}

/**
 * The station or agency a new 社区/村 is served by: the one chosen, or when none is named the
 * street's station (defaultServingUnit); null leaves it unserved for now.
 */
async function servingUnitFor(db: Db, kind: OrgKind, input: OrgCreateInput): Promise<string | null> {
  if (!COMMUNITY_KINDS.includes(kind)) {
    if (input.servedBy) throw codeError('servedBy', 'serving_unit.invalid');
    return null;
  }
  if (input.servedBy === undefined) return defaultServingUnit(input.parentId ?? null, await ruleUnits(db))?.id ?? null;
  if (input.servedBy === null) return null;
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, input.servedBy));
  if (!unit || unit.archivedAt || !SERVING_KINDS.includes(unit.kind as OrgKind)) throw codeError('servedBy', 'serving_unit.invalid');
  return unit.id;
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
  await checkCodes(db, kind, input);
  const servedBy = await servingUnitFor(db, kind, input);
  const id = await db
    .transaction(async (tx) => {
      const { serves = [], servedBy: _chosen, ...fields } = input;
      const [row] = await tx.insert(orgUnits).values({ ...fields, parentId: fields.parentId ?? null }).returning();
      await replaceServes(tx, row.id, serves);
      if (servedBy) await tx.insert(orgUnitServes).values({ unitId: servedBy, communityId: row.id });
      await writeAudit({
        db: tx,
        actor,
        action: 'orgs.create',
        entityType: 'org_unit',
        entityId: row.id,
        changes: diffChanges({ serves: [] }, { ...row, serves, servedBy }, AUDITED),
      });
      return row.id;
    })
    .catch(uniqueFonds);
  return presentOne(db, id);
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
    await checkCodes(tx, kind, { code: input.code === undefined ? before.code : input.code, fondsCode: input.fondsCode }, id);
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
    return presentOne(tx, id);
  }).catch(uniqueFonds);
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
    return present(row, [], null);
  });
}
