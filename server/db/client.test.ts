import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { seedDemo } from './seed/demo.seed';
import { connect, migrateDatabase, withStartupLock } from './client';

describe('start-up on an empty database', () => {
  it('migrates and seeds the demo under the start-up lock, as npm start does', async () => {
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    const name = `linli_start_${Date.now()}`;
    await admin.query(`create database ${name}`);
    const url = new URL(inject('pgAdminUrl'));
    url.pathname = `/${name}`;
    const db = connect(url.toString(), { max: 3 });
    try {
      await migrateDatabase(db);
      // Seeding writes posts, whose trigger rebuilds user_scopes under its own advisory lock.
      await withStartupLock(db, () => seedDemo({ db, perCommunity: 5 }));
      const { rows } = await db.$client.query(`select
        (select count(*)::int from users) as users,
        (select count(*)::int from user_scopes us join users u on u.id = us.user_id where u.username = 'shegong1') as scope`);
      expect(rows[0]).toEqual({ users: 7, scope: 2 });
      // A second start finds the schema current.
      await migrateDatabase(db);
    } finally {
      await db.$client.end();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  }, 60_000);

  it('seeds the same demo on every fresh start (clients, stages, assessments), so guides and screenshots stay true', async () => {
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    const snapshot = async (i: number) => {
      const name = `linli_demo_${Date.now()}_${i}`;
      await admin.query(`create database ${name}`);
      const url = new URL(inject('pgAdminUrl'));
      url.pathname = `/${name}`;
      const db = connect(url.toString(), { max: 3 });
      try {
        await migrateDatabase(db);
        await withStartupLock(db, () => seedDemo({ db, perCommunity: 40 }));
        const { rows } = await db.$client.query(`select c.case_no, r.name, c.status, c.risk_level, c.kind,
            (select count(*)::int from case_assessments a where a.case_id = c.id) as assessments
          from cases c join residents r on r.id = c.resident_id order by c.case_no`);
        return rows;
      } finally {
        await db.$client.end();
        await admin.query(`drop database ${name} with (force)`);
      }
    };
    try {
      const first = await snapshot(1);
      expect(first.length).toBeGreaterThan(50);
      expect(await snapshot(2)).toEqual(first);
    } finally {
      await admin.end();
    }
  }, 120_000);
});

