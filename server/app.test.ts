import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, type Permission } from '../common/permissions';
import { buildApp } from './app';
import { multipart, testConfig, useTestApp, type Client } from './testing/app';

// Every route as Fastify registers it, collected by an onRoute hook added to each instance the
// moment it is created, before buildApp registers anything.
type Registered = { method: string | string[]; url: string; config?: { auth?: string }; multipart: boolean };
const registered = vi.hoisted(() => [] as Registered[]);
vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof import('fastify')>();
  const factory = ((opts: Parameters<typeof mod.default>[0]) => {
    const app = mod.default(opts);
    app.addHook('onRoute', (route) =>
      void registered.push({ method: route.method, url: route.url, config: route.config as Registered['config'], multipart: !!route.schema?.consumes?.includes('multipart/form-data') }),
    );
    return app;
  }) as typeof mod.default;
  return { ...mod, default: factory };
});

const isApi = (url: string) => url.startsWith('/api') && !url.startsWith('/api/docs');
const apiRoutes = () => registered.filter((r) => isApi(r.url));

describe('app', () => {
  const t = useTestApp();

  describe('route inventory', () => {
    it('registers the routes of every module', () => {
      const urls = new Set(apiRoutes().map((r) => r.url));
      for (const u of ['/api/auth/login', '/api/residents', '/api/residents/:id', '/api/households/:id/members', '/api/orgs', '/api/users', '/api/dashboard/summary', '/api/audit']) {
        expect([...urls].some((x) => x === u || x === `${u}/`), u).toBe(true);
      }
    });

    it('has every /api route declare config.auth as public, session or a known permission', () => {
      const allowed = new Set<string>(['public', 'session', ...PERMISSIONS]);
      const bad = apiRoutes()
        .filter((r) => !allowed.has(String(r.config?.auth)))
        .map((r) => `${String(r.method)} ${r.url}`);
      expect(bad).toEqual([]);
    });

    it('keeps public only the routes used before login', () => {
      const publicRoutes = apiRoutes()
        .filter((r) => r.config?.auth === 'public')
        .map((r) => `${String(r.method)} ${r.url}`)
        .filter((r) => !r.startsWith('HEAD '))
        .sort();
      expect(publicRoutes).toEqual(['GET /api/auth/login-info', 'GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login']);
    });

    it('refuses to start when a route declares no config.auth', async () => {
      const app = await buildApp({ db: t.db, config: testConfig() });
      try {
        expect(() => app.get('/api/forgotten', async () => ({ ok: true }))).toThrow(/declares no config\.auth/);
      } finally {
        await app.close();
      }
    });

    it('changes no record when every GET route is called by every account', async () => {
      const checksum = async () => {
        const { rows } = await t.db.execute<{ c: string }>(sql`select concat_ws('|',
          (select md5(coalesce(string_agg(r::text, ',' order by r.id), '')) from residents r),
          (select md5(coalesce(string_agg(x::text, ',' order by x.id), '')) from resident_tags x),
          (select md5(coalesce(string_agg(h::text, ',' order by h.id), '')) from households h),
          (select md5(coalesce(string_agg(o::text, ',' order by o.id), '')) from org_units o),
          (select md5(coalesce(string_agg(s::text, ',' order by s.unit_id, s.community_id), '')) from org_unit_serves s),
          (select md5(coalesce(string_agg(u::text, ',' order by u.id), '')) from (select id, username, display_name, role, phone, password_hash,
             must_change_password, reset_code_hash, disabled, version from users) u),
          (select md5(coalesce(string_agg(p::text, ',' order by p.user_id, p.org_unit_id), '')) from user_posts p)) as c`);
        return rows[0].c;
      };
      const ids = await t.db.execute<{ resident: string; household: string; user: string }>(sql`
        select (select r.id from residents r join org_units o on o.id = r.community_id where o.name = '曙光社区'
                  and exists (select 1 from resident_tags x where x.resident_id = r.id) order by r.id limit 1) as resident,
               (select h.id from households h join org_units o on o.id = h.community_id where o.name = '曙光社区' order by h.id limit 1) as household,
               (select id from users where username = 'shegong1') as "user"`);
      const { resident, household, user } = ids.rows[0];
      const gets = apiRoutes().filter((r) => r.method === 'GET' && !r.url.includes('*'));
      expect(gets.length).toBeGreaterThan(10);
      const before = await checksum();
      for (const username of ['admin', 'jiedao', 'jigou', 'dudao', 'shegong1', 'shegong2', 'zhiyuan']) {
        const c = await t.as(username);
        for (const r of gets) {
          const prefix = r.url.split('/')[2];
          const id = prefix === 'households' ? household : prefix === 'users' ? user : resident;
          const res = await c.get(r.url.replace(/:[A-Za-z]+/g, id));
          expect(res.statusCode, `${username} GET ${r.url}`).toBeLessThan(500);
        }
      }
      expect(await checksum()).toBe(before);
    });
  });

  describe('HTTP behaviour', () => {
    it('sends Cache-Control: no-store on every kind of /api answer', async () => {
      const c = await t.as('shegong1');
      const answers = [
        await t.anon.get('/api/health'),
        await t.anon.get('/api/residents'),
        await c.get('/api/residents'),
        await c.get('/api/residents?pageSize=1000'),
        await c.get('/api/no-such-thing'),
        await c.get('/api/residents/00000000-0000-4000-8000-000000000000'),
        await (await t.as('zhiyuan')).get('/api/residents'),
        await c.inject({ method: 'POST', url: '/api/residents', headers: { 'content-type': 'application/json' }, payload: '{"name":' }),
      ];
      expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 200, 400, 404, 404, 403, 400]);
      for (const a of answers) expect(a.headers['cache-control']).toBe('no-store');
    });

    it('answers an unknown API path with 404 route.not_found', async () => {
      for (const res of [await t.anon.get('/api/nothing-here'), await (await t.as('shegong1')).post('/api/residents/x/y/z', {})]) {
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ error: { code: 'route.not_found', message: expect.any(String) } });
      }
    });

    it('answers malformed JSON with 400 and the error shape', async () => {
      const c = await t.as('shegong1');
      const res = await c.inject({ method: 'POST', url: '/api/residents', headers: { 'content-type': 'application/json' }, payload: '{"name": "张' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation.failed', message: expect.any(String) });
      expect(res.body).not.toMatch(/at .*\.(js|ts):\d+/);
    });

    it('answers a 2 MB body with 413', async () => {
      const c = await t.as('shegong1');
      const res = await c.inject({
        method: 'POST',
        url: '/api/residents',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ name: '张三', note: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('validation.body_too_large');
    });

    it('does not parse a text/plain body on POST', async () => {
      const c = await t.as('shegong1');
      const before = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents`);
      const res = await c.inject({
        method: 'POST',
        url: '/api/residents',
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify({ name: '张三', sex: 'male', communityId: '00000000-0000-4000-8000-000000000000' }),
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error).toBeDefined();
      const after = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents`);
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });

    it('does not let a percent-encoded path slip past the session and permission checks', async () => {
      const zhiyuan = await t.as('zhiyuan');
      for (const url of ['/%61pi/residents', '/api/%72esidents']) {
        const anon = await t.anon.get(url);
        expect(anon.statusCode, `anonymous ${url}`).toBe(401);
        const vol = await zhiyuan.get(url);
        expect(vol.statusCode, `volunteer ${url}`).toBe(403);
        expect(vol.body).not.toContain('"data"');
      }
    });

    it('lists the residents routes in GET /api/openapi.json', async () => {
      const res = await t.anon.get('/api/openapi.json');
      expect(res.statusCode).toBe(200);
      const paths = Object.keys(res.json().paths);
      for (const p of ['/api/residents/', '/api/residents/{id}', '/api/residents/{id}/reveal', '/api/residents/{id}/archive', '/api/residents/{id}/history', '/api/residents/check-duplicates']) {
        expect(paths.some((x) => x === p || x === p.replace(/\/$/, '')), p).toBe(true);
      }
    });
  });

  describe('bad input on every route', () => {
    const MISSING = '00000000-0000-4000-8000-000000000000';
    // A caller the route lets through to its input: anonymous, or the first demo account holding its permission.
    const callerOf = async (auth: string): Promise<Client> => {
      if (auth === 'public') return t.anon;
      const role = auth === 'session' || ROLE_PERMISSIONS.supervisor.includes(auth as Permission) ? 'dudao' : 'admin';
      return t.as(role);
    };
    // Each route once (other tests build more apps, and one registers a route that declares no auth).
    const routes = () => [
      ...new Map(
        apiRoutes()
          .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ ...r, method })))
          .filter((r) => r.method !== 'HEAD' && !r.url.includes('*') && r.config?.auth)
          .map((r) => [`${r.method} ${r.url}`, r]),
      ).values(),
    ];
    const expectInvalidChar = (res: { statusCode: number; json: () => { error: { code: string; details: unknown } } }, field: string, what: string) => {
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error, what).toEqual({ code: 'validation.failed', message: expect.any(String), details: [{ field, code: 'invalid_char', message: expect.stringContaining('字符') }] });
    };

    it('answers a NUL in a query parameter, a path parameter, a JSON body field and a multipart field or file name of every route with 400 naming the field', async () => {
      const all = routes();
      expect(all.length).toBeGreaterThan(60);
      for (const r of all) {
        const c = await callerOf(r.config!.auth!);
        const url = r.url.replace(/:[A-Za-z]+/g, MISSING);
        expectInvalidChar(await c.inject({ method: r.method as 'GET', url: `${url}?q=a%00b` }), 'q', `${r.method} ${r.url} query`);
        const param = /:([A-Za-z]+)/.exec(r.url)?.[1];
        if (param) expectInvalidChar(await c.inject({ method: r.method as 'GET', url: r.url.replace(`:${param}`, 'a%00b').replace(/:[A-Za-z]+/g, MISSING) }), param, `${r.method} ${r.url} param`);
        if (r.method !== 'GET') {
          const res = await c.inject({ method: r.method as 'POST', url, payload: { note: 'a\u0000b', items: [{ title: 'x\u0007' }] } });
          expectInvalidChar(res, 'note', `${r.method} ${r.url} body`);
        }
        if (r.multipart) {
          const file = { name: 'a.pdf', data: Buffer.from('%PDF-1.7\n'), type: 'application/pdf' };
          expectInvalidChar(await c.inject({ method: 'POST', url, ...multipart({ note: 'a\u0000b' }, file) }), 'note', `${r.url} multipart field`);
          expectInvalidChar(await c.inject({ method: 'POST', url, ...multipart({}, { ...file, name: 'a\u0000.pdf' }) }), 'fileName', `${r.url} file name`);
        }
      }
      expect(all.filter((r) => r.multipart).map((r) => r.url).sort()).toEqual(['/api/cases/:id/records/:recordId/attachments', '/api/residents/import']);
    });

    it('names the first invalid character anywhere in a body: nested fields, lone surrogates, control characters and keys', async () => {
      const c = await t.as('shegong1');
      const cases: [unknown, string][] = [
        [{ name: '张三', items: [{ title: 'ok' }, { title: 'x\u001b[31m' }] }, 'items.1.title'],
        [{ name: '\ud800' }, 'name'],
        [{ name: 'a\uffff' }, 'name'],
        [{ 'na\u0000me': '张三' }, 'na\ufffdme'],
      ];
      for (const [payload, field] of cases) expectInvalidChar(await c.inject({ method: 'POST', url: '/api/residents', payload: payload as object }), field, field);
      // Tab, LF, CR, DEL, emoji and CJK Extension B stay valid text: the schema, not the check, answers.
      const ok = await c.post('/api/residents', { name: '\t张\n三\r\u007f😀𠀀' });
      expect(ok.json().error.details.map((d: { code: string }) => d.code)).not.toContain('invalid_char');
    });

    it('answers a NUL in the login with 400 naming the field, before counting a failure', async () => {
      const throttle = async () => (await t.db.execute<{ t: string }>(sql`select coalesce(string_agg(l::text, ',' order by l::text), '') as t from login_throttle l`)).rows[0].t;
      const before = await throttle();
      expectInvalidChar(await t.anon.post('/api/auth/login', { username: 'shegong1\u0000', password: 'demo1234' }), 'username', 'username');
      expectInvalidChar(await t.anon.post('/api/auth/login', { username: 'shegong1', password: 'demo\u00001234' }), 'password', 'password');
      expect(await throttle()).toBe(before);
    });
  });
});
