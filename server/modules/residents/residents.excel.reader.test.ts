import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxBomb } from '../../testing/xlsx-bomb';
import { IMPORT_LIMITS } from './residents.excel';
import { isDateFormat, XlsxFile, type XlsxRow } from './residents.excel.reader';
import { readUpload } from './residents.import.read';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-reader-'));
let n = 0;
const save = (data: Buffer) => {
  const file = path.join(dir, `f${n++}.xlsx`);
  fs.writeFileSync(file, data);
  return file;
};

async function rowsOf(file: string, limits = IMPORT_LIMITS): Promise<XlsxRow[]> {
  const x = await XlsxFile.open(file, limits);
  const out: XlsxRow[] = [];
  try {
    for await (const batch of x.rows(x.sheets[0])) out.push(...batch);
  } finally {
    x.close();
  }
  return out;
}

const ctx = { communities: new Map([['曙光社区', '00000000-0000-4000-8000-000000000001']]), defaultCommunityId: null, restrictedCommunityIds: [] };

async function drain(file: string, limits = IMPORT_LIMITS) {
  let rows = 0;
  for await (const ev of readUpload({ file, limits, ctx })) if (ev.type === 'rows') rows += ev.rows.length;
  return rows;
}

describe('reading an .xlsx as a stream', () => {
  it('reads shared and inline strings, rich text without its phonetic guide, formula results, booleans and dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('居民');
    ws.addRow(['张三', { richText: [{ text: '富' }, { text: '文本' }] }, { formula: '1+1', result: 2 }, true, new Date(Date.UTC(1949, 11, 31)), 110105491231002]);
    ws.getCell('E1').numFmt = 'yyyy"年"m"月"d"日"';
    const [row] = await rowsOf(save(Buffer.from(await wb.xlsx.writeBuffer())));
    expect([...row.cells]).toEqual([[1, '张三'], [2, '富文本'], [3, 2], [4, true], [5, new Date(Date.UTC(1949, 11, 31))], [6, 110105491231002]]);
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('0.00"元"')).toBe(false);
    expect(isDateFormat('[Red]0')).toBe(false);
  });

  it('refuses a sheet that declares more inflated bytes than allowed, before inflating any', async () => {
    const file = save(await xlsxBomb({ inflatedBytes: 40e6 }));
    await expect(rowsOf(file, { ...IMPORT_LIMITS, sheetBytes: 20e6 })).rejects.toMatchObject({ code: 'residents.import_too_large' });
  });

  it('refuses a part that inflates to more than it declared, or far more than its compressed size', async () => {
    const lying = save(await xlsxBomb({ inflatedBytes: 40e6, declaredSize: 100_000 }));
    await expect(rowsOf(lying)).rejects.toMatchObject({ code: 'residents.import_too_large', details: [{ message: expect.stringContaining('实际大小与声明不符') }] });
    const dense = save(await xlsxBomb({ inflatedBytes: 40e6 }));
    await expect(rowsOf(dense, { ...IMPORT_LIMITS, ratioAfterBytes: 1e6 })).rejects.toMatchObject({ details: [{ message: expect.stringContaining('压缩比异常') }] });
  });

  it('refuses the row past the limit as soon as it is read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('居民');
    ws.addRow(['姓名', '身份证号', '社区']);
    for (let i = 0; i < 5; i++) ws.addRow([`张${i}`, `x${i}`, '曙光社区']);
    const file = save(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await drain(file, { ...IMPORT_LIMITS, rows: 5 })).toBe(5);
    await expect(drain(file, { ...IMPORT_LIMITS, rows: 4 })).rejects.toMatchObject({ code: 'residents.import_too_many_rows' });
  });

  it('finds the header below a title, in another sheet than the first, and asks for a community when the sheet has none', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['本表为花名册']);
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['曙光社区居民花名册']);
    ws.addRow(['序号', '姓名', '身份证号']);
    ws.addRow([1, '张三', '11010519491231002X']);
    const file = save(Buffer.from(await wb.xlsx.writeBuffer()));
    await expect(drain(file)).rejects.toMatchObject({ code: 'residents.import_community_required' });
    const events = [];
    for await (const ev of readUpload({ file, limits: IMPORT_LIMITS, ctx: { ...ctx, defaultCommunityId: '00000000-0000-4000-8000-000000000001' } })) events.push(ev);
    expect(events[0]).toMatchObject({ type: 'sheet', sheetName: '花名册', headerRow: 2, warnings: [] });
    expect(events[1]).toMatchObject({ type: 'rows', rows: [{ row: 3, communityId: '00000000-0000-4000-8000-000000000001' }] });
  });
});
