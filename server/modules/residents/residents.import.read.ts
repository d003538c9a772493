// The sheet of an upload → its header and its rows parsed (runs in the import's worker thread).
import { AppError } from '../../lib/errors';
import { columnForHeader, HELP_SHEET_NAME, IMPORT_COLUMNS, LISTS_SHEET_NAME, plainTitle, SHEET_NAME, type ImportColumn, type ImportLimits } from './residents.excel';
import { cellText } from './residents.excel.cells';
import { columnLetter, invalidFile, XlsxFile, type XlsxRow, type XlsxSheet } from './residents.excel.reader';
import { parseRow, type ImportWarning, type ParsedRow, type RowContext, type SheetColumns, type SheetRow } from './residents.import.rows';

/** The header row found in the first rows of a sheet, with the columns it names. */
export type SheetHeader = { sheet: XlsxSheet; headerRow: number; columns: SheetColumns; byNumber: Map<number, ImportColumn>; warnings: ImportWarning[] };

/** How many rows from the top the header may be (a title such as “曙光社区居民花名册” may come first). */
const HEADER_SEARCH_ROWS = 10;

/** A header row: at least two known titles (序号 and 错误说明 do not count). */
function headerOf(sheet: XlsxSheet, r: XlsxRow): SheetHeader | null {
  const columns: SheetColumns = new Map();
  const byNumber = new Map<number, ImportColumn>();
  const unknown: { title: string; letter: string }[] = [];
  for (const [n, value] of [...r.cells].sort((a, b) => a[0] - b[0])) {
    const title = cellText(value);
    if (!title) continue;
    const column = columnForHeader(title);
    const letter = columnLetter(n);
    if (column && !columns.has(column.field)) {
      columns.set(column.field, { title, letter });
      byNumber.set(n, column);
    } else unknown.push({ title, letter });
  }
  if ([...byNumber.values()].filter((c) => c.kind !== 'ignore').length < 2) return null;
  const warnings = unknown.map((u) => ({
    row: r.row, column: u.title, cell: `${u.letter}${r.row}`, code: 'import.unknown_column', message: `不认识的列“${u.title}”，该列内容不会导入。`,
  }));
  return { sheet, headerRow: r.row, columns, byNumber, warnings };
}

/** The sheet's row as the parser takes it: only the recognised columns, by field. */
function sheetRow(header: SheetHeader, r: XlsxRow): SheetRow {
  const cells: SheetRow['cells'] = new Map();
  for (const [n, value] of r.cells) {
    const column = header.byNumber.get(n);
    if (!column || column.kind === 'ignore') continue;
    if (typeof value === 'string' && !value.trim()) continue;
    cells.set(column.field, { value, title: header.columns.get(column.field)!.title, address: `${columnLetter(n)}${r.row}` });
  }
  return { row: r.row, cells };
}

/** The sheet to read: 居民 first, then the others in order; never the template's help and list sheets. */
const candidates = (file: XlsxFile) =>
  [...file.sheets]
    .filter((s) => s.name !== HELP_SHEET_NAME && s.name !== LISTS_SHEET_NAME)
    .sort((a, b) => Number(b.name === SHEET_NAME) - Number(a.name === SHEET_NAME) || Number(a.hidden) - Number(b.hidden));

/**
 * Finds the sheet and its header, then hands on the rows below it as they stream. The first rows
 * of each candidate sheet are read until one has a header; that sheet is then read to its end.
 */
async function* sheetRows(file: XlsxFile): AsyncGenerator<{ header: SheetHeader } | { rows: XlsxRow[] }> {
  for (const sheet of candidates(file)) {
    let header: SheetHeader | null = null;
    let seen = 0;
    for await (const batch of file.rows(sheet)) {
      let rest = batch;
      if (!header) {
        const i = batch.findIndex((r) => (header = headerOf(sheet, r)) !== null || ++seen >= HEADER_SEARCH_ROWS);
        if (!header) {
          if (i >= 0) break;
          continue;
        }
        yield { header };
        rest = batch.slice(i + 1);
      }
      if (rest.length) yield { rows: rest };
    }
    if (header) return;
  }
  throw invalidFile('没有找到标题行：第一行应为“姓名＊、性别＊、证件号码＊……”等列名，请使用下载的模板。');
}

export type ReadEvent =
  | { type: 'sheet'; sheetName: string; headerRow: number; columns: [string, { title: string; letter: string }][]; warnings: ImportWarning[] }
  /** `read`: how far through the sheet these rows are, 0–1. */
  | { type: 'rows'; rows: ParsedRow[]; read: number };

/**
 * Reads an upload: the header (a missing required column refuses the file; a sheet without a 社区
 * column needs the upload's community), then every non-empty row parsed, a few hundred at a time.
 * More than `limits.rows` data rows refuse the file as soon as the row past the limit is read.
 */
export async function* readUpload({ file, limits, ctx }: { file: string; limits: ImportLimits; ctx: RowContext }): AsyncGenerator<ReadEvent> {
  const xlsx = await XlsxFile.open(file, limits);
  try {
    let header: SheetHeader | null = null;
    let count = 0;
    for await (const ev of sheetRows(xlsx)) {
      if ('header' in ev) {
        header = ev.header;
        checkColumns(header, ctx);
        yield { type: 'sheet', sheetName: header.sheet.name, headerRow: header.headerRow, columns: [...header.columns], warnings: header.warnings };
        continue;
      }
      const parsed: ParsedRow[] = [];
      for (const r of ev.rows) {
        const row = sheetRow(header!, r);
        if (!row.cells.size) continue;
        if (++count > limits.rows) throw new AppError('residents.import_too_many_rows', 400, { max: limits.rows, message: `一次最多导入 ${limits.rows} 行，请拆分文件。` });
        parsed.push(parseRow(row, header!.columns, ctx));
      }
      if (parsed.length) yield { type: 'rows', rows: parsed, read: xlsx.readFraction };
    }
  } finally {
    xlsx.close();
  }
}

function checkColumns(header: SheetHeader, ctx: RowContext) {
  const missing = IMPORT_COLUMNS.filter((c) => c.required && c.field !== 'sex' && c.field !== 'communityId' && !header.columns.has(c.field));
  if (missing.length) {
    throw new AppError(
      'residents.import_invalid_file',
      400,
      missing.map((c) => ({ code: 'required', column: plainTitle(c), message: `缺少必填列“${c.title}”，请使用下载的模板。` })),
    );
  }
  if (!header.columns.has('communityId') && !ctx.defaultCommunityId) throw new AppError('residents.import_community_required', 400);
}
