// Resident search through the API against the same SQL run directly.
//
// The app runs in this process on a real port; requests go over keep-alive HTTP one at a time from a
// client on its own thread, which times each one with performance.now(). The SQL of each scenario is not rebuilt by hand: one API
// request is made with a query logger switched on, and the statements it ran — the page select
// and the count of listResidents, with their parameters — are replayed through a plain pg.Pool,
// both at once as the service runs them. Raw and API requests alternate, so that load from
// both at once as the service runs them (prepared under the same names where the app prepared them).
// Raw and API requests alternate, so that load from
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { connect } from '../server/db/client';
import { explain, type PlanSummary } from './explain';
import { BENCH_PASSWORD, BENCH_USERS } from './generate';

export type Scenario = { label: string; user: keyof typeof BENCH_USERS; query: Record<string, string | number> };
export type Stats = { p50: number; p95: number; mean: number; max: number };
/** A statement as the app sent it; `name` when it was a prepared (named) one. */
export type Statement = { sql: string; params: unknown[]; name?: string; start?: number; end?: number };

export type ScenarioResult = {
  scenario: Scenario;
  path: string;
  total: number;
  raw: Stats;
  api: Stats;
  /** Every SELECT of one API request replayed in the API's order: the database's share of its time. */
  allSql: Stats;
  /** The stages of that replay: session and scope, then page ‖ count, then tags ‖ community names. */
  stages: { before: Stats; list: Stats; after: Stats };
  statementsPerRequest: number;
  page: Statement & { plan: PlanSummary };
  count: Statement & { plan: PlanSummary };
  met: boolean;
};

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { p50: q(0.5), p95: q(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s[s.length - 1] };
}

/** The target of the brief: the API adds at most 2× the raw p95 plus 2 ms, and answers within 50 ms. */
export const targetMet = (raw: Stats, api: Stats) => api.p95 <= 2 * raw.p95 + 2 && api.p95 < 50;

type Reply = { status: number; body: string; cookies: string[]; ms: number };

/**
 * Keep-alive HTTP from a worker thread (http-client.worker.mjs), one request at a time. The client
 * must not share the server's event loop: its own work (building requests, reading and parsing
 * answers) would otherwise be counted as the API's time.
 */
function httpClient(port: number) {
  const worker = new Worker(new URL('./http-client.worker.mjs', import.meta.url), { workerData: { port } });
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.on('message', (m: Reply & { id: number; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.reject(new Error(m.error));
    else w?.resolve(m);
  });
  const send = (method: string, path: string, headers: Record<string, string>, body?: string, parse = false) =>
    new Promise<Reply>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, method, path, headers, body, parse });
    });
  return {
    send,
    close: async () => {
      worker.postMessage('close');
      await new Promise((r) => worker.once('exit', r));
    },
  };
}

export type Harness = {
  app: FastifyInstance;
  port: number;
  pool: pg.Pool;
  /** Logs a bench user in: a key of BENCH_USERS, or a username (the case bench's staff). */
  login: (user: string) => Promise<{ cookie: string; csrf: string; communityIds: string[] }>;
  /** GET through the client thread; `ms` is the latency it measured, the answer parsed. */
  get: (path: string, cookie: string) => Promise<Reply>;
  /** Runs fn with the query log on and returns what ran. */
  capture: (fn: () => Promise<unknown>) => Promise<Statement[]>;
  close: () => Promise<void>;
};

