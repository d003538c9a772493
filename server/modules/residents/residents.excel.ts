// Residents in Excel: the template's columns, and reading cells the way people fill them in.
import ExcelJS from 'exceljs';
import { findCode, type Code } from '../../../common/codes/codes';
import { ETHNICITIES } from '../../../common/codes/ethnicity.codes';
import {
  CONSENT_BASES, DISABILITY_GRADES, DISABILITY_TYPES, EDUCATIONS, EMPLOYMENTS, HEALTH_STATUSES, HUKOU_TYPES, ID_TYPES, INCOME_STATUSES,
  MARITAL_STATUSES, SEXES,
} from '../../../common/codes/resident.codes';
import { AppError } from '../../lib/errors';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET_NAME = '居民';
export const HELP_SHEET_NAME = '填写说明';
export const LISTS_SHEET_NAME = '选项';
/** At most this many data rows per file (residents.import_too_many_rows). */
export const MAX_IMPORT_ROWS = 5000;
/** The template's example row (GB 11643's own example number); left unchanged, it is skipped on import. */
export const EXAMPLE_ID_NUMBER = '11010519491231002X';

export type ColumnKind = 'text' | 'code' | 'date' | 'idNumber' | 'phone' | 'grade' | 'community' | 'tags';

export type ImportColumn = {
  /** The field of residentCreateInput this column fills. */
  field: string;
  /** The title in the template; ＊ marks a required column. */
  title: string;
  /** Other titles people give the same column in their own sheets. */
  aliases?: string[];
  kind: ColumnKind;
  list?: readonly Code[];
  required?: boolean;
  width: number;
  /** What the 填写说明 sheet and the header's note say about it. */
  help: string;
  /** Kept as text in Excel (leading zeros, 18-digit numbers). */
  asText?: boolean;
};

const col = (c: ImportColumn) => c;

