import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../common/schemas/residents-import.schema';
import { idNumberFor } from '../../db/seed/builders';
import { multipart, useTestApp, type Client } from '../../testing/app';
import { xlsxBomb } from '../../testing/xlsx-bomb';
import { XLSX_TYPE } from './residents.excel';
import { finished } from './residents.import.testing';

let serial = 0;
/** A valid 18-digit number unique in this file (area 110109 is not used by the demo). */
const newId = (birthDate = '1960-05-04', sex: 'male' | 'female' = 'male') => idNumberFor({ area: '110109', birthDate, sex, serial: serial++ });
let names = 0;
const newName = () => `登记${String.fromCharCode(0x4e00 + names++)}${String.fromCharCode(0x4e80 + names)}`;

/** An office's own register: a title, then a header and rows as given. */
async function register(header: string[], rows: (string | number | null)[][], title = '曙光社区居民花名册') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  if (title) ws.addRow([title]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (c: Client, data: Buffer, mode: string, fields: Record<string, string> = {}) =>
  c.inject({ method: 'POST', url: '/api/residents/import', ...multipart({ mode, ...fields }, { name: '花名册.xlsx', data, type: XLSX_TYPE }) });

async function importFile(c: Client, data: Buffer, mode: string, fields: Record<string, string> = {}): Promise<ImportJob> {
  const res = await upload(c, data, mode, fields);
  expect(res.statusCode, res.body).toBe(202);
  return finished(c, res.json().data.id);
}

// Each import runs worker threads and two passes over its file: slower than a plain request on a busy machine.
describe('resident import jobs', { timeout: 120_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-import-'));
  const t = useTestApp({ dataDir: dir });
  const communityId = async (name: string) => (await t.db.execute<{ id: string }>(sql`select id from org_units where name = ${name}`)).rows[0].id;
  const resident = async (c: Client, name: string) => {
    const list = (await c.get(`/api/residents?q=${encodeURIComponent(name)}`)).json();
    expect(list.total, name).toBe(1);
    return (await c.get(`/api/residents/${list.data[0].id}`)).json().data;
  };
  const householdCount = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from households`)).rows[0].n;

  describe('a crafted file', () => {
    it('refuses a 4 MB file that inflates to 3.5 GB with a Chinese message, reading none of it', async () => {
      const c = await t.as('shegong1');
      const bomb = await xlsxBomb({ inflatedBytes: 3.5e9, checksum: false });
      expect(bomb.length).toBeLessThan(5e6);
      const job = await importFile(c, bomb, 'validate');
      expect(job).toMatchObject({ status: 'failed', rowsRead: 0, report: null, failure: { code: 'residents.import_too_large', message: expect.stringContaining('超过 512 MB') } });
    });

    it('answers 413 to an upload over 50 MB, and keeps nothing of it', async () => {
      const c = await t.as('shegong1');
      const files = () => (fs.existsSync(path.join(dir, 'imports')) ? fs.readdirSync(path.join(dir, 'imports')) : []);
      const before = files();
      const res = await upload(c, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(50 * 1024 * 1024)]), 'validate');
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'residents.import_too_large', details: [{ message: expect.stringContaining('50 MB') }] });
      expect(files()).toEqual(before);
    });

    it('keeps answering other requests while it reads a file that inflates far beyond its size, then refuses it', async () => {
      const c = await t.as('shegong1');
      const res = await upload(c, await xlsxBomb({ inflatedBytes: 300e6 }), 'validate');
      expect(res.statusCode, res.body).toBe(202);
      let answeredWhileRunning = 0;
      let job: ImportJob;
      for (;;) {
        const other = await c.get('/api/residents?pageSize=5');
        expect(other.statusCode).toBe(200);
        job = (await c.get(`/api/residents/import/jobs/${res.json().data.id}`)).json().data;
        if (job.status !== 'running') break;
        answeredWhileRunning++;
      }
      expect(answeredWhileRunning).toBeGreaterThan(0);
      expect(job).toMatchObject({ status: 'failed', failure: { code: 'residents.import_too_large', message: expect.stringContaining('压缩比异常') } });
    });
  });

  describe('an office register as it is', () => {
    it('ignores 序号, splits one address column, maps 人员类别 and office words, and puts a sheet without 社区 in the community chosen on the page', async () => {
      const c = await t.as('shegong1');
      const [a, b] = [newName(), newName()];
      const file = await register(
        ['序号', '姓名（必填）', '性 别', '身份证号码', '现居住地址', '人员类别', '学历', '户籍', '婚姻', '民族', '联系方式'],
        [
          [1, a, '男性', newId('1948-02-03'), '曙光花园3栋2单元302室', '低保户、独居', '硕士', '本市', '有配偶', '回', '13700001111'],
          [2, b, '女性', newId('1950-06-07', 'female'), '幸福路12号', '残疾/空巢', '职高', '外来', '离异', '汉', null],
        ],
      );
      const needsCommunity = await importFile(c, file, 'validate');
      expect(needsCommunity).toMatchObject({ status: 'failed', failure: { code: 'residents.import_community_required' } });

      const taoyuan = await communityId('桃源社区');
      const rerun = await c.post(`/api/residents/import/jobs/${needsCommunity.id}/rerun`, { mode: 'all', communityId: taoyuan });
      expect(rerun.statusCode, rerun.body).toBe(202);
      const job = await finished(c, rerun.json().data.id);
      expect(job.report).toMatchObject({ total: 2, valid: 2, created: 2, committed: true, warnings: [] });

      expect(await resident(c, a)).toMatchObject({
        communityId: taoyuan, sex: 'male', neighborhood: '曙光花园', building: '3', unit: '2', room: '302', education: 'postgraduate', hukouType: 'local',
        maritalStatus: 'married', ethnicity: '03', tags: [expect.objectContaining({ tag: 'assistance_recipient' }), expect.objectContaining({ tag: 'elderly_living_alone' })],
      });
      expect(await resident(c, b)).toMatchObject({ sex: 'female', addressDetail: '幸福路12号', education: 'senior', hukouType: 'migrant', maritalStatus: 'divorced' });
      expect((await resident(c, b)).tags.map((x: { tag: string }) => x.tag).sort()).toEqual(['disabled', 'elderly_empty_nest']);
    });
  });

  describe('other documents', () => {
    it('derives sex and birth date from a 港澳台居民居住证 number, as from a 身份证号, and checks it by its own rules', async () => {
      const c = await t.as('shegong1');
      const [ok, bad] = [newName(), newName()];
      const permit = idNumberFor({ area: '810000', birthDate: '1985-03-09', sex: 'female', serial: 7 });
      const file = await register(
        ['姓名', '证件类型', '证件号码', '社区'],
        [[ok, '港澳台居民居住证', permit, '曙光社区'], [bad, '港澳台居民居住证', idNumberFor({ area: '110105', birthDate: '1985-03-09', sex: 'female', serial: 8 }), '曙光社区']],
      );
      const job = await importFile(c, file, 'valid_only');
      expect(job.report).toMatchObject({ total: 2, created: 1 });
      expect(job.report!.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 4, field: 'idNumber', code: 'id_number.hmt_format' })]));
      expect(job.report!.errors.every((e) => e.row === 4)).toBe(true);
      expect(await resident(c, ok)).toMatchObject({ idType: 'hmt_residence_permit', sex: 'female', birthDate: '1985-03-09' });
    });
  });

  describe('the problem workbook', () => {
    it('gives back the uploaded sheet with each bad cell filled and noted, and a 错误说明 column; uploaded again, that column is ignored', async () => {
      const c = await t.as('shegong1');
      const good = newId();
      const file = await register(['姓名', '身份证号', '社区', '民族'], [[newName(), good, '曙光社区', '汉'], [newName(), '11010919600504123', '曙光社区', '火星']], '');
      const job = await importFile(c, file, 'validate');
      expect(job.report).toMatchObject({ total: 2, valid: 1, errorRows: 1 });

      const res = await c.get(`/api/residents/import/jobs/${job.id}/problems`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('花名册-问题标注.xlsx'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.getCell('E1').value).toBe('错误说明');
      expect(ws.getCell('B2').value).toBe(good);
      expect(ws.getCell('E2').value ?? null).toBeNull();
      for (const address of ['B3', 'D3']) {
        expect((ws.getCell(address).fill as ExcelJS.FillPattern).fgColor?.argb, address).toBe('FFFFC7CE');
        expect(String(ws.getCell(address).note ? JSON.stringify(ws.getCell(address).note) : ''), address).not.toBe('');
      }
      expect(JSON.stringify(ws.getCell('D3').note)).toContain('火星');
      expect(String(ws.getCell('E3').value)).toContain('身份证号：');
      expect(String(ws.getCell('E3').value)).toContain('民族：');

      const back = await importFile(c, res.rawPayload, 'validate');
      expect(back.report).toMatchObject({ total: 2, valid: 1, warnings: [] });
    });

    it('answers 404 for a job without problems, and for another user’s job', async () => {
      const c = await t.as('shegong1');
      const job = await importFile(c, await register(['姓名', '身份证号', '社区'], [[newName(), newId(), '曙光社区']], ''), 'validate');
      expect((await c.get(`/api/residents/import/jobs/${job.id}/problems`)).statusCode).toBe(404);
      const other = await t.as('shegong2');
      expect((await other.get(`/api/residents/import/jobs/${job.id}`)).statusCode).toBe(404);
      expect((await other.post(`/api/residents/import/jobs/${job.id}/cancel`)).statusCode).toBe(404);
      expect((await other.get('/api/residents/import/jobs/not-a-uuid')).statusCode).toBe(404);
    });
  });

  describe('households in one go', () => {
    it('builds a household from the rows sharing a 户编号, with its head, and reports the households that cannot be built', async () => {
      const c = await t.as('shegong1');
      const [head, spouse, child, orphan, twoA, twoB, moved, movedHead] = Array.from({ length: 8 }, newName);
      const before = await householdCount();
      const file = await register(
        ['姓名', '身份证号', '社区', '小区', '楼栋', '单元', '室', '户编号', '与户主关系'],
        [
          [head, newId('1950-01-01'), '曙光社区', '曙光花园', '5', '1', '101', 'H1', '户主'],
          [spouse, newId('1952-01-01', 'female'), '曙光社区', '曙光花园', '5', '1', '101', 'H1', '妻'],
          [child, newId('1980-01-01'), '曙光社区', '曙光花园', '5', '1', '101', 'H1', '长子'],
          [orphan, newId('1970-01-01'), '曙光社区', null, null, null, null, 'H2', '配偶'],
          [twoA, newId('1960-01-01'), '曙光社区', null, null, null, null, 'H3', '本人'],
          [twoB, newId('1961-01-01'), '曙光社区', null, null, null, null, 'H3', '户主'],
          [movedHead, newId('1945-01-01'), '曙光社区', '曙光花园', '6', '1', '201', 'H4', '户主'],
          [moved, newId('1946-01-01', 'female'), '桃源社区', null, null, null, null, 'H4', '配偶'],
        ],
        '',
      );
      const job = await importFile(c, file, 'valid_only');
      expect(job.report).toMatchObject({ total: 8, valid: 4, created: 4, householdsCreated: 2, householdsUpdated: 0, committed: true });
      expect(job.report!.errors).toEqual([
        expect.objectContaining({ row: 5, cell: 'I5', code: 'import.household_no_head' }),
        expect.objectContaining({ row: 6, code: 'import.household_two_heads', message: expect.stringContaining('第 6、7 行') }),
        expect.objectContaining({ row: 7, code: 'import.household_two_heads' }),
        expect.objectContaining({ row: 9, cell: 'C9', code: 'import.household_other_community' }),
      ]);
      expect(await householdCount()).toBe(before + 2);

      const h = (await resident(c, head)).householdId;
      const household = (await c.get(`/api/households/${h}`)).json().data;
      expect(household).toMatchObject({ neighborhood: '曙光花园', building: '5', unit: '1', room: '101', headName: head, memberCount: 3 });
      expect(household.members.map((m: { name: string; relationToHead: string; isHead: boolean }) => [m.name, m.relationToHead, m.isHead]).sort()).toEqual(
        [[child, 'child', false], [head, 'head', true], [spouse, 'spouse', false]].sort(),
      );
      const audit = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'households.create' and entity_id = ${h} and detail->>'via' = 'import'`);
      expect(audit.rows[0].n).toBe(1);

      // The same file again: the households are found through their members, not built twice.
      const again = await importFile(c, file, 'valid_only');
      expect(again.report).toMatchObject({ created: 0, updated: 0, skipped: 4, householdsCreated: 0, householdsUpdated: 2 });
      expect(await householdCount()).toBe(before + 2);
    });

    it('adds newly listed members to the household their head is in, and takes 户主证件号 as the key', async () => {
      const c = await t.as('shegong1');
      const [head, first, later] = [newName(), newName(), newName()];
      const headId = newId('1955-03-03');
      const rows = [[head, headId, '曙光社区', headId, '本人'], [first, newId('1957-03-03', 'female'), '曙光社区', headId, '配偶']];
      const header = ['姓名', '身份证号', '社区', '户主身份证号', '与户主关系'];
      expect((await importFile(c, await register(header, rows, ''), 'all')).report).toMatchObject({ created: 2, householdsCreated: 1 });
      const h = (await resident(c, head)).householdId;
      const count = await householdCount();

      const more = await importFile(c, await register(header, [...rows, [later, newId('1985-03-03'), '曙光社区', headId, '孙子']], ''), 'all');
      expect(more.report).toMatchObject({ created: 1, skipped: 2, householdsCreated: 0, householdsUpdated: 1 });
      expect(await householdCount()).toBe(count);
      expect(await resident(c, later)).toMatchObject({ householdId: h, relationToHead: 'grandchild' });
    });
  });

  describe('jobs', () => {
    it('runs one import per user at a time, can be cancelled while it writes with nothing kept, and is found again after a reload', async () => {
      const c = await t.as('shegong1');
      const count = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents`)).rows[0].n;
      const before = await count();
      const day = (i: number) => new Date(Date.UTC(1970, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const rows = Array.from({ length: 8000 }, (_, i) => [`批量${i}`, newId(day(i)), '曙光社区']);
      const res = await upload(c, await register(['姓名', '身份证号', '社区'], rows, ''), 'all');
      expect(res.statusCode, res.body).toBe(202);
      const id = res.json().data.id;

      const second = await upload(c, await register(['姓名', '身份证号', '社区'], [[newName(), newId(), '曙光社区']], ''), 'validate');
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('residents.import_running');

      let job: ImportJob;
      do job = (await c.get('/api/residents/import/jobs/current')).json().data;
      while (job.status === 'running' && !(job.phase === 'writing' && job.rowsWritten > 0));
      expect(job).toMatchObject({ id, status: 'running', phase: 'writing', rowsRead: 8000, rowsChecked: 8000, rowsToWrite: 8000 });
      const cancelled = await c.post(`/api/residents/import/jobs/${id}/cancel`);
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json().data).toMatchObject({ id, status: 'cancelled', phase: 'finished' });
      expect(await count()).toBe(before);
      expect((await c.get('/api/residents/import/jobs/current')).json().data).toMatchObject({ id, status: 'cancelled', fileKept: true });
    });

    it('answers 401 without a session, 403 to users who may not import, and 400 to a bad rerun', async () => {
      expect((await t.anon.get('/api/residents/import/jobs/current')).statusCode).toBe(401);
      expect((await t.anon.post(`/api/residents/import/jobs/${crypto.randomUUID()}/cancel`)).statusCode).toBe(401);
      for (const username of ['admin', 'jiedao']) {
        const c = await t.as(username);
        expect((await c.get('/api/residents/import/jobs/current')).statusCode, username).toBe(403);
        expect((await c.get(`/api/residents/import/jobs/${crypto.randomUUID()}/problems`)).statusCode, username).toBe(403);
      }
      const c = await t.as('shegong1');
      const job = (await c.get('/api/residents/import/jobs/current')).json().data as ImportJob;
      expect((await c.post(`/api/residents/import/jobs/${job.id}/rerun`, { mode: 'everything' })).statusCode).toBe(400);
      expect((await c.post(`/api/residents/import/jobs/${crypto.randomUUID()}/rerun`, { mode: 'all' })).statusCode).toBe(404);
    });
  });
});
