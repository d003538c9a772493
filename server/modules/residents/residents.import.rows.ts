// One sheet row → a resident's input, with every problem named by row, column and cell.
import { TAGS } from '../../../common/codes/tag.codes';
import { ERROR_MESSAGES, FIELD_MESSAGES } from '../../../common/errors';
import { fieldIssues } from '../../../common/schemas/issues';
import type { ImportError, ImportWarning } from '../../../common/schemas/residents-import.schema';
import { residentCreateInput, type ResidentCreateInput } from '../../../common/schemas/residents.schema';
import { parseIdNumber } from '../../../common/validators/id-number.validator';
import type { Actor } from '../../lib/actor';
import {
  cellText, cleanText, columnByField, halfWidth, EXAMPLE_ID_NUMBER, findCodeLoose, IMPORT_COLUMNS, idNumberText, parseDateCell, plainTitle, splitList,
  type SheetRow,
} from './residents.excel';
import { canSeeTag } from './residents.policy';

export type { ImportError, ImportWarning };

export type ParsedRow = {
  row: number;
  sheetRow: SheetRow;
  /** The validated input, when the row has no error. */
  input: ResidentCreateInput | null;
  /** The fields whose cells were filled in (an update changes only these). */
  filled: Set<string>;
  /** The ID number as stored (15 digits converted to 18, upper case), when it could be read. */
  idNumber: string | null;
  name: string | null;
  birthDate: string | null;
  errors: ImportError[];
  example: boolean;
};

/** The caller's communities by name, for the 社区 column. */
export type CommunityNames = Map<string, string>;

/** Builds an error on a field's cell (or on its column when the cell is empty). */
export function errorAt(row: SheetRow, field: string, code: string, message: string): ImportError {
  const cell = row.cells.get(field);
  const column = columnByField.get(field);
  return {
    row: row.row,
    column: cell?.title ?? (column ? plainTitle(column) : field),
    ...(cell ? { cell: cell.address } : {}),
    field,
    code,
    message,
  };
}

const notInList = (s: string) => `“${s.slice(0, 20)}”不是可选的值，${FIELD_MESSAGES.invalid_option.zh}`;

/**
 * Reads one row: code columns by label or code, dates in any usual spelling, the community among
 * the caller's own, tags by label (restricted ones only where the caller may see them), then the
 * same zod schema as the form (residentCreateInput), its issues mapped back to the columns.
 */
export function parseRow(row: SheetRow, actor: Actor, communities: CommunityNames): ParsedRow {
  const raw: Record<string, unknown> = {};
  const errors: ImportError[] = [];
  const err = (field: string, code: string, message: string) => errors.push(errorAt(row, field, code, message));

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
        const id = communities.get(cleanText(text));
        if (id) raw.communityId = id;
        else err(c.field, 'residents.not_in_scope_community', `“${text.slice(0, 20)}”不是您负责的社区。${ERROR_MESSAGES['residents.not_in_scope_community'].zh}`);
        break;
      }
      case 'tags': {
        const codes: string[] = [];
        for (const label of splitList(text)) {
          const tag = TAGS.find((t) => t.zh === label || t.code === label);
          // A restricted tag the caller may not see is reported exactly like an unknown one.
          const visible = tag && (raw.communityId ? canSeeTag(actor, raw.communityId as string, tag.code) : !('restricted' in tag) || actor.restrictedCommunityIds.length > 0);
          if (!tag || !visible) err(c.field, 'invalid_option', `“${label.slice(0, 20)}”不是可选的标签，${FIELD_MESSAGES.invalid_option.zh}`);
          else if (!codes.includes(tag.code)) codes.push(tag.code);
        }
        raw.tags = codes.map((tag) => ({ tag }));
        break;
      }
    }
  }
  const filled = new Set(Object.keys(raw));

  const idText = typeof raw.idNumber === 'string' ? raw.idNumber : null;
  const example = idText === EXAMPLE_ID_NUMBER;
  let idNumber = idText || null;
  let birthDate = (raw.birthDate as string | undefined) ?? null;
  if (idText && (raw.idType ?? 'resident_id_card') === 'resident_id_card') {
    const p = parseIdNumber(idText);
    if (p.ok) {
      idNumber = p.idNumber;
      raw.idNumber = p.idNumber;
      // 性别 and 出生日期 may be left empty: the ID number says them.
      raw.sex ??= p.sex;
      birthDate ??= p.birthDate;
    }
  }
  if (!idText && !errors.some((e) => e.field === 'idNumber')) err('idNumber', 'required', FIELD_MESSAGES.required.zh);

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
    sheetRow: row,
    input: errors.length || !parsed.success ? null : parsed.data,
    filled,
    idNumber,
    name: typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : null,
    birthDate,
    errors,
    example,
  };
}
