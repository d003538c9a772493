import type ExcelJS from 'exceljs';

/**
 * What a spreadsheet takes for a formula (or a DDE command) at the start of a cell: = + - @, tab
 * and CR (OWASP "CSV Injection"), and the full-width ＝ ＋ － ＠ that Excel converts when a Chinese
 * input method types them.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export const looksLikeFormula = (value: string) => FORMULA_START.test(value);

/**
 * Text that would read as a formula gets the Text number format `@`: exceljs stores every string
 * as a string (never a formula), and a cell formatted as Text stays text when it is edited in Excel
 * or LibreOffice instead of being evaluated. (exceljs writes no `quotePrefix`, the other way to say
 * so.) Numbers, dates and empty cells are left as they are: a negative number stays a number.
 */
function keepText(cell: ExcelJS.Cell) {
  if (typeof cell.value === 'string' && looksLikeFormula(cell.value)) cell.numFmt = '@';
}

type Value = string | number | boolean | Date | null | undefined;

/** Writes a value into a cell of an .xlsx Linli produces: every cell with text a user typed goes through here or `addRow`. */
export function setCell(cell: ExcelJS.Cell, value: Value) {
  cell.value = value ?? null;
  keepText(cell);
}

/** Appends a row to a sheet (values in column order, or by column key), each cell as `setCell` writes it. */
export function addRow(ws: ExcelJS.Worksheet, values: readonly Value[] | Record<string, Value>): ExcelJS.Row {
  const row = ws.addRow(Array.isArray(values) ? values.map((v) => v ?? null) : values);
  row.eachCell(keepText);
  return row;
}
