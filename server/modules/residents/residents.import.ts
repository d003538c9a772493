// Import of residents from Excel (MZ/T 071 §8.3.2 建档), batch by batch: the check of each row against
// the file and the database, then — in a second pass over the file, in one transaction — the writes.
// Between batches only a little is kept per row (its verdict, its household), never the rows.
import { sql } from 'drizzle-orm';
import { ERROR_MESSAGES } from '../../../common/errors';
import { REPORT_ISSUES_SHOWN, type ImportError, type ImportReport, type ImportWarning } from '../../../common/schemas/residents-import.schema';
import type { ResidentCreateInput, ResidentUpdateInput, TagInput } from '../../../common/schemas/residents.schema';
import { chinaToday } from '../../../common/dates';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { blindIndex, decrypt } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import { insertImportedHouseholds, setImportedHeads } from '../households/households.import';
import { HouseholdGroups, type PlannedHousehold } from './residents.import.households';
import { issueAt, type ParsedRow, type SheetColumns } from './residents.import.rows';
import { canEditResident, canSeeTag } from './residents.policy';
import type { ResidentRow, TagRow } from './residents.presenter';
import { applyResidentUpdate, findPossibleDuplicates, insertResidents } from './residents.service';
import { residents, residentTags } from './residents.table';

type Verdict = 'create' | 'update' | 'skip';

/** What an import has found so far: problems, and for each valid row what it does. */
export class ImportTally {
  readonly errors: ImportError[] = [];
  readonly warnings: ImportWarning[] = [];
  readonly errorRows = new Set<number>();
  readonly verdicts = new Map<number, Verdict>();
  total = 0;
  households = { created: 0, updated: 0 };

  error(e: ImportError) {
    this.errors.push(e);
    this.errorRows.add(e.row);
    this.verdicts.delete(e.row);
  }

  warn(w: ImportWarning) {
    this.warnings.push(w);
  }

  /** Rows the second pass writes (created or updated). */
  get toWrite() {
    let n = 0;
    for (const v of this.verdicts.values()) if (v !== 'skip') n++;
    return n;
  }

  report(committed: boolean, changedSince = false): ImportReport {
    const count = (v: Verdict) => [...this.verdicts.values()].filter((x) => x === v).length;
    const byRow = <T extends { row: number }>(list: T[]) => [...list].sort((a, b) => a.row - b.row);
    return {
      total: this.total,
      valid: this.total - this.errorRows.size,
      created: count('create'),
      updated: count('update'),
      skipped: count('skip'),
      householdsCreated: this.households.created,
      householdsUpdated: this.households.updated,
      errors: byRow(this.errors).slice(0, REPORT_ISSUES_SHOWN),
      warnings: byRow(this.warnings).slice(0, REPORT_ISSUES_SHOWN),
      errorCount: this.errors.length,
      warningCount: this.warnings.length,
      errorRows: this.errorRows.size,
      committed,
      ...(changedSince ? { changedSince } : {}),
    };
  }

  /** Every problem by row, for the problem workbook. */
  byRow(): Map<number, (ImportError | ImportWarning)[]> {
    const map = new Map<number, (ImportError | ImportWarning)[]>();
    for (const i of [...this.errors, ...this.warnings]) map.set(i.row, [...(map.get(i.row) ?? []), i]);
    return map;
  }
}

/** Fields kept encrypted in the row: compared in plain text. */
const ENCRYPTED = { phone: 'phoneEnc', guardianPhone: 'guardianPhoneEnc', emergencyPhone: 'emergencyPhoneEnc' } as const;

const tagOf = (t: TagRow): TagInput => ({ tag: t.tag, startDate: t.startDate, endDate: t.endDate, note: t.note });
/** A tag whose period is over: history, kept as it is. */
const ended = (t: TagRow) => !!t.endDate && t.endDate < chinaToday();

/**
 * What re-importing a row changes on an existing resident: only the filled-in columns whose value
 * differs. Tags listed in the sheet replace the current visible ones; their periods and notes are
 * kept, and ended tags stay in the history. Null when nothing would change.
 */
