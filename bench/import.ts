// The resident import at a street's scale: a 100,000-row register checked, then imported, through
// the API as the page does it (upload, then follow the job), while another user's resident list is
// requested again and again; then a crafted 4 MB file that inflates to 3.9 GB. Wall time, rows/s,
// peak RSS of the process (server and its worker threads) and the concurrent request's latency.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { chineseName, idNumberFor, mobile, rng } from '../server/db/seed/builders';
import { xlsxBomb } from '../server/testing/xlsx-bomb';
import type { ImportJob } from '../common/schemas/residents-import.schema';
import { stats, type Harness, type Stats } from './measure';

type Log = (m: string) => void;
export type ImportPhase = { label: string; seconds: number; rowsPerSecond: number; peakRssMb: number; concurrent: Stats; concurrentRequests: number; job: ImportJob };
export type ImportBenchResult = { rows: number; fileMb: number; baseline: Stats; phases: ImportPhase[]; bomb: { fileMb: number; inflatedGb: number; seconds: number; peakRssMb: number; message: string } };

/** The register's area code: in no other bench or demo number, so that every row is a new resident. */
const AREA = '640104';
const TAGS = ['', '', '', '低保户', '独居', '空巢老人、高龄老人', '残疾', '流动人口'];
const EDUCATION = ['小学', '初中', '高中', '中专', '大专', '本科', '硕士'];

/** A register as an office keeps it: 序号, one address column, 人员类别, households by 户编号. */
async function writeRegister(file: string, rows: number, communities: string[]) {
  const r = rng(8_100_000);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['序号', '姓名', '性别', '身份证号码', '联系电话', '社区', '现居住地址', '户编号', '与户主关系', '人员类别', '学历']).commit();
  let i = 0;
  for (let h = 0; i < rows; h++) {
    const community = communities[h % communities.length];
    const size = Math.min(rows - i, 1 + (h % 4));
    const address = `${r.pick(['曙光', '和平', '幸福', '春晖'])}花园${1 + (h % 40)}栋${1 + (h % 3)}单元${101 + (h % 30)}室`;
    for (let m = 0; m < size; m++, i++) {
      const sex = (i + m) % 2 ? 'male' : 'female';
      const birth = new Date(Date.UTC(1935, 0, 1) + (i % 25_000) * 86_400_000).toISOString().slice(0, 10);
      ws.addRow([
        i + 1, chineseName(r, sex), sex === 'male' ? '男' : '女', idNumberFor({ area: AREA, birthDate: birth, sex, serial: Math.floor(i / 25_000) }),
        r.int(0, 4) ? mobile(r) : null, community, address, `H${h}`, m === 0 ? '户主' : r.pick(['配偶', '子女', '父母', '孙子女']),
        r.pick(TAGS), r.pick(EDUCATION),
      ]).commit();
    }
  }
  ws.commit();
  await wb.commit();
}

/** Requests the other user's resident list one after another until `until` resolves; their latencies. */
async function concurrent(harness: Harness, cookie: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const ms: number[] = [];
  while (!done) {
    const r = await harness.get('/api/residents?pageSize=20', cookie);
    if (r.status !== 200) throw new Error(`list answered ${r.status}`);
    ms.push(r.ms);
  }
  return ms;
}

/** Samples the process's resident set size until stopped; its peak in MB. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
  };
}

async function follow(harness: Harness, cookie: string, id: string, log: Log): Promise<ImportJob> {
  let last = 0;
  for (;;) {
    const job = JSON.parse((await harness.get(`/api/residents/import/jobs/${id}`, cookie)).body).data as ImportJob;
    if (job.status !== 'running') return job;
    if (performance.now() - last > 5000) {
      last = performance.now();
      log(`    ${job.phase}: read ${job.rowsRead}, checked ${job.rowsChecked}, written ${job.rowsWritten}/${job.rowsToWrite}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function upload(harness: Harness, cookie: string, csrf: string, file: string, mode: string): Promise<ImportJob> {
  const form = new FormData();
  form.append('mode', mode);
  form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
  const res = await fetch(`http://127.0.0.1:${harness.port}/api/residents/import`, { method: 'POST', body: form, headers: { cookie, 'x-csrf-token': csrf } });
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { data: ImportJob }).data;
}

/**
 * Runs the import scenario as `importer` (a worker of two communities) while `other` (the street
 * manager) lists residents; removes what it imported afterwards, so that the data set stays as generated.
 */
