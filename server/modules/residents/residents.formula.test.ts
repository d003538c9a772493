import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor } from '../../db/seed/builders';
import { looksLikeFormula } from '../../lib/spreadsheet';
import { useTestApp } from '../../testing/app';

/**
 * Every text cell of a workbook that a spreadsheet would take for a formula: each must be a string
 * formatted as Text (`@`), so that neither opening nor editing the cell evaluates it.
 */
async function formulaLikeCells(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const found: { at: string; value: string; type: ExcelJS.ValueType; numFmt: string | undefined }[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const text = typeof cell.value === 'string' ? cell.value : cell.formula ? `=${cell.formula}` : null;
        if (text !== null && looksLikeFormula(text)) found.push({ at: `${ws.name}!${cell.address}`, value: text, type: cell.type, numFmt: cell.numFmt });
      }),
    );
  }
  return found;
}
const asText = (cells: Awaited<ReturnType<typeof formulaLikeCells>>) => cells.filter((c) => c.type !== ExcelJS.ValueType.String || c.numFmt !== '@');

describe('spreadsheets Linli writes', () => {
  const t = useTestApp();
  let community: string;

  beforeAll(async () => {
    const { rows } = await t.db.execute<{ id: string }>(sql`select id from org_units where name = '曙光社区'`);
    community = rows[0].id;
  });

  it('export every resident text beginning with = + - or @ as Text, in the list and in the search noted beside it', async () => {
    const c = await t.as('shegong1');
    const typed = { name: '=HYPERLINK("http://x.example","点我")', neighborhood: '@SUM(1,2)', building: '+1', unit: '-1', room: '\t=1+1' };
    const created = await c.post('/api/residents', { ...typed, sex: 'male', idNumber: idNumberFor({ area: '110105', birthDate: '1960-01-01', sex: 'male', serial: 77 }), communityId: community });
    expect(created.statusCode).toBe(201);
    await c.post('/api/residents', { name: '-王五', sex: 'female', communityId: community });
    const res = await c.get(`/api/residents/export?communityId=${community}&q=${encodeURIComponent('=HYPERLINK')}`);
    expect(res.statusCode).toBe(200);
    const cells = await formulaLikeCells(res.rawPayload);
    expect(cells.map((x) => x.value)).toEqual(expect.arrayContaining([typed.name, '@SUM(1,2) +1栋 -1单元 =1+1室', '=HYPERLINK']));
    expect(asText(cells)).toEqual([]);
    const all = await formulaLikeCells((await c.get(`/api/residents/export?communityId=${community}`)).rawPayload);
    expect(all.map((x) => x.value)).toEqual(expect.arrayContaining(['-王五']));
    expect(asText(all)).toEqual([]);
  });

  it('write a community name an administrator set beginning with = as Text in the import template', async () => {
    await t.db.execute(sql`update org_units set name = '=HYPERLINK("http://x.example","曙光社区")' where id = ${community}`);
    const res = await (await t.as('shegong1')).get('/api/residents/import/template');
    expect(res.statusCode).toBe(200);
    const cells = await formulaLikeCells(res.rawPayload);
    // The example row, the 填写说明 sheet's list of values and the hidden sheet behind the dropdown.
    expect(cells.filter((x) => x.value.includes('曙光社区')).length).toBeGreaterThanOrEqual(3);
    expect(asText(cells)).toEqual([]);
  });
});
