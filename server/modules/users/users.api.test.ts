import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientFor, login, useTestApp, type Client } from '../../testing/app';

const MISSING = '00000000-0000-4000-8000-000000000000';
const CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

type User = { id: string; username: string; role: string; posts: { orgUnitId: string; orgUnitName: string; canViewRestricted: boolean }[]; disabled: boolean; locked: boolean; mustChangePassword: boolean; version: number };

describe('users API', () => {
  const t = useTestApp();
  let unit: Record<string, string>;
  let admin: Client;

  beforeAll(async () => {
    const { rows } = await t.db.execute<{ id: string; name: string }>(sql`select id, name from org_units`);
    unit = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    admin = await t.as('admin');
  });

  const createUser = async (username: string, role = 'worker', posts = [{ orgUnitId: unit['文华社区'], canViewRestricted: false }]) => {
    const res = await admin.post('/api/users', { username, displayName: `测试 ${username}`, role, posts });
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json() as { data: User; oneTimeCode: string; expiresAt: string };
  };
  const anonLogin = (username: string, password: string) => t.anon.post('/api/auth/login', { username, password });
  /** Creates a user, logs in with the code and sets a password: a ready client. */
  const readyUser = async (username: string, role = 'worker', posts?: { orgUnitId: string; canViewRestricted: boolean }[]) => {
    const created = await createUser(username, role, posts);
    const c = await login(t.app, username, created.oneTimeCode);
    expect((await c.post('/api/auth/password', { currentPassword: created.oneTimeCode, newPassword: 'Linli2024pass' })).statusCode).toBe(200);
    return { user: created.data, client: clientFor(t.app, c.cookie, c.csrf, username) };
  };

  describe('access to each route', () => {
    const routes = (id: string) => [
      { method: 'GET', url: '/api/users' },
      { method: 'GET', url: `/api/users/${id}` },
      { method: 'POST', url: '/api/users', body: { username: 'intruder', displayName: 'x', role: 'admin' } },
      { method: 'PATCH', url: `/api/users/${id}`, body: { role: 'admin' } },
      { method: 'POST', url: `/api/users/${id}/reset-password` },
      { method: 'POST', url: `/api/users/${id}/unlock` },
    ];
    const call = (c: Client, r: { method: string; url: string; body?: object }) =>
      c.inject({ method: r.method as 'GET', url: r.url, ...(r.body ? { payload: r.body } : {}) });
    let target: string;
    beforeAll(async () => {
      target = (await t.db.execute<{ id: string }>(sql`select id from users where username = 'shegong2'`)).rows[0].id;
    });

    it('answers 401 on every route without a session', async () => {
      for (const r of routes(target)) expect((await call(t.anon, r)).statusCode, `${r.method} ${r.url}`).toBe(401);
    });

    it('answers 403 on every route to every role but the administrator, and changes nothing', async () => {
      for (const username of ['jiedao', 'jigou', 'dudao', 'shegong1', 'shegong2', 'zhiyuan']) {
        const c = await t.as(username);
        for (const r of routes(target)) expect((await call(c, r)).statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
      }
      const { rows } = await t.db.execute<{ role: string; n: number }>(sql`select (select role from users where username = 'shegong2') as role,
        (select count(*)::int from users where username = 'intruder') as n`);
      expect(rows[0]).toEqual({ role: 'worker', n: 0 });
      expect((await (await t.as('shegong2')).get('/api/auth/me')).statusCode).toBe(200);
    });

    it('answers 404 to the administrator for a user that does not exist', async () => {
      for (const r of routes(MISSING).slice(1).filter((r) => r.url.includes(MISSING))) {
        expect((await call(admin, r)).statusCode, `${r.method} ${r.url}`).toBe(404);
      }
    });

    it('answers 400 naming the field', async () => {
      const res = [
        await admin.post('/api/users', { username: 'has space', displayName: 'x', role: 'worker' }),
        await admin.post('/api/users', { username: 'newone', displayName: 'x', role: 'king' }),
        await admin.post('/api/users', { username: 'newone', displayName: 'x', role: 'worker', posts: [{ orgUnitId: MISSING }] }),
        await admin.patch(`/api/users/${target}`, { passwordHash: 'x' }),
        await admin.get('/api/users?pageSize=1000'),
      ];
      expect(res.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400]);
      expect(res.map((r) => r.json().error.details[0].field)).toEqual(['username', 'role', 'posts', 'passwordHash', 'pageSize']);
    });

    it('lists users without any password or code hash', async () => {
      const res = await admin.get('/api/users?pageSize=100');
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(8);
      expect(res.body).not.toMatch(/argon2|passwordHash|resetCode/i);
      const one = await admin.get(`/api/users/${target}`);
      expect(one.json().data).toMatchObject({ username: 'shegong2', role: 'worker', disabled: false, locked: false });
    });
  });

  describe('the account lifecycle', () => {
    it('creates a user with a post and answers a one-time code shown once', async () => {
      const res = await admin.post('/api/users', {
        username: 'wenhua1', displayName: '社工 文华', role: 'worker', phone: '13800001111', posts: [{ orgUnitId: unit['文华社区'], canViewRestricted: true }],
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.oneTimeCode).toMatch(CODE);
      expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      expect(body.data).toMatchObject({ username: 'wenhua1', role: 'worker', mustChangePassword: true, posts: [{ orgUnitId: unit['文华社区'], orgUnitName: '文华社区', canViewRestricted: true }] });
      const again = await admin.get(`/api/users/${body.data.id}`);
      expect(again.body).not.toContain(body.oneTimeCode);
      const { rows } = await t.db.execute<{ changes: string }>(sql`select changes::text from audit_log where action = 'users.create' and entity_id = ${body.data.id}`);
      expect(rows).toHaveLength(1);
      expect(rows[0].changes).not.toContain(body.oneTimeCode);
    });

    it('lets the new user log in with the code in any case and without dashes, and makes them change the password first', async () => {
      const created = await createUser('wenhua2');
      const typed = created.oneTimeCode.replace(/-/g, '').toLowerCase();
      const c = await login(t.app, 'WenHua2', typed);
      const me = await c.get('/api/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().data.mustChangePassword).toBe(true);
      for (const url of ['/api/residents', '/api/dashboard/summary', '/api/orgs']) {
        const res = await c.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code).toBe('auth.password_change_required');
      }
      const changed = await c.post('/api/auth/password', { currentPassword: ` ${created.oneTimeCode.toLowerCase()} `, newPassword: 'Wenhua2pass' });
      expect(changed.statusCode, changed.body).toBe(200);
      expect((await c.get('/api/residents')).statusCode).toBe(200);
      // The code is spent; the new password works.
      expect((await anonLogin('wenhua2', created.oneTimeCode)).statusCode).toBe(401);
      expect((await anonLogin('wenhua2', 'Wenhua2pass')).statusCode).toBe(200);
    });

    it('gives the new user exactly the communities of their post', async () => {
      const { client } = await readyUser('station1', 'worker', [{ orgUnitId: unit['青山镇社工站'], canViewRestricted: false }]);
      const me = (await client.get('/api/auth/me')).json().data;
      expect(me.communities.map((c: { name: string }) => c.name).sort()).toEqual(['竹林村', '茶园村', '青山社区'].sort());
      expect(me.restrictedCommunityIds).toEqual([]);
      const list = (await client.get('/api/residents?pageSize=100')).json();
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents r join org_units o on o.id = r.community_id
        where o.name in ('青山社区', '竹林村', '茶园村') and r.archived_at is null`);
      expect(list.total).toBe(rows[0].n);
      expect(new Set(list.data.map((r: { communityName: string }) => r.communityName))).toEqual(new Set(['青山社区', '竹林村', '茶园村']));
    });

    it('refuses a username taken in another letter case with 409', async () => {
      const res = await admin.post('/api/users', { username: 'SheGong1', displayName: '冒名', role: 'worker' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'users.username_taken', details: [{ field: 'username' }] });
    });

    it('does not let the administrator change their own role, post or status', async () => {
      const me = (await admin.get('/api/auth/me')).json().data;
      for (const body of [{ role: 'worker' }, { disabled: true }, { posts: [{ orgUnitId: unit['曙光社区'] }] }]) {
        const res = await admin.patch(`/api/users/${me.id}`, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(403);
        expect(res.json().error.code).toBe('users.cannot_change_self');
      }
      expect((await admin.patch(`/api/users/${me.id}`, { displayName: '管理员 新名' })).statusCode).toBe(200);
      expect((await admin.get('/api/users')).statusCode).toBe(200);
    });

    it('ends every session of a user who is disabled: the next request answers 401', async () => {
      const { user, client } = await readyUser('leaver');
      const second = await login(t.app, 'leaver', 'Linli2024pass');
      expect((await client.get('/api/residents')).statusCode).toBe(200);
      const res = await admin.patch(`/api/users/${user.id}`, { disabled: true });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.disabled).toBe(true);
      expect((await client.get('/api/residents')).statusCode).toBe(401);
      expect((await second.get('/api/auth/me')).statusCode).toBe(401);
      const again = await anonLogin('leaver', 'Linli2024pass');
      expect(again.statusCode).toBe(401);
      expect(again.json()).toEqual((await anonLogin('nobody-at-all', 'Linli2024pass')).json());
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from sessions where user_id = ${user.id}`);
      expect(rows[0].n).toBe(0);
    });

    it('resets a password: the old one fails at once, the code works and forces a change', async () => {
      const { user, client } = await readyUser('forgetful');
      const res = await admin.post(`/api/users/${user.id}/reset-password`);
      expect(res.statusCode).toBe(200);
      const { oneTimeCode } = res.json().data;
      expect(oneTimeCode).toMatch(CODE);
      expect((await client.get('/api/auth/me')).statusCode).toBe(401);
      expect((await anonLogin('forgetful', 'Linli2024pass')).statusCode).toBe(401);
      const c = await login(t.app, 'forgetful', oneTimeCode);
      expect((await c.get('/api/auth/me')).json().data.mustChangePassword).toBe(true);
      expect((await c.get('/api/residents')).json().error.code).toBe('auth.password_change_required');
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'users.reset_password' and entity_id = ${user.id}`);
      expect(rows[0].n).toBe(1);
    });

    it('asks only for the new password at the first login after a reset, not again for the one-time code', async () => {
      const { user } = await readyUser('returning');
      const { oneTimeCode } = (await admin.post(`/api/users/${user.id}/reset-password`)).json().data;
      const c = await login(t.app, 'returning', oneTimeCode);
      const reused = await c.post('/api/auth/password', { newPassword: oneTimeCode });
      expect(reused.statusCode).toBe(400);
      expect(reused.json().error.details[0]).toMatchObject({ field: 'newPassword', code: 'auth.same_password' });
      const changed = await c.post('/api/auth/password', { newPassword: 'Returning2pass' });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().data.mustChangePassword).toBe(false);
      expect((await c.get('/api/residents')).statusCode).toBe(200);
      expect((await anonLogin('returning', oneTimeCode)).statusCode).toBe(401);
      expect((await anonLogin('returning', 'Returning2pass')).statusCode).toBe(200);
    });

    it('unlocks an account locked by five failed logins', async () => {
      const { user } = await readyUser('clumsy');
      for (let i = 0; i < 4; i++) expect((await anonLogin('clumsy', 'wrong')).statusCode).toBe(401);
      expect((await anonLogin('clumsy', 'wrong')).statusCode).toBe(423);
      expect((await anonLogin('clumsy', 'Linli2024pass')).statusCode).toBe(423);
      expect((await admin.get(`/api/users/${user.id}`)).json().data.locked).toBe(true);
      const res = await admin.post(`/api/users/${user.id}/unlock`);
      expect(res.statusCode).toBe(200);
      expect(res.json().data.locked).toBe(false);
      expect((await anonLogin('clumsy', 'Linli2024pass')).statusCode).toBe(200);
      expect((await admin.get(`/api/users/${user.id}`)).json().data.locked).toBe(false);
    });

    it('applies a role change on the user’s next request', async () => {
      const { user, client } = await readyUser('demoted');
      expect((await client.get('/api/residents')).statusCode).toBe(200);
      const res = await admin.patch(`/api/users/${user.id}`, { role: 'volunteer', version: user.version });
      expect(res.statusCode, res.body).toBe(200);
      const next = await client.get('/api/residents');
      expect(next.statusCode).toBe(403);
      expect((await client.get('/api/auth/me')).json().data.role).toBe('volunteer');
      expect((await client.get('/api/dashboard/summary')).statusCode).toBe(200);
    });

    it('applies a change of post on the user’s next request', async () => {
      const { user, client } = await readyUser('moved');
      const names = async () => (await client.get('/api/auth/me')).json().data.communities.map((c: { name: string }) => c.name);
      expect(await names()).toEqual(['文华社区']);
      expect((await admin.patch(`/api/users/${user.id}`, { posts: [{ orgUnitId: unit['竹林村'] }] })).statusCode).toBe(200);
      expect(await names()).toEqual(['竹林村']);
      const list = (await client.get('/api/residents?pageSize=100')).json();
      expect(new Set(list.data.map((r: { communityName: string }) => r.communityName))).toEqual(new Set(['竹林村']));
    });

    it('refuses a stale version with 409', async () => {
      const { user } = await readyUser('versioned');
      expect((await admin.patch(`/api/users/${user.id}`, { displayName: '一', version: user.version })).statusCode).toBe(200);
      const stale = await admin.patch(`/api/users/${user.id}`, { displayName: '二', version: user.version });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('version_conflict');
    });

    it('does not let the volunteer open residents', async () => {
      const c = await t.as('zhiyuan');
      const list = await c.get('/api/residents');
      expect(list.statusCode).toBe(403);
      const id = (await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id where o.name = '曙光社区' limit 1`)).rows[0].id;
      const one = await c.get(`/api/residents/${id}`);
      expect(one.statusCode).toBe(403);
      expect((await c.get('/api/households')).statusCode).toBe(403);
    });
  });

  it('sets a social worker’s supervisor, and refuses a supervisor who is not one, naming the field', async () => {
    const ids = Object.fromEntries((await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`)).rows.map((r) => [r.username, r.id]));
    const u = (await admin.get(`/api/users/${ids.shegong2}`)).json().data;
    const bad = await admin.patch(`/api/users/${ids.shegong2}`, { supervisorId: ids.shegong1, version: u.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('supervisorId');
    const res = await admin.patch(`/api/users/${ids.shegong2}`, { supervisorId: ids.dudao, version: u.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.supervisorId).toBe(ids.dudao);
  });
});
