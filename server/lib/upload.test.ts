import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../common/codes/case.codes';
import { chinaToday } from '../../common/dates';
import { addDays } from '../modules/cases/cases.rules';
import { multipart, useTestApp, type Client } from '../testing/app';
import { IMPORT_LIMITS } from '../modules/residents/residents.excel';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fixture = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'file-type.fixtures', name));
const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(bytes - 9, 0x20)]);

/** The multipart forms of the API, as a user uploads them: a case record's attachment and the resident import. */
describe('uploads', () => {
  const t = useTestApp();
  let w: Client;
  let url: string;
  let caseId: string;

  beforeAll(async () => {
    w = await t.as('shegong1');
    const { rows } = await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id
      where o.name = '曙光社区' and r.archived_at is null and r.birth_date < '2000-01-01' order by r.id limit 1`);
    const c = await w.post('/api/cases', {
      residentId: rows[0].id, source: 'self_referral', presentingProblem: '独居', serviceArea: 'community_care', riskLevel: 'medium', consentBasis: 'consent', intakeDate: addDays(chinaToday(), -2),
    });
    caseId = c.json().data.id;
    const rec = await w.post(`/api/cases/${caseId}/records`, { serviceDate: chinaToday(), mode: 'home_visit', durationMinutes: 30, serviceArea: 'community_care', content: '家访' });
    url = `/api/cases/${caseId}/records/${rec.json().data.id}/attachments`;
  });

  const stored = async () => {
    const { rows } = await t.db.execute<{ n: number; events: number }>(sql`select (select count(*)::int from case_attachments where case_id = ${caseId}) as n,
      (select count(*)::int from case_events where case_id = ${caseId} and action = 'cases.attachment_add') as events`);
    return rows[0];
  };
  const residents = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents`)).rows[0].n;

  it('answers a file over the size limit with 413 and the Chinese message, storing nothing of it', async () => {
    const atLimit = await w.inject({ method: 'POST', url, ...multipart({}, { name: '扫描件.pdf', data: pdf(ATTACHMENT_MAX_BYTES), type: 'application/pdf' }) });
    expect(atLimit.statusCode).toBe(201);
    const before = await stored();
    const over = await w.inject({ method: 'POST', url, ...multipart({}, { name: '扫描件.pdf', data: pdf(ATTACHMENT_MAX_BYTES + 1), type: 'application/pdf' }) });
    expect(over.statusCode).toBe(413);
    expect(over.json().error).toEqual({ code: 'cases.attachment_too_large', message: '附件不能超过 10 MB。', details: [{ field: 'file', code: 'too_long', message: '附件不能超过 10 MB。' }] });
    expect(await stored()).toEqual(before);

    const n = await residents();
    const big = await w.inject({ method: 'POST', url: '/api/residents/import', ...multipart({ mode: 'all' }, { name: '名单.xlsx', data: Buffer.alloc(IMPORT_LIMITS.uploadBytes + 1), type: XLSX }) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('residents.import_too_large');
    expect(await residents()).toBe(n);
  });

  it('answers more files than the form takes, or a part it does not take, with 400 naming the field, storing nothing', async () => {
    const before = await stored();
    const two = [
      { name: 'a.pdf', data: pdf(100), type: 'application/pdf' },
      { name: 'b.pdf', data: pdf(100), type: 'application/pdf' },
    ];
    const res = await w.inject({ method: 'POST', url, ...multipart({}, two) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation.failed', details: [{ field: 'file', code: 'too_many_files', message: '此处只能上传一个文件' }] });
    const other = await w.inject({ method: 'POST', url, ...multipart({}, [two[0], { ...two[1], field: 'photo' }]) });
    expect(other.json().error.details).toEqual([expect.objectContaining({ field: 'photo', code: 'unknown_field' })]);
    const field = await w.inject({ method: 'POST', url, ...multipart({ note: 'x' }, two[0]) });
    expect(field.json().error.details).toEqual([expect.objectContaining({ field: 'note', code: 'unknown_field' })]);
    expect(await stored()).toEqual(before);

    const n = await residents();
    const imports = [
      multipart({ mode: 'all' }, [{ name: 'a.xlsx', data: Buffer.alloc(10), type: XLSX }, { name: 'b.xlsx', data: Buffer.alloc(10), type: XLSX }]),
      multipart({ mode: 'all', community: 'x' }, { name: 'a.xlsx', data: Buffer.alloc(10), type: XLSX }),
    ];
    const answers = await Promise.all(imports.map((m) => w.inject({ method: 'POST', url: '/api/residents/import', ...m })));
    expect(answers.map((a) => [a.statusCode, a.json().error.details[0].code])).toEqual([[400, 'too_many_files'], [400, 'unknown_field']]);
    expect(await residents()).toBe(n);
  });

  it('answers a NUL or control character in a form field or a file name with 400 naming it', async () => {
    const bad = [
      [url, multipart({}, { name: 'a\u0000.pdf', data: pdf(100), type: 'application/pdf' }), 'fileName'],
      ['/api/residents/import', multipart({ mode: 'val\u0000idate' }, { name: 'a.xlsx', data: Buffer.alloc(10), type: XLSX }), 'mode'],
      ['/api/residents/import', multipart({}, { name: '名单\u001b.xlsx', data: Buffer.alloc(10), type: XLSX }), 'fileName'],
    ] as const;
    for (const [to, m, field] of bad) {
      const res = await w.inject({ method: 'POST', url: to, ...m });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details, field).toEqual([expect.objectContaining({ field, code: 'invalid_char' })]);
    }
  });

  it('answers a request without a file with 400 naming the file field', async () => {
    const none = await w.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: {} });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toEqual([expect.objectContaining({ field: 'file', code: 'required' })]);
  });

  it('takes the office formats workers scan and write, storing and sending back the type read from the content', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('签到表').addRow(['张三', '已到']);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)]);
    const files: [string, Buffer, string][] = [
      ['知情同意书.pdf', pdf(200), 'application/pdf'],
      ['现场照片.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'image/jpeg'],
      ['签到表.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
      ['IMG_0001.HEIC', heic, 'image/heic'],
      ['家访记录.doc', fixture('note.doc'), 'application/msword'],
      ['家访记录.docx', fixture('note.docx'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['名单.xls', fixture('register.xls'), 'application/vnd.ms-excel'],
      ['签到表.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), XLSX],
    ];
    for (const [name, data, type] of files) {
      // Declared as a generic binary: the server reads the type itself.
      const res = await w.inject({ method: 'POST', url, ...multipart({}, { name, data, type: 'application/octet-stream' }) });
      expect(res.statusCode, name).toBe(201);
      expect(res.json().data, name).toMatchObject({ fileName: name, mimeType: type, size: data.length });
      const back = await w.get(`/api/cases/${caseId}/attachments/${res.json().data.id}`);
      expect(back.headers['content-type'], name).toBe(type);
      expect(back.rawPayload.equals(data), name).toBe(true);
    }
  });

  it('refuses a program named .pdf and a document with macros with 415 and a clear code', async () => {
    const before = await stored();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200)]);
    const res = await w.inject({ method: 'POST', url, ...multipart({}, { name: '报告.pdf', data: exe, type: 'application/pdf' }) });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toMatchObject({ code: 'cases.attachment_type', message: expect.stringContaining('HEIC'), details: [{ field: 'file' }] });
    const doc = Buffer.from(fixture('note.doc'));
    const at = doc.indexOf(Buffer.from('1Table\0', 'utf16le'));
    doc.write('Macros\0', at, 'utf16le');
    const macros = await w.inject({ method: 'POST', url, ...multipart({}, { name: '表格.doc', data: doc, type: 'application/msword' }) });
    expect(macros.statusCode).toBe(415);
    expect(macros.json().error.code).toBe('cases.attachment_macros');
    expect(await stored()).toEqual(before);
  });

  it('stores a safe file name with the extension of its content and downloads it as an attachment that the browser may not sniff', async () => {
    const res = await w.inject({ method: 'POST', url, ...multipart({}, { name: '..\\..\\报告:终稿?.exe', data: pdf(100), type: 'application/octet-stream' }) });
    expect(res.json().data.fileName).toBe('报告_终稿_.exe.pdf');
    const back = await w.get(`/api/cases/${caseId}/attachments/${res.json().data.id}`);
    expect(back.headers['content-disposition']).toBe(`attachment; filename="______.exe.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A_%E7%BB%88%E7%A8%BF_.exe.pdf`);
    expect(back.headers['x-content-type-options']).toBe('nosniff');
  });
});
