import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientFor, login, useTestApp, type Client } from '../../testing/app';

const PASSWORD = 'Factor2024pass';
const MISSING = '00000000-0000-4000-8000-000000000000';

/** The code an authenticator app shows for this secret, `steps` periods from now. */
const codeOf = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + steps * 30_000 });

describe('second factor (TOTP)', () => {
  const t = useTestApp();
  let admin: Client;
  let serial = 0;

  const post = (c: Client, url: string, body?: Record<string, unknown>) => c.post(url, body);
  const anonLogin = (username: string, extra: Record<string, string> = {}) => t.anon.post('/api/auth/login', { username, password: PASSWORD, ...extra });
  const clientOf = (res: Awaited<ReturnType<typeof anonLogin>>, username: string) =>
    clientFor(t.app, res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), res.json().data.csrfToken, username);
  /** Lets the next code of the same step be accepted again, as if time had passed. */
  const forgetLastStep = (username: string) => t.db.execute(sql`update users set totp_last_step = null where username = ${username}`);

  /** A new user of the role, signed in with their own password (the one-time code spent). */
  const newUser = async (role: string) => {
    const username = `factor${serial++}`;
    const created = await post(admin, '/api/users', { username, displayName: `测试 ${username}`, role });
    expect(created.statusCode, created.body).toBe(201);
    const c = await login(t.app, username, created.json().oneTimeCode);
    expect((await post(c, '/api/auth/password', { newPassword: PASSWORD })).statusCode).toBe(200);
    return { id: created.json().data.id as string, username, client: c };
  };

  /** A user of the role with the second factor on: their secret and recovery codes. */
  const enrolled = async (role = 'supervisor') => {
    const u = await newUser(role);
    const { secret } = (await post(u.client, '/api/auth/second-factor/setup')).json().data;
    const confirmed = await post(u.client, '/api/auth/second-factor/confirm', { code: codeOf(secret) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    await forgetLastStep(u.username);
    return { ...u, secret: secret as string, recoveryCodes: confirmed.json().data.recoveryCodes as string[] };
  };

  const auditCount = async (action: string, username: string) => {
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action} and actor_username = ${username}`);
    return rows[0].n;
  };

  beforeAll(async () => {
    admin = await t.as('admin');
  });

  it('leads a supervisor without a second factor to enrol right after the password, and to nothing else', async () => {
    const u = await newUser('supervisor');
    const me = (await u.client.get('/api/auth/me')).json().data;
    expect(me).toMatchObject({ mustChangePassword: false, mustEnrolSecondFactor: true });
    const refused = await u.client.get('/api/residents');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.second_factor_enrolment_required');
    expect((await u.client.get('/api/auth/second-factor')).json().data).toMatchObject({ enabled: false, required: true, exempt: false });

    const setup = await post(u.client, '/api/auth/second-factor/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json().data;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.searchParams.get('issuer')).toBe('邻里 Linli');
    expect(parsed.searchParams.get('secret')).toBe(secret);
    expect(decodeURIComponent(parsed.pathname)).toContain(u.username);

    const wrong = await post(u.client, '/api/auth/second-factor/confirm', { code: codeOf(secret, 5) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0]).toMatchObject({ field: 'code', code: 'auth.invalid_code' });
    const ok = await post(u.client, '/api/auth/second-factor/confirm', { code: codeOf(secret) });
    expect(ok.statusCode, ok.body).toBe(200);
    const codes = ok.json().data.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(ok.json().data.me.mustEnrolSecondFactor).toBe(false);
    expect((await u.client.get('/api/residents')).statusCode).toBe(200);
    expect(await auditCount('auth.second_factor_enabled', u.username)).toBe(1);
    expect(await auditCount('auth.second_factor_failed', u.username)).toBe(1);

    // At rest: the secret encrypted with the data key, the recovery codes as keyed hashes.
    const { rows } = await t.db.execute<{ secret: string; pending: string | null; hashes: string[] }>(sql`
      select u.totp_secret as secret, u.totp_pending_secret as pending, array(select code_hash from recovery_codes r where r.user_id = u.id) as hashes
        from users u where u.id = ${u.id}`);
    expect(rows[0].secret).toMatch(/^v1\./);
    expect(rows[0].secret).not.toContain(secret);
    expect(rows[0].pending).toBeNull();
    expect(rows[0].hashes).toHaveLength(10);
    for (const c of codes) expect(rows[0].hashes.join()).not.toContain(c.replace('-', ''));
  });

  it('answers a right password alone with "second factor required" and no session cookie', async () => {
    const u = await enrolled();
    const res = await anonLogin(u.username);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.second_factor_required');
    expect(res.cookies).toHaveLength(0);
    expect(res.headers['set-cookie']).toBeUndefined();
    const wrongPassword = await t.anon.post('/api/auth/login', { username: u.username, password: 'nope', totp: codeOf(u.secret) });
    expect(wrongPassword.json().error.code).toBe('auth.invalid_credentials');
  });

  it('opens the session only with a right code, and takes each code once', async () => {
    const u = await enrolled();
    const code = codeOf(u.secret);
    const res = await anonLogin(u.username, { totp: code });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.cookies.find((c) => c.name === 'linli_sid')).toBeDefined();
    expect((await clientOf(res, u.username).get('/api/residents')).statusCode).toBe(200);
    const again = await anonLogin(u.username, { totp: code });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('auth.invalid_second_factor');
    expect(again.cookies).toHaveLength(0);
    // An earlier step after a later one was accepted: refused too.
    expect((await anonLogin(u.username, { totp: codeOf(u.secret, -1) })).statusCode).toBe(401);
    const { rows } = await t.db.execute<{ detail: { secondFactor: string } }>(
      sql`select detail from audit_log where action = 'auth.login' and actor_username = ${u.username} order by id desc limit 1`,
    );
    expect(rows[0].detail).toEqual({ secondFactor: 'totp' });
  });

  it('accepts a code one step off either way, and no further', async () => {
    const u = await enrolled();
    expect((await anonLogin(u.username, { totp: codeOf(u.secret, 2) })).statusCode).toBe(401);
    expect((await anonLogin(u.username, { totp: codeOf(u.secret, -2) })).statusCode).toBe(401);
    expect((await anonLogin(u.username, { totp: codeOf(u.secret, -1) })).statusCode).toBe(200);
    await forgetLastStep(u.username);
    expect((await anonLogin(u.username, { totp: codeOf(u.secret, 1) })).statusCode).toBe(200);
  });

  it('counts wrong codes toward the account lock like wrong passwords, and audits them', async () => {
    const u = await enrolled();
    for (let i = 0; i < 4; i++) expect((await anonLogin(u.username, { totp: '000000' })).statusCode).toBe(401);
    expect((await anonLogin(u.username, { totp: '000000' })).statusCode).toBe(423);
    expect((await anonLogin(u.username, { totp: codeOf(u.secret) })).statusCode).toBe(423);
    const { rows } = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'auth.login_failed' and actor_username = ${u.username} and detail->>'reason' = 'wrong_second_factor'`,
    );
    expect(rows[0].n).toBe(5);
    expect(await auditCount('auth.account_locked', u.username)).toBe(1);
  });

  it('signs in once with each recovery code, in any case and without the dash, and audits it', async () => {
    const u = await enrolled();
    const [first] = u.recoveryCodes;
    const res = await anonLogin(u.username, { recoveryCode: first.replace('-', '').toLowerCase() });
    expect(res.statusCode, res.body).toBe(200);
    expect((await anonLogin(u.username, { recoveryCode: first })).statusCode).toBe(401);
    const { rows } = await t.db.execute<{ detail: { left: number } }>(
      sql`select detail from audit_log where action = 'auth.recovery_code_used' and actor_username = ${u.username}`,
    );
    expect(rows.map((r) => r.detail.left)).toEqual([9]);
    expect((await clientOf(res, u.username).get('/api/auth/second-factor')).json().data.recoveryCodesLeft).toBe(9);
  });

  it('renews the recovery codes after a code: the old ones stop working', async () => {
    const u = await enrolled();
    const c = clientOf(await anonLogin(u.username, { totp: codeOf(u.secret) }), u.username);
    const bad = await post(c, '/api/auth/second-factor/recovery-codes', { code: '123456' });
    expect(bad.statusCode).toBe(400);
    await forgetLastStep(u.username);
    const res = await post(c, '/api/auth/second-factor/recovery-codes', { code: codeOf(u.secret) });
    expect(res.statusCode, res.body).toBe(200);
    const fresh = res.json().data.recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect((await anonLogin(u.username, { recoveryCode: u.recoveryCodes[1] })).statusCode).toBe(401);
    expect((await anonLogin(u.username, { recoveryCode: fresh[0] })).statusCode).toBe(200);
    expect(await auditCount('auth.recovery_codes_renewed', u.username)).toBe(1);
  });

  it('lets a social worker turn it on and off from their account, but not a supervisor off', async () => {
    const w = await enrolled('worker');
    expect((await w.client.get('/api/auth/second-factor')).json().data).toMatchObject({ enabled: true, required: false });
    expect((await anonLogin(w.username)).json().error.code).toBe('auth.second_factor_required');
    const c = clientOf(await anonLogin(w.username, { totp: codeOf(w.secret) }), w.username);
    await forgetLastStep(w.username);
    const off = await post(c, '/api/auth/second-factor/disable', { code: codeOf(w.secret) });
    expect(off.statusCode, off.body).toBe(200);
    expect((await anonLogin(w.username)).statusCode).toBe(200);
    expect(await auditCount('auth.second_factor_disabled', w.username)).toBe(1);

    const s = await enrolled('supervisor');
    const refused = await post(s.client, '/api/auth/second-factor/disable', { code: codeOf(s.secret) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.second_factor_required_by_role');
  });

  it('lets an administrator reset another user’s second factor: sessions end and the user enrols again', async () => {
    const u = await enrolled();
    const res = await post(admin, `/api/users/${u.id}/reset-second-factor`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.secondFactor).toEqual({ enabled: false, required: true, exempt: false });
    expect((await u.client.get('/api/auth/me')).statusCode).toBe(401);
    const again = await anonLogin(u.username);
    expect(again.statusCode).toBe(200);
    expect(again.json().data.mustEnrolSecondFactor).toBe(true);
    expect((await anonLogin(u.username, { recoveryCode: u.recoveryCodes[0] })).statusCode).toBe(200);
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from recovery_codes r join users x on x.id = r.user_id where x.username = ${u.username}`);
    expect(rows[0].n).toBe(0);
    const audit = await t.db.execute<{ actor: string }>(sql`select actor_username as actor from audit_log where action = 'users.reset_second_factor' and entity_id = ${u.id}`);
    expect(audit.rows.map((r) => r.actor)).toEqual(['admin']);
  });

  it('does not let an administrator reset their own second factor, nor anyone else reset one', async () => {
    const me = (await admin.get('/api/auth/me')).json().data;
    const own = await post(admin, `/api/users/${me.id}/reset-second-factor`);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('users.cannot_reset_own_second_factor');
    expect((await post(admin, `/api/users/${MISSING}/reset-second-factor`)).statusCode).toBe(404);
    expect((await post(await t.as('dudao'), `/api/users/${me.id}/reset-second-factor`)).statusCode).toBe(403);
    expect((await t.anon.post(`/api/users/${me.id}/reset-second-factor`)).statusCode).toBe(401);
  });

  it('answers 401 without a session and 400 for a missing or malformed code', async () => {
    for (const url of ['/api/auth/second-factor/setup', '/api/auth/second-factor/confirm', '/api/auth/second-factor/disable', '/api/auth/second-factor/recovery-codes']) {
      expect((await t.anon.post(url, { code: '123456' })).statusCode, url).toBe(401);
    }
    expect((await t.anon.get('/api/auth/second-factor')).statusCode).toBe(401);
    const u = await newUser('worker');
    const missing = await post(u.client, '/api/auth/second-factor/confirm', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0]).toMatchObject({ field: 'code', code: 'required' });
    expect((await post(u.client, '/api/auth/second-factor/confirm', { code: '123456' })).json().error.code).toBe('auth.second_factor_not_started');
    expect((await post(u.client, '/api/auth/second-factor/disable', { code: '123456' })).json().error.code).toBe('auth.second_factor_off');
  });

  it('never lets the API set the demo exemption', async () => {
    const u = await newUser('supervisor');
    const res = await admin.patch(`/api/users/${u.id}`, { secondFactorExempt: true });
    expect(res.statusCode).toBe(400);
    const { rows } = await t.db.execute<{ exempt: boolean }>(sql`select second_factor_exempt as exempt from users where id = ${u.id}`);
    expect(rows[0].exempt).toBe(false);
  });

  it('keeps the demo accounts working with a password alone, and tells the login page while they exist', async () => {
    const demo = await t.anon.post('/api/auth/login', { username: 'dudao', password: 'demo1234' });
    expect(demo.statusCode).toBe(200);
    expect(demo.json().data.mustEnrolSecondFactor).toBe(false);
    expect((await t.anon.get('/api/auth/login-info')).json().data).toEqual({ exemptAccounts: true });
    const dudao = (await admin.get('/api/users?q=dudao')).json().data[0];
    expect(dudao.secondFactor).toEqual({ enabled: false, required: true, exempt: true });
    // The administrator's reset ends the exemption: 督导 陈静 enrols at the next login.
    expect((await post(admin, `/api/users/${dudao.id}/reset-second-factor`)).json().data.secondFactor.exempt).toBe(false);
    expect((await t.anon.post('/api/auth/login', { username: 'dudao', password: 'demo1234' })).json().data.mustEnrolSecondFactor).toBe(true);
    await t.db.execute(sql`update users set second_factor_exempt = false`);
    expect((await t.anon.get('/api/auth/login-info')).json().data).toEqual({ exemptAccounts: false });
  });
});
