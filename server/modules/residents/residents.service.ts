import crypto from 'node:crypto';
import { and, count, eq, inArray, isNull, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { RESTRICTED_TAGS } from '../../../common/codes/tag.codes';
import { chinaToday } from '../../../common/dates';
import { FIELD_MESSAGES } from '../../../common/errors';
import type { Page } from '../../../common/schemas/common.schema';
import type {
  DuplicateCandidate, Resident, ResidentAbilities, ResidentCreateInput, ResidentListItem, ResidentListQuery, ResidentUpdateInput, TagInput,
} from '../../../common/schemas/residents.schema';
import { parseAnyIdNumber, parseIdDocument } from '../../../common/validators/id-number.validator';
import { insertMany } from '../../db/bulk';
import { parallel, type Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { blindIndex, decrypt, encrypt } from '../../lib/crypto';
import { AppError, fieldError, notFound, versionConflict } from '../../lib/errors';
import { nameKeys } from '../../lib/pinyin';
import { diffChanges, hideRestrictedTags, listEntityHistory, writeAudit, writeAudits } from '../audit/audit.service';
import { households } from '../households/households.table';
import { orgUnits } from '../orgs/orgs.table';
import { users } from '../users/users.table';
import { canCreateResidentIn, canEditResident, canRevealResident, canSeeTag, canViewResident } from './residents.policy';
import { isActiveTag, presentListItem, presentResident, presentTags, residentAbilities, type ResidentRow, type TagRow } from './residents.presenter';
import { identityColumns } from './residents.identity';
import { residentListWhere, residentOrder } from './residents.query';
import { residents, residentTags } from './residents.table';

/** Fields whose changes the audit log and the resident's history record. */
const AUDITED = [
  'name', 'sex', 'idType', 'idNumber', 'birthDate', 'phone', 'communityId', 'householdId', 'relationToHead', 'ethnicity', 'hukouType',
  'hukouAddress', 'neighborhood', 'building', 'unit', 'room', 'addressDetail', 'maritalStatus', 'education', 'employment', 'health',
  'disabilityType', 'disabilityGrade', 'incomeStatus', 'guardianName', 'guardianRelation', 'guardianPhone', 'emergencyName',
  'emergencyRelation', 'emergencyPhone', 'consentBasis', 'consentScope', 'consentDate', 'note', 'tags',
] as const;

async function communityNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A resident with the names the detail shows: community, and who recorded the legal basis. */
async function presentOne(db: Db, actor: Actor, row: ResidentRow, tags: TagRow[]): Promise<{ data: Resident; abilities: ResidentAbilities }> {
  const [names, recorder] = await parallel(db, [
    () => communityNames(db, [row.communityId]),
    () => row.consentRecordedBy ? db.select({ name: users.displayName }).from(users).where(eq(users.id, row.consentRecordedBy)) : Promise.resolve([]),
  ]);
  return {
    data: presentResident(row, tags, actor, { community: names.get(row.communityId) ?? '', consentRecordedBy: recorder[0]?.name ?? null }),
    abilities: residentAbilities(actor, row),
  };
}

async function tagsOf(db: Db, residentIds: string[]): Promise<Map<string, TagRow[]>> {
  const map = new Map<string, TagRow[]>();
  if (!residentIds.length) return map;
  const rows = await db.select().from(residentTags).where(inArray(residentTags.residentId, residentIds));
  for (const t of rows) map.set(t.residentId, [...(map.get(t.residentId) ?? []), t]);
  return map;
}

const hasVisibleRestricted = (actor: Actor, r: { communityId: string }, tags: TagRow[]) =>
  tags.some((t) => RESTRICTED_TAGS.includes(t.tag) && canSeeTag(actor, r.communityId, t.tag));

/**
 * A page of residents in the caller's scope matching the filters, masked. Residents whose
 * restricted tags were shown are recorded in the audit log.
 */
function buildListStatements(db: Db, query: ResidentListQuery, where: SQL, name: string) {
  // What a list item shows; the sort keys ride in the inner page only.
  const shown = {
    id: residents.id, communityId: residents.communityId, householdId: residents.householdId, name: residents.name, sex: residents.sex,
    idNumberMasked: residents.idNumberMasked, birthDate: residents.birthDate, phoneMasked: residents.phoneMasked,
    neighborhood: residents.neighborhood, building: residents.building, unit: residents.unit, room: residents.room,
  };
  const page = db
    .select({ ...shown, namePinyin: residents.namePinyin, createdAt: residents.createdAt, updatedAt: residents.updatedAt })
    .from(residents)
    .where(where)
    .orderBy(...residentOrder(query))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .as('page');
  const pageCols = Object.fromEntries(Object.keys(shown).map((k) => [k, page[k as keyof typeof shown]])) as { [K in keyof typeof shown]: (typeof page)[K] };
  return {
    // One statement brings the page with its community names and tags; the count runs beside it.
    page: db
      .select({
        ...pageCols,
        communityName: orgUnits.name,
        tags: sql<TagRow[]>`coalesce((select json_agg(json_build_object('id', t.id, 'tag', t.tag, 'startDate', t.start_date,
          'endDate', t.end_date, 'note', t.note)) from ${residentTags} t where t.resident_id = ${page.id}), '[]'::json)`,
      })
      .from(page)
      .innerJoin(orgUnits, eq(orgUnits.id, page.communityId))
      .orderBy(...residentOrder(query, page))
      .prepare(`${name}_page`),
    count: db.select({ total: count() }).from(residents).where(where).prepare(`${name}_count`),
  };
}

/**
 * Prepared list statements by shape (which filters, which kind of search, which order), per
 * database handle: the SQL is built once per shape, and PostgreSQL parses it once per connection.
 */
const listStatements = new WeakMap<Db, Map<string, ReturnType<typeof buildListStatements>>>();

/** A page of residents in the caller's scope, masked, with the total. */
export async function listResidents({ db, actor, query }: { db: Db; actor: Actor; query: ResidentListQuery }): Promise<Page<ResidentListItem>> {
  const { where, values, shape } = residentListWhere(actor, query);
  const key = `${shape}|${query.sort}|${query.order}`;
  let byShape = listStatements.get(db);
  if (!byShape) listStatements.set(db, (byShape = new Map()));
  let statements = byShape.get(key);
  if (!statements) {
    const name = `residents_list_${crypto.createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
    byShape.set(key, (statements = buildListStatements(db, query, where, name)));
  }
  const [rows, [{ total }]] = await parallel(db, [
    () => statements.page.execute({ ...values, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    () => statements.count.execute(values),
  ]);
  const today = chinaToday();
  const restrictedShown = rows.filter((r) => hasVisibleRestricted(actor, r, r.tags.filter((t) => isActiveTag(t, today))));
  if (restrictedShown.length) {
    await writeAudit({ db, actor, action: 'residents.view_restricted', entityType: 'resident', detail: { via: 'list', residentIds: restrictedShown.map((r) => r.id) } });
  }
  return { data: rows.map((r) => presentListItem(r, r.tags, actor, r.communityName, today)), total };
}

async function loadVisible(db: Db, actor: Actor, id: string, lock = false): Promise<ResidentRow> {
  const q = db.select().from(residents).where(eq(residents.id, id));
  const [row] = lock ? await q.for('update') : await q;
  // Outside the caller's scope answers exactly like a resident that does not exist.
  if (!row || !canViewResident(actor, row)) throw notFound();
  return row;
}

/** One resident as the caller may see them; a view of restricted tags is audited. */
export async function getResident({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<{ data: Resident; abilities: ResidentAbilities }> {
  const row = await loadVisible(db, actor, id);
  const tags = (await tagsOf(db, [id])).get(id) ?? [];
  if (hasVisibleRestricted(actor, row, tags)) {
    await writeAudit({ db, actor, action: 'residents.view_restricted', entityType: 'resident', entityId: id, communityId: row.communityId });
  }
  return presentOne(db, actor, row, tags);
}

type Normalized = { idNumber: string | null; birthDate: string | null; sex: string };

/**
 * The number checked by the rules of its ID type (15-digit 身份证号 become 18 digits); birth date and
 * sex come from the number when it carries them (居民身份证, 港澳台居民居住证, 2023 永居证).
 */
function normalizeIdentity(v: { idType: string; idNumber: string | null; birthDate: string | null; sex: string }): Normalized {
  const p = v.idNumber ? parseIdDocument(v.idType, v.idNumber) : null;
  if (!p) return { idNumber: v.idNumber, birthDate: v.birthDate, sex: v.sex };
  if (!p.ok) throw fieldError('idNumber', `id_number.${p.error}`, FIELD_MESSAGES[`id_number.${p.error}`].zh);
  if (p.sex && p.sex !== v.sex) throw fieldError('sex', 'id_number.sex_mismatch', FIELD_MESSAGES['id_number.sex_mismatch'].zh);
  if (v.birthDate && p.birthDate && v.birthDate !== p.birthDate) throw fieldError('birthDate', 'id_number.birth_mismatch', FIELD_MESSAGES['id_number.birth_mismatch'].zh);
  return { idNumber: p.idNumber, birthDate: p.birthDate ?? v.birthDate, sex: p.sex ?? v.sex };
}

/**
 * 身份证号 are unique in the deployment: refuses numbers already registered (or given twice here).
 * A closed record in the caller's scope is named, so that it can be restored instead.
 */
async function checkIdNumbersFree(db: Db, actor: Actor, idNumbers: (string | null)[], exceptId?: string) {
  const given = idNumbers.filter((x): x is string => !!x);
  if (!given.length) return;
  const duplicated = (extra: Record<string, unknown> = {}, message = '该证件号码已登记') =>
    new AppError('residents.duplicate_id_number', 409, [{ field: 'idNumber', code: 'residents.duplicate_id_number', message, ...extra }]);
  if (new Set(given).size !== given.length) throw duplicated();
  const [other] = await db
    .select({ id: residents.id, name: residents.name, communityId: residents.communityId, archivedAt: residents.archivedAt })
    .from(residents)
    .where(and(sql`${residents.idNumberHash} = any(${sql.param(given.map((n) => blindIndex(n)!))}::text[])`, exceptId ? ne(residents.id, exceptId) : undefined))
    .limit(1);
  if (other) {
    const visible = canViewResident(actor, other);
    throw duplicated(
      visible ? { residentId: other.id, name: other.name, archived: !!other.archivedAt } : {},
      visible && other.archivedAt ? '该证件号码属于已注销的档案，可打开该档案后恢复' : '该证件号码已登记',
    );
  }
}

/** The household must exist, be in the resident's community and not be archived. */
async function checkHousehold(db: Db, householdId: string | null | undefined, communityId: string) {
  await checkHouseholds(db, [{ householdId, communityId }]);
}

/** checkHousehold for many residents at once: one query. */
async function checkHouseholds(db: Db, pairs: { householdId?: string | null; communityId: string }[]) {
  const wanted = pairs.filter((p): p is { householdId: string; communityId: string } => !!p.householdId);
  if (!wanted.length) return;
  const found = new Map(
    (await db
      .select({ id: households.id, communityId: households.communityId, archivedAt: households.archivedAt })
      .from(households)
      .where(sql`${households.id} = any(${sql.param([...new Set(wanted.map((p) => p.householdId))])}::uuid[])`)).map((h) => [h.id, h]),
  );
  for (const p of wanted) {
    const h = found.get(p.householdId);
    if (!h || h.communityId !== p.communityId) {
      throw new AppError('residents.household_other_community', 400, [{ field: 'householdId', code: 'residents.household_other_community', message: '所选家庭不在该居民的社区' }]);
    }
    if (h.archivedAt) throw fieldError('householdId', 'invalid', FIELD_MESSAGES.invalid.zh);
  }
}

function checkTagsAllowed(actor: Actor, communityId: string, tags: TagInput[] | undefined) {
  tags?.forEach((t, i) => {
    if (!canSeeTag(actor, communityId, t.tag)) throw fieldError(`tags.${i}.tag`, 'invalid_option', FIELD_MESSAGES.invalid_option.zh);
  });
}

/** Other residents with the same name and birth date that the actor can see: a warning, not a refusal. */
export async function findPossibleDuplicates({
  db, actor, name, birthDate, exceptId,
}: { db: Db; actor: Actor; name: string; birthDate: string | null; exceptId?: string }): Promise<DuplicateCandidate[]> {
  if (!birthDate) return [];
  const rows = await db
    .select({ id: residents.id, name: residents.name, birthDate: residents.birthDate, communityId: residents.communityId, communityName: orgUnits.name })
    .from(residents)
    .innerJoin(orgUnits, eq(orgUnits.id, residents.communityId))
    .where(and(eq(residents.name, name), eq(residents.birthDate, birthDate), isNull(residents.archivedAt), exceptId ? ne(residents.id, exceptId) : undefined))
    .limit(10);
  return rows.filter((r) => canViewResident(actor, r)).map(({ communityId: _c, ...r }) => r);
}

/** Pre-check used by the form before saving: is the ID number taken, is there a namesake born the same day? */
export async function checkDuplicates({
  db, actor, name, idNumber, birthDate, exceptId,
}: { db: Db; actor: Actor; name?: string; idNumber?: string; birthDate?: string; exceptId?: string }) {
  let born = birthDate ?? null;
  let idTaken: { residentId?: string; name?: string } | null = null;
  const parsed = idNumber ? parseAnyIdNumber(idNumber) : null;
  if (parsed) {
    born = born ?? parsed.birthDate;
    try {
      await checkIdNumbersFree(db, actor, [parsed.idNumber], exceptId);
    } catch (e) {
      const d = (e as AppError).details as { residentId?: string; name?: string }[];
      idTaken = { residentId: d[0].residentId, name: d[0].name };
    }
  }
  const sameNameBirth = name ? await findPossibleDuplicates({ db, actor, name, birthDate: born, exceptId }) : [];
  return { idNumberTaken: idTaken, sameNameBirth };
}

const tagsSnapshot = (tags: { tag: string; startDate?: string | null; endDate?: string | null }[]) =>
  tags.map((t) => `${t.tag}${t.startDate ? `@${t.startDate}` : ''}${t.endDate ? `~${t.endDate}` : ''}`).sort();

/** The plain values of a row, for diffs (identifiers decrypted, then masked by diffChanges). */
function plain(r: ResidentRow, tags: { tag: string; startDate?: string | null; endDate?: string | null }[]) {
  return {
    ...r,
    idNumber: decrypt(r.idNumberEnc),
    phone: decrypt(r.phoneEnc),
    guardianPhone: decrypt(r.guardianPhoneEnc),
    emergencyPhone: decrypt(r.emergencyPhoneEnc),
    tags: tagsSnapshot(tags),
  };
}

/** Input → columns, except the identifiers (identityColumns) and tags. */
function rowValues(input: Partial<ResidentCreateInput>) {
  const { idNumber: _i, phone: _p, guardianPhone, emergencyPhone, tags: _t, ...rest } = input;
  const keys = input.name !== undefined ? nameKeys(input.name) : null;
  return {
    ...rest,
    ...(keys ? { namePinyin: keys.pinyin, nameInitials: keys.initials } : {}),
    ...(guardianPhone !== undefined ? { guardianPhoneEnc: encrypt(guardianPhone) } : {}),
    ...(emergencyPhone !== undefined ? { emergencyPhoneEnc: encrypt(emergencyPhone) } : {}),
  };
}

export type CreateResult = { data: Resident; abilities: ResidentAbilities; warnings: { code: string; message: string; candidates: DuplicateCandidate[] }[] };

/**
 * Registers a resident. The same ID number twice is refused; the same name and birth date is
 * answered with a warning. The audit row is written in the same transaction.
 */
export async function createResident({ db, actor, input }: { db: Db; actor: Actor; input: ResidentCreateInput }): Promise<CreateResult> {
  const result = await insertResident({ db, actor, input, via: 'form' });
  const candidates = await findPossibleDuplicates({ db, actor, name: input.name, birthDate: result.row.birthDate, exceptId: result.row.id });
  return {
    ...(await presentOne(db, actor, result.row, result.tags)),
    warnings: candidates.length ? [{ code: 'residents.possible_duplicate', message: '已有同名且出生日期相同的居民，请确认不是同一人。', candidates }] : [],
  };
}

/** The write of createResident without its answer (presentation, namesake warnings). */
export async function insertResident({ db, actor, input, via }: { db: Db; actor: Actor; input: ResidentCreateInput; via: 'form' | 'import' }): Promise<{ row: ResidentRow; tags: TagRow[] }> {
  const [id] = await insertResidents({ db, actor, inputs: [input], via });
  const [[row], tags] = await parallel(db, [() => db.select().from(residents).where(eq(residents.id, id)), () => tagsOf(db, [id])]);
  return { row, tags: tags.get(id) ?? [] };
}

/** A yield to the event loop between chunks of CPU work, so that other requests are answered meanwhile. */
const breathe = () => new Promise<void>((r) => setImmediate(r));

/** Input → the row to insert and the plain values its audit row records, checked as createResident does. */
function prepareInsert(actor: Actor, input: ResidentCreateInput, now: Date) {
  if (!canCreateResidentIn(actor, input.communityId)) {
    throw fieldError('communityId', 'residents.not_in_scope_community', '只能在您负责的社区中登记居民');
  }
  checkTagsAllowed(actor, input.communityId, input.tags);
  const ident = normalizeIdentity({ idType: input.idType, idNumber: input.idNumber ?? null, birthDate: input.birthDate ?? null, sex: input.sex });
  const consent = input.consentBasis ? { consentRecordedBy: actor.userId, consentRecordedAt: now } : {};
  const base = rowValues(input);
  const values = {
    ...base,
    id: crypto.randomUUID(),
    communityId: input.communityId,
    name: input.name,
    namePinyin: base.namePinyin!,
    nameInitials: base.nameInitials!,
    sex: ident.sex,
    birthDate: ident.birthDate,
    ...identityColumns(ident.idNumber, input.phone ?? null),
    ...consent,
    createdBy: actor.userId,
    updatedBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  // What plain(row) would read back, without decrypting what was just encrypted.
  const audited = {
    ...values, idNumber: ident.idNumber, phone: input.phone ?? null, guardianPhone: input.guardianPhone ?? null, emergencyPhone: input.emergencyPhone ?? null,
    tags: tagsSnapshot(input.tags ?? []),
  };
  return { input, values, audited, idNumber: ident.idNumber };
}

/**
 * Registers several residents with a few statements (an import of thousands of rows), each
 * checked and audited as createResident does; answers their ids. All or none: one transaction. The
 * CPU work (keys, encryption, audit diffs) is done a hundred rows at a time with the event loop
 * free in between, and rows go in as one INSERT per table and 500 residents (insertMany).
 */
export async function insertResidents({ db, actor, inputs, via }: { db: Db; actor: Actor; inputs: ResidentCreateInput[]; via: 'form' | 'import' }): Promise<string[]> {
  const now = new Date();
  const prepared: ReturnType<typeof prepareInsert>[] = [];
  for (let i = 0; i < inputs.length; i += 100) {
    if (i) await breathe();
    for (const input of inputs.slice(i, i + 100)) prepared.push(prepareInsert(actor, input, now));
  }
  return db.transaction(async (tx) => {
    await checkIdNumbersFree(tx, actor, prepared.map((p) => p.idNumber));
    await checkHouseholds(tx, prepared.map((p) => p.input));
    for (let i = 0; i < prepared.length; i += 500) {
      const chunk = prepared.slice(i, i + 500);
      await insertMany(tx, residents, chunk.map((p) => p.values));
      await insertMany(tx, residentTags, chunk.flatMap((p) => (p.input.tags ?? []).map((t) => ({
        residentId: p.values.id, communityId: p.values.communityId, tag: t.tag, startDate: t.startDate ?? null, endDate: t.endDate ?? null, note: t.note ?? null,
        createdBy: actor.userId,
      }))));
      await breathe();
      await writeAudits({
        db: tx,
        entries: chunk.map((p) => ({
          actor, action: 'residents.create', entityType: 'resident', entityId: p.values.id, communityId: p.values.communityId,
          changes: diffChanges({}, p.audited, AUDITED), detail: via === 'import' ? { via } : null,
        })),
      });
    }
    return prepared.map((p) => p.values.id);
  });
}

/**
 * Changes a resident. With `version`, an edit based on an older version is refused (409) rather
 * than overwriting someone else's change. Restricted tags the actor cannot see are kept as they are.
 */
export async function updateResident({ db, actor, id, input }: { db: Db; actor: Actor; id: string; input: ResidentUpdateInput }): Promise<{ data: Resident; abilities: ResidentAbilities }> {
  const { row, tags } = await applyResidentUpdate({ db, actor, id, input, via: 'form' });
  return presentOne(db, actor, row, tags);
}

/** The write of updateResident without its answer: what an import calls for each changed row. */
export async function applyResidentUpdate({ db, actor, id, input, via }: { db: Db; actor: Actor; id: string; input: ResidentUpdateInput; via: 'form' | 'import' }): Promise<{ row: ResidentRow; tags: TagRow[] }> {
  return db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    if (!canEditResident(actor, before) || before.archivedAt) throw new AppError('auth.forbidden', 403);
    if (input.version !== undefined && input.version !== before.version) throw versionConflict(before.version);
    const communityId = input.communityId ?? before.communityId;
    if (communityId !== before.communityId && !canCreateResidentIn(actor, communityId)) {
      throw fieldError('communityId', 'residents.not_in_scope_community', '只能在您负责的社区中登记居民');
    }
    const idType = input.idType ?? before.idType;
    // A new number that carries a birth date (身份证号, 居住证, 2023 永居证) brings it; clearing the
    // number (or another kind of document) leaves the recorded birth date as it was.
    const newId = input.idNumber ? parseIdDocument(idType, input.idNumber) : null;
    const birthFromNewId = !!newId?.ok && !!newId.birthDate;
    const merged = {
      idType,
      idNumber: input.idNumber !== undefined ? input.idNumber : decrypt(before.idNumberEnc),
      birthDate: input.birthDate !== undefined ? input.birthDate : birthFromNewId ? null : before.birthDate,
      sex: input.sex ?? before.sex,
    };
    const ident = normalizeIdentity(merged);
    if (input.idNumber !== undefined) await checkIdNumbersFree(tx, actor, [ident.idNumber], id);
    const householdId = input.householdId !== undefined ? input.householdId : communityId !== before.communityId ? null : before.householdId;
    await checkHousehold(tx, householdId, communityId);
    checkTagsAllowed(actor, communityId, input.tags);
    const beforeTags = await tx.select().from(residentTags).where(eq(residentTags.residentId, id));

    const consentChanged = input.consentBasis !== undefined && input.consentBasis !== before.consentBasis;
    const { version: _v, ...fields } = input;
    const [after] = await tx
      .update(residents)
      .set({
        ...rowValues(fields),
        householdId,
        sex: ident.sex,
        birthDate: ident.birthDate,
        ...identityColumns(input.idNumber !== undefined ? ident.idNumber : undefined, input.phone),
        ...(consentChanged ? { consentRecordedBy: actor.userId, consentRecordedAt: new Date() } : {}),
        version: before.version + 1,
        updatedAt: new Date(),
        updatedBy: actor.userId,
      })
      .where(eq(residents.id, id))
      .returning();
    if (householdId !== before.householdId && before.householdId) {
      await clearHead(tx, actor, before.householdId, id);
    }
    if (after.communityId !== before.communityId) {
      await tx.update(residentTags).set({ communityId: after.communityId }).where(eq(residentTags.residentId, id));
    }
    let afterTags = beforeTags;
    if (input.tags) {
      const hidden = beforeTags.filter((t) => !canSeeTag(actor, communityId, t.tag)).map((t) => t.id);
      await tx.delete(residentTags).where(and(eq(residentTags.residentId, id), hidden.length ? notInArray(residentTags.id, hidden) : undefined));
      const inserted = input.tags.length
        ? await tx.insert(residentTags).values(input.tags.map((t) => ({ ...t, residentId: id, communityId: after.communityId, createdBy: actor.userId }))).returning()
        : [];
      afterTags = [...beforeTags.filter((t) => hidden.includes(t.id)), ...inserted];
    }
    await writeAudit({
      db: tx, actor, action: 'residents.update', entityType: 'resident', entityId: id, communityId: after.communityId,
      changes: diffChanges(plain(before, beforeTags), plain(after, afterTags), AUDITED), detail: via === 'import' ? { via } : null,
    });
    return { row: after, tags: afterTags };
  });
}

/**
 * A resident who leaves a household (moved, archived) stops being its head. The household gets a
 * new version, so an edit based on the old one is refused, and the change is in its audit log.
 */
async function clearHead(db: Db, actor: Actor, householdId: string, residentId: string) {
  const [h] = await db
    .update(households)
    .set({ headResidentId: null, version: sql`${households.version} + 1`, updatedAt: new Date(), updatedBy: actor.userId })
    .where(and(eq(households.id, householdId), eq(households.headResidentId, residentId)))
    .returning({ communityId: households.communityId });
  if (h) {
    await writeAudit({
      db, actor, action: 'households.update', entityType: 'household', entityId: householdId, communityId: h.communityId,
      changes: { headResidentId: [residentId, null] },
    });
  }
}

const REVEALABLE = { idNumber: 'idNumberEnc', phone: 'phoneEnc', guardianPhone: 'guardianPhoneEnc', emergencyPhone: 'emergencyPhoneEnc' } as const;

/** Shows one identifier in full to a permitted user, and records that it was shown. */
export async function revealField({ db, actor, id, field }: { db: Db; actor: Actor; id: string; field: keyof typeof REVEALABLE }) {
  const row = await loadVisible(db, actor, id);
  if (!canRevealResident(actor, row)) throw new AppError('auth.forbidden', 403);
  const value = decrypt(row[REVEALABLE[field]]);
  if (value == null) throw new AppError('residents.reveal_not_set', 404);
  await writeAudit({ db, actor, action: 'residents.reveal', entityType: 'resident', entityId: id, communityId: row.communityId, detail: { field } });
  return { field, value };
}

/** Closes a resident's record (moved out, deceased …); it leaves lists but keeps its history. */
export async function archiveResident({ db, actor, id, reason, note }: { db: Db; actor: Actor; id: string; reason: string; note?: string | null }) {
  await db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    if (!canEditResident(actor, before)) throw new AppError('auth.forbidden', 403);
    if (before.archivedAt) throw new AppError('residents.already_archived', 409);
    await tx
      .update(residents)
      .set({ archivedAt: new Date(), archiveReason: reason, version: before.version + 1, updatedAt: new Date(), updatedBy: actor.userId })
      .where(eq(residents.id, id));
    if (before.householdId) await clearHead(tx, actor, before.householdId, id);
    await writeAudit({ db: tx, actor, action: 'residents.archive', entityType: 'resident', entityId: id, communityId: before.communityId, changes: { archived: [false, true] }, detail: { reason, note } });
  });
  return getResident({ db, actor, id });
}

/** Reopens a closed record (a resident who moved back, a record closed by mistake). */
export async function restoreResident({ db, actor, id, note }: { db: Db; actor: Actor; id: string; note?: string | null }) {
  await db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    if (!canEditResident(actor, before)) throw new AppError('auth.forbidden', 403);
    if (!before.archivedAt) throw new AppError('residents.not_archived', 409);
    await tx
      .update(residents)
      .set({ archivedAt: null, archiveReason: null, version: before.version + 1, updatedAt: new Date(), updatedBy: actor.userId })
      .where(eq(residents.id, id));
    await writeAudit({ db: tx, actor, action: 'residents.restore', entityType: 'resident', entityId: id, communityId: before.communityId, changes: { archived: [true, false] }, detail: { note: note ?? null } });
  });
  return getResident({ db, actor, id });
}

/** Who changed what and when, with restricted tags left out for those who may not see them. */
export async function residentHistory({ db, actor, id }: { db: Db; actor: Actor; id: string }) {
  const row = await loadVisible(db, actor, id);
  const entries = await listEntityHistory({ db, entityType: 'resident', entityId: id });
  // Judged by the resident's community today: the viewer's right there decides what they see.
  const history = entries
    .map((e) => hideRestrictedTags({ ...e, communityId: row.communityId }, actor))
    .map((e) => ({ at: e.at, actorUsername: e.actorUsername, action: e.action, changes: e.changes ?? {} }))
    .filter((e) => Object.keys(e.changes).length > 0);
  const isRestricted = (t: unknown) => RESTRICTED_TAGS.includes(String(t).split(/[@~]/)[0]);
  const showsRestricted = history.some((e) => (e.changes.tags as unknown[][] | undefined)?.some((side) => Array.isArray(side) && side.some(isRestricted)));
  if (showsRestricted) {
    await writeAudit({ db, actor, action: 'residents.view_restricted', entityType: 'resident', entityId: id, communityId: row.communityId, detail: { via: 'history' } });
  }
  return history;
}

/**
 * Moves a resident into a household (or out, with null), as the households module asks. Keeps the
 * household head consistent and writes the change to the resident's history.
 */
export async function setResidentHousehold({
  db, actor, residentId, householdId, relationToHead,
}: { db: Db; actor: Actor; residentId: string; householdId: string | null; relationToHead: string | null }): Promise<ResidentRow> {
  const before = await loadVisible(db, actor, residentId, true);
  if (!canEditResident(actor, before) || before.archivedAt) throw new AppError('auth.forbidden', 403);
  await checkHousehold(db, householdId, before.communityId);
  const [after] = await db
    .update(residents)
    .set({ householdId, relationToHead, version: before.version + 1, updatedAt: new Date(), updatedBy: actor.userId })
    .where(eq(residents.id, residentId))
    .returning();
  if (before.householdId && before.householdId !== householdId) await clearHead(db, actor, before.householdId, residentId);
  await writeAudit({
    db, actor, action: 'residents.update', entityType: 'resident', entityId: residentId, communityId: before.communityId,
    changes: diffChanges(before, after, ['householdId', 'relationToHead']),
  });
  return after;
}

/** Members of households, with the tags each actor may see, for the households module. */
export async function householdMembers({ db, actor, householdIds }: { db: Db; actor: Actor; householdIds: string[] }) {
  if (!householdIds.length) return [];
  const rows = await db
    .select()
    .from(residents)
    .where(and(inArray(residents.householdId, householdIds), isNull(residents.archivedAt)))
    .orderBy(residents.birthDate);
  const tags = await tagsOf(db, rows.map((r) => r.id));
  const members = rows.map((r) => ({
    row: r,
    tags: presentTags(actor, r.communityId, tags.get(r.id) ?? []).filter((t) => t.active).map((t) => t.tag),
  }));
  const restrictedShown = members.filter((m) => m.tags.some((t) => RESTRICTED_TAGS.includes(t)));
  if (restrictedShown.length) {
    await writeAudit({
      db, actor, action: 'residents.view_restricted', entityType: 'resident',
      detail: { via: 'household', householdIds, residentIds: restrictedShown.map((m) => m.row.id) },
    });
  }
  return members;
}
