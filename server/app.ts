import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/client';
import { registerAuth } from './lib/auth';
import type { RoutesPlugin } from './lib/deps';
import { registerErrorHandler } from './lib/http';
import { registerInputCheck } from './lib/input';
import { loggerOptions } from './lib/logging';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { householdsRoutes } from './modules/households/households.routes';
import { orgsRoutes } from './modules/orgs/orgs.routes';
import { residentsRoutes } from './modules/residents/residents.routes';
import { usersRoutes } from './modules/users/users.routes';
import { casesRoutes } from './modules/cases/cases.routes';
import { assessmentsRoutes } from './modules/assessments/assessments.routes';
import { referralsRoutes } from './modules/referrals/referrals.routes';
import { networksRoutes } from './modules/networks/networks.routes';
import { safeguardingRoutes } from './modules/safeguarding/safeguarding.routes';
import { todoRoutes } from './modules/todo/todo.routes';
import { settingsRoutes } from './modules/settings/settings.routes';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** Every module, explicitly, with its URL prefix. */
const MODULES: [string, RoutesPlugin][] = [
  ['/api/auth', authRoutes],
  ['/api/orgs', orgsRoutes],
  ['/api/users', usersRoutes],
  ['/api/audit', auditRoutes],
  ['/api/residents', residentsRoutes],
  ['/api/households', householdsRoutes],
  ['/api/dashboard', dashboardRoutes],
  // 个案 and what hangs on a case. Case sub-resources (`/api/cases/:id/assessments` …) are routes of
  // their own module under the `/api` prefix.
  ['/api/cases', casesRoutes],
  ['/api', assessmentsRoutes],
  ['/api', referralsRoutes],
  ['/api', networksRoutes],
  ['/api', safeguardingRoutes],
  ['/api', todoRoutes],
  ['/api/settings', settingsRoutes],
];

/** `logStream` receives the log lines instead of stdout (tests read it). */
export async function buildApp({ db, config, logStream }: { db: Database; config: Config; logStream?: NodeJS.WritableStream }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, logStream),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a cross-site HTML form can send text/plain but never application/json.
  app.removeContentTypeParser('text/plain');

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });

  if (config.apiDocs) {
    await app.register(swagger, {
      openapi: { info: { title: '邻里 Linli API', version: '0.1.0', description: '社区社会工作服务信息系统 (MZ/T 071—2016)' } },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  }

  registerErrorHandler(app);
  registerAuth(app, { db, settings: config });
  registerInputCheck(app);
  // Decided by the matched route, not the raw URL (which may be percent-encoded).
  app.addHook('onSend', async (req, reply) => {
    const route = req.routeOptions.url ?? req.url;
    if (!route.startsWith('/api/docs') && (route.startsWith('/api/') || req.url.startsWith('/api/'))) reply.header('Cache-Control', 'no-store');
  });

  app.get('/api/health', { config: { auth: 'public' }, schema: { tags: ['system'] } }, async (_req, reply) => {
    try {
      await db.execute(sql`select 1`);
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => {
    if (!config.apiDocs) return { openapi: '3.0.3', info: { title: 'Linli', version: '0.1.0' }, paths: {} };
    return app.swagger();
  });

  for (const [prefix, plugin] of MODULES) {
    await app.register(async (scoped) => plugin(scoped, { db, config }), { prefix });
  }

  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] });
    // The web app routes on the client: any non-API path answers index.html.
    app.get('/*', { config: { auth: 'public' } }, (req, reply) => {
      if (req.url.startsWith('/api/')) {
        return reply.status(404).send({ error: { code: 'route.not_found', message: '请求的地址不存在。' } });
      }
      return reply.sendFile('index.html', { maxAge: 0 });
    });
  }
  return app;
}
