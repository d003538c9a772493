// Import of residents from the Excel template: check every row, then write all of them or the valid ones.
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { ERROR_MESSAGES } from '../../../common/errors';
import type { ResidentCreateInput, ResidentUpdateInput, TagInput } from '../../../common/schemas/residents.schema';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { blindIndex, decrypt } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import { writeAudit } from '../audit/audit.service';
import { orgUnits } from '../orgs/orgs.table';
import { MAX_IMPORT_ROWS, readResidentSheet } from './residents.excel';
import { IMPORT_MODES, type ImportError, type ImportMode, type ImportReport, type ImportWarning } from '../../../common/schemas/residents-import.schema';
import { errorAt, parseRow, type ParsedRow } from './residents.import.rows';
import { canEditResident, canSeeTag } from './residents.policy';
import type { ResidentRow, TagRow } from './residents.presenter';
import { applyResidentUpdate, findPossibleDuplicates, insertResident, insertResidents } from './residents.service';
import { residents, residentTags } from './residents.table';
import { chinaToday } from '../../../common/dates';


export { IMPORT_MODES, type ImportMode, type ImportReport };

type Planned =
  | { kind: 'create'; row: ParsedRow; input: ResidentCreateInput }
  | { kind: 'update'; row: ParsedRow; id: string; input: ResidentUpdateInput }
  | { kind: 'skip'; row: ParsedRow };

/** Fields kept encrypted in the row: compared in plain text. */
const ENCRYPTED = { phone: 'phoneEnc', guardianPhone: 'guardianPhoneEnc', emergencyPhone: 'emergencyPhoneEnc' } as const;

/** The caller's communities, name → id (the 社区 column and the template's dropdown). */
export async function actorCommunities(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!actor.communityIds.length) return [];
  return db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, actor.communityIds), isNull(orgUnits.archivedAt)))
    .orderBy(orgUnits.code, orgUnits.name);
}

const tagOf = (t: TagRow): TagInput => ({ tag: t.tag, startDate: t.startDate, endDate: t.endDate, note: t.note });
/** A tag whose period is over: history, kept as it is. */
const ended = (t: TagRow) => !!t.endDate && t.endDate < chinaToday();

/**
 * What re-importing a row changes on an existing resident: only the filled-in columns whose value
 * differs. Tags listed in the sheet replace the current visible ones; their periods and notes are
 * kept, and ended tags stay in the history. Null when nothing would change.
 */
export function changesFor(actor: Actor, row: ParsedRow, input: ResidentCreateInput, before: ResidentRow, beforeTags: TagRow[]): ResidentUpdateInput | null {
  const change: Record<string, unknown> = {};
  for (const field of row.filled) {
    if (field === 'idNumber' || field === 'tags') continue;
    const next = (input as Record<string, unknown>)[field] ?? null;
    const enc = ENCRYPTED[field as keyof typeof ENCRYPTED];
    const current = enc ? decrypt(before[enc]) : ((before as Record<string, unknown>)[field] ?? null);
    if (next !== current) change[field] = next;
  }
  if (row.filled.has('tags')) {
    const communityId = (change.communityId as string | undefined) ?? before.communityId;
    const visible = beforeTags.filter((t) => canSeeTag(actor, communityId, t.tag));
    const current = visible.filter((t) => !ended(t));
    const wanted = (input.tags ?? []).map((t) => t.tag);
    const same = current.length === wanted.length && current.every((t) => wanted.includes(t.tag));
    if (!same) {
      change.tags = [
        ...visible.filter(ended).map(tagOf),
        ...wanted.map((tag) => {
          const kept = current.find((t) => t.tag === tag);
          return kept ? tagOf(kept) : { tag };
        }),
      ];
    }
  }
  if (!Object.keys(change).length) return null;
  return { ...change, version: before.version } as ResidentUpdateInput;
}

async function existingByIdNumber(db: Db, idNumbers: string[]) {
  const byHash = new Map<string, ResidentRow>();
  for (let i = 0; i < idNumbers.length; i += 1000) {
    const hashes = idNumbers.slice(i, i + 1000).map((n) => blindIndex(n)!);
    const rows = await db.select().from(residents).where(inArray(residents.idNumberHash, hashes));
    for (const r of rows) byHash.set(r.idNumberHash!, r);
  }
  return byHash;
}

async function tagsByResident(db: Db, ids: string[]) {
  const map = new Map<string, TagRow[]>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.select().from(residentTags).where(inArray(residentTags.residentId, ids.slice(i, i + 1000)));
    for (const t of rows) map.set(t.residentId, [...(map.get(t.residentId) ?? []), t]);
  }
  return map;
}

