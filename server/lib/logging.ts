import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config';

/** Secrets a log line must never show, wherever a header object ends up in it. */
const SECRET_HEADERS = ['headers.cookie', 'headers.authorization', 'headers["x-csrf-token"]', 'headers["set-cookie"]'];

type PgError = Error & { code?: string; severity?: string; routine?: string; constraint?: string; table?: string; column?: string };

/**
 * Errors as logged. A failed query's message lists its parameters (names, phone numbers, ID
 * numbers), and PostgreSQL's own message and detail quote the values it refused
 * (`invalid input syntax …: "…"`, `Key (…)=(…)`): both are left out, the SQL text (with $n
 * placeholders), the SQLSTATE and where it failed are kept (个人信息保护法 第51条: measures against
 * leaks; the log is not an audited place).
 */
export function serializeError(err: unknown, depth = 0): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: '', stack: '' };
  const e = err as PgError & { query?: unknown; params?: unknown; cause?: unknown };
  const stack = e.stack?.split('\n').filter((l) => /^\s+at /.test(l)).join('\n') ?? '';
  const cause = e.cause !== undefined && depth < 3 ? { cause: serializeError(e.cause, depth + 1) } : {};
  if (Array.isArray(e.params) && typeof e.query === 'string') return { type: e.name, message: `Failed query: ${e.query}`, stack, ...cause };
  if (typeof e.severity === 'string' && typeof e.code === 'string') {
    return { type: e.name, message: `PostgreSQL ${e.code}`, code: e.code, routine: e.routine, constraint: e.constraint, table: e.table, column: e.column, stack };
  }
  return { type: e.name, message: e.message, code: e.code, stack: e.stack ?? '', ...cause };
}

/**
 * The API's logger: requests by method and route (a search carries names, ID and phone tails in its
 * query string, so the query is never logged), errors without the values they carry, secret
 * headers redacted. `stream` is where lines go (tests read it); stdout when absent.
 */
export function loggerOptions(config: Pick<Config, 'logLevel'>, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    serializers: {
      // The matched route's pattern (`/api/residents/:id`): neither the query nor what stands in a parameter.
      req: (req) => ({ method: req.method, url: req.routeOptions?.url ?? req.url.split('?')[0], remoteAddress: req.ip }),
      err: serializeError,
    },
    redact: { paths: SECRET_HEADERS.flatMap((h) => [h, `*.${h}`]), censor: '[redacted]' },
  };
}