function changesFor(actor: Actor, row: ParsedRow, input: ResidentCreateInput, before: ResidentRow, beforeTags: TagRow[]): ResidentUpdateInput | null {
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

const hashOf = (r: ParsedRow) => blindIndex(r.idNumber)!;

// Lookups of a batch take their keys as one array parameter (`= any($1)`), not one parameter each:
// building and sending thousands of parameters cost the event loop more than the query itself.
async function existingByIdNumber(db: Db, rows: ParsedRow[]) {
  const byHash = new Map<string, ResidentRow>();
  const hashes = rows.filter((r) => r.idNumber).map(hashOf);
  if (!hashes.length) return byHash;
  for (const r of await db.select().from(residents).where(sql`${residents.idNumberHash} = any(${sql.param(hashes)}::text[])`)) byHash.set(r.idNumberHash!, r);
  return byHash;
}

async function tagsByResident(db: Db, ids: string[]) {
  const map = new Map<string, TagRow[]>();
  if (!ids.length) return map;
  for (const t of await db.select().from(residentTags).where(sql`${residentTags.residentId} = any(${sql.param(ids)}::uuid[])`)) {
    map.set(t.residentId, [...(map.get(t.residentId) ?? []), t]);
  }
  return map;
}

/** Name + birth date pairs that exist at all (one query), so only those rows ask findPossibleDuplicates. */
async function namesakePairs(db: Db, rows: ParsedRow[]): Promise<Set<string>> {
  const pairs = rows.filter((r) => r.name && r.birthDate);
  const found = new Set<string>();
  if (!pairs.length) return found;
  const { rows: hits } = await db.execute<{ name: string; birth_date: string }>(sql`
    select distinct name, birth_date::text from residents
     where archived_at is null
       and (name, birth_date) in (select * from unnest(${sql.param(pairs.map((r) => r.name))}::text[], ${sql.param(pairs.map((r) => r.birthDate))}::date[]))`);
  for (const h of hits) found.add(`${h.name}|${h.birth_date}`);
  return found;
}

type Decision = { kind: 'create' } | { kind: 'update'; id: string; input: ResidentUpdateInput } | { kind: 'skip'; id: string } | { kind: 'error'; error: ImportError };

/** One valid row against the resident its ID number already belongs to, if any. */
function decide(actor: Actor, columns: SheetColumns, r: ParsedRow, before: ResidentRow | undefined, tags: TagRow[], householdId?: string): Decision {
  if (!before) return { kind: 'create' };
  if (!canEditResident(actor, before)) {
    // Nothing about the other record is told: not its name, not its community.
    return { kind: 'error', error: issueAt(columns, r.row, 'idNumber', 'import.id_in_other_community', '该证件号码已在其他社区登记，不能导入。如确属您的社区，请联系原社区办理迁入。') };
  }
  if (before.archivedAt) return { kind: 'error', error: issueAt(columns, r.row, 'idNumber', 'import.archived', '该证件号码的居民档案已注销（迁出、去世等），不能通过导入修改。') };
  let input = changesFor(actor, r, r.input!, before, tags);
  if (householdId && before.householdId !== householdId) input = { ...(input ?? { version: before.version }), householdId };
  return input ? { kind: 'update', id: before.id, input } : { kind: 'skip', id: before.id };
}

async function decideAll(db: Db, actor: Actor, columns: SheetColumns, rows: ParsedRow[], householdOf: (row: number) => string | undefined) {
  const existing = await existingByIdNumber(db, rows);
  const editable = [...existing.values()].filter((e) => canEditResident(actor, e) && !e.archivedAt);
  const tags = await tagsByResident(db, editable.map((e) => e.id));
  return rows.map((r) => {
    const before = existing.get(hashOf(r));
    return { r, before, decision: decide(actor, columns, r, before, before ? (tags.get(before.id) ?? []) : [], householdOf(r.row)) };
  });
}

/** The first pass: every row checked against the file so far and the database; nothing is written. */
export class ImportCheck {
  private readonly firstRowOfId = new Map<string, number>();
  private readonly firstRowOfNamesake = new Map<string, number>();
  private readonly households = new HouseholdGroups();

  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
    private readonly columns: SheetColumns,
    readonly tally: ImportTally,
  ) {}

  async batch(rows: ParsedRow[]): Promise<void> {
    const { tally, columns } = this;
    const live: ParsedRow[] = [];
    for (const r of rows) {
      if (r.example) {
        tally.warn({ row: r.row, code: 'import.example_row', message: '这是模板中的示例行，已跳过。' });
        continue;
      }
      tally.total++;
      r.warnings.forEach((w) => tally.warn(w));
      r.errors.forEach((e) => tally.error(e));
      if (r.idNumber) {
        const first = this.firstRowOfId.get(r.idNumber);
        if (first === undefined) this.firstRowOfId.set(r.idNumber, r.row);
        else tally.error(issueAt(columns, r.row, 'idNumber', 'import.duplicate_in_file', `与第 ${first} 行的证件号码重复，同一居民只能填写一行。`));
      }
      live.push(r);
    }
    const candidates = live.filter((r) => r.input && !tally.errorRows.has(r.row));
    const decided = await decideAll(this.db, this.actor, columns, candidates, () => undefined);
    const existingOf = new Map<number, ResidentRow | undefined>();
    for (const { r, before, decision } of decided) {
      existingOf.set(r.row, before);
      if (decision.kind === 'error') tally.error(decision.error);
      else tally.verdicts.set(r.row, decision.kind);
    }
    for (const r of live) this.households.add(r, existingOf.get(r.row), !tally.errorRows.has(r.row));
    await this.namesakes(decided.filter((d) => d.decision.kind === 'create').map((d) => d.r));
  }

  /** Same name and birth date: a warning (possibly the same person under another number), never a refusal. */
  private async namesakes(creates: ParsedRow[]) {
    const { tally, columns } = this;
    const name = (r: ParsedRow) => issueAt(columns, r.row, 'name', '', '').column;
    for (const r of creates) {
      if (!r.name || !r.birthDate) continue;
      const key = `${r.name}|${r.birthDate}`;
      const first = this.firstRowOfNamesake.get(key);
      if (first !== undefined) tally.warn({ row: r.row, column: name(r), code: 'residents.possible_duplicate', message: `与第 ${first} 行姓名和出生日期相同，请确认不是同一人。` });
      else this.firstRowOfNamesake.set(key, r.row);
    }
    const pairs = await namesakePairs(this.db, creates);
    for (const r of creates) {
      if (!pairs.has(`${r.name}|${r.birthDate}`)) continue;
      const found = await findPossibleDuplicates({ db: this.db, actor: this.actor, name: r.name!, birthDate: r.birthDate });
      if (found.length) {
        const where = [...new Set(found.map((f) => f.communityName))].join('、');
        tally.warn({ row: r.row, column: name(r), code: 'residents.possible_duplicate', message: `${ERROR_MESSAGES['residents.possible_duplicate'].zh}（${where}）` });
      }
    }
  }

  /** After the last batch: the household rules, which need every row of a household. */
  async finish(): Promise<PlannedHousehold[]> {
    const { errors, planned } = await this.households.finish({ db: this.db, columns: this.columns, errorRows: this.tally.errorRows });
    errors.forEach((e) => this.tally.error(e));
    const kept = planned
      .map((h) => ({ ...h, rows: h.rows.filter((row) => !this.tally.errorRows.has(row)), moving: h.moving.filter((row) => !this.tally.errorRows.has(row)) }))
      .filter((h) => h.rows.includes(h.headRow));
    this.tally.households = { created: kept.filter((h) => !h.existingId).length, updated: kept.filter((h) => h.existingId).length };
    // A registered resident who joins a household is changed even when nothing else about them is.
    for (const h of kept) for (const row of h.moving) if (this.tally.verdicts.get(row) === 'skip') this.tally.verdicts.set(row, 'update');
    return kept;
  }
}