/** Name + birth date pairs that exist at all (one query), so only those rows ask findPossibleDuplicates. */
async function namesakePairs(db: Db, rows: ParsedRow[]): Promise<Set<string>> {
  const pairs = rows.filter((r) => r.name && r.birthDate).map((r) => [r.name!, r.birthDate!] as const);
  const found = new Set<string>();
  for (let i = 0; i < pairs.length; i += 1000) {
    const chunk = pairs.slice(i, i + 1000);
    const values = sql.join(chunk.map(([n, b]) => sql`(${n}, ${b}::date)`), sql`, `);
    const { rows: hits } = await db.execute<{ name: string; birth_date: string }>(
      sql`select distinct name, birth_date::text from residents where archived_at is null and (name, birth_date) in (${values})`,
    );
    for (const h of hits) found.add(`${h.name}|${h.birth_date}`);
  }
  return found;
}

/** Checks every row against the file itself and the database, and decides create / update / skip. */
async function plan(db: Db, actor: Actor, parsed: ParsedRow[], warnings: ImportWarning[]): Promise<Planned[]> {
  const firstRowOf = new Map<string, number>();
  for (const r of parsed) {
    if (!r.idNumber) continue;
    const first = firstRowOf.get(r.idNumber);
    if (first === undefined) firstRowOf.set(r.idNumber, r.row);
    else {
      r.errors.push({ ...errorOn(r, 'idNumber'), code: 'import.duplicate_in_file', message: `与第 ${first} 行的证件号码重复，同一居民只能填写一行。` });
      r.input = null;
    }
  }
  const candidates = parsed.filter((r) => r.input);
  const existing = await existingByIdNumber(db, candidates.map((r) => r.idNumber!));
  const updatable = candidates.map((r) => existing.get(blindIndex(r.idNumber)!)).filter((e): e is ResidentRow => !!e && canEditResident(actor, e) && !e.archivedAt);
  const tags = await tagsByResident(db, updatable.map((e) => e.id));

  const planned: Planned[] = [];
  for (const r of candidates) {
    const before = existing.get(blindIndex(r.idNumber)!);
    if (!before) {
      planned.push({ kind: 'create', row: r, input: r.input! });
      continue;
    }
    if (!canEditResident(actor, before)) {
      // Nothing about the other record is told: not its name, not its community.
      r.errors.push({ ...errorOn(r, 'idNumber'), code: 'import.id_in_other_community', message: '该证件号码已在其他社区登记，不能导入。如确属您的社区，请联系原社区办理迁入。' });
    } else if (before.archivedAt) {
      r.errors.push({ ...errorOn(r, 'idNumber'), code: 'import.archived', message: '该证件号码的居民档案已注销（迁出、去世等），不能通过导入修改。' });
    } else {
      const input = changesFor(actor, r, r.input!, before, tags.get(before.id) ?? []);
      planned.push(input ? { kind: 'update', row: r, id: before.id, input } : { kind: 'skip', row: r });
      continue;
    }
    r.input = null;
  }

  // Same name and birth date: a warning (possibly the same person under another number), never a refusal.
  const creates = planned.filter((p) => p.kind === 'create').map((p) => p.row);
  const seen = new Map<string, number>();
  for (const r of creates) {
    if (!r.name || !r.birthDate) continue;
    const key = `${r.name}|${r.birthDate}`;
    const first = seen.get(key);
    if (first !== undefined) warnings.push({ row: r.row, column: errorOn(r, 'name').column, code: 'residents.possible_duplicate', message: `与第 ${first} 行姓名和出生日期相同，请确认不是同一人。` });
    else seen.set(key, r.row);
  }
  const pairs = await namesakePairs(db, creates);
  for (const r of creates) {
    if (!pairs.has(`${r.name}|${r.birthDate}`)) continue;
    const found = await findPossibleDuplicates({ db, actor, name: r.name!, birthDate: r.birthDate });
    if (found.length) {
      const where = [...new Set(found.map((f) => f.communityName))].join('、');
      warnings.push({ row: r.row, column: errorOn(r, 'name').column, code: 'residents.possible_duplicate', message: `${ERROR_MESSAGES['residents.possible_duplicate'].zh}（${where}）` });
    }
  }
  return planned;
}

function errorOn(r: ParsedRow, field: string): ImportError {
  return errorAt(r.sheetRow, field, '', '');
}

