import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../testing/app';

const MISSING = '00000000-0000-4000-8000-000000000000';
const VALID_CREDIT_CODE = '91350100M000100Y43';

type Org = {
  id: string; parentId: string | null; kind: string; name: string; code: string | null; creditCode: string | null; fondsCode: string | null; serves: string[];
  coverage: { workers: number; supervisors: number } | null; version: number; archived: boolean;
};

describe('orgs API', () => {
  const t = useTestApp();
  let unit: Record<string, string>;

  beforeAll(async () => {
    const { rows } = await t.db.execute<{ id: string; name: string }>(sql`select id, name from org_units`);
    unit = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  });

  const create = async (c: Client, body: Record<string, unknown>) => {
    const res = await c.post('/api/orgs', body);
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json().data as Org;
  };

  describe('access to each route', () => {
    const routes = (id: string) => [
      { method: 'GET', url: '/api/orgs' },
      { method: 'POST', url: '/api/orgs', body: { kind: 'street', name: '新街道', parentId: unit['临江区'] } },
      { method: 'PATCH', url: `/api/orgs/${id}`, body: { phone: '0571-1' } },
      { method: 'POST', url: `/api/orgs/${id}/archive` },
    ];
    const call = (c: Client, r: { method: string; url: string; body?: object }) =>
      c.inject({ method: r.method as 'GET', url: r.url, ...(r.body ? { payload: r.body } : {}) });

    it('answers 401 on every route without a session', async () => {
      for (const r of routes(unit['曙光社区'])) expect((await call(t.anon, r)).statusCode, `${r.method} ${r.url}`).toBe(401);
    });

    it('answers 403 to everyone but the administrator on the routes that change the tree', async () => {
      const before = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from org_units`)).rows[0].n;
      for (const username of ['jiedao', 'jigou', 'dudao', 'shegong1', 'shegong2', 'zhiyuan']) {
        const c = await t.as(username);
        for (const r of routes(unit['曙光社区']).slice(1)) {
          const res = await call(c, r);
          expect(res.statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
        }
      }
      expect((await t.db.execute<{ n: number }>(sql`select count(*)::int as n from org_units`)).rows[0].n).toBe(before);
    });

    it('answers 403 to the volunteer on the list, which holds no orgs.read', async () => {
      expect((await (await t.as('zhiyuan')).get('/api/orgs')).statusCode).toBe(403);
    });

    it('answers 404 to the administrator for a unit that does not exist', async () => {
      const c = await t.as('admin');
      for (const r of routes(MISSING).slice(2)) expect((await call(c, r)).statusCode, `${r.method} ${r.url}`).toBe(404);
    });

    it('answers 400 naming the field', async () => {
      const c = await t.as('admin');
      const res = [
        await c.post('/api/orgs', { kind: 'castle', name: 'x' }),
        await c.post('/api/orgs', { kind: 'street', parentId: unit['临江区'] }),
        await c.patch(`/api/orgs/${unit['曙光社区']}`, { kind: 'village' }),
        await c.post('/api/orgs/not-a-uuid/archive'),
      ];
      expect(res.map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
      expect(res.map((r) => r.json().error.details[0])).toEqual([
        expect.objectContaining({ field: 'kind', code: 'invalid_option' }),
        expect.objectContaining({ field: 'name', code: 'required' }),
        expect.objectContaining({ field: 'kind', code: 'unknown_field' }),
        expect.objectContaining({ field: 'id' }),
      ]);
    });
  });

  describe('the tree', () => {
    it('lets the administrator build a street, a community, an agency and a station serving the community', async () => {
      const admin = await t.as('admin');
      const street = await create(admin, { kind: 'street', name: '新城街道', parentId: unit['临江区'], code: '330199002000' });
      const community = await create(admin, { kind: 'community', name: '新城社区', parentId: street.id, code: '330199002001' });
      const agency = await create(admin, { kind: 'agency', name: '临江区新城社工服务社', parentId: unit['临江区'], creditCode: VALID_CREDIT_CODE.toLowerCase() });
      const station = await create(admin, { kind: 'station', name: '新城街道社工站', parentId: agency.id, serves: [community.id] });
      expect(street).toMatchObject({ kind: 'street', parentId: unit['临江区'], code: '330199002000', version: 1, archived: false });
      expect(community).toMatchObject({ kind: 'community', parentId: street.id });
      expect(agency.creditCode).toBe(VALID_CREDIT_CODE);
      expect(station).toMatchObject({ kind: 'station', parentId: agency.id, serves: [community.id] });
      const list = (await admin.get('/api/orgs')).json();
      expect(list.total).toBe(list.data.length);
      expect(list.data.find((o: Org) => o.id === station.id).serves).toEqual([community.id]);
      const { rows } = await t.db.execute<{ action: string }>(sql`select action from audit_log where entity_id in (${street.id}, ${community.id}, ${agency.id}, ${station.id})`);
      expect(rows.map((r) => r.action)).toEqual(['orgs.create', 'orgs.create', 'orgs.create', 'orgs.create']);
    });

    it('refuses a parent of the wrong kind with 400 orgs.invalid_parent', async () => {
      const admin = await t.as('admin');
      const cases = [
        { kind: 'community', name: '错层社区', parentId: unit['临江区'] },
        { kind: 'street', name: '错层街道', parentId: unit['江滨街道'] },
        { kind: 'station', name: '无主社工站' },
        { kind: 'village', name: '机构下的村', parentId: unit['临江区阳光社会工作服务中心'] },
        { kind: 'street', name: '不存在的上级', parentId: MISSING },
      ];
      for (const body of cases) {
        const res = await admin.post('/api/orgs', body);
        expect(res.statusCode, body.name).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'orgs.invalid_parent', details: [{ field: 'parentId' }] });
      }
      const move = await admin.patch(`/api/orgs/${unit['曙光社区']}`, { parentId: unit['临江区'] });
      expect(move.statusCode).toBe(400);
      expect(move.json().error.code).toBe('orgs.invalid_parent');
    });

    it('refuses a station serving something other than a community', async () => {
      const admin = await t.as('admin');
      const res = await admin.post('/api/orgs', { kind: 'station', name: '乱服务', parentId: unit['临江区阳光社会工作服务中心'], serves: [unit['江滨街道']] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'orgs.serves_not_community', details: [{ field: 'serves' }] });
      const street = await admin.post('/api/orgs', { kind: 'street', name: '服务的街道', parentId: unit['临江区'], serves: [unit['曙光社区']] });
      expect(street.statusCode).toBe(400);
    });

    it('refuses a bad 统一社会信用代码, naming creditCode', async () => {
      const admin = await t.as('admin');
      const res = await admin.post('/api/orgs', { kind: 'agency', name: '假机构', creditCode: '91350100M000100Y44' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'creditCode', code: 'credit_code.invalid' })]);
      const patch = await admin.patch(`/api/orgs/${unit['临江区阳光社会工作服务中心']}`, { creditCode: '123' });
      expect(patch.statusCode).toBe(400);
      expect(patch.json().error.details[0].field).toBe('creditCode');
    });

    it('refuses a bad division code, naming code', async () => {
      const admin = await t.as('admin');
      const res = await admin.post('/api/orgs', { kind: 'street', name: '坏代码', parentId: unit['临江区'], code: '12345' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'code', code: 'division_code.invalid' })]);
    });

    it('refuses to archive a unit with sub-units (409) or a community with residents or posts (409)', async () => {
      const admin = await t.as('admin');
      const withChildren = await admin.post(`/api/orgs/${unit['江滨街道']}/archive`);
      expect(withChildren.statusCode).toBe(409);
      expect(withChildren.json().error.code).toBe('orgs.has_children');
      const inUse = await admin.post(`/api/orgs/${unit['文华社区']}/archive`);
      expect(inUse.statusCode).toBe(409);
      expect(inUse.json().error.code).toBe('orgs.in_use');
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from org_units where archived_at is not null`);
      expect(rows[0].n).toBe(0);
    });

    it('archives an empty unit, after which it leaves the scope of posts on its parent', async () => {
      const admin = await t.as('admin');
      const empty = await create(admin, { kind: 'community', name: '空社区', parentId: unit['江滨街道'], code: '330199001009' });
      const jiedao = await t.as('jiedao');
      const me = async () => (await jiedao.get('/api/auth/me')).json().data.communities.map((c: { name: string }) => c.name).sort();
      expect(await me()).toContain('空社区');
      const res = await admin.post(`/api/orgs/${empty.id}/archive`);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id: empty.id, archived: true });
      expect(await me()).toEqual(['文华社区', '曙光社区', '桃源社区'].sort());
    });

    it('refuses a new unit under an archived parent, and a station serving an archived community', async () => {
      const admin = await t.as('admin');
      const street = await create(admin, { kind: 'street', name: '撤销街道', parentId: unit['临江区'] });
      const village = await create(admin, { kind: 'village', name: '撤并村', parentId: unit['青山镇'], code: '330199101209' });
      expect((await admin.post(`/api/orgs/${street.id}/archive`)).statusCode).toBe(200);
      expect((await admin.post(`/api/orgs/${village.id}/archive`)).statusCode).toBe(200);
      const under = await admin.post('/api/orgs', { kind: 'community', name: '孤儿社区', parentId: street.id, code: '330199003001' });
      expect(under.statusCode).toBe(400);
      expect(under.json().error.code).toBe('orgs.invalid_parent');
      const serving = await admin.patch(`/api/orgs/${unit['青山镇社工站']}`, { serves: [unit['青山社区'], village.id] });
      expect(serving.statusCode).toBe(400);
      expect(serving.json().error.code).toBe('orgs.serves_not_community');
    });

    it('refuses a PATCH with a stale version', async () => {
      const admin = await t.as('admin');
      const org = await create(admin, { kind: 'street', name: '版本街道', parentId: unit['临江区'] });
      expect((await admin.patch(`/api/orgs/${org.id}`, { phone: '0571-2', version: 1 })).statusCode).toBe(200);
      const stale = await admin.patch(`/api/orgs/${org.id}`, { phone: '0571-3', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('version_conflict');
    });

    it('shows a worker only the communities of their post and the units above them', async () => {
      const res = await (await t.as('shegong1')).get('/api/orgs');
      expect(res.statusCode).toBe(200);
      expect(res.json().data.map((o: Org) => o.name).sort()).toEqual(['临江区', '曙光社区', '桃源社区', '江滨街道'].sort());
      const s2 = await (await t.as('shegong2')).get('/api/orgs');
      expect(s2.json().data.map((o: Org) => o.name).sort()).toEqual(['临江区', '竹林村', '青山社区', '青山镇'].sort());
    });
  });

  describe('codes: the division code a 社区/村 needs, and the 全宗号 of an archive-holding unit', () => {
    it('refuses a community or village without a valid 12-digit code, naming code', async () => {
      const admin = await t.as('admin');
      const cases = [
        [{ kind: 'community', name: '无码社区', parentId: unit['江滨街道'] }, 'division_code.required'],
        [{ kind: 'village', name: '空码村', parentId: unit['青山镇'], code: '' }, 'division_code.required'],
        [{ kind: 'community', name: '村码社区', parentId: unit['江滨街道'], code: '330199001201' }, 'division_code.community'],
        [{ kind: 'village', name: '居委会码村', parentId: unit['青山镇'], code: '330199101005' }, 'division_code.village'],
        [{ kind: 'street', name: '社区码街道', parentId: unit['临江区'], code: '330199004001' }, 'division_code.street'],
        [{ kind: 'district', name: '长码区', code: '330199004000' }, 'division_code.district'],
        [{ kind: 'agency', name: '有区划码的机构', code: '330199' }, 'division_code.not_applicable'],
      ] as const;
      for (const [body, code] of cases) {
        const res = await admin.post('/api/orgs', body);
        expect(res.statusCode, body.name).toBe(400);
        expect(res.json().error.details, body.name).toEqual([expect.objectContaining({ field: 'code', code })]);
      }
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from org_units where name in ('无码社区', '空码村', '村码社区', '居委会码村')`);
      expect(rows[0].n).toBe(0);
    });

    it('refuses an edit that leaves a community without its code, also for one stored without a code before', async () => {
      const admin = await t.as('admin');
      const cleared = await admin.patch(`/api/orgs/${unit['桃源社区']}`, { code: '' });
      expect(cleared.statusCode).toBe(400);
      expect(cleared.json().error.details).toEqual([expect.objectContaining({ field: 'code', code: 'division_code.required' })]);
      await t.db.execute(sql`insert into org_units (kind, name, parent_id) values ('village', '旧数据村', ${unit['青山镇']})`);
      const { rows } = await t.db.execute<{ id: string }>(sql`select id from org_units where name = '旧数据村'`);
      const phone = await admin.patch(`/api/orgs/${rows[0].id}`, { phone: '0571-3' });
      expect(phone.statusCode).toBe(400);
      expect(phone.json().error.details[0]).toMatchObject({ field: 'code', code: 'division_code.required' });
      expect((await admin.patch(`/api/orgs/${rows[0].id}`, { phone: '0571-3', code: '330199101203' })).statusCode).toBe(200);
    });

    it('stores a 全宗号 on an agency or station in capitals, and refuses a bad one or one on another kind', async () => {
      const admin = await t.as('admin');
      const station = await create(admin, { kind: 'station', name: '档案站', parentId: unit['临江区阳光社会工作服务中心'], fondsCode: ' j201 ' });
      expect(station.fondsCode).toBe('J201');
      const bad = await admin.patch(`/api/orgs/${station.id}`, { fondsCode: 'J2' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'fondsCode', code: 'fonds_code.invalid' })]);
      const onCommunity = await admin.patch(`/api/orgs/${unit['曙光社区']}`, { fondsCode: 'J202' });
      expect(onCommunity.statusCode).toBe(400);
      expect(onCommunity.json().error.details).toEqual([expect.objectContaining({ field: 'fondsCode', code: 'fonds_code.not_applicable' })]);
      const audit = await t.db.execute<{ changes: Record<string, unknown> }>(sql`select changes from audit_log where entity_id = ${station.id} and action = 'orgs.create'`);
      expect(audit.rows[0].changes.fondsCode).toEqual([null, 'J201']);
    });

    it('refuses a 全宗号 another unit has (409 orgs.fonds_taken), but keeps a unit’s own', async () => {
      const admin = await t.as('admin');
      const taken = await admin.post('/api/orgs', { kind: 'station', name: '重号站', parentId: unit['临江区阳光社会工作服务中心'], fondsCode: 'S013' });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error).toMatchObject({ code: 'orgs.fonds_taken', details: [{ field: 'fondsCode' }] });
      const agency = (await admin.get('/api/orgs')).json().data.find((o: Org) => o.id === unit['临江区阳光社会工作服务中心']) as Org;
      expect(agency.fondsCode).toBe('S012');
      expect((await admin.patch(`/api/orgs/${agency.id}`, { fondsCode: 'S013' })).statusCode).toBe(409);
      expect((await admin.patch(`/api/orgs/${agency.id}`, { fondsCode: 'S012', phone: '0571-88880002' })).statusCode).toBe(200);
    });
  });

  describe('a new community and who serves it', () => {
    const servedBy = async (communityId: string) =>
      (await t.db.execute<{ name: string }>(sql`select o.name from org_unit_serves s join org_units o on o.id = s.unit_id where s.community_id = ${communityId}`)).rows.map((r) => r.name);

    it('is served by the street’s station when none is named, and the audit row says so', async () => {
      const admin = await t.as('admin');
      const c = await create(admin, { kind: 'community', name: '江滨新社区', parentId: unit['江滨街道'], code: '330199001011' });
      expect(await servedBy(c.id)).toEqual(['江滨街道社工站']);
      const audit = await t.db.execute<{ changes: Record<string, unknown> }>(sql`select changes from audit_log where entity_id = ${c.id} and action = 'orgs.create'`);
      expect(audit.rows[0].changes.servedBy).toEqual([null, unit['江滨街道社工站']]);
    });

    it('is served by the station or agency named, or by none when null is sent', async () => {
      const admin = await t.as('admin');
      const chosen = await create(admin, { kind: 'village', name: '青山新村', parentId: unit['青山镇'], code: '330199101211', servedBy: unit['临江区阳光社会工作服务中心'] });
      expect(await servedBy(chosen.id)).toEqual(['临江区阳光社会工作服务中心']);
      const none = await create(admin, { kind: 'village', name: '无人村', parentId: unit['青山镇'], code: '330199101212', servedBy: null });
      expect(await servedBy(none.id)).toEqual([]);
    });

    it('refuses a serving unit that is not an active station or agency, naming servedBy', async () => {
      const admin = await t.as('admin');
      for (const body of [
        { kind: 'community', name: '错服务社区', parentId: unit['江滨街道'], code: '330199001012', servedBy: unit['文华社区'] },
        { kind: 'community', name: '错服务社区', parentId: unit['江滨街道'], code: '330199001012', servedBy: MISSING },
        { kind: 'street', name: '被服务街道', parentId: unit['临江区'], code: '330199005000', servedBy: unit['江滨街道社工站'] },
      ]) {
        const res = await admin.post('/api/orgs', body);
        expect(res.statusCode, body.name).toBe(400);
        expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'servedBy', code: 'serving_unit.invalid' })]);
      }
    });

    it('tells how many active workers and supervisors cover each community, so that uncovered ones can be flagged', async () => {
      const admin = await t.as('admin');
      const list = (await admin.get('/api/orgs')).json().data as Org[];
      const of = (name: string) => list.find((o) => o.name === name)!.coverage;
      expect(of('曙光社区')).toEqual({ workers: 1, supervisors: 1 });
      expect(of('文华社区')).toEqual({ workers: 0, supervisors: 1 });
      expect(of('茶园村')).toEqual({ workers: 0, supervisors: 0 });
      expect(of('江滨街道')).toBeNull();
      const fresh = await create(admin, { kind: 'community', name: '覆盖社区', parentId: unit['江滨街道'], code: '330199001013' });
      expect(fresh.coverage).toEqual({ workers: 0, supervisors: 1 });
      const alone = await create(admin, { kind: 'community', name: '无覆盖社区', parentId: unit['江滨街道'], code: '330199001014', servedBy: null });
      // jiedao's post on the street covers it, but a street manager is neither worker nor supervisor.
      expect(alone.coverage).toEqual({ workers: 0, supervisors: 0 });
    });
  });
});
