import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect, migrateDatabase } from '../db/client';
import { startEmbedded, type EmbeddedServer } from '../db/embedded';
import { seedDemo } from '../db/seed/demo.seed';
import { setDataKey } from '../lib/crypto';
import { TEST_DATA_KEY, TEMPLATE_DB } from './constants';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * One PostgreSQL for the whole run — TEST_DATABASE_URL, or an embedded server of its own — with a
 * template database that is migrated and holds a small demo. Each test file clones it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-'));
    embedded = await startEmbedded({ dataDir: dir, preferredPort: 0 });
    adminUrl = embedded.url('postgres');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  const db = connect(url.toString(), { max: 2 });
  setDataKey(TEST_DATA_KEY);
  await migrateDatabase(db);
  await seedDemo({ db, perCommunity: 60 });
  await db.$client.end();
  await admin.end();
  project.provide('pgAdminUrl', adminUrl);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${TEMPLATE_DB} with (force)`).catch(() => {});
    await c.end();
    await embedded?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
