import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every setting Linli reads from the environment, with a default that works on a fresh machine
 * with no `.env`. Documented in README.md § Configuration.
 */
const envSchema = z.object({
  /** External PostgreSQL (≥ 15). Unset: Linli starts its own embedded server in `LINLI_DATA_DIR/pg`. */
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded database, the data key and uploads live. */
  LINLI_DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Seed the demo on an empty embedded database. Never applies to DATABASE_URL (use `npm run seed:demo`). */
  LINLI_DEMO: bool.default(true),
  /** Session idle timeout and absolute lifetime, in minutes. */
  LINLI_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LINLI_SESSION_ABSOLUTE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(12 * 60),
  /** Consecutive failed logins before an account is locked, and for how long. */
  LINLI_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LINLI_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Login attempts allowed per client IP per minute. */
  LINLI_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** 32-byte key (base64) that encrypts 身份证号 and 手机号 at rest. Unset: generated once into LINLI_DATA_DIR/secret.key. */
  LINLI_DATA_KEY: z.string().optional(),
  /** Set the Secure flag on the session cookie (enable behind HTTPS). */
  LINLI_SECURE_COOKIES: bool.default(false),
  /** Trust X-Forwarded-For from a reverse proxy (only behind one you control). */
  LINLI_TRUST_PROXY: bool.default(false),
  /** Serve Swagger UI at /api/docs. */
  LINLI_API_DOCS: bool.default(true),
  /** Build the web app at start when it has no build or its sources changed (off when developing with `npm run dev:web`). */
  LINLI_BUILD_WEB: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  demo: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  loginMaxFailures: number;
  loginLockMs: number;
  loginRatePerMinute: number;
  dataKey?: string;
  secureCookies: boolean;
  trustProxy: boolean;
  apiDocs: boolean;
  buildWeb: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
};

/** Parses the environment; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.LINLI_DATA_DIR),
    port: e.PORT,
    host: e.HOST,
    demo: e.LINLI_DEMO,
    sessionIdleMs: e.LINLI_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.LINLI_SESSION_ABSOLUTE_MINUTES * 60_000,
    loginMaxFailures: e.LINLI_LOGIN_MAX_FAILURES,
    loginLockMs: e.LINLI_LOGIN_LOCK_MINUTES * 60_000,
    loginRatePerMinute: e.LINLI_LOGIN_RATE_PER_MINUTE,
    dataKey: e.LINLI_DATA_KEY,
    secureCookies: e.LINLI_SECURE_COOKIES,
    trustProxy: e.LINLI_TRUST_PROXY,
    apiDocs: e.LINLI_API_DOCS,
    buildWeb: e.LINLI_BUILD_WEB,
    logLevel: e.LOG_LEVEL,
  };
}
