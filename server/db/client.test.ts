import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { onEmptyDatabase } from '../testing/db';
import { seedDemo } from './seed/demo.seed';
import { connect, migrateDatabase, parallel, withStartupLock } from './client';

describe('start-up on an empty database', () => {
  it('migrates and seeds the demo under the start-up lock, as npm start does', async () => {
    await onEmptyDatabase('linli_start', async (db) => {
      await migrateDatabase(db);
      // Seeding writes posts, whose trigger rebuilds user_scopes under its own advisory lock.
      await withStartupLock(db, () => seedDemo({ db, perCommunity: 5 }));
      const { rows } = await db.$client.query(`select
        (select count(*)::int from users) as users,
        (select count(*)::int from user_scopes us join users u on u.id = us.user_id where u.username = 'shegong1') as scope`);
      expect(rows[0]).toEqual({ users: 8, scope: 2 });
      // A second start finds the schema current.
      await migrateDatabase(db);
    });
  }, 60_000);

  it('seeds the same demo on every fresh start (clients, stages, assessments), so guides and screenshots stay true', async () => {
    const snapshot = () =>
      onEmptyDatabase('linli_demo', async (db) => {
        await migrateDatabase(db);
        await withStartupLock(db, () => seedDemo({ db, perCommunity: 40 }));
        const { rows } = await db.$client.query(`select c.case_no, r.name, c.status, c.risk_level, c.kind,
            (select count(*)::int from case_assessments a where a.case_id = c.id) as assessments
          from cases c join residents r on r.id = c.resident_id order by c.case_no`);
        return rows;
      });
    const first = await snapshot();
    expect(first.length).toBeGreaterThan(50);
    expect(await snapshot()).toEqual(first);
  }, 120_000);
});

describe('parallel', () => {
  it('starts the queries together on the pool, and each after the one before inside a transaction', async () => {
    const db = connect(inject('pgAdminUrl'), { max: 3 });
    // Each query notes when it is sent and when its answer came, and on which connection it ran.
    const steps: string[] = [];
    const query = (on: Parameters<typeof parallel>[0], name: string) => async () => {
      steps.push(`${name} sent`);
      const { rows } = await on.execute<{ pid: number }>(sql`select pg_backend_pid() as pid, pg_sleep(0.02)::text`);
      steps.push(`${name} answered`);
      return rows[0].pid;
    };
    try {
      const [a, b] = await parallel(db, [query(db, 'a'), query(db, 'b')]);
      expect(steps.slice(0, 2)).toEqual(['a sent', 'b sent']);
      expect(a).not.toBe(b);

      steps.length = 0;
      const [c, d] = await db.transaction((tx) => parallel(tx, [query(tx, 'c'), query(tx, 'd')]));
      expect(steps).toEqual(['c sent', 'c answered', 'd sent', 'd answered']);
      expect(c).toBe(d);
    } finally {
      await db.$client.end();
    }
  });
});
