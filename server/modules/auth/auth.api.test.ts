import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { login, useTestApp } from '../../testing/app';

describe('auth API', () => {
  const t = useTestApp();

  it('answers health once the database answers', async () => {
    const res = await t.anon.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('logs in with a demo account and sets an HttpOnly SameSite session cookie', async () => {
    const res = await t.anon.post('/api/auth/login', { username: 'shegong1', password: 'demo1234' });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'linli_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.value.length).toBeGreaterThanOrEqual(43);
    const me = res.json().data;
    expect(me).toMatchObject({ username: 'shegong1', role: 'worker' });
    expect(me.communities.map((c: { name: string }) => c.name).sort()).toEqual(['曙光社区', '桃源社区']);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('gives an unknown user and a wrong password the same answer', async () => {
    const a = await t.anon.post('/api/auth/login', { username: 'nobody', password: 'demo1234' });
    const b = await t.anon.post('/api/auth/login', { username: 'jigou', password: 'wrong-password' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().error.code).toBe('auth.invalid_credentials');
  });

  it('locks an account after five failures for fifteen minutes, and audits it', async () => {
    for (let i = 0; i < 4; i++) expect((await t.anon.post('/api/auth/login', { username: 'zhiyuan', password: 'x' })).statusCode).toBe(401);
    const fifth = await t.anon.post('/api/auth/login', { username: 'zhiyuan', password: 'x' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('auth.locked');
    const right = await t.anon.post('/api/auth/login', { username: 'zhiyuan', password: 'demo1234' });
    expect(right.statusCode).toBe(423);
    const { rows } = await t.db.execute<{ action: string; n: number }>(
      sql`select action, count(*)::int as n from audit_log where actor_username = 'zhiyuan' group by action`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.action, r.n]))).toMatchObject({ 'auth.login_failed': 5, 'auth.account_locked': 1, 'auth.login_locked': 1 });
  });

  it('locks an unknown username the same way as a real one', async () => {
    for (let i = 0; i < 4; i++) await t.anon.post('/api/auth/login', { username: 'ghost', password: 'x' });
    expect((await t.anon.post('/api/auth/login', { username: 'ghost', password: 'x' })).statusCode).toBe(423);
  });

  it('answers 400 naming the field when the login body is incomplete', async () => {
    const res = await t.anon.post('/api/auth/login', { username: 'admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation.failed', details: [{ field: 'password', code: 'required' }] });
  });

  it('answers 401 to /me without a session, and the user with one', async () => {
    expect((await t.anon.get('/api/auth/me')).statusCode).toBe(401);
    const c = await t.as('jiedao');
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(200);
    expect(res.json().data.communities).toHaveLength(3);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = await login(t.app, 'dudao');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie! } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
  });

  it('refuses a cross-site Origin', async () => {
    const res = await t.anon.post('/api/auth/login', { username: 'admin', password: 'demo1234' }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
  });

  it('ends the session on logout: the old cookie no longer works', async () => {
    const c = await login(t.app, 'shegong2');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends an idle session after the idle timeout', async () => {
    const c = await login(t.app, 'jigou');
    await t.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes'`);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.session_expired');
  });

  it('ends a session at its absolute lifetime even when active', async () => {
    const c = await login(t.app, 'jigou');
    await t.db.execute(sql`update sessions set expires_at = now() - interval '1 second'`);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('changes the password with the current one; the old one stops working', async () => {
    const c = await login(t.app, 'shegong2');
    const bad = await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'abc12345xyz' });
    expect(bad.statusCode).toBe(400);
    const weak = await c.post('/api/auth/password', { currentPassword: 'demo1234', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0]).toMatchObject({ field: 'newPassword', code: 'password.weak' });
    expect((await c.post('/api/auth/password', { currentPassword: 'demo1234', newPassword: 'abc12345xyz' })).statusCode).toBe(200);
    expect((await t.anon.post('/api/auth/login', { username: 'shegong2', password: 'demo1234' })).statusCode).toBe(401);
    expect((await t.anon.post('/api/auth/login', { username: 'shegong2', password: 'abc12345xyz' })).statusCode).toBe(200);
  });

  it('asks for the current password of a user who chose their own', async () => {
    const c = await login(t.app, 'jiedao');
    const res = await c.post('/api/auth/password', { newPassword: 'abc12345xyz' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation.failed', details: [{ field: 'currentPassword', code: 'required' }] });
    expect((await t.anon.post('/api/auth/login', { username: 'jiedao', password: 'demo1234' })).statusCode).toBe(200);
  });

  it('stores passwords as argon2id hashes', async () => {
    const { rows } = await t.db.execute<{ h: string }>(sql`select password_hash as h from users where username = 'admin'`);
    expect(rows[0].h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('sends security headers', async () => {
    const res = await t.anon.get('/api/health');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('login rate limit per client IP', () => {
  const t = useTestApp({ loginRatePerMinute: 3 });

  it('answers 429 once an IP exceeds its logins per minute, whichever usernames it tries', async () => {
    for (const username of ['a1', 'a2', 'a3']) {
      expect((await t.anon.post('/api/auth/login', { username, password: 'x' })).statusCode).toBe(401);
    }
    const res = await t.anon.post('/api/auth/login', { username: 'shegong1', password: 'demo1234' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
  });
});