export async function measureImport({ harness, importer, other, rows, dir, log }: {
  harness: Harness; importer: { cookie: string; csrf: string; communityIds: string[] }; other: string; rows: number; dir: string; log: Log;
}): Promise<ImportBenchResult> {
  const { rows: names } = await harness.pool.query<{ name: string }>('select name from org_units where id = any($1) order by name', [importer.communityIds]);
  const file = path.join(dir, `register-${rows}.xlsx`);
  if (!fs.existsSync(file)) {
    log(`  writing a ${rows.toLocaleString('en')}-row register to ${path.relative(process.cwd(), file)}…`);
    await writeRegister(file, rows, names.map((n) => n.name));
  }
  const { cookie, csrf } = importer;
  const started = new Date();
  const baseline: number[] = [];
  for (let i = 0; i < 200; i++) baseline.push((await harness.get('/api/residents?pageSize=20', other)).ms);

  const phases: ImportPhase[] = [];
  const measure = async (label: string, start: () => Promise<ImportJob>) => {
    log(`  ${label}…`);
    const peak = rssSampler();
    const t0 = performance.now();
    const job = start().then((j) => follow(harness, cookie, j.id, log));
    const latencies = await concurrent(harness, other, job);
    const done = await job;
    const seconds = (performance.now() - t0) / 1000;
    const result = { label, seconds, rowsPerSecond: rows / seconds, peakRssMb: peak(), concurrent: stats(latencies), concurrentRequests: latencies.length, job: done };
    if (done.status !== 'done') throw new Error(`${label}: ${done.status} ${JSON.stringify(done.failure)}`);
    log(`    ${seconds.toFixed(1)} s, ${Math.round(result.rowsPerSecond)} rows/s, peak RSS ${result.peakRssMb} MB, list p95 ${result.concurrent.p95.toFixed(1)} ms`);
    phases.push(result);
    return done;
  };
  try {
    const checked = await measure('检查 (validate)', () => upload(harness, cookie, csrf, file, 'validate'));
    await measure('导入 (all)', async () => {
      const res = await fetch(`http://127.0.0.1:${harness.port}/api/residents/import/jobs/${checked.id}/rerun`, {
        method: 'POST', body: JSON.stringify({ mode: 'all' }), headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      });
      return ((await res.json()) as { data: ImportJob }).data;
    });
  } finally {
    await removeImported(harness.pool, started);
  }

  log('  a crafted file (zip bomb)…');
  const bombFile = path.join(dir, 'bomb.xlsx');
  if (!fs.existsSync(bombFile)) fs.writeFileSync(bombFile, await xlsxBomb({ inflatedBytes: 3.9e9 }));
  const peak = rssSampler();
  const t0 = performance.now();
  const refused = await follow(harness, cookie, (await upload(harness, cookie, csrf, bombFile, 'validate')).id, log);
  const bomb = {
    fileMb: fs.statSync(bombFile).size / 1024 / 1024, inflatedGb: 3.9, seconds: (performance.now() - t0) / 1000, peakRssMb: peak(),
    message: refused.failure?.message ?? refused.status,
  };
  log(`    refused after ${bomb.seconds.toFixed(1)} s: ${bomb.message}`);
  return { rows, fileMb: fs.statSync(file).size / 1024 / 1024, baseline: stats(baseline), phases, bomb };
}

/** The residents and households the run imported go again (their audit rows stay: the log is append-only). */
async function removeImported(pool: pg.Pool, since: Date) {
  await pool.query(`delete from residents where created_at >= $1 and id_number_masked like '${AREA}%'`, [since]);
  await pool.query(`delete from households h where h.created_at >= $1 and not exists (select 1 from residents r where r.household_id = h.id)`, [since]);
}

export const IMPORT_HEAD = ['phase', 'rows', 'wall s', 'rows/s', 'peak RSS MB', 'list p50', 'list p95', 'list requests'];
export function importRows(r: ImportBenchResult): string[][] {
  return [
    ['list alone (before)', '—', '—', '—', '—', r.baseline.p50.toFixed(1), r.baseline.p95.toFixed(1), '200'],
    ...r.phases.map((p) => [p.label, r.rows.toLocaleString('en'), p.seconds.toFixed(1), Math.round(p.rowsPerSecond).toLocaleString('en'), String(p.peakRssMb), p.concurrent.p50.toFixed(1), p.concurrent.p95.toFixed(1), String(p.concurrentRequests)]),
    [`zip bomb ${r.bomb.fileMb.toFixed(1)} MB → ${r.bomb.inflatedGb} GB`, '—', r.bomb.seconds.toFixed(1), '—', String(r.bomb.peakRssMb), '—', '—', '—'],
  ];
}