/** The app on a free port over its own pool (with a query log), and a plain pool for the raw SQL. */
export async function startHarness(url: string, dataDir?: string): Promise<Harness> {
  const log: { on: boolean; list: Statement[] } = { on: false, list: [] };
  // The app's pool exactly as `connect` makes it (session settings included), with a query log on
  // the pool itself: it sees the statements Drizzle builds and the named ones sent directly.
  const appDb = connect(url);
  const appPool = appDb.$client;
  const query = appPool.query.bind(appPool) as (...args: unknown[]) => unknown;
  (appPool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (log.on) {
      const [first, second] = args as [string | { text: string; name?: string; values?: unknown[] }, unknown[] | undefined];
      const entry: Statement =
        typeof first === 'string'
          ? { sql: first, params: [...(second ?? [])] }
          : { sql: first.text, params: [...(first.values ?? second ?? [])], name: first.name };
      entry.start = performance.now();
      log.list.push(entry);
      const p = query(...args) as Promise<unknown>;
      // When it ended tells which statements the app ran side by side (see measure-requests.ts).
      p.then(() => (entry.end = performance.now()), () => (entry.end = performance.now()));
      return p;
    }
    return query(...args);
  };
  const db = appDb;
  // LINLI_LOGIN_RATE_PER_MINUTE allows at most 10,000; far more than the bench's few logins.
  const config = loadConfig({ LOG_LEVEL: 'silent', LINLI_LOGIN_RATE_PER_MINUTE: '10000', ...(dataDir ? { LINLI_DATA_DIR: dataDir } : {}) } as NodeJS.ProcessEnv);
  const app = await buildApp({ db, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const client = httpClient(port);
  // The raw side: a plain pg.Pool with the same connection settings.
  const pool = connect(url, { max: 4 }).$client;
  return {
    app, port, pool,
    login: async (user) => {
      const username = BENCH_USERS[user as keyof typeof BENCH_USERS] ?? user;
      const res = await client.send('POST', '/api/auth/login', { 'content-type': 'application/json' }, JSON.stringify({ username, password: BENCH_PASSWORD }));
      if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${res.body}`);
      const cookie = res.cookies.find((c) => c.startsWith('linli_sid='));
      if (!cookie) throw new Error('login answered no session cookie');
      const { data } = JSON.parse(res.body) as { data: { csrfToken: string; communities: { id: string }[] } };
      return { cookie, csrf: data.csrfToken, communityIds: data.communities.map((c) => c.id) };
    },
    get: (path, cookie) => client.send('GET', path, { cookie }, undefined, true),
    capture: async (fn) => {
      log.list = [];
      log.on = true;
      try {
        await fn();
      } finally {
        log.on = false;
      }
      return log.list;
    },
    close: async () => {
      await client.close();
      await app.close();
      await appPool.end();
      await pool.end();
    },
  };
}

/** Runs a statement as the app ran it: a named one is prepared once per connection, here as there. */
export const run = (pool: pg.Pool, st: Statement) => pool.query(st.name ? { name: st.name, text: st.sql, values: st.params } : { text: st.sql, values: st.params });

const isSelect = (s: Statement) => /^\s*(with|select)\b/i.test(s.sql);

/** Picks the page select and the count of listResidents out of one request's statements. */
function listStatements(all: Statement[]) {
  const fromResidents = all.filter((s) => /from "residents"/.test(s.sql) && isSelect(s));
  const page = fromResidents.find((s) => /\blimit \$\d+/.test(s.sql));
  const count = fromResidents.find((s) => /^select count\(\*\)/.test(s.sql));
  if (!page || !count) throw new Error(`could not find the list's page and count statements among:\n${all.map((s) => s.sql).join('\n')}`);
  return { page, count, pageIndex: all.indexOf(page), countIndex: all.indexOf(count) };
}

export async function measureScenario(h: Harness, s: Scenario, cookie: string, opts: { requests: number; warmup: number }): Promise<ScenarioResult> {
  const path = `/api/residents?${new URLSearchParams(Object.fromEntries(Object.entries(s.query).map(([k, v]) => [k, String(v)])))}`;
  let total = -1;
  const all = await h.capture(async () => {
    const res = await h.get(path, cookie);
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${res.body}`);
    total = JSON.parse(res.body).total;
  });
  const { page, count, pageIndex, countIndex } = listStatements(all);
  const before = all.slice(0, Math.min(pageIndex, countIndex)).filter(isSelect);
  const after = all.slice(Math.max(pageIndex, countIndex) + 1).filter(isSelect);

  const api = async () => {
    const res = await h.get(path, cookie);
    if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
    return res.ms;
  };
  const raw = async () => {
    const [, c] = await Promise.all([run(h.pool, page), run(h.pool, count)]);
    if (Number(c.rows[0].count) !== total) throw new Error(`raw count ${c.rows[0].count} ≠ API total ${total} for ${s.label}`);
  };
  // The API's database work in its order: session and scope, then page ‖ count, then tags ‖ community names.
  const stageTimes = { before: [] as number[], list: [] as number[], after: [] as number[] };
  const allSql = async (record: boolean) => {
    const t0 = performance.now();
    for (const st of before) await run(h.pool, st);
    const t1 = performance.now();
    await Promise.all([run(h.pool, page), run(h.pool, count)]);
    const t2 = performance.now();
    await Promise.all(after.map((st) => run(h.pool, st)));
    if (record) {
      stageTimes.before.push(t1 - t0);
      stageTimes.list.push(t2 - t1);
      stageTimes.after.push(performance.now() - t2);
    }
  };
  // A function that answers its own latency (the API, timed on the client thread) is taken at its word.
  const time = async (fn: () => Promise<void | number>, into: number[]) => {
    const t = performance.now();
    const measured = await fn();
    into.push(typeof measured === 'number' ? measured : performance.now() - t);
  };
  const ignore: number[] = [];
  for (let i = 0; i < opts.warmup; i++) {
    await time(raw, ignore);
    await time(api, ignore);
    await time(() => allSql(false), ignore);
  }
  const t = { raw: [] as number[], api: [] as number[], allSql: [] as number[] };
  for (let i = 0; i < opts.requests; i++) {
    await time(raw, t.raw);
    await time(api, t.api);
    await time(() => allSql(true), t.allSql);
  }
  const rawStats = stats(t.raw);
  const apiStats = stats(t.api);
  return {
    scenario: s,
    path,
    total,
    raw: rawStats,
    api: apiStats,
    allSql: stats(t.allSql),
    stages: { before: stats(stageTimes.before), list: stats(stageTimes.list), after: stats(stageTimes.after) },
    statementsPerRequest: all.length,
    page: { ...page, plan: await explain(h.pool, page.sql, page.params) },
    count: { ...count, plan: await explain(h.pool, count.sql, count.params) },
    met: targetMet(rawStats, apiStats),
  };
}

const reverse = (s: string) => [...s].reverse().join('');

/** The scenarios: search values that exist in the worker's communities are read from the data. */
export async function scenarios(pool: pg.Pool, workerCommunityIds: string[]): Promise<Scenario[]> {
  const tail = async (pattern: string) => {
    const { rows } = await pool.query<{ rev: string }>(
      `select id_number_rev as rev from residents where community_id = any($1::uuid[]) and archived_at is null and id_number_rev ~ $2 order by id limit 1`,
      [workerCommunityIds, pattern],
    );
    if (!rows.length) throw new Error(`no ID number tail matching ${pattern} in the worker's communities`);
    return reverse(rows[0].rev);
  };
  const digits6 = await tail('^[0-9]{6}$');
  const withX = await tail('^X[0-9]{5}$');
  return [
    { label: '姓名包含 伟芳 (2 chars)', user: 'worker', query: { q: '伟芳' } },
    { label: '全名 张三丰', user: 'worker', query: { q: '张三丰' } },
    { label: '拼音首字母 zsf', user: 'worker', query: { q: 'zsf' } },
    { label: '全拼前缀 zhangsan', user: 'worker', query: { q: 'zhangsan' } },
    { label: `证件号后4位 ${digits6.slice(-4)}`, user: 'worker', query: { q: digits6.slice(-4) } },
    { label: `证件号后6位 ${withX}`, user: 'worker', query: { q: withX } },
    { label: '标签 独居老人', user: 'worker', query: { tags: 'elderly_living_alone' } },
    { label: '无条件 第1页', user: 'worker', query: {} },
    { label: '无条件 第50页', user: 'worker', query: { page: 50, pageSize: 20 } },
    { label: '街道: 无条件 第1页', user: 'street', query: {} },
    { label: '街道: 姓名包含 伟芳', user: 'street', query: { q: '伟芳' } },
    { label: '街道: 标签 独居老人 第10页', user: 'street', query: { tags: 'elderly_living_alone', page: 10 } },
  ];
}