/** The columns of the template, in order (MZ/T 071 §5.1, §8.3.2; PIPL 第13条 for 处理依据). */
export const IMPORT_COLUMNS: ImportColumn[] = [
  col({ field: 'name', title: '姓名＊', aliases: ['姓名', '名字'], kind: 'text', required: true, width: 10, help: '居民姓名，不超过 50 个字。' }),
  col({ field: 'sex', title: '性别＊', kind: 'code', list: SEXES, required: true, width: 7, help: '男 或 女。使用居民身份证时可不填，系统按身份证号识别。' }),
  col({ field: 'idType', title: '证件类型', kind: 'code', list: ID_TYPES, width: 14, help: '不填即为“居民身份证”。' }),
  col({
    field: 'idNumber', title: '证件号码＊', aliases: ['证件号码', '证件号', '身份证号', '身份证号码', '公民身份号码', '身份证'], kind: 'idNumber', required: true,
    width: 22, asText: true,
    help: '居民身份证号 18 位（最后一位可为 X）；15 位旧号会自动升为 18 位。请以文本格式填写，否则 Excel 会把后几位变成 0。证件号码已登记的居民将被更新，不会重复建档。',
  }),
  col({ field: 'birthDate', title: '出生日期', aliases: ['出生年月日', '生日'], kind: 'date', width: 12, help: '如 1949-12-31，也可写 1949/12/31、19491231。使用居民身份证时可不填。' }),
  col({ field: 'phone', title: '手机号', aliases: ['手机号码', '手机', '联系电话', '电话'], kind: 'phone', width: 14, asText: true, help: '11 位手机号。' }),
  col({ field: 'communityId', title: '社区＊', aliases: ['社区', '社区/村', '所属社区', '村'], kind: 'community', required: true, width: 12, help: '您负责的社区或村的名称，从下拉列表中选择。' }),
  col({ field: 'ethnicity', title: '民族', kind: 'code', list: ETHNICITIES, width: 9, help: '如 汉族、回族（可省略“族”字）。' }),
  col({ field: 'hukouType', title: '户籍类型', aliases: ['户籍性质'], kind: 'code', list: HUKOU_TYPES, width: 10, help: '' }),
  col({ field: 'hukouAddress', title: '户籍地址', aliases: ['户籍地'], kind: 'text', width: 24, help: '不超过 200 个字。' }),
  col({ field: 'neighborhood', title: '小区/村民小组', aliases: ['小区', '村民小组', '小区/组'], kind: 'text', width: 14, help: '' }),
  col({ field: 'building', title: '楼栋', aliases: ['楼号', '幢', '栋'], kind: 'text', width: 7, asText: true, help: '' }),
  col({ field: 'unit', title: '单元', kind: 'text', width: 7, asText: true, help: '' }),
  col({ field: 'room', title: '室/门牌', aliases: ['室', '门牌', '门牌号', '房号', '室号'], kind: 'text', width: 9, asText: true, help: '' }),
  col({ field: 'maritalStatus', title: '婚姻状况', aliases: ['婚姻'], kind: 'code', list: MARITAL_STATUSES, width: 9, help: '' }),
  col({ field: 'education', title: '文化程度', aliases: ['学历'], kind: 'code', list: EDUCATIONS, width: 10, help: '' }),
  col({ field: 'employment', title: '就业状况', aliases: ['就业'], kind: 'code', list: EMPLOYMENTS, width: 11, help: '' }),
  col({ field: 'health', title: '健康状况', aliases: ['健康'], kind: 'code', list: HEALTH_STATUSES, width: 10, help: '' }),
  col({ field: 'disabilityType', title: '残疾类别', kind: 'code', list: DISABILITY_TYPES, width: 10, help: '按 GB/T 26341。' }),
  col({ field: 'disabilityGrade', title: '残疾等级', kind: 'grade', list: DISABILITY_GRADES, width: 9, help: '一级至四级（也可写 1–4）；填写等级须同时填写残疾类别。' }),
  col({ field: 'incomeStatus', title: '救助情况', aliases: ['低保情况', '社会救助'], kind: 'code', list: INCOME_STATUSES, width: 10, help: '' }),
  col({ field: 'guardianName', title: '监护人姓名', aliases: ['监护人'], kind: 'text', width: 10, help: '未成年人和无民事行为能力人的监护人。' }),
  col({ field: 'guardianRelation', title: '监护人关系', kind: 'text', width: 10, help: '如 父母、祖父母。' }),
  col({ field: 'guardianPhone', title: '监护人电话', kind: 'phone', width: 14, asText: true, help: '11 位手机号。' }),
  col({ field: 'emergencyName', title: '紧急联系人', aliases: ['紧急联系人姓名'], kind: 'text', width: 10, help: '' }),
  col({ field: 'emergencyRelation', title: '紧急联系人关系', kind: 'text', width: 12, help: '如 子女、邻居。' }),
  col({ field: 'emergencyPhone', title: '紧急联系人电话', kind: 'phone', width: 14, asText: true, help: '11 位手机号。' }),
  col({ field: 'consentBasis', title: '处理依据', aliases: ['个人信息处理依据'], kind: 'code', list: CONSENT_BASES, width: 14, help: '处理个人信息的依据（《个人信息保护法》第十三条）。' }),
  col({ field: 'consentScope', title: '同意范围', kind: 'text', width: 18, help: '如 社区社会工作服务建档与服务记录。' }),
  col({ field: 'consentDate', title: '同意日期', kind: 'date', width: 12, help: '如 2025-03-01。' }),
  col({ field: 'tags', title: '目标人群标签', aliases: ['标签', '人群标签', '人群类别'], kind: 'tags', width: 20, help: '可填多个，用顿号“、”或逗号分隔，如 空巢老人、高龄老人。' }),
  col({ field: 'note', title: '备注', kind: 'text', width: 20, help: '不超过 2000 个字。' }),
];

