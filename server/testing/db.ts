import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Database } from '../db/client';
import { TEMPLATE_DB } from './constants';

export type TestDatabase = { db: Database; url: string; drop: () => Promise<void> };

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database for one test file, cloned from the migrated demo template. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `linli_t_${crypto.randomBytes(6).toString('hex')}`;
  // CREATE DATABASE … TEMPLATE fails while another session is copying the same template: retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`create database ${name} template ${TEMPLATE_DB}`));
      break;
    } catch (e) {
      if (attempt > 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return opened(name, 5);
}

/** A new empty database of its own (no schema, no demo), for tests of migrating and seeding. */
export async function emptyDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  return opened(name, 3);
}

/** A pool on the database just created, and its drop. */
function opened(name: string, max: number): TestDatabase {
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  const db = connect(url.toString(), { max });
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.$client.end();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Runs fn on a new empty database of its own, dropped afterwards. */
export async function onEmptyDatabase<T>(prefix: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const t = await emptyDatabase(prefix);
  try {
    return await fn(t.db);
  } finally {
    await t.drop();
  }
}
