import { inArray } from 'drizzle-orm';
import { changePasswordInput, loginInput, secondFactorCodeInput, type Me } from '../../../common/schemas/auth.schema';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { actorOf, SESSION_COOKIE } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { confirmEnrolment, disableSecondFactor, renewRecoveryCodes, secondFactorStatus, startEnrolment } from './auth.factor';
import { resolveSession, changePassword, exemptAccountsExist, login, logout } from './auth.service';
import { orgUnits } from '../orgs/orgs.table';

async function presentMe(db: Db, actor: Actor, csrfToken: string): Promise<Me> {
  const communities = actor.communityIds.length
    ? await db
        .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
        .from(orgUnits)
        .where(inArray(orgUnits.id, actor.communityIds))
        .orderBy(orgUnits.name)
    : [];
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    permissions: [...actor.permissions],
    communities,
    restrictedCommunityIds: actor.restrictedCommunityIds,
    mustChangePassword: actor.mustChangePassword,
    mustEnrolSecondFactor: !!actor.mustEnrolSecondFactor,
    csrfToken,
  };
}

export const authRoutes: RoutesPlugin = async (app, { db, config }) => {
  const r = zodApp(app);
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies } as const;

  r.post('/login', { schema: { body: loginInput, tags: ['auth'] }, config: { auth: 'public' } }, async (req, reply) => {
    const ctx = { ip: req.ip, requestId: req.id };
    const { token } = await login({ db, settings: config, ...req.body, ctx, userAgent: req.headers['user-agent'] });
    const session = await resolveSession({ db, settings: config, token, ctx });
    if (!session || session === 'expired') throw new Error('session vanished right after login');
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOpts, maxAge: Math.floor(config.sessionAbsoluteMs / 1000) });
    return { data: await presentMe(db, session.actor, session.csrfToken) };
  });

  r.get('/login-info', { schema: { tags: ['auth'] }, config: { auth: 'public' } }, async () => ({
    data: { exemptAccounts: await exemptAccountsExist(db) },
  }));

  r.post('/logout', { schema: { tags: ['auth'] }, config: { auth: 'session', duringSetup: true } }, async (req, reply) => {
    await logout({ db, actor: actorOf(req) });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.header('Clear-Site-Data', '"cache", "storage"');
    return { data: { ok: true } };
  });

  r.get('/me', { schema: { tags: ['auth'] }, config: { auth: 'session', duringSetup: true } }, async (req) => {
    return { data: await presentMe(db, actorOf(req), req.csrfToken!) };
  });

  r.post(
    '/password',
    { schema: { body: changePasswordInput, tags: ['auth'] }, config: { auth: 'session', duringSetup: true } },
    async (req) => {
      const actor = actorOf(req);
      await changePassword({ db, actor, ...req.body });
      return { data: await presentMe(db, { ...actor, mustChangePassword: false }, req.csrfToken!) };
    },
  );

  // The second factor (auth.factor.ts): enrolment is reachable before anything else, like the password change.
  const setup = { auth: 'session', duringSetup: true } as const;
  r.get('/second-factor', { schema: { tags: ['auth'] }, config: setup }, async (req) => ({ data: await secondFactorStatus({ db, actor: actorOf(req) }) }));

  r.post('/second-factor/setup', { schema: { tags: ['auth'] }, config: setup }, async (req) => ({ data: await startEnrolment({ db, actor: actorOf(req) }) }));

  r.post('/second-factor/confirm', { schema: { body: secondFactorCodeInput, tags: ['auth'] }, config: setup }, async (req) => {
    const actor = actorOf(req);
    const codes = await confirmEnrolment({ db, actor, code: req.body.code });
    return { data: { ...codes, me: await presentMe(db, { ...actor, mustEnrolSecondFactor: false }, req.csrfToken!) } };
  });

  r.post('/second-factor/recovery-codes', { schema: { body: secondFactorCodeInput, tags: ['auth'] }, config: { auth: 'session' } }, async (req) => ({
    data: await renewRecoveryCodes({ db, settings: config, actor: actorOf(req), code: req.body.code }),
  }));

  r.post('/second-factor/disable', { schema: { body: secondFactorCodeInput, tags: ['auth'] }, config: { auth: 'session' } }, async (req) => {
    await disableSecondFactor({ db, settings: config, actor: actorOf(req), code: req.body.code });
    return { data: { ok: true } };
  });
};
