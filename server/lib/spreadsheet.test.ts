import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addRow, setCell } from './spreadsheet';

const PREFIXED = ['=1+1', '+1+1', '-1+1', '@SUM(1,2)', '\t=1+1', '\r=1+1', '＝1＋1', '=cmd|\' /C calc\'!A0', '=HYPERLINK("http://x","点我")'];

/** A workbook written to .xlsx and read back, as a user's spreadsheet program gets it. */
async function roundTrip(wb: ExcelJS.Workbook) {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back.worksheets[0];
}

describe('spreadsheet cells', () => {
  it('writes every text that would read as a formula as a string formatted as Text, so that editing the cell keeps it text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    addRow(ws, PREFIXED);
    PREFIXED.forEach((v, i) => setCell(ws.getCell(2, i + 1), v));
    const back = await roundTrip(wb);
    for (const row of [1, 2]) {
      PREFIXED.forEach((v, i) => {
        const cell = back.getCell(row, i + 1);
        // XML reads a stored CR as LF (XML 1.0 §2.11).
        expect({ value: cell.value, type: cell.type, numFmt: cell.numFmt }, JSON.stringify(v)).toEqual({ value: v.replace('\r', '\n'), type: ExcelJS.ValueType.String, numFmt: '@' });
      });
    }
  });

  it('leaves numbers, dates, empty cells and ordinary text as they are: a negative number stays a number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    const date = new Date(Date.UTC(2024, 0, 2));
    addRow(ws, [-5, '张三', 'a=b', date, null, undefined, '']);
    const back = await roundTrip(wb);
    expect([1, 2, 3, 4, 5].map((c) => [back.getCell(1, c).type, back.getCell(1, c).numFmt])).toEqual([
      [ExcelJS.ValueType.Number, undefined],
      [ExcelJS.ValueType.String, undefined],
      [ExcelJS.ValueType.String, undefined],
      [ExcelJS.ValueType.Date, expect.anything()],
      [ExcelJS.ValueType.Null, undefined],
    ]);
    expect(back.getCell(1, 1).value).toBe(-5);
  });
});