export const columnByField = new Map(IMPORT_COLUMNS.map((c) => [c.field, c]));
/** The title without the ＊ of required columns: how messages name a column. */
export const plainTitle = (c: ImportColumn) => c.title.replace('＊', '');

/** Header text → canonical form: no ＊/*, spaces, bracketed notes or trailing colon. */
export function normalizeHeader(s: string): string {
  return s
    .replace(/[＊*\s\u3000]/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[:：]$/, '');
}

const HEADER_INDEX = new Map<string, ImportColumn>();
for (const c of IMPORT_COLUMNS) for (const t of [c.title, ...(c.aliases ?? [])]) HEADER_INDEX.set(normalizeHeader(t), c);

export const columnForHeader = (title: string) => HEADER_INDEX.get(normalizeHeader(title));

// ── reading cells ────────────────────────────────────────────────────────────────

export type CellRead = string | number | boolean | Date | null;

/** The value a person sees in a cell: formulas' results, rich text joined, hyperlinks' text. */
export function cellValue(v: ExcelJS.CellValue | undefined): CellRead {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result);
    if ('hyperlink' in v) return cellValue((v as { text?: ExcelJS.CellValue }).text);
    if ('error' in v) return String(v.error);
  }
  return null;
}

/** Invisible characters out, no-break and ideographic spaces as spaces, trimmed. */
export function cleanText(s: string): string {
  return s
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\u00A0\u3000]/g, ' ')
    .trim();
}

/** Full-width digits, letters and signs (typed with a Chinese input method) → ASCII. For numbers and codes only. */
export const halfWidth = (s: string) => s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel date (a UTC wall-clock Date from exceljs) → YYYY-MM-DD, rounding away float noise. */
export function dateOf(d: Date): string {
  const day = new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000);
  return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

/** A cell as text, as it reads in the sheet (whole numbers without a decimal point or exponent). */
export function cellText(v: CellRead): string {
  if (v == null) return '';
  if (v instanceof Date) return dateOf(v);
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  return cleanText(String(v));
}

function realDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The ways people write a date in a sheet → YYYY-MM-DD, or null when it is not one. */
export function parseDateCell(v: CellRead): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateOf(v);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 18_500_101 && v <= 29_991_231) return realDate(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
    // An Excel serial day number in a cell without a date format (1900 date system).
    if (v >= 1 && v < 2_958_466) return dateOf(new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86_400_000));
    return null;
  }
  const s = halfWidth(cellText(v));
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? realDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * An ID number cell → its text. A number of 16 digits or more has lost its last digits already
 * (Excel keeps 15 significant digits), so it is refused rather than guessed.
 */
export function idNumberText(v: CellRead): { value: string } | { lostDigits: true } {
  if (typeof v === 'number') {
    if (Math.abs(v) >= 1e15 || !Number.isInteger(v)) return { lostDigits: true };
    return { value: BigInt(v).toString() };
  }
  return { value: halfWidth(cellText(v)).replace(/^'/, '').replace(/[\s-]/g, '').toUpperCase() };
}

/** A code column: the code, the Chinese or English label; 民族 also without its 族. */
export function findCodeLoose(list: readonly Code[], input: string): Code | undefined {
  const s = halfWidth(cleanText(input));
  const exact = findCode(list, s);
  if (exact) return exact;
  if (list === ETHNICITIES) return list.find((c) => c.zh === `${s}族` || c.code === s.padStart(2, '0'));
  if (list === DISABILITY_GRADES) {
    const digits = s.replace(/^第/, '').replace(/级$/, '');
    return list.find((c) => c.code === digits || c.zh === `${digits}级`);
  }
  return undefined;
}

/** 空巢老人、高龄老人 / 空巢老人,高龄老人 / one per line → the labels. */
export const splitList = (s: string) => s.split(/[、，,;；/\n]+/).map((x) => x.trim()).filter(Boolean);

// ── reading the workbook ─────────────────────────────────────────────────────────

export type SheetColumn = { column: ImportColumn; col: number; title: string; letter: string };
export type SheetRow = { row: number; cells: Map<string, { value: CellRead; title: string; address: string }> };
export type SheetIssue = { row: number; column?: string; cell?: string; code: string; message: string };
export type ReadSheet = { sheetName: string; headerRow: number; columns: SheetColumn[]; rows: SheetRow[]; warnings: SheetIssue[] };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const invalidFile = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError('residents.import_invalid_file', 400, [{ code: 'residents.import_invalid_file', message, ...extra }]);

/** Finds the header row among the first rows: the first with at least two known column titles. */
function findHeader(ws: ExcelJS.Worksheet): { headerRow: number; columns: SheetColumn[]; unknown: { title: string; col: number; letter: string }[] } | null {
  const last = Math.min(ws.rowCount, 10);
  for (let r = 1; r <= last; r++) {
    const columns: SheetColumn[] = [];
    const unknown: { title: string; col: number; letter: string }[] = [];
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, c) => {
      const title = cellText(cellValue(cell.value));
      if (!title) return;
      const column = columnForHeader(title);
      const letter = ws.getColumn(c).letter;
      if (column && !columns.some((x) => x.column === column)) columns.push({ column, col: c, title, letter });
      else unknown.push({ title, col: c, letter });
    });
    if (columns.length >= 2) return { headerRow: r, columns, unknown };
  }
  return null;
}

