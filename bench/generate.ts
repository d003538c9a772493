// Loads the benchmark data set: 1 district, 30 streets × 10 communities, two users, about
// 1,000,000 residents in households, with their target-group tags. Rows go in as multi-row
// `INSERT … SELECT * FROM unnest(…)` statements of 5,000 residents while the next batch is being
// built; the secondary indexes and foreign keys of the three big tables are dropped for the load
// and rebuilt (and re-validated) afterwards, which is several times faster than maintaining them.
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type pg from 'pg';
import { rng } from '../server/db/seed/builders';
import { hashSecret } from '../server/modules/auth/auth.service';
import { buildHousehold, IdNumbers, RESIDENT_COLUMNS, type BenchCommunity, type HouseholdRow, type ResidentRowValues, type TagRowValues } from './population';

export const BENCH_PASSWORD = 'bench-pass-2024';
/** A worker with two communities (the usual post) and a street manager with the street's ten. */
export const BENCH_USERS = { worker: 'bench_worker', street: 'bench_street' } as const;
export const STREETS = 30;
export const COMMUNITIES_PER_STREET = 10;

const STREET_NAMES = [
  '江滨', '青山', '城东', '城西', '城南', '城北', '湖滨', '钱塘', '临平', '半山', '石桥', '翠苑', '古荡', '西溪', '蒋村',
  '转塘', '灵隐', '北山', '南星', '紫阳', '望江', '闸弄口', '彭埠', '九堡', '丁桥', '笕桥', '四季青', '采荷', '凯旋', '文晖',
];
const COMMUNITY_FIRST = ['东', '西', '南', '北', '新', '和', '安', '康', '永', '福', '长', '阳', '春', '金', '银', '翠', '锦', '华', '明', '清'];
const COMMUNITY_SECOND = ['园', '湖', '山', '河', '苑', '桥', '湾', '林', '城', '坊', '庄', '宁', '兴', '乐', '泰'];
const NEIGHBORHOOD_SUFFIX = ['花园', '新村', '小区', '公寓', '家园', '嘉苑'];

type Log = (m: string) => void;
export type GenerateResult = { seconds: number; residents: number; households: number; tags: number; communities: number; taggedResidents: number };

function insertSql(table: string, cols: readonly (readonly [string, string])[]) {
  const names = cols.map(([c]) => c).join(', ');
  const arrays = cols.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  return `insert into ${table} (${names}) select * from unnest(${arrays})`;
}

