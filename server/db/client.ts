import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PgTransaction, type PgDatabase } from 'drizzle-orm/pg-core';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { fillMaskedIdentifiers } from '../modules/residents/residents.identity';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database handle or a transaction: every service function accepts either. */
export type Db = PgDatabase<NodePgQueryResultHKT, Schema>;
export type Database = NodePgDatabase<Schema> & { $client: pg.Pool };

/**
 * Independent queries, each started by its function: on the pool side by side, each on a
 * connection of its own; in a transaction, which has one connection, one after another (pg queues
 * a query sent while another runs only with a deprecation warning, and pg 9 refuses it).
 */
export async function parallel<T extends unknown[]>(db: Db, queries: [...{ [K in keyof T]: () => PromiseLike<T[K]> }]): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(queries.map((q) => q()))) as T;
  const results: unknown[] = [];
  for (const q of queries) results.push(await q());
  return results as T;
}

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/**
 * Any 64-bit number shared by every Linli process: serialises migration and seeding. It must differ
 * from the lock of rebuild_user_scopes() (70712016, migration 0005), which seeding takes on
 * another connection while this one is held.
 */
const MIGRATION_LOCK = 48_151_623_420;

// DATE columns come back as 'YYYY-MM-DD' strings rather than JS Dates shifted by the time zone.
pg.types.setTypeParser(1082, (v) => v);

export function connect(url: string, opts: { max?: number } = {}): Database {
  // Dates like "this month" and "today" are Beijing dates, whatever the server's own time zone.
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, application_name: 'linli', options: '-c timezone=Asia/Shanghai' });
  // A dropped connection (the server stopping, a restart) must not crash the process: queries on
  // it reject, idle ones are replaced on the next checkout.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return drizzle(pool, { schema }) as Database;
}

/**
 * Applies pending migrations, then the data migrations SQL cannot do (they need the data key, which
 * the caller has installed); safe when several processes start at once.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  const client = await db.$client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const locked = drizzle(client, { schema });
      await migrate(locked, { migrationsFolder: MIGRATIONS });
      await fillMaskedIdentifiers(locked);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Runs `fn` while holding the same cluster-wide lock (used to seed an empty database once). */
export async function withStartupLock<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const client = await db.$client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