/**
 * Reads the residents sheet of an uploaded .xlsx: the header row (titles in any order, the
 * template's or the usual alternatives), then every non-empty row below it.
 */
export async function readResidentSheet(buffer: Buffer): Promise<ReadSheet> {
  if (buffer.length < 4 || !buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
    const xls = buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0;
    throw invalidFile(xls ? '这是旧版 .xls 文件（或加了密码的文件），请在 Excel 中“另存为” .xlsx 后再导入。' : '文件不是 Excel（.xlsx）格式，请使用下载的模板。');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw invalidFile('文件已损坏或不是 Excel（.xlsx）格式，请使用下载的模板。');
  }
  const sheets = [...wb.worksheets].sort((a, b) => Number(b.name === SHEET_NAME) - Number(a.name === SHEET_NAME));
  let found: { ws: ExcelJS.Worksheet; header: NonNullable<ReturnType<typeof findHeader>> } | null = null;
  for (const ws of sheets) {
    if (ws.name === HELP_SHEET_NAME || ws.name === LISTS_SHEET_NAME) continue;
    const header = findHeader(ws);
    if (header) {
      found = { ws, header };
      break;
    }
  }
  if (!found) throw invalidFile('没有找到标题行：第一行应为“姓名＊、性别＊、证件号码＊……”等列名，请使用下载的模板。');
  const { ws, header } = found;
  const missing = IMPORT_COLUMNS.filter((c) => c.required && c.field !== 'sex' && !header.columns.some((x) => x.column === c));
  if (missing.length) {
    throw new AppError(
      'residents.import_invalid_file',
      400,
      missing.map((c) => ({ code: 'required', column: plainTitle(c), message: `缺少必填列“${c.title}”，请使用下载的模板。` })),
    );
  }

  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r <= header.headerRow) return;
    const cells: SheetRow['cells'] = new Map();
    for (const c of header.columns) {
      const cell = row.getCell(c.col);
      const value = cellValue(cell.value);
      if (value === null || (typeof value === 'string' && cleanText(value) === '')) continue;
      cells.set(c.column.field, { value, title: c.title, address: `${c.letter}${r}` });
    }
    if (cells.size) rows.push({ row: r, cells });
  });
  const warnings: SheetIssue[] = header.unknown.map((u) => ({
    row: header.headerRow,
    column: u.title,
    cell: `${u.letter}${header.headerRow}`,
    code: 'import.unknown_column',
    message: `不认识的列“${u.title}”，该列内容不会导入。`,
  }));
  return { sheetName: ws.name, headerRow: header.headerRow, columns: header.columns, rows, warnings };
}