/** Turns a service's refusal of one row (a race since the check) into that row's error. */
function rowFailure(columns: SheetColumns, r: ParsedRow, e: unknown): ImportError {
  if (e instanceof AppError) {
    const d = Array.isArray(e.details) ? (e.details[0] as { field?: string; code?: string; message?: string } | undefined) : undefined;
    return issueAt(columns, r.row, d?.field?.split('.')[0] ?? 'idNumber', d?.code ?? e.code, d?.message ?? e.message);
  }
  // Another import registered the same ID number a moment ago (the unique index caught it).
  const pg = (e as { cause?: { code?: string }; code?: string }) ?? {};
  if (pg.code === '23505' || pg.cause?.code === '23505') {
    return issueAt(columns, r.row, 'idNumber', 'residents.duplicate_id_number', ERROR_MESSAGES['residents.duplicate_id_number'].zh);
  }
  throw e;
}

/**
 * The second pass, inside the import's transaction: the rows the check found valid are checked
 * again against the database (someone may have registered a number meanwhile) and written — new
 * residents a batch at a time through insertResidents, changed ones through applyResidentUpdate —
 * each with its audit row and history. Households are created before their members and given
 * their heads at the end.
 */
export class ImportWrite {
  private readonly householdOfRow = new Map<number, string>();
  private readonly headRows = new Map<number, { householdId: string; created: boolean }>();
  private readonly heads: { householdId: string; headResidentId: string; created: boolean }[] = [];

