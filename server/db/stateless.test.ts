import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { clientFor, login, testConfig } from '../testing/app';
import { freshDatabase, type TestDatabase } from '../testing/db';
import { connect, type Database } from './client';

// App processes keep no state of their own: two apps on one database serve the same users.
describe('two app processes on one database', () => {
  let t: TestDatabase;
  let second: Database;
  let a: FastifyInstance;
  let b: FastifyInstance;
  beforeAll(async () => {
    t = await freshDatabase();
    second = connect(t.url, { max: 2 });
    a = await buildApp({ db: t.db, config: testConfig() });
    b = await buildApp({ db: second, config: testConfig() });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await second.$client.end();
    await t.drop();
  });

  it('accepts a session opened on one process in the other, and a logout on either ends it', async () => {
    const onA = await login(a, 'shegong1');
    const onB = clientFor(b, onA.cookie, onA.csrf);
    expect((await onB.get('/api/auth/me')).json().data.username).toBe('shegong1');
    expect((await onB.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await onA.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('counts failed logins across processes', async () => {
    for (const app of [a, b, a, b]) {
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jigou', password: 'bad' } })).statusCode).toBe(401);
    }
    expect((await b.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jigou', password: 'bad' } })).statusCode).toBe(423);
    expect((await a.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jigou', password: 'demo1234' } })).statusCode).toBe(423);
  });
});
