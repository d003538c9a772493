import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../common/permissions';
import type { Database } from '../db/client';
import { resolveSession, type AuthSettings } from '../modules/auth/auth.service';
import { writeAudit } from '../modules/audit/audit.service';
import type { Actor } from './actor';
import { AppError } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `public`: no session needed; `session`: any logged-in user; else the permission the route needs. */
    auth?: 'public' | 'session' | Permission;
    /**
     * Reachable while the user must still change their password or enrol a second factor (me,
     * logout, change password, enrolment).
     */
    duringSetup?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionExpired: boolean;
  }
}

export const SESSION_COOKIE = 'linli_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The auth rule of the route a request matched. Taken from the matched route, not from `req.url`:
 * the router decodes the path, so `/%61pi/residents` reaches the residents routes while its raw
 * URL does not start with `/api/`.
 */
const routeAuth = (req: FastifyRequest) => req.routeOptions.config?.auth;

/** The signed-in actor of a request whose route required a session. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('auth.required', 401);
  return req.actor;
}

/**
 * Session → actor on every request to a route that is not public, then one check per route: a
 * session, the route's permission, CSRF on state-changing requests. Every route must declare
 * `config.auth`, or the app refuses to start (deny by default).
 */
export function registerAuth(app: FastifyInstance, { db, settings }: { db: Database; settings: AuthSettings }) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.auth) throw new Error(`route ${route.method} ${route.url} declares no config.auth`);
  });

  // Everything is decided before the body is parsed and validated: a caller without a session or
  // without the route's permission learns nothing from the input rules (401/403 come before 400).
  app.addHook('onRequest', async (req, reply) => {
    const auth = routeAuth(req);
    if (!auth) return;
    if (!SAFE_METHODS.has(req.method)) checkOrigin(req);
    if (auth === 'public') return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const res = await resolveSession({ db, settings, token, ctx: { ip: req.ip, requestId: req.id } });
      if (res === 'expired') req.sessionExpired = true;
      else if (res) {
        req.actor = res.actor;
        req.csrfToken = res.csrfToken;
      }
    }
    await checkAccess(req, reply, auth);
  });

  async function checkAccess(req: FastifyRequest, reply: FastifyReply, auth: 'session' | Permission) {
    const actor = req.actor;
    if (!actor) {
      if (req.sessionExpired) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError(req.sessionExpired ? 'auth.session_expired' : 'auth.required', 401);
    }
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.csrfToken) {
      throw new AppError('auth.csrf', 403);
    }
    if (!req.routeOptions.config.duringSetup) {
      if (actor.mustChangePassword) throw new AppError('auth.password_change_required', 403);
      if (actor.mustEnrolSecondFactor) throw new AppError('auth.second_factor_enrolment_required', 403);
    }
    if (auth !== 'session' && !actor.permissions.has(auth)) {
      await writeAudit({
        db,
        actor,
        action: 'auth.denied',
        outcome: 'denied',
        detail: { method: req.method, route: req.routeOptions.url, permission: auth },
      });
      throw new AppError('auth.forbidden', 403);
    }
  }
}

/** A browser sends Origin on cross-site writes: it must be this host. */
function checkOrigin(req: FastifyRequest) {
  const origin = req.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('auth.csrf', 403);
  }
  if (host !== req.headers.host) throw new AppError('auth.csrf', 403);
}
