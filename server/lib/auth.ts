import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../common/permissions';
import type { Db } from '../db/client';
import { resolveSession, type AuthSettings } from '../modules/auth/auth.service';
import { writeAudit } from '../modules/audit/audit.service';
import type { Actor } from './actor';
import { AppError } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `public`: no session needed; `session`: any logged-in user; else the permission the route needs. */
    auth?: 'public' | 'session' | Permission;
    /** Reachable while the user must still change their password (me, logout, change password). */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionExpired: boolean;
  }
}

export const SESSION_COOKIE = 'linli_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in actor of a request whose route required a session. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('auth.required', 401);
  return req.actor;
}

/**
 * Session → actor on every /api request, then one check per route: a session when the route is
 * not public, the route's permission, CSRF on state-changing requests. Every route must declare
 * `config.auth`, or the app refuses to start (deny by default).
 */
export function registerAuth(app: FastifyInstance, { db, settings }: { db: Db; settings: AuthSettings }) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.auth) throw new Error(`route ${route.method} ${route.url} declares no config.auth`);
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const res = await resolveSession({ db, settings, token, ctx: { ip: req.ip, requestId: req.id } });
    if (res === 'expired') req.sessionExpired = true;
    else if (res) {
      req.actor = res.actor;
      req.csrfToken = res.csrfToken;
    }
  });

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = req.routeOptions.config?.auth;
    if (!auth || !req.url.startsWith('/api/')) return;
    if (!SAFE_METHODS.has(req.method)) checkOrigin(req);
    if (auth === 'public') return;
    const actor = req.actor;
    if (!actor) {
      if (req.sessionExpired) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError(req.sessionExpired ? 'auth.session_expired' : 'auth.required', 401);
    }
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.csrfToken) {
      throw new AppError('auth.csrf', 403);
    }
    if (actor.mustChangePassword && !req.routeOptions.config.duringPasswordChange) {
      throw new AppError('auth.password_change_required', 403);
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
  });
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
