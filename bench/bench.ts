// `npm run bench [-- --regenerate] [-- --requests 200 --warmup 20 --residents 1000000]`
//
// Starts its own embedded PostgreSQL in .bench-data/, generates the data set once (a second run
// reuses it when it holds the full set), measures resident search through the API against the
// same SQL run directly, prints the tables and writes bench/last-run.md. See bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connect, migrateDatabase } from '../server/db/client';
import { startEmbedded, type EmbeddedServer } from '../server/db/embedded';
import { loadDataKey, setDataKey } from '../server/lib/crypto';
import { BENCH_USERS, COMMUNITIES_PER_STREET, generate, STREETS, type GenerateResult } from './generate';
import { measureScenario, scenarios, startHarness, type Harness, type ScenarioResult } from './measure';
import { generateCases, CASE_BENCH, type CaseGenerateResult } from './generate-cases';
import { caseScenarios, measureRequest, REQUEST_HEAD, requestRows, type RequestResult } from './measure-requests';
import { consoleReport, markdownReport, mdTable, textTable, type Facts } from './report';
import { IMPORT_HEAD, importRows, measureImport, type ImportBenchResult } from './import';

function caseMarkdown(results: RequestResult[]): string {
  const sql = results
    .map((r) => `### ${r.scenario.label} — \`${r.scenario.path}\`\n\n${r.sql.map((g, i) => `Step ${i + 1}:\n${g.map((s) => '```sql\n' + s.sql + '\n```').join('\n')}`).join('\n\n')}`)
    .join('\n\n');
  return `\n\n## Case work\n\n${mdTable(REQUEST_HEAD, requestRows(results))}\n\n${sql}\n`;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA_DIR = path.resolve(HERE, '..', '.bench-data');
const REPORT = path.join(HERE, 'last-run.md');
/** Bumped when the generator changes what it writes: older data is then regenerated. */
const GENERATOR_VERSION = 1;

const say = (m: string) => process.stdout.write(`${m}\n`);

const { values: args } = parseArgs({
  options: {
    regenerate: { type: 'boolean', default: false },
    residents: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '20' },
    cases: { type: 'string', default: '200000' },
    'records-per-case': { type: 'string', default: '10' },
    /** `residents`, `cases` or `import`: measure only that part. */
    only: { type: 'string' },
    /** Rows of the register the import scenario checks and imports. */
    'import-rows': { type: 'string', default: '100000' },
  },
});
const TARGET = Number(args.residents);
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);

const CASES = Number(args.cases);
const RECORDS_PER_CASE = Number(args['records-per-case']);
/** Bumped when generate-cases.ts changes what it writes. */
const CASE_GENERATOR_VERSION = 1;

/** The case data set: reused when bench_meta says it is complete for these sizes, else generated. */
async function prepareCases(url: string): Promise<CaseGenerateResult> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ value: CaseGenerateResult & { version: number; cases: number } }>(`select value from bench_meta where key = 'cases'`);
    const meta = rows[0]?.value;
    if (!args.regenerate && meta && meta.version === CASE_GENERATOR_VERSION && meta.cases === CASES && meta.records === CASES * RECORDS_PER_CASE) {
      const { rows: c } = await client.query<{ n: number }>(`select count(*)::int as n from cases`);
      if (c[0].n === CASES) {
        say(`复用已有个案数据 (reusing ${CASES.toLocaleString('en')} cases and ${meta.records.toLocaleString('en')} records)`);
        return meta;
      }
    }
    say('正在生成个案数据 (generating the case data set)…');
    const result = await generateCases({ client, cases: CASES, recordsPerCase: RECORDS_PER_CASE, log: say });
    await client.query(`insert into bench_meta (key, value) values ('cases', $1) on conflict (key) do update set value = excluded.value`, [{ ...result, version: CASE_GENERATOR_VERSION }]);
    return result;
  });
}

type Meta = GenerateResult & { version: number; generatedAt: string };

