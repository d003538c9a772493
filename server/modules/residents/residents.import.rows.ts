// One sheet row → a resident's input, with every problem named by row, column and cell.
import { TAGS } from '../../../common/codes/tag.codes';
import { ERROR_MESSAGES, FIELD_MESSAGES } from '../../../common/errors';
import { fieldIssues } from '../../../common/schemas/issues';
import type { ImportError, ImportWarning } from '../../../common/schemas/residents-import.schema';
import { residentCreateInput, type ResidentCreateInput } from '../../../common/schemas/residents.schema';
import { parseIdDocument, parseIdNumber } from '../../../common/validators/id-number.validator';
import { columnByField, EXAMPLE_ID_NUMBER, IMPORT_COLUMNS, plainTitle } from './residents.excel';
import { cellText, cleanText, findCodeLoose, halfWidth, idNumberText, parseAddress, parseDateCell, splitList, type CellRead } from './residents.excel.cells';
import { canSeeTag } from './residents.policy.tags';

export type { ImportError, ImportWarning };

/** A row of the sheet: its number, and its cells by the field of the column they are in. */
export type SheetRow = { row: number; cells: Map<string, { value: CellRead; title: string; address: string }> };

/** Where each recognised column is in the sheet: its title as written and its letter. */
export type SheetColumns = Map<string, { title: string; letter: string }>;

/** The household a row belongs to: the key rows share (户编号, or 户主证件号) and the relation to the head. */
export type RowHousehold = { key: string; relation: string | null };

export type ParsedRow = {
  row: number;
  /** The validated input, when the row has no error. */
  input: ResidentCreateInput | null;
  /** The fields whose cells were filled in (an update changes only these). */
  filled: Set<string>;
  /** The ID number as stored (15 digits converted to 18, upper case), when it could be read. */
  idNumber: string | null;
  name: string | null;
  birthDate: string | null;
  /** The community the row names (or the file's), even when the row has other errors. */
  communityId: string | null;
  household: RowHousehold | null;
  errors: ImportError[];
  warnings: ImportWarning[];
  example: boolean;
};

/** What reading a row needs to know about the caller and the upload. */
export type RowContext = {
  /** The caller's communities by name, for the 社区 column. */
  communities: Map<string, string>;
  /** The community named on the upload: for a sheet without a 社区 column, or its empty cells. */
  defaultCommunityId: string | null;
  /** Where the caller may see restricted tags. */
  restrictedCommunityIds: string[];
};

/** An error on a field's cell (or on its column, or the row, when the sheet has no such column). */
export function issueAt(columns: SheetColumns, row: number, field: string, code: string, message: string): ImportError {
  const at = columns.get(field);
  const column = columnByField.get(field);
  return { row, column: at?.title ?? (column ? plainTitle(column) : field), ...(at ? { cell: `${at.letter}${row}` } : {}), field, code, message };
}

const notInList = (s: string) => `“${s.slice(0, 20)}”不是可选的值，${FIELD_MESSAGES.invalid_option.zh}`;
/** Tag labels that contain a separator themselves (突发事件/意外伤害), matched whole before the cell is split. */
const SLASHED_TAGS = TAGS.filter((t) => /[/／]/.test(t.zh));

function tagWords(text: string): string[] {
  let rest = text;
  const whole: string[] = [];
  for (const t of SLASHED_TAGS) {
    if (rest.includes(t.zh)) {
      whole.push(t.zh);
      rest = rest.split(t.zh).join('、');
    }
  }
  return [...whole, ...splitList(rest)];
}

/**
 * Reads one row: code columns by label, code or the words offices use, dates in any usual spelling,
 * a one-column address split into its parts, the community among the caller's own (or the file's),
 * tags by label or word (restricted ones only where the caller may see them), the household key and
 * relation; then the same zod schema as the form (residentCreateInput), its issues mapped back to the cells.
 */
