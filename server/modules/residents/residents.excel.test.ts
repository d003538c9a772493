import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { idNumberFor } from '../../db/seed/builders';
import { decrypt } from '../../lib/crypto';
import { multipart, useTestApp, type Client } from '../../testing/app';
import { permissionsOf } from '../../../common/permissions';
import { residentListQuery } from '../../../common/schemas/residents.schema';
import type { ImportJob } from '../../../common/schemas/residents-import.schema';
import { finished } from './residents.import.testing';
import { columnByField, TEMPLATE_COLUMNS, XLSX_TYPE } from './residents.excel';
import { exportResidents } from './residents.export';

const FULL_ID = /\d{17}[\dXx]/;

let serial = 0;
/** A valid 18-digit number unique in this file (area 110108 is not used by the demo). */
const newId = (birthDate: string, sex: 'male' | 'female') => idNumberFor({ area: '110108', birthDate, sex, serial: serial++ });
let phoneSerial = 0;
const newPhone = () => `1370000${String(1000 + phoneSerial++).padStart(4, '0')}`;

type Cells = Record<string, ExcelJS.CellValue>;

/** An .xlsx as an office would fill in the template: a header row, then one row per resident. */
async function xlsx(rows: Cells[], opts: { fields?: string[]; titles?: Record<string, string>; extra?: string[]; before?: string[][] } = {}) {
  const fields = opts.fields ?? TEMPLATE_COLUMNS.map((c) => c.field);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民');
  for (const r of opts.before ?? []) ws.addRow(r);
  ws.addRow([...fields.map((f) => opts.titles?.[f] ?? columnByField.get(f)!.title), ...(opts.extra ?? [])]);
  for (const r of rows) ws.addRow([...fields.map((f) => r[f] ?? null), ...(opts.extra ?? []).map((_, i) => `x${i}`)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (c: Client, data: Buffer, mode: string, name = 'residents.xlsx', fields: Record<string, string> = {}) =>
  c.inject({ method: 'POST', url: '/api/residents/import', ...multipart({ mode, ...fields }, { name, data, type: XLSX_TYPE }) });

/** Uploads a file and follows its job (as the page polls) until it has finished. */
async function importFile(c: Client, data: Buffer, mode: string, fields: Record<string, string> = {}): Promise<ImportJob> {
  const res = await upload(c, data, mode, 'residents.xlsx', fields);
  expect(res.statusCode, res.body).toBe(202);
  return finished(c, res.json().data.id);
}

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

// Each import runs worker threads and two passes over its file: slower than a plain request on a busy machine.
describe('residents Excel template, import and export', { timeout: 120_000 }, () => {
  const t = useTestApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'linli-import-')) });
  let names = 0;
  /** One resident as a row of the template, in 曙光社区, with a unique name and ID number. */
  const person = (o: Cells = {}): Cells => {
    const birthDate = (o.birthDate as string) ?? '1951-03-08';
    const sex = o.sex === '女' ? 'female' : 'male';
    return {
      name: `导入测试${String.fromCharCode(0x4e00 + names++)}`, sex: sex === 'male' ? '男' : '女', idNumber: newId(birthDate, sex), birthDate,
      phone: newPhone(), communityId: '曙光社区', ethnicity: '汉族', neighborhood: '曙光花园', building: '3', unit: '2', room: '302',
      tags: '空巢老人、高龄老人', consentBasis: '本人同意', ...o,
    };
  };
  const residentCount = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents`)).rows[0].n;
  const byName = async (c: Client, name: string) => {
    const res = await c.get(`/api/residents?q=${encodeURIComponent(name)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { data: { id: string; name: string; tags: { tag: string }[]; communityName: string }[]; total: number };
  };

  describe('template', () => {
    it('gives a social worker a template with every column, dropdown lists, text ID cells and a frozen header', async () => {
      const res = await (await t.as('shegong1')).get('/api/residents/import/template');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain(XLSX_TYPE);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('居民导入模板.xlsx')}`);
      const wb = await readXlsx(res.rawPayload);
      const ws = wb.getWorksheet('居民')!;
      const header = (ws.getRow(1).values as string[]).slice(1);
      expect(header).toEqual(TEMPLATE_COLUMNS.map((c) => c.title));
      expect(header.slice(0, 7)).toEqual(['姓名＊', '性别＊', '证件类型', '证件号码＊', '出生日期', '手机号', '社区＊']);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

      const letter = (field: string) => ws.getColumn(TEMPLATE_COLUMNS.findIndex((c) => c.field === field) + 1).letter;
      expect(ws.getColumn(letter('idNumber')).numFmt).toBe('@');
      expect(ws.getCell(`${letter('idNumber')}2`).value).toBe('11010519491231002X');
      const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
      const lists = wb.getWorksheet('选项')!;
      const listValues = (field: string) => {
        const v = dv[`${letter(field)}2`];
        expect(v?.type, field).toBe('list');
        const col = /\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)/.exec(String(v.formulae[0]))!;
        return Array.from({ length: Number(col[2]) - 1 }, (_, i) => lists.getCell(`${col[1]}${i + 2}`).value);
      };
      expect(listValues('sex')).toEqual(['男', '女']);
      expect(listValues('communityId')).toEqual(['曙光社区', '桃源社区']);
      expect(listValues('ethnicity')).toHaveLength(56);
      expect(listValues('disabilityGrade')).toEqual(['一级', '二级', '三级', '四级']);
      for (const f of ['idType', 'hukouType', 'maritalStatus', 'education', 'employment', 'health', 'disabilityType', 'incomeStatus', 'consentBasis']) listValues(f);
      expect(listValues('tags')).toContain('社区矫正对象');
      expect(dv[`${letter('idNumber')}100`]).toMatchObject({ type: 'textLength' });
      expect(lists.state).toBe('hidden');

      const help = wb.getWorksheet('填写说明')!;
      const text: string[] = [];
      help.eachRow((r) => r.eachCell((c) => text.push(String(c.value))));
      expect(text.join('\n')).toContain('证件号码＊');
      expect(text.join('\n')).toContain('汉族、蒙古族');
    });

    it('lists restricted tags only for a user who may see them somewhere', async () => {
      const res = await (await t.as('shegong2')).get('/api/residents/import/template');
      expect(res.statusCode).toBe(200);
      const wb = await readXlsx(res.rawPayload);
      const values: string[] = [];
      wb.getWorksheet('选项')!.eachRow((r) => r.eachCell((c) => values.push(String(c.value))));
      expect(values).toContain('独居老人');
      expect(values).toContain('青山社区');
      expect(values).not.toContain('社区矫正对象');
      expect(values).not.toContain('曙光社区');
    });

    it('answers 401 to each Excel route without a session', async () => {
      expect((await t.anon.get('/api/residents/import/template')).statusCode).toBe(401);
      expect((await t.anon.get('/api/residents/export')).statusCode).toBe(401);
      const res = await t.anon.inject({ method: 'POST', url: '/api/residents/import', ...multipart({ mode: 'validate' }, { name: 'a.xlsx', data: await xlsx([]), type: XLSX_TYPE }) });
      expect(res.statusCode).toBe(401);
    });

    it('answers 403 to the administrator, who reads no residents, and to the street manager, who may not import', async () => {
      const file = await xlsx([person()]);
      for (const username of ['admin', 'jiedao']) {
        const c = await t.as(username);
        expect((await c.get('/api/residents/import/template')).statusCode, username).toBe(403);
        expect((await upload(c, file, 'all')).statusCode, username).toBe(403);
      }
      expect((await (await t.as('admin')).get('/api/residents/export')).statusCode).toBe(403);
    });
  });

  describe('import', () => {
    it('checks a valid file without writing in validate mode, then creates every row with all', async () => {
      const c = await t.as('shegong1');
      const rows = [person(), person({ sex: '女', birthDate: '1990-07-15', tags: '' , communityId: '桃源社区' }), person({ birthDate: '1938-01-02' })];
      const file = await xlsx(rows);
      const before = await residentCount();

      const dry = await importFile(c, file, 'validate');
      expect(dry).toMatchObject({ status: 'done', phase: 'finished', rowsRead: 3, rowsChecked: 3 });
      expect(dry.report).toMatchObject({ total: 3, valid: 3, created: 3, updated: 0, skipped: 0, errors: [], committed: false });
      expect(await residentCount()).toBe(before);

      const res = await importFile(c, file, 'all');
      expect(res).toMatchObject({ status: 'done', rowsWritten: 3, rowsToWrite: 3 });
      expect(res.report).toMatchObject({ total: 3, valid: 3, created: 3, updated: 0, errors: [], committed: true });
      expect(await residentCount()).toBe(before + 3);

      const found = await byName(c, rows[0].name as string);
      expect(found.total).toBe(1);
      expect(found.data[0].communityName).toBe('曙光社区');
      expect(found.data[0].tags.map((x) => x.tag).sort()).toEqual(['elderly_advanced_age', 'elderly_empty_nest']);
      expect((await byName(c, rows[1].name as string)).data[0].communityName).toBe('桃源社区');

      const audit = await t.db.execute<{ detail: Record<string, unknown> }>(sql`select detail from audit_log where action = 'residents.import' order by at desc limit 1`);
      expect(audit.rows[0].detail).toMatchObject({ fileName: 'residents.xlsx', mode: 'all', created: 3, updated: 0 });
      const creates = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'residents.create' and detail->>'via' = 'import'`);
      expect(creates.rows[0].n).toBe(3);
    });

    it('reports each bad row with its Excel row number, Chinese column name and message', async () => {
      const c = await t.as('shegong1');
      const good = [person(), person()];
      const badId = person();
      badId.idNumber = `${(badId.idNumber as string).slice(0, 17)}${(badId.idNumber as string)[17] === '0' ? '1' : '0'}`;
      const rows = [good[0], badId, person({ communityId: '青山社区' }), person({ ethnicity: '火星族' }), good[1]];
      const file = await xlsx(rows);
      const before = await residentCount();

      const report = (await importFile(c, file, 'validate')).report!;
      expect(report).toMatchObject({ total: 5, valid: 2, created: 2, committed: false });
      expect(report.errors).toEqual([
        expect.objectContaining({ row: 3, column: '证件号码＊', cell: 'D3', field: 'idNumber', code: 'id_number.checksum', message: '身份证号校验位不正确，请核对' }),
        expect.objectContaining({ row: 4, column: '社区＊', cell: 'G4', field: 'communityId', code: 'residents.not_in_scope_community' }),
        expect.objectContaining({ row: 5, column: '民族', field: 'ethnicity', code: 'invalid_option' }),
      ]);
      expect(report.errors[1].message).toContain('青山社区');
      expect(report.errors[2].message).toContain('请从列表中选择');

      const all = await importFile(c, file, 'all');
      expect(all).toMatchObject({ status: 'done', rowsWritten: 0, report: { total: 5, valid: 2, committed: false } });
      expect(all.report!.errors).toHaveLength(3);
      expect(await residentCount()).toBe(before);

      const some = await importFile(c, file, 'valid_only');
      expect(some.report).toMatchObject({ total: 5, valid: 2, created: 2, committed: true });
      expect(some.report!.errors).toHaveLength(3);
      expect(await residentCount()).toBe(before + 2);
      expect((await byName(c, good[1].name as string)).total).toBe(1);
      expect((await byName(c, rows[3].name as string)).total).toBe(0);
    });

    it('updates rather than duplicates when the same file is imported again, and changes nothing when nothing changed', async () => {
      const c = await t.as('shegong1');
      const rows = [person(), person()];
      expect((await importFile(c, await xlsx(rows), 'all')).report!.created).toBe(2);
      const count = await residentCount();
      const [first] = (await byName(c, rows[0].name as string)).data;
      const version = (await c.get(`/api/residents/${first.id}`)).json().data.version;

      const again = await importFile(c, await xlsx(rows), 'all');
      expect(again.report).toMatchObject({ total: 2, valid: 2, created: 0, updated: 0, skipped: 2, committed: true });
      expect(await residentCount()).toBe(count);
      expect((await c.get(`/api/residents/${first.id}`)).json().data.version).toBe(version);

      // One changed cell, and a column left empty: only the filled-in change is written.
      const changed = [{ ...rows[0], room: '501', phone: null }, rows[1]];
      const dry = await importFile(c, await xlsx(changed), 'validate');
      expect(dry.report).toMatchObject({ created: 0, updated: 1, skipped: 1 });
      const res = await importFile(c, await xlsx(changed), 'all');
      expect(res.report).toMatchObject({ created: 0, updated: 1, skipped: 1 });
      expect(await residentCount()).toBe(count);
      const after = (await c.get(`/api/residents/${first.id}`)).json().data;
      expect(after).toMatchObject({ room: '501', version: version + 1, phone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) });
      const history = (await c.get(`/api/residents/${first.id}/history`)).json().data;
      expect(Object.keys(history[0].changes)).toEqual(['room']);
    });

    it('keeps the dates of tags that stay and adds or removes the others on re-import', async () => {
      const c = await t.as('shegong1');
      const row = person({ tags: '空巢老人' });
      await importFile(c, await xlsx([row]), 'all');
      const [r] = (await byName(c, row.name as string)).data;
      const detail = (await c.get(`/api/residents/${r.id}`)).json().data;
      await c.patch(`/api/residents/${r.id}`, { version: detail.version, tags: [{ tag: 'elderly_empty_nest', startDate: '2020-01-01' }] });

      const res = await importFile(c, await xlsx([{ ...row, tags: '空巢老人，独居老人' }]), 'all');
      expect(res.report).toMatchObject({ updated: 1 });
      const tags = (await c.get(`/api/residents/${r.id}`)).json().data.tags as { tag: string; startDate: string | null }[];
      expect(tags.map((x) => [x.tag, x.startDate]).sort()).toEqual([['elderly_empty_nest', '2020-01-01'], ['elderly_living_alone', null]]);
    });

    it('refuses a row whose ID number belongs to a resident of another community, without telling who', async () => {
      const c = await t.as('shegong1');
      const { rows } = await t.db.execute<{ id_number_enc: string; name: string }>(sql`
        select r.id_number_enc, r.name from residents r join org_units o on o.id = r.community_id
        where o.name = '青山社区' and r.id_number_enc is not null limit 1`);
      const idNumber = decrypt(rows[0].id_number_enc)!;
      const p = person({ idNumber, sex: Number(idNumber[16]) % 2 ? '男' : '女', birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` });
      const report = (await importFile(c, await xlsx([p]), 'validate')).report!;
      expect(report.errors).toEqual([expect.objectContaining({ row: 2, column: '证件号码＊', code: 'import.id_in_other_community', message: expect.stringContaining('该证件号码已在其他社区登记') })]);
      expect(JSON.stringify(report)).not.toContain(rows[0].name);
    });

    it('reads ID numbers from numeric cells, converts 15-digit numbers, and refuses numbers Excel has cut short', async () => {
      const c = await t.as('shegong1');
      const fifteen = person({ idNumber: 110108491231002, sex: '女', birthDate: null });
      // What Excel keeps of an 18-digit number typed into a General cell: a float without its last digits.
      const eighteen = person({ idNumber: Number('110108194912310029'), sex: '女', birthDate: null });
      const spaced = person();
      spaced.idNumber = ` ${(spaced.idNumber as string).slice(0, 6)} ${(spaced.idNumber as string).slice(6)} `;
      const report = (await importFile(c, await xlsx([fifteen, eighteen, spaced]), 'all')).report!;
      expect(report.committed).toBe(false);
      expect(report.errors).toEqual([expect.objectContaining({ row: 3, field: 'idNumber', code: 'id_number.format', message: expect.stringContaining('文本') })]);

      const ok = await importFile(c, await xlsx([fifteen, spaced]), 'all');
      expect(ok.report).toMatchObject({ created: 2 });
      const found = (await byName(c, fifteen.name as string)).data[0];
      const full = (await c.post(`/api/residents/${found.id}/reveal`, { field: 'idNumber' })).json().data.value;
      expect(full).toMatch(/^11010819491231002[\dX]$/);
      expect((await c.get(`/api/residents/${found.id}`)).json().data).toMatchObject({ birthDate: '1949-12-31', sex: 'female' });
    });

    it('reads dates, codes and labels the way people type them, and takes the sex from the ID number', async () => {
      const c = await t.as('shegong1');
      const rows: Cells[] = [
        { ...person({ sex: null, ethnicity: '回', education: 'senior', disabilityType: '肢体残疾', disabilityGrade: 2 }), birthDate: new Date(Date.UTC(1951, 2, 8)) },
        { ...person({ consentDate: '2024年5月6日', ethnicity: '03', maritalStatus: { richText: [{ text: '已' }, { text: '婚' }] } }), birthDate: '1951/3/8' },
        { ...person({ phone: '+86 137-0000-9999', incomeStatus: { formula: '"低保"', result: '低保' } }), birthDate: 19510308 },
      ];
      expect((await importFile(c, await xlsx(rows), 'validate')).report).toMatchObject({ total: 3, valid: 3, errors: [] });
      await importFile(c, await xlsx(rows), 'all');
      const r0 = (await c.get(`/api/residents/${(await byName(c, rows[0].name as string)).data[0].id}`)).json().data;
      expect(r0).toMatchObject({ sex: 'male', birthDate: '1951-03-08', ethnicity: '03', education: 'senior', disabilityType: 'physical', disabilityGrade: 2 });
      const r1 = (await c.get(`/api/residents/${(await byName(c, rows[1].name as string)).data[0].id}`)).json().data;
      expect(r1).toMatchObject({ consentDate: '2024-05-06', maritalStatus: 'married' });
      const r2 = (await c.get(`/api/residents/${(await byName(c, rows[2].name as string)).data[0].id}`)).json().data;
      expect(r2).toMatchObject({ incomeStatus: 'dibao', phone: '137****9999' });
    });

    it('reports duplicates inside the file, possible namesakes, unknown columns and the example row', async () => {
      const c = await t.as('shegong1');
      const a = person({ birthDate: '1960-01-01' });
      const twin = person({ name: a.name, birthDate: '1960-01-01' });
      const example = person({ name: '王秀英', idNumber: '11010519491231002X', sex: '女', birthDate: '1949-12-31' });
      const file = await xlsx([example, a, { ...a, room: '9' }, twin], { extra: ['备用'], before: [['曙光社区居民花名册']] });
      const report = (await importFile(c, file, 'validate')).report!;
      expect(report.total).toBe(3);
      expect(report.errors).toEqual([expect.objectContaining({ row: 5, field: 'idNumber', code: 'import.duplicate_in_file', message: '与第 4 行的证件号码重复，同一居民只能填写一行。' })]);
      expect(report.warnings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 2, column: '备用', code: 'import.unknown_column' }),
          expect.objectContaining({ row: 3, code: 'import.example_row' }),
          expect.objectContaining({ row: 6, code: 'residents.possible_duplicate' }),
        ]),
      );
    });

    it('warns about a resident already registered with the same name and birth date', async () => {
      const c = await t.as('shegong1');
      const { rows } = await t.db.execute<{ name: string; birth_date: string }>(sql`
        select r.name, r.birth_date::text from residents r join org_units o on o.id = r.community_id
        where o.name = '桃源社区' and r.birth_date is not null and r.archived_at is null limit 1`);
      const p = person({ name: rows[0].name, birthDate: rows[0].birth_date, sex: null });
      p.idNumber = newId(rows[0].birth_date, 'female');
      const report = (await importFile(c, await xlsx([p]), 'validate')).report!;
      expect(report.errors).toEqual([]);
      expect(report.warnings).toEqual([expect.objectContaining({ row: 2, code: 'residents.possible_duplicate', message: expect.stringContaining('桃源社区') })]);
    });

    it('refuses a restricted tag from a user who may not see it, as if it did not exist', async () => {
      const c = await t.as('shegong2');
      const report = (await importFile(c, await xlsx([person({ communityId: '青山社区', tags: '社区矫正对象' })]), 'validate')).report!;
      expect(report.errors).toEqual([expect.objectContaining({ column: '目标人群标签', code: 'invalid_option', message: expect.stringContaining('不是可选的标签') })]);
    });

    it('accepts the usual alternative column titles in any order', async () => {
      const c = await t.as('shegong1');
      const p = person();
      const file = await xlsx([p], {
        fields: ['idNumber', 'name', 'communityId', 'phone'],
        titles: { idNumber: '身份证号码', name: '姓名', communityId: '所属社区', phone: '联系电话' },
      });
      const report = (await importFile(c, file, 'validate')).report!;
      expect(report).toMatchObject({ total: 1, valid: 1, created: 1, errors: [] });
    });

    it('answers 400 residents.import_invalid_file to a file that is not an .xlsx at once, and fails the job of a file that lacks a required column', async () => {
      const c = await t.as('shegong1');
      const csv = await upload(c, Buffer.from('姓名,性别\n张三,男\n'), 'validate', 'residents.csv');
      expect(csv.statusCode).toBe(400);
      expect(csv.json().error.code).toBe('residents.import_invalid_file');
      const xls = await upload(c, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100)]), 'validate', 'residents.xls');
      expect(xls.json().error.details[0].message).toContain('另存为');
      const zip = await importFile(c, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]), 'validate');
      expect(zip).toMatchObject({ status: 'failed', failure: { code: 'residents.import_invalid_file' }, report: null });
      const noId = await importFile(c, await xlsx([person()], { fields: ['name', 'sex', 'communityId'] }), 'validate');
      expect(noId).toMatchObject({ status: 'failed', failure: { code: 'residents.import_invalid_file', details: [{ column: '证件号码', code: 'required' }] } });
      const json = await c.post('/api/residents/import', { mode: 'all' });
      expect(json.statusCode).toBe(400);
    });

    it('answers 400 to an unknown mode or a community not the caller’s, and takes a file of more than 5,000 rows', async () => {
      const c = await t.as('shegong1');
      const bad = await upload(c, await xlsx([person()]), 'everything');
      expect(bad.json().error).toMatchObject({ code: 'validation.failed', details: [{ field: 'mode' }] });
      const notMine = await upload(c, await xlsx([person()]), 'validate', 'a.xlsx', { communityId: crypto.randomUUID() });
      expect(notMine.json().error).toMatchObject({ code: 'validation.failed', details: [{ field: 'communityId' }] });
      const many = Array.from({ length: 6000 }, (_, i) => ({ name: `批量${i}`, idNumber: `x${i}`, communityId: '曙光社区' }));
      const job = await importFile(c, await xlsx(many, { fields: ['name', 'idNumber', 'communityId'] }), 'validate');
      expect(job).toMatchObject({ status: 'done', rowsRead: 6000, report: { total: 6000, valid: 0 } });
      expect(job.report!.errorCount).toBeGreaterThanOrEqual(6000);
      expect(job.report!.errors).toHaveLength(2000);
    });
  });

  describe('export', () => {
    it('exports exactly the rows the list finds for the same filters, masked, and audits it', async () => {
      const c = await t.as('shegong1');
      const { rows } = await t.db.execute<{ id: string }>(sql`select id from org_units where name = '曙光社区'`);
      const query = `communityId=${rows[0].id}&tags=elderly_living_alone,elderly_empty_nest&sort=birthDate&order=desc`;
      const list = (await c.get(`/api/residents?${query}&pageSize=100`)).json();
      expect(list.total).toBeGreaterThan(0);

      const res = await c.get(`/api/residents/export?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''%E5%B1%85%E6%B0%91%E5%90%8D%E5%8D%95-\d{8}\.xlsx/);
      const wb = await readXlsx(res.rawPayload);
      const ws = wb.getWorksheet('居民名单')!;
      expect((ws.getRow(1).values as string[]).slice(1)).toEqual(['姓名', '性别', '出生日期', '年龄', '身份证号', '手机号', '社区', '住址', '目标人群标签']);
      expect(ws.actualRowCount - 1).toBe(list.total);
      expect(ws.getCell('A2').value).toBe(list.data[0].name);
      expect(ws.getCell('E2').value).toBe(list.data[0].idNumber);
      expect(String(ws.getCell('E2').value)).toMatch(/^\d{6}\*{8}[\dX]{4}$/);

      const everything: string[] = [];
      wb.eachSheet((s) => s.eachRow((r) => r.eachCell((cell) => everything.push(String(cell.value)))));
      expect(everything.join('\n')).not.toMatch(FULL_ID);
      expect(everything.join('\n')).not.toMatch(/(?<![\d*])1[3-9]\d{9}(?!\d)/);

      const audit = await t.db.execute<{ detail: { rows: number; filters: Record<string, unknown> } }>(
        sql`select detail from audit_log where action = 'residents.export' and actor_username = 'shegong1' order by at desc limit 1`,
      );
      expect(audit.rows[0].detail.rows).toBe(list.total);
      expect(audit.rows[0].detail.filters).toMatchObject({ communityId: rows[0].id, tags: ['elderly_living_alone', 'elderly_empty_nest'] });
    });

    it('exports the whole street for the street manager, and nothing outside the caller’s communities', async () => {
      const c = await t.as('jiedao');
      const list = (await c.get('/api/residents?pageSize=1')).json();
      const res = await c.get('/api/residents/export?page=3&pageSize=20');
      expect(res.statusCode, res.body).toBe(200);
      const ws = (await readXlsx(res.rawPayload)).getWorksheet('居民名单')!;
      expect(ws.actualRowCount - 1).toBe(list.total);
      const communities = new Set<string>();
      ws.eachRow((r, i) => i > 1 && communities.add(String(r.getCell(7).value)));
      expect([...communities].sort()).toEqual(['文华社区', '曙光社区', '桃源社区']);
    });

    it('masks a whole ID number typed into the search before it reaches the audit log', async () => {
      const c = await t.as('shegong1');
      const p = person();
      await importFile(c, await xlsx([p]), 'all');
      const res = await c.get(`/api/residents/export?q=${p.idNumber}`);
      expect(res.statusCode).toBe(200);
      expect((await readXlsx(res.rawPayload)).getWorksheet('居民名单')!.actualRowCount).toBe(2);
      const audit = await t.db.execute<{ detail: { filters: { q: string } } }>(sql`select detail from audit_log where action = 'residents.export' order by at desc limit 1`);
      expect(audit.rows[0].detail.filters.q).toMatch(/^\d{6}\*{8}/);
    });

    it('refuses an export larger than the limit with a clear message, and writes no audit row', async () => {
      const c = await t.as('shegong1');
      const me = (await c.get('/api/auth/me')).json().data;
      const actor = {
        userId: me.id, username: 'shegong1', displayName: me.displayName, role: 'worker' as const, permissions: permissionsOf('worker'),
        communityIds: me.communities.map((x: { id: string }) => x.id), restrictedCommunityIds: [], mustChangePassword: false, sessionId: null, ip: null, requestId: null,
      };
      const before = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'residents.export'`);
      const query = residentListQuery.parse({});
      await expect(exportResidents({ db: t.db, actor, query, max: 10 })).rejects.toMatchObject({
        code: 'residents.export_too_many_rows',
        status: 400,
        details: { max: 10, message: expect.stringContaining('一次最多导出 10 人') },
      });
      const after = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'residents.export'`);
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });

    it('answers 400 to a filter the list would refuse', async () => {
      const c = await t.as('shegong1');
      expect((await c.get('/api/residents/export?sex=unknown')).statusCode).toBe(400);
    });
  });
});
