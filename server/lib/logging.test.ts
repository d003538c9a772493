import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import type { Database } from '../db/client';
import { idNumberFor } from '../db/seed/builders';
import { login, testConfig } from '../testing/app';
import { freshDatabase } from '../testing/db';

// Personal data a request may carry: none of it may reach the log.
const ID = idNumberFor({ area: '110105', birthDate: '1958-03-09', sex: 'male', serial: 4242 });
const PHONE = '13987650123';
const NAME = '甄日志';

describe('request logging', () => {
  let app: FastifyInstance;
  let db: Database;
  let drop: () => Promise<void>;
  let lines = '';

  beforeAll(async () => {
    const t = await freshDatabase();
    db = t.db;
    drop = t.drop;
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (lines += chunk.toString()));
    app = await buildApp({ db, config: testConfig({ logLevel: 'trace' }), logStream: stream });
    // A query PostgreSQL refuses, quoting its parameter; and a careless log line of the headers.
    app.get('/api/test/failing-query', { config: { auth: 'session' } }, async (req) => db.execute(sql`select ${(req.query as { v: string }).v}::int`));
    app.get('/api/test/headers', { config: { auth: 'session' } }, async (req) => {
      req.log.info({ headers: req.headers }, 'headers');
      return {};
    });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('logs requests, failures and errors without the ID numbers, phone numbers and names they carry, nor the session cookie and CSRF token', async () => {
    const c = await login(app, 'shegong1');
    const { rows } = await db.execute<{ id: string }>(sql`select id from org_units where name = '曙光社区'`);
    const answers = [
      await c.get(`/api/residents?q=${ID}`),
      await c.get(`/api/residents?q=${PHONE}&name=${encodeURIComponent(NAME)}`),
      await c.get(`/api/residents?q=${ID}%00`),
      await c.post('/api/residents', { name: NAME, sex: 'male', idNumber: ID, phone: PHONE, communityId: rows[0].id }),
      await c.post('/api/residents', { name: NAME, sex: 'male', idNumber: ID, phone: PHONE, communityId: rows[0].id }),
      await c.post('/api/residents/check-duplicates', { name: NAME, idNumber: `${ID}\u0000` }),
      await c.get(`/api/residents/${encodeURIComponent(NAME)}?phone=${PHONE}`),
      await c.get(`/api/test/failing-query?v=${encodeURIComponent(`${NAME} ${ID} ${PHONE}`)}`),
      await c.get('/api/test/headers'),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 400, 400, 201, 409, 400, 400, 500, 200]);
    // The log did record all this: the requests, their paths and the failed query's SQL.
    expect(lines).toContain('incoming request');
    expect(lines).toContain('/api/residents/check-duplicates');
    expect(lines).toContain('Failed query: select $1::int');
    expect(lines).toContain('22P02');
    for (const secret of [ID, ID.slice(-6), PHONE, NAME, encodeURIComponent(NAME), c.cookie!.split('=')[1], c.csrf!]) expect(lines).not.toContain(secret);
  });
});