export function parseRow(row: SheetRow, columns: SheetColumns, ctx: RowContext): ParsedRow {
  const raw: Record<string, unknown> = {};
  const errors: ImportError[] = [];
  const warnings: ImportWarning[] = [];
  const err = (field: string, code: string, message: string) => errors.push(issueAt(columns, row.row, field, code, message));
  let householdKey: string | null = null;

  for (const c of IMPORT_COLUMNS) {
    const cell = row.cells.get(c.field);
    if (!cell) continue;
    const text = cellText(cell.value);
    switch (c.kind) {
      case 'text':
        raw[c.field] = text;
        break;
      case 'phone':
        raw[c.field] = halfWidth(text);
        break;
      case 'code':
      case 'grade': {
        const found = findCodeLoose(c.list!, text);
        if (!found) err(c.field, 'invalid_option', notInList(text));
        else raw[c.field] = c.kind === 'grade' ? Number(found.code) : found.code;
        break;
      }
      case 'date': {
        const d = parseDateCell(cell.value);
        if (d) raw[c.field] = d;
        else err(c.field, 'invalid_date', FIELD_MESSAGES.invalid_date.zh);
        break;
      }
      case 'idNumber': {
        const r = idNumberText(cell.value);
        if ('lostDigits' in r) {
          err(c.field, 'id_number.format', `${FIELD_MESSAGES['id_number.format'].zh}。该单元格是数字格式，Excel 只保留 15 位有效数字，后几位已丢失；请把该列设为“文本”后重新输入。`);
        } else raw[c.field] = r.value;
        break;
      }
      case 'community': {
        const id = ctx.communities.get(cleanText(text));
        if (id) raw.communityId = id;
        else err(c.field, 'residents.not_in_scope_community', `“${text.slice(0, 20)}”不是您负责的社区。${ERROR_MESSAGES['residents.not_in_scope_community'].zh}`);
        break;
      }
      case 'tags': {
        const codes: string[] = [];
        for (const word of tagWords(text)) {
          const tag = findCodeLoose(TAGS, word);
          // A restricted tag the caller may not see is reported exactly like an unknown word.
          const visible = tag && (raw.communityId ?? ctx.defaultCommunityId
            ? canSeeTag(ctx, (raw.communityId ?? ctx.defaultCommunityId) as string, tag.code)
            : !TAGS.some((t) => t.code === tag.code && 'restricted' in t) || ctx.restrictedCommunityIds.length > 0);
          if (!tag || !visible) err(c.field, 'invalid_option', `“${word.slice(0, 20)}”不是可选的标签，${FIELD_MESSAGES.invalid_option.zh}`);
          else if (!codes.includes(tag.code)) codes.push(tag.code);
        }
        raw.tags = codes.map((tag) => ({ tag }));
        break;
      }
      case 'address':
        // The parts fill only what the sheet's own 小区/楼栋/单元/室 columns left empty.
        for (const [k, v] of Object.entries(parseAddress(text))) raw[k] ??= v;
        break;
      case 'householdKey':
        householdKey = halfWidth(text).replace(/\s+/g, '');
        break;
      case 'headIdNumber': {
        const r = idNumberText(cell.value);
        const id = 'value' in r ? r.value : text;
        const p = parseIdNumber(id);
        householdKey ??= `户主 ${p.ok ? p.idNumber : id}`;
        break;
      }
      case 'ignore':
        break;
    }
  }
  if (!raw.communityId && ctx.defaultCommunityId && !errors.some((e) => e.field === 'communityId')) raw.communityId = ctx.defaultCommunityId;
  if (raw.relationToHead && !householdKey) {
    warnings.push({ ...issueAt(columns, row.row, 'relationToHead', 'import.relation_without_household', ''), message: '填写了与户主关系，但没有户编号，未建立家庭，该关系没有导入。' });
    delete raw.relationToHead;
  }
  const filled = new Set(Object.keys(raw));

  const idText = typeof raw.idNumber === 'string' ? raw.idNumber : null;
  const example = idText === EXAMPLE_ID_NUMBER;
  let idNumber = idText || null;
  let birthDate = (raw.birthDate as string | undefined) ?? null;
  // 身份证号, 港澳台居民居住证 and 外国人永久居留身份证 are checked by their own rules; other documents are not.
  const p = idText ? parseIdDocument(typeof raw.idType === 'string' ? raw.idType : 'resident_id_card', idText) : null;
  if (p) {
    if (p.ok) {
      idNumber = p.idNumber;
      raw.idNumber = p.idNumber;
      // 性别 and 出生日期 may be left empty where the number says them.
      if (p.sex) raw.sex ??= p.sex;
      birthDate ??= p.birthDate;
    } else {
      // Said here: the schema's own check of the number runs only once every field is readable.
      const code = `id_number.${p.error}` as const;
      err('idNumber', code, FIELD_MESSAGES[code].zh);
    }
  }
  if (!idText && !errors.some((e) => e.field === 'idNumber')) err('idNumber', 'required', FIELD_MESSAGES.required.zh);
  if (householdKey && !raw.relationToHead && !errors.some((e) => e.field === 'relationToHead')) {
    err('relationToHead', 'required', '填写了户编号，请同时填写与户主关系（户主本人填“户主”或“本人”）。');
  }

  const parsed = residentCreateInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of fieldIssues(parsed.error)) {
      const field = issue.field.split('.')[0] || 'name';
      // A cell already reported (an unknown option becomes "missing" for zod) is reported once.
      if (errors.some((e) => e.field === field)) continue;
      err(field, issue.code, issue.message);
    }
  }
  return {
    row: row.row,
    input: errors.length || !parsed.success ? null : parsed.data,
    filled,
    idNumber,
    name: typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : null,
    birthDate,
    communityId: typeof raw.communityId === 'string' ? raw.communityId : null,
    household: householdKey ? { key: householdKey, relation: (raw.relationToHead as string | undefined) ?? null } : null,
    errors,
    warnings,
    example,
  };
}