  constructor(
    private readonly tx: Db,
    private readonly actor: Actor,
    private readonly columns: SheetColumns,
    private readonly tally: ImportTally,
    private readonly households: PlannedHousehold[],
  ) {}

  /** Creates the new households (heads come later) and notes which household each row joins. */
  async start() {
    const ids = new Map(this.households.map((h) => [h, h.existingId ?? crypto.randomUUID()]));
    const created = this.households.filter((h) => !h.existingId);
    await insertImportedHouseholds({ db: this.tx, actor: this.actor, items: created.map((h) => ({ id: ids.get(h)!, communityId: h.communityId, ...h.address })) });
    for (const h of this.households) {
      for (const row of h.rows) this.householdOfRow.set(row, ids.get(h)!);
      this.headRows.set(h.headRow, { householdId: ids.get(h)!, created: !h.existingId });
    }
  }

  /** Writes the valid rows of a batch; answers how many were written. */
  async batch(rows: ParsedRow[]): Promise<number> {
    const { tally, columns, actor, tx } = this;
    const todo = rows.filter((r) => r.input && tally.verdicts.has(r.row));
    const decided = await decideAll(tx, actor, columns, todo, (row) => this.householdOfRow.get(row));
    const creates: { r: ParsedRow; input: ResidentCreateInput }[] = [];
    let written = 0;
    for (const { r, decision } of decided) {
      if (decision.kind === 'error') {
        tally.error(decision.error);
        continue;
      }
      tally.verdicts.set(r.row, decision.kind);
      const householdId = this.householdOfRow.get(r.row);
      if (decision.kind === 'create') creates.push({ r, input: { ...r.input!, householdId: householdId ?? null, relationToHead: householdId ? r.input!.relationToHead : null } });
      else if (decision.kind === 'update') {
        await applyResidentUpdate({ db: tx, actor, id: decision.id, input: decision.input, via: 'import' }).then(
          () => written++,
          (e) => tally.error(rowFailure(columns, r, e)),
        );
      }
      if (decision.kind !== 'create' && this.headRows.has(r.row) && !tally.errorRows.has(r.row)) this.noteHead(r.row, decision.id);
    }
    written += await this.insert(creates);
    return written;
  }

  private async insert(creates: { r: ParsedRow; input: ResidentCreateInput }[]): Promise<number> {
    if (!creates.length) return 0;
    const { tx, actor } = this;
    try {
      const made = await insertResidents({ db: tx, actor, inputs: creates.map((c) => c.input), via: 'import' });
      made.forEach((id, i) => this.headRows.has(creates[i].r.row) && this.noteHead(creates[i].r.row, id));
      return made.length;
    } catch {
      // One row of the batch fails (a number registered meanwhile …): each row alone, so that the
      // error lands on the row that has it. Each call runs in a savepoint: a failed row is undone.
      let n = 0;
      for (const c of creates) {
        await insertResidents({ db: tx, actor, inputs: [c.input], via: 'import' }).then(
          ([id]) => {
            n++;
            if (this.headRows.has(c.r.row)) this.noteHead(c.r.row, id);
          },
          (e) => this.tally.error(rowFailure(this.columns, c.r, e)),
        );
      }
      return n;
    }
  }

  private noteHead(row: number, residentId: string) {
    const h = this.headRows.get(row)!;
    this.heads.push({ householdId: h.householdId, headResidentId: residentId, created: h.created });
  }

  /** Names the heads of the households this import built or added to. */
  async finish() {
    await setImportedHeads({ db: this.tx, actor: this.actor, heads: this.heads });
  }
}
