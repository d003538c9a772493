// Case-work requests through the API against the same SQL run directly. Unlike the resident search
// (one page and one count), a case page or 我的待办 runs several statements, some side by side: one
// request is made with the query log on, each statement's start and end are taken, and statements
// that overlapped in time are replayed together (Promise.all), the others one after another — the
// shape of the app's own work. The session lookup and any writes are left out of the raw side, as in
// the resident search.
import type pg from 'pg';
import { run, stats, targetMet, type Harness, type Statement, type Stats } from './measure';

export type RequestScenario = { label: string; user: string; path: string };
export type RequestResult = { scenario: RequestScenario; raw: Stats; api: Stats; statements: number; batches: number; met: boolean; sql: Statement[][] };

const isRead = (s: Statement) => /^\s*(with|select)\b/i.test(s.sql) && s.name !== 'linli_resolve_session';

/** Statements grouped into the batches the app ran side by side. */
export function batches(all: Statement[]): Statement[][] {
  const out: Statement[][] = [];
  let end = -Infinity;
  for (const s of [...all].sort((a, b) => (a.start ?? 0) - (b.start ?? 0))) {
    const start = s.start ?? 0;
    if (out.length && start < end) {
      out[out.length - 1].push(s);
      end = Math.max(end, s.end ?? start);
    } else {
      out.push([s]);
      end = s.end ?? start;
    }
  }
  return out;
}

export async function measureRequest(h: Harness, s: RequestScenario, cookie: string, opts: { requests: number; warmup: number }): Promise<RequestResult> {
  const captured = await h.capture(async () => {
    const res = await h.get(s.path, cookie);
    if (res.status !== 200) throw new Error(`${s.path} → ${res.status} ${res.body}`);
  });
  const groups = batches(captured.filter(isRead));
  const raw = async () => {
    for (const g of groups) await Promise.all(g.map((st) => run(h.pool, st)));
  };
  const api = async () => {
    const res = await h.get(s.path, cookie);
    if (res.status !== 200) throw new Error(`${s.path} → ${res.status}`);
    return res.ms;
  };
  const t = { raw: [] as number[], api: [] as number[] };
  const time = async (fn: () => Promise<void | number>, into: number[]) => {
    const t0 = performance.now();
    const measured = await fn();
    into.push(typeof measured === 'number' ? measured : performance.now() - t0);
  };
  for (let i = 0; i < opts.warmup; i++) {
    await time(raw, []);
    await time(api, []);
  }
  for (let i = 0; i < opts.requests; i++) {
    await time(raw, t.raw);
    await time(api, t.api);
  }
  const rawStats = stats(t.raw);
  const apiStats = stats(t.api);
  return {
    scenario: s, raw: rawStats, api: apiStats, statements: groups.flat().length, batches: groups.length, met: targetMet(rawStats, apiStats), sql: groups,
  };
}

/** The case scenarios: the bench worker's 我的待办, case list and busiest open case; the street supervisor's. */
export async function caseScenarios(pool: pg.Pool, workerUsername: string): Promise<RequestScenario[]> {
  const { rows } = await pool.query<{ id: string }>(
    `select c.id from cases c join users u on u.id = c.lead_user_id where u.username = $1 and c.status = 'active' order by c.id limit 1`,
    [workerUsername],
  );
  const caseId = rows[0].id;
  return [
    { label: '我的待办 (社工)', user: 'worker', path: '/api/todo' },
    { label: '个案列表 第1页 (社工)', user: 'worker', path: '/api/cases' },
    { label: '个案列表 服务中·高风险 (社工)', user: 'worker', path: '/api/cases?status=active&riskLevel=high' },
    { label: '个案列表 按姓名 (社工)', user: 'worker', path: `/api/cases?q=${encodeURIComponent('王')}` },
    { label: '个案页面 (社工)', user: 'worker', path: `/api/cases/${caseId}` },
    { label: '服务记录 第1页 (社工)', user: 'worker', path: `/api/cases/${caseId}/records` },
    { label: '我的待办 (督导)', user: 'supervisor', path: '/api/todo' },
    { label: '个案列表 第1页 (督导, 街道)', user: 'supervisor', path: '/api/cases' },
  ];
}

const f = (n: number) => n.toFixed(2);
export function requestRows(results: RequestResult[]): string[][] {
  return results.map((r) => [
    r.scenario.label, String(r.statements), String(r.batches), f(r.raw.p50), f(r.raw.p95), f(r.api.p50), f(r.api.p95), `${(r.api.p95 / r.raw.p95).toFixed(2)}×`,
    f(2 * r.raw.p95 + 2), r.met ? 'yes' : 'NO',
  ]);
}
export const REQUEST_HEAD = ['scenario', 'statements', 'batches', 'raw p50', 'raw p95', 'API p50', 'API p95', 'ratio p95', 'limit', 'target met?'];