const HOUSEHOLD_COLUMNS = [
  ['id', 'uuid'], ['community_id', 'uuid'], ['neighborhood', 'text'], ['building', 'text'], ['unit', 'text'], ['room', 'text'],
  ['type', 'text'], ['head_resident_id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['created_by', 'uuid'], ['updated_by', 'uuid'],
] as const;
const TAG_COLUMNS = [['resident_id', 'uuid'], ['community_id', 'uuid'], ['tag', 'text'], ['start_date', 'date'], ['end_date', 'date'], ['created_at', 'timestamptz'], ['created_by', 'uuid']] as const;

const SQL = { residents: insertSql('residents', RESIDENT_COLUMNS), households: insertSql('households', HOUSEHOLD_COLUMNS), tags: insertSql('resident_tags', TAG_COLUMNS) };

type Batch = { households: HouseholdRow[]; residents: ResidentRowValues[]; tags: TagRowValues[] };

async function flush(client: pg.Client, b: Batch, workerId: string) {
  await client.query(SQL.households, [
    b.households.map((h) => h.id), b.households.map((h) => h.communityId), b.households.map((h) => h.neighborhood), b.households.map((h) => h.building),
    b.households.map((h) => h.unit), b.households.map((h) => h.room), b.households.map((h) => h.type), b.households.map((h) => h.headResidentId),
    b.households.map((h) => h.createdAt), b.households.map((h) => h.createdAt), b.households.map(() => workerId), b.households.map(() => workerId),
  ]);
  await client.query(SQL.residents, RESIDENT_COLUMNS.map(([c]) => b.residents.map((r) => r[c])));
  await client.query(SQL.tags, [
    b.tags.map((t) => t.residentId), b.tags.map((t) => t.communityId), b.tags.map((t) => t.tag), b.tags.map((t) => t.startDate), b.tags.map((t) => t.endDate),
    b.tags.map((t) => t.createdAt), b.tags.map(() => workerId),
  ]);
}

const BIG_TABLES = `('residents', 'resident_tags', 'households')`;

/** Drops the secondary indexes and foreign keys of the big tables; returns the statements that recreate them. */
async function dropForLoad(client: pg.Client): Promise<{ indexes: string[]; foreignKeys: string[] }> {
  const { rows: idx } = await client.query<{ name: string; def: string }>(`
    select quote_ident(c2.relname) as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_class c2 on c2.oid = i.indexrelid
     where c.relname in ${BIG_TABLES} and c.relnamespace = 'public'::regnamespace
       and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`);
  const { rows: fks } = await client.query<{ drop: string; add: string }>(`
    select format('alter table %I drop constraint %I', c.relname, k.conname) as drop,
           format('alter table %I add constraint %I %s', c.relname, k.conname, pg_get_constraintdef(k.oid)) as add
      from pg_constraint k join pg_class c on c.oid = k.conrelid
     where k.contype = 'f' and c.relname in ${BIG_TABLES} and c.relnamespace = 'public'::regnamespace`);
  for (const f of fks) await client.query(f.drop);
  for (const i of idx) await client.query(`drop index ${i.name}`);
  return { indexes: idx.map((i) => i.def), foreignKeys: fks.map((f) => f.add) };
}

async function seedOrgsAndUsers(client: pg.Client, log: Log) {
  const districtId = randomUUID();
  const orgs: [string, string | null, string, string, string][] = [[districtId, null, 'district', '临江区', '330199']];
  const communities: BenchCommunity[] = [];
  const streetIds: string[] = [];
  for (let s = 0; s < STREETS; s++) {
    const streetId = randomUUID();
    streetIds.push(streetId);
    const streetCode = `330199${String(s + 1).padStart(3, '0')}000`;
    orgs.push([streetId, districtId, 'street', `${STREET_NAMES[s]}街道`, streetCode]);
    for (let k = 0; k < COMMUNITIES_PER_STREET; k++) {
      const n = s * COMMUNITIES_PER_STREET + k;
      const base = COMMUNITY_FIRST[n % COMMUNITY_FIRST.length] + COMMUNITY_SECOND[Math.floor(n / COMMUNITY_FIRST.length)];
      // The last two of each street are villages, the rest urban communities.
      const rural = k >= COMMUNITIES_PER_STREET - 2;
      const c: BenchCommunity = {
        id: randomUUID(), name: `${base}${rural ? '村' : '社区'}`, rural,
        neighborhoods: rural ? ['一组', '二组', '三组', '四组'].map((g) => `${base}${g}`) : NEIGHBORHOOD_SUFFIX.slice(0, 3 + (n % 3)).map((x) => `${base}${x}`),
      };
      communities.push(c);
      orgs.push([c.id, streetId, rural ? 'village' : 'community', c.name, `${streetCode.slice(0, 9)}${rural ? 2 : 0}${String(k + 1).padStart(2, '0')}`]);
    }
  }
  await client.query(
    `insert into org_units (id, parent_id, kind, name, code) select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])`,
    [orgs.map((o) => o[0]), orgs.map((o) => o[1]), orgs.map((o) => o[2]), orgs.map((o) => o[3]), orgs.map((o) => o[4])],
  );
  const passwordHash = await hashSecret(BENCH_PASSWORD);
  const workerId = randomUUID();
  const streetUserId = randomUUID();
  await client.query(`insert into users (id, username, display_name, role, password_hash) values ($1, $2, '社工 王芳（基准）', 'worker', $4), ($3, $5, '街道 周主任（基准）', 'street_admin', $4)`, [
    workerId, BENCH_USERS.worker, streetUserId, passwordHash, BENCH_USERS.street,
  ]);
  // The worker holds the first two communities of the first street and may see restricted tags there.
  await client.query(`insert into user_posts (user_id, org_unit_id, can_view_restricted) values ($1, $2, true), ($1, $3, true), ($4, $5, false)`, [
    workerId, communities[0].id, communities[1].id, streetUserId, streetIds[0],
  ]);
  log(`  组织: 1 区, ${STREETS} 街道, ${communities.length} 社区/村; users ${BENCH_USERS.worker}, ${BENCH_USERS.street}`);
  return { communities, workerId };
}

/** Fills an empty, migrated database with the benchmark data set. */
export async function generate({ client, residents: target, log }: { client: pg.Client; residents: number; log: Log }): Promise<GenerateResult> {
  const started = performance.now();
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
  await client.query(`set synchronous_commit = off`);
  const { communities, workerId } = await seedOrgsAndUsers(client, log);
  const rebuild = await dropForLoad(client);
  log(`  dropped ${rebuild.indexes.length} secondary indexes and ${rebuild.foreignKeys.length} foreign keys for the load`);

  const r = rng(20_240_601);
  const ids = new IdNumbers();
  const nowMs = Date.now();
  const counts = { residents: 0, households: 0, tags: 0, tagged: 0 };
  let batch: Batch = { households: [], residents: [], tags: [] };
  let inflight: Promise<void> = Promise.resolve();
  let nextReport = 100_000;
  const send = async () => {
    await inflight;
    const b = batch;
    batch = { households: [], residents: [], tags: [] };
    inflight = flush(client, b, workerId);
    // Awaited before the next batch; this only keeps a failure from counting as unhandled meanwhile.
    inflight.catch(() => {});
  };

  const DAY = 86_400_000;
  const quotas = communities.map((_, i) => Math.floor(target / communities.length) + (i < target % communities.length ? 1 : 0));
  const done = communities.map(() => 0);
  const add = async (i: number, createdMs: number) => {
    const h = buildHousehold(r, communities[i], ids, workerId, nowMs, createdMs);
    // The last household of a community is cut to the quota (its head comes first and stays).
    const members = h.residents.slice(0, quotas[i] - done[i]);
    const kept = new Set(members.map((m) => m.id));
    const tags = h.tags.filter((t) => kept.has(t.residentId));
    batch.households.push(h.household);
    batch.residents.push(...members);
    batch.tags.push(...tags);
    counts.tagged += new Set(tags.map((t) => t.residentId)).size;
    counts.tags += tags.length;
    counts.households++;
    counts.residents += members.length;
    done[i] += members.length;
    if (batch.residents.length >= 5_000) await send();
    // Let the socket take the batch in flight while the next one is built.
    if (counts.households % 200 === 0) await yieldToLoop();
    if (counts.residents >= nextReport) {
      log(`  residents ${counts.residents.toLocaleString('en')} / ${target.toLocaleString('en')}  (${elapsed()} s)`);
      nextReport += 100_000;
    }
  };
  // As in a real deployment, each community first registers most of its residents at once (an
  // import when the system starts, two years ago): those rows lie together on disk. The rest
  // trickle in since, from every community in turn, so that a community's later rows are spread
  // over the whole table, with created_at rising along it.
  for (let i = 0; i < communities.length; i++) {
    while (done[i] < quotas[i] * 0.55) await add(i, nowMs - r.int(700, 730) * DAY);
  }
  const trickleStart = counts.residents;
  while (counts.residents < target) {
    const progress = (counts.residents - trickleStart) / (target - trickleStart);
    for (let i = 0; i < communities.length; i++) {
      if (done[i] < quotas[i]) await add(i, nowMs - Math.round(700 * (1 - progress)) * DAY - r.int(0, DAY - 1));
    }
  }
  if (batch.residents.length) await send();
  await inflight;
  log(`  loaded ${counts.residents.toLocaleString('en')} residents, ${counts.households.toLocaleString('en')} households, ${counts.tags.toLocaleString('en')} tags (${elapsed()} s)`);

  await client.query(`set maintenance_work_mem = '512MB'`);
  for (const def of rebuild.indexes) await client.query(def);
  log(`  rebuilt ${rebuild.indexes.length} indexes (${elapsed()} s)`);
  for (const add of rebuild.foreignKeys) await client.query(add);
  log(`  re-added and validated ${rebuild.foreignKeys.length} foreign keys (${elapsed()} s)`);
  // VACUUM sets the visibility map (index-only scans for counts) as on a table that has lived a while.
  await client.query(`vacuum (analyze) residents, resident_tags, households, org_units, user_posts, users`);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  log(`  vacuum analyze done — generation took ${seconds} s`);
  return { seconds, residents: counts.residents, households: counts.households, tags: counts.tags, communities: communities.length, taggedResidents: counts.tagged };
}