/** The generation record, when the database holds exactly the full set it describes. */
async function completeSet(client: pg.Client): Promise<Meta | null> {
  const { rows: t } = await client.query(`select to_regclass('bench_meta') is not null as ok`);
  if (!t[0].ok) return null;
  const { rows } = await client.query<{ value: Meta }>(`select value from bench_meta where key = 'complete'`);
  const meta = rows[0]?.value;
  if (!meta || meta.version !== GENERATOR_VERSION || meta.residents !== TARGET) return null;
  const { rows: c } = await client.query<{ residents: number; communities: number; users: number }>(`
    select (select count(*) from residents)::int as residents,
           (select count(*) from org_units where kind in ('community', 'village'))::int as communities,
           (select count(*) from users where username like 'bench\\_%')::int as users`);
  const ok = c[0].residents === TARGET && c[0].communities === STREETS * COMMUNITIES_PER_STREET && c[0].users === 2;
  return ok ? meta : null;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'linli-bench' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function prepareData(server: EmbeddedServer): Promise<Meta> {
  const url = server.url('linli');
  const existing = args.regenerate ? null : await withClient(url, completeSet);
  if (existing) {
    say(`复用已有数据 (reusing the data set generated ${existing.generatedAt}: ${existing.residents.toLocaleString('en')} residents); --regenerate rebuilds it`);
    const db = connect(url, { max: 1 });
    await migrateDatabase(db);
    await db.$client.end();
    return existing;
  }
  say(args.regenerate ? '按要求重新生成数据 (--regenerate)…' : '没有完整的基准数据，正在生成 (no complete data set yet: generating)…');
  await withClient(server.url('postgres'), async (c) => {
    await c.query('drop database if exists linli with (force)');
    await c.query('create database linli');
  });
  const db = connect(url, { max: 1 });
  await migrateDatabase(db);
  await db.$client.end();
  return withClient(url, async (client) => {
    const result = await generate({ client, residents: TARGET, log: say });
    const meta: Meta = { ...result, version: GENERATOR_VERSION, generatedAt: new Date().toISOString() };
    await client.query(`create table if not exists bench_meta (key text primary key, value jsonb not null)`);
    await client.query(`insert into bench_meta (key, value) values ('complete', $1) on conflict (key) do update set value = excluded.value`, [meta]);
    return meta;
  });
}

async function facts(pool: pg.Pool, meta: Meta, loadBefore: number): Promise<Facts> {
  const { rows } = await pool.query<{ version: string; residents: number; households: number; tags: number }>(`
    select version(), (select count(*) from residents)::int as residents, (select count(*) from households)::int as households,
           (select count(*) from resident_tags)::int as tags`);
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres: rows[0].version.split(' on ')[0],
    residents: rows[0].residents,
    households: rows[0].households,
    tags: rows[0].tags,
    taggedResidents: meta.taggedResidents,
    communities: meta.communities,
    generationSeconds: meta.seconds,
    requests: REQUESTS,
    warmup: WARMUP,
    loadBefore,
    loadAfter: os.loadavg()[0],
  };
}

