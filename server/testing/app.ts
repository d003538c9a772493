import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import type { Database } from '../db/client';
import { DEMO_PASSWORD } from '../db/seed/demo.seed';
import { freshDatabase } from './db';

export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  ...loadConfig({ LOG_LEVEL: 'silent', LINLI_LOGIN_RATE_PER_MINUTE: '1000' } as NodeJS.ProcessEnv),
  ...overrides,
});

type Body = Record<string, unknown> | unknown[] | undefined;

/** A logged-in (or anonymous) caller of the API through app.inject, carrying cookie and CSRF token. */
export type Client = {
  username: string | null;
  cookie: string | null;
  csrf: string | null;
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: Body, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: Body) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: Body) => Promise<LightMyRequestResponse>;
  delete: (url: string) => Promise<LightMyRequestResponse>;
  inject: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
};

export function clientFor(app: FastifyInstance, cookie: string | null = null, csrf: string | null = null, username: string | null = null): Client {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(cookie ? { cookie } : {}),
    ...(csrf ? { 'x-csrf-token': csrf } : {}),
    ...extra,
  });
  const c: Client = {
    username,
    cookie,
    csrf,
    inject: (opts) => app.inject({ ...opts, headers: { ...headers(), ...(opts.headers as Record<string, string>) } }),
    get: (url, h) => app.inject({ method: 'GET', url, headers: headers(h) }),
    post: (url, body, h) => app.inject({ method: 'POST', url, headers: headers(h), ...(body !== undefined ? { payload: body as object } : {}) }),
    patch: (url, body) => app.inject({ method: 'PATCH', url, headers: headers(), payload: body as object }),
    put: (url, body) => app.inject({ method: 'PUT', url, headers: headers(), payload: body as object }),
    delete: (url) => app.inject({ method: 'DELETE', url, headers: headers() }),
  };
  return c;
}

/** Logs in through the API and returns a client for that user. */
export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} → ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return clientFor(app, cookie, res.json().data.csrfToken, username);
}

/**
 * For an API test file: a fresh cloned database and an app on it, torn down after the file.
 * Returns a getter object, since values exist only after beforeAll ran.
 */
export function useTestApp(overrides: Partial<Config> = {}) {
  const ctx = {} as { app: FastifyInstance; db: Database; anon: Client; as: (username: string) => Promise<Client> };
  let drop: () => Promise<void>;
  const sessions = new Map<string, Client>();
  beforeAll(async () => {
    const t = await freshDatabase();
    drop = t.drop;
    ctx.db = t.db;
    ctx.app = await buildApp({ db: t.db, config: testConfig(overrides) });
    ctx.anon = clientFor(ctx.app);
    ctx.as = async (username) => {
      if (!sessions.has(username)) sessions.set(username, await login(ctx.app, username));
      return sessions.get(username)!;
    };
  });
  afterAll(async () => {
    await ctx.app?.close();
    await drop?.();
  });
  return ctx;
}

type FilePart = { name: string; data: Buffer; type: string; field?: string };

/** A multipart/form-data body with fields and a `file` (or several files, each in its `field`), for app.inject. */
export function multipart(fields: Record<string, string>, file: FilePart | FilePart[]) {
  const boundary = `----linli${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of Array.isArray(file) ? file : [file]) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
