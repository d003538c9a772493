import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, fieldError } from './errors';
import { registerErrorHandler } from './http';

describe('error handler', () => {
  const app = Fastify({ logger: false });
  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandler(app);
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/boom', async () => {
      throw new Error('select * from residents where secret = 42');
    });
    r.get('/conflict', async () => {
      throw new AppError('version_conflict', 409, { currentVersion: 3 });
    });
    r.get('/field', async () => {
      throw fieldError('communityId', 'residents.not_in_scope_community', '只能在您负责的社区中登记居民');
    });
    r.post('/strict', { schema: { body: z.object({ name: z.string().min(1, 'required'), age: z.number().int() }).strict() } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers an unexpected error with a generic 500 and the request id, no message, stack or SQL', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body).toEqual({ error: { code: 'internal', message: expect.any(String), requestId: expect.any(String) } });
    expect(res.body).not.toMatch(/select|residents|secret|at .*:\d+/);
  });

  it('answers an AppError with its status, code, message and details', async () => {
    const res = await app.inject({ method: 'GET', url: '/conflict' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'version_conflict', message: expect.stringContaining('修改'), details: { currentVersion: 3 } } });
    const f = await app.inject({ method: 'GET', url: '/field' });
    expect(f.statusCode).toBe(400);
    expect(f.json().error).toMatchObject({ code: 'validation.failed', details: [{ field: 'communityId', code: 'residents.not_in_scope_community' }] });
  });

  it('answers schema failures with 400 and one detail per field', async () => {
    const res = await app.inject({ method: 'POST', url: '/strict', payload: { name: '', age: 1.5, extra: 1 } });
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries(res.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code]));
    expect(fields).toEqual({ name: 'required', age: 'invalid', extra: 'unknown_field' });
  });

  it('tells a missing field from one of the wrong type', async () => {
    const missing = await app.inject({ method: 'POST', url: '/strict', payload: { name: 'x' } });
    expect(missing.json().error.details).toEqual([expect.objectContaining({ field: 'age', code: 'required' })]);
    const wrong = await app.inject({ method: 'POST', url: '/strict', payload: { name: 'x', age: 'old' } });
    expect(wrong.json().error.details).toEqual([expect.objectContaining({ field: 'age', code: 'invalid' })]);
  });

  it('answers an unknown route with 404 route.not_found', async () => {
    const res = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route.not_found');
  });
});