/** Turns a service's refusal of one row (a race since the check) into that row's error. */
function rowFailure(r: ParsedRow, e: unknown): ImportError {
  if (e instanceof AppError) {
    const d = Array.isArray(e.details) ? (e.details[0] as { field?: string; code?: string; message?: string } | undefined) : undefined;
    const field = d?.field?.split('.')[0] ?? 'idNumber';
    return { ...errorOn(r, field), code: d?.code ?? e.code, message: d?.message ?? e.message };
  }
  // Another import registered the same ID number a moment ago (the unique index caught it).
  const pg = (e as { cause?: { code?: string }; code?: string }) ?? {};
  if (pg.code === '23505' || pg.cause?.code === '23505') {
    return { ...errorOn(r, 'idNumber'), code: 'residents.duplicate_id_number', message: ERROR_MESSAGES['residents.duplicate_id_number'].zh };
  }
  throw e;
}

class RolledBack extends Error {}

/**
 * Reads an uploaded template and checks every row (MZ/T 071 §8.3.2 建档). `validate` writes nothing;
 * `all` writes only when every row is valid; `valid_only` writes the valid rows. All writes go
 * through insertResidents (in batches) / applyResidentUpdate in one transaction, with one `residents.import` audit row.
 */
export async function importResidents({
  db, actor, file, fileName, mode,
}: { db: Db; actor: Actor; file: Buffer; fileName: string; mode: ImportMode }): Promise<ImportReport> {
  const sheet = await readResidentSheet(file);
  // Fail fast before reading thousands of rows (the template's example row may be among them).
  if (sheet.rows.length > MAX_IMPORT_ROWS + 1) throw new AppError('residents.import_too_many_rows', 400, { rows: sheet.rows.length, max: MAX_IMPORT_ROWS });
  const communities = new Map((await actorCommunities(db, actor)).map((c) => [c.name, c.id]));
  const warnings: ImportWarning[] = [...sheet.warnings];
  const all = sheet.rows.map((row) => parseRow(row, actor, communities));
  const parsed: ParsedRow[] = [];
  for (const r of all) {
    if (r.example) warnings.push({ row: r.row, code: 'import.example_row', message: '这是模板中的示例行，已跳过。' });
    else parsed.push(r);
  }
  if (parsed.length > MAX_IMPORT_ROWS) throw new AppError('residents.import_too_many_rows', 400, { rows: parsed.length, max: MAX_IMPORT_ROWS });

  const planned = await plan(db, actor, parsed, warnings);
  const errors = () => parsed.flatMap((r) => r.errors).sort((a, b) => a.row - b.row);
  const report = (committed: boolean): ImportReport => {
    const ok = planned.filter((p) => p.row.errors.length === 0);
    return {
      total: parsed.length,
      valid: parsed.filter((r) => r.errors.length === 0).length,
      created: ok.filter((p) => p.kind === 'create').length,
      updated: ok.filter((p) => p.kind === 'update').length,
      skipped: ok.filter((p) => p.kind === 'skip').length,
      errors: errors(),
      warnings: warnings.sort((a, b) => a.row - b.row),
      committed,
    };
  };
  if (mode === 'validate') return report(false);
  if (mode === 'all' && errors().length) throw new AppError('residents.import_has_errors', 400, report(false));

  try {
    await db.transaction(async (tx) => {
      const todo = planned.filter((p) => p.kind !== 'skip' && !p.row.errors.length);
      // New residents go in 500 at a time; if a batch fails (a number registered meanwhile …),
      // its rows are tried one by one so that the error lands on the row that has it.
      const creates = todo.filter((p): p is Extract<Planned, { kind: 'create' }> => p.kind === 'create');
      for (let i = 0; i < creates.length; i += 500) {
        const batch = creates.slice(i, i + 500);
        try {
          await insertResidents({ db: tx, actor, inputs: batch.map((p) => p.input), via: 'import' });
        } catch {
          for (const p of batch) {
            // Each service call runs in a savepoint: a failed row is undone, the transaction goes on.
            await insertResident({ db: tx, actor, input: p.input, via: 'import' }).catch((e) => p.row.errors.push(rowFailure(p.row, e)));
          }
        }
      }
      for (const p of todo) {
        if (p.kind !== 'update') continue;
        await applyResidentUpdate({ db: tx, actor, id: p.id, input: p.input, via: 'import' }).catch((e) => p.row.errors.push(rowFailure(p.row, e)));
      }
      if (mode === 'all' && errors().length) throw new RolledBack();
      const r = report(true);
      await writeAudit({
        db: tx, actor, action: 'residents.import', entityType: 'resident',
        detail: { fileName, mode, total: r.total, valid: r.valid, created: r.created, updated: r.updated, skipped: r.skipped, errorRows: r.total - r.valid },
      });
    });
  } catch (e) {
    if (e instanceof RolledBack) throw new AppError('residents.import_has_errors', 400, report(false));
    throw e;
  }
  return report(true);
}
