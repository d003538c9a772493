// The problem workbook: the uploaded sheet as it was, each bad cell filled and carrying a note that
// explains it, and a 「错误说明」 column at the end of each row with a problem. Read and written as
// streams (in the import's worker thread), so a 100,000-row register is never whole in memory.
import ExcelJS from 'exceljs';
import { setCell } from '../../lib/spreadsheet';
import type { ImportError, ImportWarning } from '../../../common/schemas/residents-import.schema';
import { columnForHeader, PROBLEM_COLUMN_TITLE, type ImportLimits } from './residents.excel';
import { cellText } from './residents.excel.cells';
import { columnNumber, XlsxFile } from './residents.excel.reader';

export type MarkTask = {
  kind: 'mark';
  /** The upload, and where the marked copy goes. */
  file: string;
  out: string;
  limits: ImportLimits;
  sheetName: string;
  headerRow: number;
  /** Problems by row (errors, then warnings). */
  issues: [number, (ImportError | ImportWarning)[]][];
  errorRows: number[];
};

const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const WARNING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4F1' } };

const isError = (i: ImportError | ImportWarning): i is ImportError => 'field' in i;
const line = (i: ImportError | ImportWarning) => `${isError(i) ? '' : '提醒：'}${i.column ? `${i.column}：` : ''}${i.message}`;

/** Writes the marked copy of the upload's sheet to `task.out`. */
export async function writeMarkedWorkbook(task: MarkTask): Promise<void> {
  const xlsx = await XlsxFile.open(task.file, task.limits);
  const issues = new Map(task.issues);
  const errorRows = new Set(task.errorRows);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: task.out, useStyles: true, useSharedStrings: false });
  wb.creator = '邻里 Linli';
  try {
    const sheet = xlsx.sheets.find((s) => s.name === task.sheetName);
    if (!sheet) throw new Error(`sheet ${task.sheetName} not found`);
    const ws = wb.addWorksheet(task.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: task.headerRow }] });
    let problemCol = 0;
    for await (const batch of xlsx.rows(sheet)) {
      for (const r of batch) {
        if (r.row === task.headerRow) {
          const found = [...r.cells].find(([, v]) => columnForHeader(cellText(v))?.field === 'problems');
          problemCol = found ? found[0] : Math.max(0, ...r.cells.keys()) + 1;
          ws.columns = Array.from({ length: problemCol }, (_, i) => ({ width: i + 1 === problemCol ? 60 : 14 }));
        }
        const row = ws.getRow(r.row);
        for (const [n, v] of r.cells) {
          if (n === problemCol && r.row > task.headerRow) continue;
          const cell = row.getCell(n);
          setCell(cell, v);
          if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
          else if (typeof v === 'string' && /^\d{12,}/.test(v)) cell.numFmt = '@';
        }
        if (r.row === task.headerRow) {
          row.getCell(problemCol).value = PROBLEM_COLUMN_TITLE;
          row.font = { bold: true };
          row.eachCell((c) => (c.fill = HEADER_FILL));
        }
        markRow(row, issues.get(r.row), errorRows.has(r.row), r.row === task.headerRow ? 0 : problemCol);
        row.commit();
      }
    }
    ws.commit();
  } finally {
    xlsx.close();
    await wb.commit();
  }
}

/** Fills and notes the cells a row's problems name; `problemCol` (0 for the header) gets them all in words. */
function markRow(row: ExcelJS.Row, list: (ImportError | ImportWarning)[] | undefined, hasError: boolean, problemCol: number) {
  if (!list?.length) return;
  const byCell = new Map<string, (ImportError | ImportWarning)[]>();
  for (const i of list) if (i.cell) byCell.set(i.cell, [...(byCell.get(i.cell) ?? []), i]);
  for (const [address, on] of byCell) {
    const col = columnNumber(/^[A-Z]+/.exec(address)![0]);
    const cell = row.getCell(col);
    cell.fill = on.some(isError) ? ERROR_FILL : WARNING_FILL;
    cell.note = on.map(line).join('\n');
  }
  if (!problemCol) return;
  const summary = row.getCell(problemCol);
  setCell(summary, list.map(line).join('\n'));
  summary.fill = hasError ? ERROR_FILL : WARNING_FILL;
  summary.alignment = { wrapText: true, vertical: 'top' };
}
