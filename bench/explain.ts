// EXPLAIN (ANALYZE, BUFFERS) of a captured statement, summarised: root node, indexes, timings.
import type pg from 'pg';

export type PlanSummary = {
  root: string;
  indexes: string[];
  rows: number;
  planningMs: number;
  executionMs: number;
  sharedHit: number;
  sharedRead: number;
  text: string;
};

const num = (re: RegExp, text: string) => Number(re.exec(text)?.[1] ?? 0);

/** One EXPLAIN ANALYZE run: the summary is read from the same plan text the report shows. */
export async function explain(pool: pg.Pool, sql: string, params: unknown[]): Promise<PlanSummary> {
  const res = await pool.query(`explain (analyze, buffers) ${sql}`, params);
  const text = res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  const [first] = text.split('\n');
  // The first Buffers line is the root node's: the whole statement's buffers.
  const buffers = /Buffers: (.*)/.exec(text)?.[1] ?? '';
  const indexes = new Set<string>();
  for (const m of text.matchAll(/(?:Index Scan|Index Only Scan)(?: Backward)? using (\S+)|Bitmap Index Scan on (\S+)/g)) indexes.add(m[1] ?? m[2]);
  return {
    // The top of the plan, e.g. "Limit → Sort → Bitmap Heap Scan on residents".
    root: [first, ...[...text.matchAll(/->\s+(.+?)\s+\(cost=/g)].map((m) => m[1])]
      .slice(0, 3)
      .map((n) => n.replace(/\s+\(cost=.*$/, '').replace(/ using \S+| on (\S+) \S+$/, (_, t) => (t ? ` on ${t}` : '')).trim())
      .join(' → '),
    indexes: [...indexes],
    rows: num(/actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+)/, first),
    planningMs: num(/Planning Time: ([\d.]+) ms/, text),
    executionMs: num(/Execution Time: ([\d.]+) ms/, text),
    sharedHit: num(/shared hit=(\d+)/, buffers),
    sharedRead: num(/shared (?:hit=\d+ )?read=(\d+)/, buffers),
    text,
  };
}
