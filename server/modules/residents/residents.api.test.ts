import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../common/validators/id-number.validator';
import { idNumberFor } from '../../db/seed/builders';
import { useTestApp, type Client } from '../../testing/app';

const FULL_ID = /\d{17}[\dXx]/;
const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
/** UUIDs can hold an 11-digit run (…-a13812345678): leave them out before looking for numbers. */
const noIds = (s: string) => s.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '');
const MISSING = '00000000-0000-4000-8000-000000000000';

let serial = 0;
/** A valid 18-digit number, unique in this file (area 110105 is not used by the demo). */
const newIdNumber = (birthDate: string, sex: 'male' | 'female') => idNumberFor({ area: '110105', birthDate, sex, serial: serial++ });
let phoneSerial = 0;
const newPhone = () => `1390000${String(1000 + phoneSerial++).padStart(4, '0')}`;

describe('residents API', () => {
  const t = useTestApp();
  let community: Record<string, string>;
  /** A demo resident of 曙光社区, with a phone number. */
  let shuguang: { id: string; name: string };

  beforeAll(async () => {
    const { rows } = await t.db.execute<{ id: string; name: string }>(sql`select id, name from org_units`);
    community = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    const r = await t.db.execute<{ id: string; name: string }>(sql`
      select id, name from residents where community_id = ${community['曙光社区']} and phone_enc is not null and id_number_enc is not null
      and archived_at is null order by id limit 1`);
    shuguang = r.rows[0];
  });

  const create = async (c: Client, input: Record<string, unknown>) => {
    const res = await c.post('/api/residents', input);
    if (res.statusCode !== 201) throw new Error(`create → ${res.statusCode} ${res.body}`);
    return res.json() as { data: Record<string, unknown> & { id: string; version: number }; warnings: { code: string; candidates: { id: string }[] }[] };
  };
  const minimal = (overrides: Record<string, unknown> = {}) => {
    const birthDate = (overrides.birthDate as string) ?? '1962-05-17';
    const sex = (overrides.sex as 'male' | 'female') ?? 'female';
    return { name: '测试居民', sex, idNumber: newIdNumber(birthDate, sex), communityId: community['曙光社区'], ...overrides, birthDate: undefined };
  };
  const list = async (c: Client, query: string) => {
    const res = await c.get(`/api/residents?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { data: { id: string; name: string; age: number | null; birthDate: string | null; tags: { tag: string }[] }[]; total: number };
  };
  const audit = async (action: string, entityId: string) =>
    (
      await t.db.execute<{ actor_username: string; changes: Record<string, [unknown, unknown]> | null; detail: Record<string, unknown> | null }>(
        sql`select actor_username, changes, detail from audit_log where action = ${action} and entity_id = ${entityId} order by at, id`,
      )
    ).rows;

  describe('access to each route', () => {
    const routes = (id: string) => [
      { method: 'GET', url: '/api/residents' },
      { method: 'POST', url: '/api/residents', body: minimal() },
      { method: 'POST', url: '/api/residents/check-duplicates', body: { name: '张三' } },
      { method: 'GET', url: `/api/residents/${id}` },
      { method: 'PATCH', url: `/api/residents/${id}`, body: { note: '走访' } },
      { method: 'POST', url: `/api/residents/${id}/reveal`, body: { field: 'phone' } },
      { method: 'POST', url: `/api/residents/${id}/archive`, body: { reason: 'other' } },
      { method: 'GET', url: `/api/residents/${id}/history` },
    ];
    const call = (c: Client, r: { method: string; url: string; body?: object }) =>
      c.inject({ method: r.method as 'GET', url: r.url, ...(r.body ? { payload: r.body } : {}) });

    it('answers 401 on every route without a session', async () => {
      for (const r of routes(shuguang.id)) {
        const res = await call(t.anon, r);
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
        expect(res.json().error.code).toBe('auth.required');
      }
    });

    it('answers 403 on every route to the administrator and the volunteer, who hold no resident permission', async () => {
      for (const username of ['admin', 'zhiyuan']) {
        const c = await t.as(username);
        for (const r of routes(shuguang.id)) {
          const res = await call(c, r);
          expect(res.statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
          expect(res.json().error.code).toBe('auth.forbidden');
          expect(res.body).not.toContain(shuguang.name);
        }
      }
    });

    it('lets the street manager and the agency head read but not write, reveal or archive', async () => {
      for (const username of ['jiedao', 'jigou']) {
        const c = await t.as(username);
        const answers = await Promise.all(routes(shuguang.id).map((r) => call(c, r)));
        expect(answers.map((a) => a.statusCode), username).toEqual([200, 403, 403, 200, 403, 403, 403, 200]);
      }
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'auth.denied' and actor_username = 'jiedao'`);
      expect(rows[0].n).toBe(5);
    });

    it('answers 404 without the name when a worker opens a resident outside their communities', async () => {
      const c = await t.as('shegong2');
      const before = (await t.db.execute<{ v: number }>(sql`select version as v from residents where id = ${shuguang.id}`)).rows[0].v;
      for (const r of routes(shuguang.id).slice(3)) {
        const res = await call(c, r);
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
        expect(res.json().error.code).toBe('not_found');
        expect(res.body).not.toContain(shuguang.name);
      }
      const after = (await t.db.execute<{ v: number; a: string | null }>(sql`select version as v, archived_at as a from residents where id = ${shuguang.id}`)).rows[0];
      expect(after).toEqual({ v: before, a: null });
      expect(await audit('residents.reveal', shuguang.id)).toEqual([]);
    });

    it('answers 404 for an id that does not exist, exactly like one out of scope', async () => {
      const c = await t.as('shegong2');
      const missing = await c.get(`/api/residents/${MISSING}`);
      const outside = await c.get(`/api/residents/${shuguang.id}`);
      expect(missing.statusCode).toBe(404);
      expect(outside.json()).toEqual(missing.json());
    });

    it('does not list residents outside the caller’s communities, even when asked for that community', async () => {
      const c = await t.as('shegong2');
      const res = await list(c, `communityId=${community['曙光社区']}`);
      expect(res.total).toBe(0);
      const all = await list(c, 'pageSize=100');
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents r join org_units o on o.id = r.community_id
        where o.name in ('青山社区', '竹林村') and r.archived_at is null`);
      expect(all.total).toBe(rows[0].n);
    });

    it('answers 200 on every route to the social worker of the community', async () => {
      const c = await t.as('shegong1');
      const created = await create(c, minimal({ name: '路由测试', phone: newPhone() }));
      const answers = [];
      for (const r of routes(created.data.id)) answers.push((await call(c, r.url === '/api/residents' && r.method === 'POST' ? { ...r, body: minimal() } : r)).statusCode);
      expect(answers).toEqual([200, 201, 200, 200, 200, 200, 200, 200]);
    });
  });

  describe('validation', () => {
    it('answers 400 naming the field on every route', async () => {
      const c = await t.as('shegong1');
      const id = shuguang.id;
      const res = [
        await c.get('/api/residents?sort=age'),
        await c.post('/api/residents', { ...minimal(), sex: 'unknown' }),
        await c.post('/api/residents/check-duplicates', { birthDate: '1990-02-30' }),
        await c.get('/api/residents/12345'),
        await c.patch(`/api/residents/${id}`, { version: 'old' }),
        await c.post(`/api/residents/${id}/reveal`, {}),
        await c.post(`/api/residents/${id}/archive`, { reason: 'moved_out', note: 'x'.repeat(201) }),
        await c.get('/api/residents/not-an-id/history'),
      ];
      expect(res.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400, 400, 400, 400]);
      expect(res.map((r) => r.json().error.code)).toEqual(Array(8).fill('validation.failed'));
      expect(res.map((r) => r.json().error.details[0].field)).toEqual(['sort', 'sex', 'birthDate', 'id', 'version', 'field', 'note', 'id']);
      expect(res[4].json().error.details[0].code).toBe('invalid');
      expect(res[5].json().error.details[0].code).toBe('required');
    });

    it('names idNumber with id_number.checksum for a wrong check digit', async () => {
      const c = await t.as('shegong1');
      const good = newIdNumber('1970-01-01', 'male');
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const res = await c.post('/api/residents', { name: '校验', sex: 'male', idNumber: bad, communityId: community['曙光社区'] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation.failed', details: [{ field: 'idNumber', code: 'id_number.checksum' }] });
    });

    it('names sex when it does not match the ID number', async () => {
      const c = await t.as('shegong1');
      const res = await c.post('/api/residents', { name: '性别', sex: 'female', idNumber: newIdNumber('1970-01-01', 'male'), communityId: community['曙光社区'] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'sex', code: 'id_number.sex_mismatch' })]);
    });

    it('names an unknown field with unknown_field and stores nothing', async () => {
      const c = await t.as('shegong1');
      const n = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents`)).rows[0].n;
      const before = await n();
      const res = await c.post('/api/residents', { ...minimal(), createdBy: MISSING });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'createdBy', code: 'unknown_field' })]);
      const patch = await c.patch(`/api/residents/${shuguang.id}`, { communityId: community['曙光社区'], archivedAt: null });
      expect(patch.statusCode).toBe(400);
      expect(patch.json().error.details).toEqual([expect.objectContaining({ field: 'archivedAt', code: 'unknown_field' })]);
      expect(await n()).toBe(before);
    });

    it('refuses a page size of 1000', async () => {
      const c = await t.as('shegong1');
      const res = await c.get('/api/residents?pageSize=1000');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'pageSize' })]);
    });

    it('names the missing required fields', async () => {
      const c = await t.as('shegong1');
      const res = await c.post('/api/residents', { communityId: community['曙光社区'] });
      expect(res.statusCode).toBe(400);
      const details = res.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code]).sort();
      expect(details).toEqual([['name', 'required'], ['sex', 'required']]);
    });

    it('names idNumber when a PATCH sets a wrong check digit, and keeps the record', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, minimal());
      const good = newIdNumber('1962-05-17', 'female');
      const res = await c.patch(`/api/residents/${r.data.id}`, { idNumber: good.slice(0, 17) + (good[17] === '0' ? '1' : '0') });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'idNumber', code: 'id_number.checksum' })]);
      expect((await c.get(`/api/residents/${r.data.id}`)).json().data.version).toBe(1);
    });

    it('refuses a resident in a community outside the caller’s scope, naming communityId', async () => {
      const c = await t.as('shegong1');
      const res = await c.post('/api/residents', minimal({ communityId: community['青山社区'] }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'communityId' })]);
      const moved = await c.patch(`/api/residents/${shuguang.id}`, { communityId: community['青山社区'] });
      expect(moved.statusCode).toBe(400);
      expect(moved.json().error.details).toEqual([expect.objectContaining({ field: 'communityId' })]);
    });
  });

  describe('ID types', () => {
    const base = () => ({ name: '证件', communityId: community['曙光社区'] });
    const withCheck = (first17: string) => first17 + idCheckChar(first17);

    it('checks a 港澳台居民居住证 number by its own rules and takes the birth date from it', async () => {
      const c = await t.as('shegong1');
      const permit = withCheck(`82000019880214${String(100 + serial++).slice(-2)}2`);
      const r = await create(c, { ...base(), sex: 'female', idType: 'hmt_residence_permit', idNumber: permit });
      expect(r.data).toMatchObject({ idType: 'hmt_residence_permit', birthDate: '1988-02-14', sex: 'female' });
      // Found again by the whole number in the search box.
      expect((await list(c, `q=${permit}`)).data.map((x) => x.id)).toEqual([r.data.id]);
      const wrongSex = await c.post('/api/residents', { ...base(), sex: 'male', idType: 'hmt_residence_permit', idNumber: withCheck('81000019900101002') });
      expect(wrongSex.json().error.details).toEqual([expect.objectContaining({ field: 'sex', code: 'id_number.sex_mismatch' })]);
      const notPermit = await c.post('/api/residents', { ...base(), sex: 'male', idType: 'hmt_residence_permit', idNumber: newIdNumber('1990-01-01', 'male') });
      expect(notPermit.json().error.details).toEqual([expect.objectContaining({ field: 'idNumber', code: 'id_number.hmt_format', message: expect.stringContaining('810000') })]);
    });

    it('checks a 2023 外国人永久居留身份证 number by its own rules, and takes a 2017 one as typed', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, { ...base(), sex: 'male', idType: 'foreign_permanent', idNumber: withCheck(`93141019750503${String(100 + serial++).slice(-2)}1`) });
      expect(r.data).toMatchObject({ idType: 'foreign_permanent', birthDate: '1975-05-03', sex: 'male' });
      const old = await create(c, { ...base(), sex: 'female', birthDate: '1980-07-01', idType: 'foreign_permanent', idNumber: 'USA330080070100' });
      expect(old.data).toMatchObject({ birthDate: '1980-07-01', sex: 'female' });
      const bad = await c.post('/api/residents', { ...base(), sex: 'male', idType: 'foreign_permanent', idNumber: withCheck('93199919750503001') });
      expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'idNumber', code: 'id_number.nationality', message: '号码中的国籍代码不存在，请核对' })]);
    });

    it('answers 400 in Chinese for a 身份证号 whose province does not exist, or that is a 居住证 number', async () => {
      const c = await t.as('shegong1');
      const noProvince = await c.post('/api/residents', { ...base(), sex: 'male', idNumber: withCheck('20010519700101001') });
      expect(noProvince.statusCode).toBe(400);
      expect(noProvince.json().error.details).toEqual([expect.objectContaining({ field: 'idNumber', code: 'id_number.province', message: expect.stringContaining('省级行政区划代码') })]);
      const permit = await c.patch(`/api/residents/${shuguang.id}`, { idNumber: '810000199408230021' });
      expect(permit.json().error.details).toEqual([expect.objectContaining({ field: 'idNumber', code: 'id_number.is_hmt_permit' })]);
    });
  });

  describe('create', () => {
    it('creates from name, sex, ID number and community, deriving birth date and masking the number', async () => {
      const c = await t.as('shegong1');
      const idNumber = idNumberFor({ area: '110105', birthDate: '1949-12-31', sex: 'female', serial: 401 });
      const res = await c.post('/api/residents', { name: '李秀英', sex: 'female', idNumber, communityId: community['桃源社区'] });
      expect(res.statusCode).toBe(201);
      const { data, abilities, warnings } = res.json();
      expect(data).toMatchObject({ name: '李秀英', sex: 'female', birthDate: '1949-12-31', communityId: community['桃源社区'], communityName: '桃源社区', version: 1, archivedAt: null });
      expect(data.idNumber).toBe(`110105********${idNumber.slice(-4)}`);
      expect(data.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(data.age).toBeGreaterThanOrEqual(75);
      expect(abilities).toEqual({ update: true, reveal: true, archive: true, restore: false, viewRestricted: true });
      expect(warnings).toEqual([]);
      const rows = await audit('residents.create', data.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].changes!.idNumber[1]).toBe(data.idNumber);
      expect(noIds(JSON.stringify(rows))).not.toMatch(FULL_ID);
    });

    it('records who recorded the legal basis, by name', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, minimal({ name: '同意记录', consentBasis: 'consent', consentScope: '建档', consentDate: '2026-01-05' }));
      expect(r.data).toMatchObject({ consentBasis: 'consent', consentRecordedByName: '社工 王芳', consentRecordedAt: expect.any(String) });
    });

    it('stores a 15-digit ID number as 18 digits', async () => {
      const c = await t.as('shegong1');
      const old = '110105500312123';
      const full = `11010519500312123${idCheckChar('11010519500312123')}`;
      const res = await c.post('/api/residents', { name: '老号码', sex: 'male', idNumber: old, communityId: community['曙光社区'] });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toMatchObject({ birthDate: '1950-03-12', sex: 'male', idNumber: `110105********${full.slice(-4)}` });
      const reveal = await c.post(`/api/residents/${res.json().data.id}/reveal`, { field: 'idNumber' });
      expect(reveal.json().data).toEqual({ field: 'idNumber', value: full });
      // Both forms find the same person, and the 18-digit form counts as the same number.
      expect((await list(c, `q=${old}`)).data.map((r) => r.id)).toEqual([res.json().data.id]);
      const again = await c.post('/api/residents', { name: '老号码', sex: 'male', idNumber: full, communityId: community['曙光社区'] });
      expect(again.statusCode).toBe(409);
    });

    it('refuses the same ID number twice with 409 residents.duplicate_id_number', async () => {
      const c = await t.as('shegong1');
      const first = await create(c, minimal({ name: '重复号' }));
      const revealed = (await c.post(`/api/residents/${first.data.id}/reveal`, { field: 'idNumber' })).json().data.value;
      const res = await c.post('/api/residents', { name: '另一个人', sex: 'female', idNumber: revealed.toLowerCase(), communityId: community['桃源社区'] });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('residents.duplicate_id_number');
      expect(res.json().error.details[0]).toMatchObject({ field: 'idNumber', residentId: first.data.id });
    });

    it('refuses an ID number registered in another community without saying who holds it', async () => {
      const c = await t.as('shegong2');
      const owner = await create(await t.as('shegong1'), minimal({ name: '隐私人' }));
      const value = (await (await t.as('shegong1')).post(`/api/residents/${owner.data.id}/reveal`, { field: 'idNumber' })).json().data.value;
      const res = await c.post('/api/residents', { name: '冒名', sex: 'female', idNumber: value, communityId: community['青山社区'] });
      expect(res.statusCode).toBe(409);
      expect(res.body).not.toContain('隐私人');
      expect(res.body).not.toContain(owner.data.id);
    });

    it('warns residents.possible_duplicate for the same name and birth date with another ID number', async () => {
      const c = await t.as('shegong1');
      const first = await create(c, { name: '王同名', sex: 'male', idNumber: newIdNumber('1980-08-08', 'male'), communityId: community['曙光社区'] });
      const res = await c.post('/api/residents', { name: '王同名', sex: 'male', idNumber: newIdNumber('1980-08-08', 'male'), communityId: community['桃源社区'] });
      expect(res.statusCode).toBe(201);
      expect(res.json().warnings).toEqual([
        expect.objectContaining({ code: 'residents.possible_duplicate', candidates: [expect.objectContaining({ id: first.data.id, name: '王同名', birthDate: '1980-08-08' })] }),
      ]);
      const check = await c.post('/api/residents/check-duplicates', { name: '王同名', birthDate: '1980-08-08' });
      expect(check.statusCode).toBe(200);
      expect(check.json().data.sameNameBirth.map((x: { id: string }) => x.id).sort()).toEqual([first.data.id, res.json().data.id].sort());
    });

    it('reports a taken ID number through check-duplicates before saving', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, minimal({ name: '预检' }));
      const value = (await c.post(`/api/residents/${r.data.id}/reveal`, { field: 'idNumber' })).json().data.value;
      const res = await c.post('/api/residents/check-duplicates', { idNumber: value });
      expect(res.json().data.idNumberTaken).toEqual({ residentId: r.data.id, name: '预检' });
      const free = await c.post('/api/residents/check-duplicates', { idNumber: newIdNumber('1990-01-01', 'male') });
      expect(free.json().data).toEqual({ idNumberTaken: null, sameNameBirth: [] });
      expect(noIds(free.body)).not.toMatch(FULL_ID);
    });
  });

  describe('search and filters', () => {
    let zsf: { id: string; idNumber: string; phone: string };
    let shan: string;
    let zeng: string;

    beforeAll(async () => {
      const c = await t.as('shegong1');
      const idNumber = newIdNumber('1958-04-09', 'male');
      const phone = '13912345678';
      zsf = { id: (await create(c, { name: '张三丰', sex: 'male', idNumber, phone, communityId: community['曙光社区'] })).data.id, idNumber, phone };
      shan = (await create(c, { name: '单雄信', sex: 'male', idNumber: newIdNumber('1971-02-03', 'male'), communityId: community['桃源社区'] })).data.id;
      zeng = (await create(c, { name: '曾国藩', sex: 'male', idNumber: newIdNumber('1961-11-26', 'male'), communityId: community['曙光社区'] })).data.id;
    });

    const finds = async (q: string, id: string) => {
      const res = await list(await t.as('shegong1'), `q=${encodeURIComponent(q)}&pageSize=100`);
      return res.data.some((r) => r.id === id);
    };

    it('finds 张三丰 by initials zsf and by full pinyin zhangsanfeng', async () => {
      expect(await finds('zsf', zsf.id)).toBe(true);
      expect(await finds('ZSF', zsf.id)).toBe(true);
      expect(await finds('zhangsanfeng', zsf.id)).toBe(true);
      expect(await finds('zhangsan', zsf.id)).toBe(true);
      expect(await finds('lsf', zsf.id)).toBe(false);
    });

    it('finds by a two-character part of the name', async () => {
      expect(await finds('三丰', zsf.id)).toBe(true);
      expect(await finds('张三', zsf.id)).toBe(true);
      expect(await finds('丰张', zsf.id)).toBe(false);
    });

    it('reads 单 and 曾 as surnames: 单雄信 by sxx, 曾国藩 by zgf', async () => {
      expect(await finds('sxx', shan)).toBe(true);
      expect(await finds('shanxiongxin', shan)).toBe(true);
      expect(await finds('dxx', shan)).toBe(false);
      expect(await finds('zgf', zeng)).toBe(true);
      expect(await finds('zengguofan', zeng)).toBe(true);
      expect(await finds('cgf', zeng)).toBe(false);
    });

    it('finds by the last 4 and the last 6 characters of the ID number, and by the whole number', async () => {
      expect(await finds(zsf.idNumber.slice(-4), zsf.id)).toBe(true);
      expect(await finds(zsf.idNumber.slice(-6), zsf.id)).toBe(true);
      const whole = await list(await t.as('shegong1'), `q=${zsf.idNumber}`);
      expect(whole.data.map((r) => r.id)).toEqual([zsf.id]);
      expect(await finds(zsf.idNumber.slice(-6, -2), zsf.id)).toBe(false);
    });

    it('finds by the whole phone number and by its last 4 digits', async () => {
      const whole = await list(await t.as('shegong1'), `q=${zsf.phone}`);
      expect(whole.data.map((r) => r.id)).toEqual([zsf.id]);
      expect(await finds('+8613912345678', zsf.id)).toBe(true);
      expect(await finds(zsf.phone.slice(-4), zsf.id)).toBe(true);
    });

    it('finds nobody outside the caller’s communities, whatever is typed', async () => {
      const c = await t.as('shegong2');
      for (const q of ['zsf', '三丰', zsf.idNumber, zsf.phone, zsf.idNumber.slice(-6)]) {
        const res = await list(c, `q=${encodeURIComponent(q)}`);
        expect(res.data.some((r) => r.id === zsf.id), q).toBe(false);
      }
    });

    it('filters by tag: only residents with a tag in force', async () => {
      const c = await t.as('shegong1');
      const tagged = await create(c, minimal({ name: '残疾标签', tags: [{ tag: 'disabled', startDate: '2020-01-01' }] }));
      const ended = await create(c, minimal({ name: '过期标签', tags: [{ tag: 'disabled', startDate: '2015-01-01', endDate: '2016-01-01' }] }));
      const res = await list(c, 'tags=disabled&pageSize=100');
      expect(res.data.some((r) => r.id === tagged.data.id)).toBe(true);
      expect(res.data.some((r) => r.id === ended.data.id)).toBe(false);
      for (const r of res.data) expect(r.tags.map((x) => x.tag), r.name).toContain('disabled');
      const { rows } = await t.db.execute<{ n: number }>(sql`
        select count(distinct r.id)::int as n from residents r join resident_tags x on x.resident_id = r.id
        where r.community_id in (${community['曙光社区']}, ${community['桃源社区']}) and r.archived_at is null and x.tag = 'disabled'
          and (x.start_date is null or x.start_date <= current_date) and (x.end_date is null or x.end_date >= current_date)`);
      expect(res.total).toBe(rows[0].n);
      const either = await list(c, 'tags=disabled,elderly_advanced_age&pageSize=1');
      expect(either.total).toBeGreaterThan(res.total);
    });

    it('filters by age range', async () => {
      const c = await t.as('shegong1');
      const res = await list(c, 'ageMin=60&ageMax=69&pageSize=100');
      expect(res.total).toBeGreaterThan(0);
      for (const r of res.data) expect(r.age!, r.name).toBeGreaterThanOrEqual(60);
      for (const r of res.data) expect(r.age!, r.name).toBeLessThanOrEqual(69);
      const { rows } = await t.db.execute<{ n: number }>(sql`
        select count(*)::int as n from residents where community_id in (${community['曙光社区']}, ${community['桃源社区']}) and archived_at is null
          and extract(year from age(current_date, birth_date)) between 60 and 69`);
      expect(res.total).toBe(rows[0].n);
    });

    it('sorts and pages: page 2 differs from page 1 and both report the same total', async () => {
      const c = await t.as('shegong1');
      const p1 = await list(c, 'sort=birthDate&order=asc&pageSize=10&page=1');
      const p2 = await list(c, 'sort=birthDate&order=asc&pageSize=10&page=2');
      expect(p1.total).toBe(p2.total);
      expect(p1.data).toHaveLength(10);
      expect(p2.data).toHaveLength(10);
      expect(p1.data.filter((r) => p2.data.some((x) => x.id === r.id))).toEqual([]);
      const dates = [...p1.data, ...p2.data].map((r) => r.birthDate!);
      expect(dates).toEqual([...dates].sort());
      const desc = await list(c, 'sort=birthDate&order=desc&pageSize=10');
      expect(desc.data[0].birthDate! >= dates[dates.length - 1]).toBe(true);
      const byName = await list(c, 'sort=name&pageSize=100');
      const { rows } = await t.db.execute<{ id: string }>(sql`
        select id from residents where community_id in (${community['曙光社区']}, ${community['桃源社区']}) and archived_at is null
        order by name_pinyin, id limit 100`);
      expect(byName.data.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    });

    it('never puts a full 18-digit ID number or an 11-digit phone number in a list', async () => {
      const c = await t.as('shegong1');
      for (const q of ['pageSize=100', 'pageSize=100&page=2', `q=${zsf.phone}`, `q=${zsf.idNumber}`, 'tags=disabled&pageSize=100']) {
        const res = await c.get(`/api/residents?${q}`);
        expect(res.statusCode).toBe(200);
        expect(noIds(res.body), q).not.toMatch(FULL_ID);
        expect(noIds(res.body), q).not.toMatch(FULL_PHONE);
      }
      const one = await c.get(`/api/residents/${zsf.id}`);
      expect(noIds(one.body)).not.toMatch(FULL_ID);
      expect(noIds(one.body)).not.toMatch(FULL_PHONE);
      expect(one.json().data.phone).toBe('139****5678');
    });
  });

  describe('update', () => {
    it('refuses a PATCH with a stale version with 409 version_conflict and changes nothing', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, minimal({ name: '版本' }));
      const first = await c.patch(`/api/residents/${r.data.id}`, { note: '第一次', version: 1 });
      expect(first.statusCode).toBe(200);
      expect(first.json().data.version).toBe(2);
      const stale = await c.patch(`/api/residents/${r.data.id}`, { note: '过时的修改', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 2 } });
      const now = (await c.get(`/api/residents/${r.data.id}`)).json().data;
      expect(now).toMatchObject({ note: '第一次', version: 2 });
      expect(await audit('residents.update', r.data.id)).toHaveLength(1);
    });

    it('writes an audit row with before and after of the changed fields, identifiers masked, shown in the history', async () => {
      const c = await t.as('shegong1');
      const oldPhone = newPhone();
      const r = await create(c, minimal({ name: '审计', phone: oldPhone, note: '旧备注' }));
      const newPhoneNo = newPhone();
      const res = await c.patch(`/api/residents/${r.data.id}`, { phone: newPhoneNo, note: '新备注', building: '3', version: 1 });
      expect(res.statusCode).toBe(200);
      const rows = await audit('residents.update', r.data.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].actor_username).toBe('shegong1');
      expect(rows[0].changes).toEqual({
        phone: [`${oldPhone.slice(0, 3)}****${oldPhone.slice(-4)}`, `${newPhoneNo.slice(0, 3)}****${newPhoneNo.slice(-4)}`],
        note: ['旧备注', '新备注'],
        building: [null, '3'],
      });
      const history = await c.get(`/api/residents/${r.data.id}/history`);
      expect(history.statusCode).toBe(200);
      const entries = history.json().data;
      expect(history.json().total).toBe(entries.length);
      expect(entries[0]).toMatchObject({ action: 'residents.update', actorUsername: 'shegong1', changes: rows[0].changes });
      expect(entries.map((e: { action: string }) => e.action)).toEqual(['residents.update', 'residents.create']);
      expect(noIds(history.body)).not.toMatch(FULL_PHONE);
      expect(noIds(history.body)).not.toMatch(FULL_ID);
    });

    it('leaves the household, and stops being its head, when moved to another community', async () => {
      const c = await t.as('shegong1');
      const { rows } = await t.db.execute<{ id: string; household_id: string; version: number }>(sql`
        select r.id, r.household_id, r.version from residents r join households h on h.head_resident_id = r.id
        where r.community_id = ${community['曙光社区']} order by r.id limit 1`);
      const head = rows[0];
      const res = await c.patch(`/api/residents/${head.id}`, { communityId: community['桃源社区'], version: head.version });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data).toMatchObject({ communityId: community['桃源社区'], communityName: '桃源社区', householdId: null });
      const h = (await c.get(`/api/households/${head.household_id}`)).json().data;
      expect(h.headResidentId).toBeNull();
      expect(h.members.map((m: { residentId: string }) => m.residentId)).not.toContain(head.id);
      const history = (await c.get(`/api/residents/${head.id}/history`)).json().data;
      expect(history[0].changes).toMatchObject({ communityId: [community['曙光社区'], community['桃源社区']], householdId: [head.household_id, null] });
    });

    it('keeps the birth date when the ID number is cleared', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, minimal({ name: '清除证件' }));
      const res = await c.patch(`/api/residents/${r.data.id}`, { idNumber: null });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ idNumber: null, birthDate: '1962-05-17' });
    });

    it('takes birth date and sex from a new ID number', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, minimal({ name: '换证' }));
      const idNumber = newIdNumber('1963-06-18', 'female');
      const res = await c.patch(`/api/residents/${r.data.id}`, { idNumber });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ birthDate: '1963-06-18', idNumber: `110105********${idNumber.slice(-4)}` });
      const [row] = await audit('residents.update', r.data.id);
      expect(row.changes).toEqual({ idNumber: [r.data.idNumber, res.json().data.idNumber], birthDate: ['1962-05-17', '1963-06-18'] });
      expect(JSON.stringify(row)).not.toContain(idNumber);
    });
  });

  describe('reveal', () => {
    it('returns the full value to a permitted worker and writes residents.reveal', async () => {
      const c = await t.as('shegong1');
      const phone = newPhone();
      const r = await create(c, minimal({ name: '查看', phone }));
      const res = await c.post(`/api/residents/${r.data.id}/reveal`, { field: 'phone' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ field: 'phone', value: phone });
      const rows = await audit('residents.reveal', r.data.id);
      expect(rows).toEqual([expect.objectContaining({ actor_username: 'shegong1', detail: { field: 'phone' } })]);
      expect(JSON.stringify(rows)).not.toContain(phone);
    });

    it('answers 403 to the street manager, who may read but not reveal, and records nothing', async () => {
      const c = await t.as('jiedao');
      const res = await c.post(`/api/residents/${shuguang.id}/reveal`, { field: 'idNumber' });
      expect(res.statusCode).toBe(403);
      expect(noIds(res.body)).not.toMatch(FULL_ID);
      expect((await audit('residents.reveal', shuguang.id)).filter((r) => r.actor_username === 'jiedao')).toEqual([]);
    });

    it('answers 404 residents.reveal_not_set when the value is not recorded', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, minimal({ name: '无电话' }));
      const res = await c.post(`/api/residents/${r.data.id}/reveal`, { field: 'emergencyPhone' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('residents.reveal_not_set');
    });

    it('names field when it is not one that can be revealed', async () => {
      const c = await t.as('shegong1');
      const res = await c.post(`/api/residents/${shuguang.id}/reveal`, { field: 'name' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'field' })]);
    });
  });

  describe('archive', () => {
    it('removes the resident from lists; GET still works and shows archivedAt', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, minimal({ name: '迁出居民' }));
      expect((await list(c, `q=${encodeURIComponent('迁出居民')}`)).total).toBe(1);
      const res = await c.post(`/api/residents/${r.data.id}/archive`, { reason: 'moved_out', note: '搬到外省' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.archivedAt).toEqual(expect.any(String));
      expect((await list(c, `q=${encodeURIComponent('迁出居民')}`)).total).toBe(0);
      const one = await c.get(`/api/residents/${r.data.id}`);
      expect(one.statusCode).toBe(200);
      expect(one.json().data.archivedAt).toEqual(res.json().data.archivedAt);
      expect(one.json().abilities).toMatchObject({ update: false, archive: false });
      expect(await audit('residents.archive', r.data.id)).toEqual([expect.objectContaining({ detail: { reason: 'moved_out', note: '搬到外省' } })]);
      const history = (await c.get(`/api/residents/${r.data.id}/history`)).json().data;
      expect(history[0]).toMatchObject({ action: 'residents.archive' });
    });

    it('answers 409 when the record is already closed, and shows the reason', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, minimal({ name: '重复注销' }));
      expect((await c.post(`/api/residents/${r.data.id}/archive`, { reason: 'deceased' })).json().data.archiveReason).toBe('deceased');
      const again = await c.post(`/api/residents/${r.data.id}/archive`, { reason: 'deceased' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('residents.already_archived');
    });

    it('restores a closed record: back in lists, editable, and in the history', async () => {
      const c = await t.as('shegong1');
      const r = await create(c, minimal({ name: '回迁居民' }));
      await c.post(`/api/residents/${r.data.id}/archive`, { reason: 'moved_out' });
      expect((await c.get(`/api/residents/${r.data.id}`)).json().abilities).toMatchObject({ restore: true, update: false });
      expect((await (await t.as('jiedao')).post(`/api/residents/${r.data.id}/restore`, {})).statusCode).toBe(403);
      const res = await c.post(`/api/residents/${r.data.id}/restore`, { note: '已回迁' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ archivedAt: null, archiveReason: null });
      expect(res.json().abilities).toMatchObject({ restore: false, update: true });
      expect((await list(c, `q=${encodeURIComponent('回迁居民')}`)).total).toBe(1);
      expect((await c.post(`/api/residents/${r.data.id}/restore`, {})).statusCode).toBe(409);
      expect(await audit('residents.restore', r.data.id)).toEqual([expect.objectContaining({ detail: { note: '已回迁' } })]);
    });

    it('names the closed record when its ID number is registered again, so it can be restored', async () => {
      const c = await t.as('shegong1');
      const input = minimal({ name: '再次登记' });
      const r = await create(c, input);
      await c.post(`/api/residents/${r.data.id}/archive`, { reason: 'moved_out' });
      const res = await c.post('/api/residents', input);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'idNumber', residentId: r.data.id, archived: true })]);
    });

    it('refuses a reason outside the list, naming reason', async () => {
      const c = await t.as('shegong1');
      const res = await c.post(`/api/residents/${shuguang.id}/archive`, { reason: 'bored' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    });
  });
});