async function main() {
  let server: EmbeddedServer | undefined;
  let harness: Harness | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await harness?.close().catch(() => {});
    await server?.stop().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => {
    say('\n收到 SIGINT，正在停止数据库 (stopping the database)…');
    void stop(130);
  });
  process.on('SIGTERM', () => void stop(143));

  try {
    say(`基准数据库 (benchmark database) in ${DATA_DIR}`);
    server = await startEmbedded({ dataDir: DATA_DIR, preferredPort: 0, log: say });
    setDataKey(loadDataKey({ dataDir: DATA_DIR }));
    const meta = await prepareData(server);
    const caseMeta = args.only === 'residents' || args.only === 'import' ? null : await prepareCases(server.url('linli'));

    harness = await startHarness(server.url('linli'), DATA_DIR);
    const worker = await harness.login('worker');
    const street = await harness.login('street');
    say(`worker: ${worker.communityIds.length} communities; street admin: ${street.communityIds.length} communities`);
    const cookies = { worker: worker.cookie, street: street.cookie };
    const loadBefore = os.loadavg()[0];
    say(`measuring ${REQUESTS} requests per scenario after ${WARMUP} warm-up ones (1-minute load average ${loadBefore.toFixed(1)} on ${os.cpus().length} CPUs)`);
    const results: ScenarioResult[] = [];
    for (const s of args.only === 'cases' || args.only === 'import' ? [] : await scenarios(harness.pool, worker.communityIds)) {
      const r = await measureScenario(harness, s, cookies[s.user], { requests: REQUESTS, warmup: WARMUP });
      say(`  ${s.label}: ${r.total} rows · raw p95 ${r.raw.p95.toFixed(2)} ms · API p95 ${r.api.p95.toFixed(2)} ms${r.met ? '' : '  ← misses the target'}`);
      results.push(r);
    }
    const caseResults: RequestResult[] = [];
    if (args.only !== 'residents' && args.only !== 'import') {
      const cookiesByUser = { worker: worker.cookie, supervisor: (await harness.login(CASE_BENCH.supervisor)).cookie };
      say(`\n个案 (cases): ${caseMeta?.cases.toLocaleString('en')} cases, ${caseMeta?.records.toLocaleString('en')} service records`);
      for (const s of await caseScenarios(harness.pool, BENCH_USERS.worker)) {
        const r = await measureRequest(harness, s, cookiesByUser[s.user as keyof typeof cookiesByUser], { requests: REQUESTS, warmup: WARMUP });
        say(`  ${s.label}: ${r.statements} statements in ${r.batches} steps · raw p95 ${r.raw.p95.toFixed(2)} ms · API p95 ${r.api.p95.toFixed(2)} ms${r.met ? '' : '  ← misses the target'}`);
        caseResults.push(r);
      }
    }
    let imported: ImportBenchResult | null = null;
    if (!args.only || args.only === 'import') {
      say(`\n导入 (import): a ${Number(args['import-rows']).toLocaleString('en')}-row register, checked then imported by ${BENCH_USERS.worker} while ${BENCH_USERS.street} lists residents`);
      imported = await measureImport({ harness, importer: worker, other: street.cookie, rows: Number(args['import-rows']), dir: DATA_DIR, log: say });
    }
    const f = await facts(harness.pool, meta, loadBefore);
    say(`\n1-minute load average at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`);
    if (results.length) say(consoleReport(results));
    if (caseResults.length) {
      say('\nCase work (ms; raw = the same SELECTs replayed through pg.Pool, side by side where the app ran them so):');
      say(textTable(REQUEST_HEAD, requestRows(caseResults)));
      const missed = caseResults.filter((r) => !r.met);
      say(missed.length ? `VERDICT (cases): ${missed.length} of ${caseResults.length} miss the target: ${missed.map((r) => r.scenario.label).join('; ')}` : `VERDICT (cases): all ${caseResults.length} scenarios meet the target.`);
    }
    if (imported) {
      say('\nImport (s, rows/s, MB; list = the street manager\'s GET /api/residents?pageSize=20 in ms, one after another while the job ran):');
      say(textTable(IMPORT_HEAD, importRows(imported)));
    }
    const importMd = imported ? `\n\n## Import\n\n${mdTable(IMPORT_HEAD, importRows(imported))}\n\nRegister file: ${imported.fileMb.toFixed(1)} MB. Bomb: ${imported.bomb.message}\n` : '';
    fs.writeFileSync(REPORT, markdownReport(f, results) + (caseResults.length ? caseMarkdown(caseResults) : '') + importMd);
    say(`\n写入 (written) ${path.relative(process.cwd(), REPORT)}`);
    await stop(0);
  } catch (e) {
    if (stopping) return;
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    await stop(1);
  }
}

void main();
