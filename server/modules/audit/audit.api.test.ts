import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../common/schemas/audit.schema';
import type { Resident } from '../../../common/schemas/residents.schema';
import { useTestApp, type Client } from '../../testing/app';

/** Today's date in China Standard Time, as the audit filter reads it. */
const todayCst = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('audit API', () => {
  const t = useTestApp();
  let admin: Client;
  let auditor: Client;
  let worker: Client;
  let resident: Resident;

  const listAs = async (c: Client, query: string) => {
    const res = await c.get(`/api/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { data: AuditEntry[]; total: number };
  };
  /** The system administrator's view. */
  const list = (query: string) => listAs(admin, query);
  /** The audit administrator's view. */
  const listFull = (query: string) => listAs(auditor, query);

  beforeAll(async () => {
    admin = await t.as('admin');
    auditor = await t.as('shenji');
    worker = await t.as('shegong1');
    const first = await worker.get('/api/residents?pageSize=1');
    const id = first.json().data[0].id as string;
    resident = (await worker.get(`/api/residents/${id}`)).json().data;
  });

  it('answers 401 without a session', async () => {
    const res = await t.anon.get('/api/audit');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.required');
  });

  it('answers 403 to a social worker, and records the refusal', async () => {
    const res = await worker.get('/api/audit');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
    const { data } = await list('action=auth.denied&q=shegong1');
    expect(data[0]).toMatchObject({ actorUsername: 'shegong1', outcome: 'denied', detail: { permission: 'audit.read' } });
  });

  it('lists the log newest first for the administrator', async () => {
    const { data, total } = await list('');
    expect(total).toBeGreaterThan(0);
    const times = data.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(data.some((e) => e.action === 'auth.login' && e.actorUsername === 'admin')).toBe(true);
  });

  it('records a change with its before and after values, which only the audit administrator reads', async () => {
    const note = `回访记录 ${Date.now()}`;
    const res = await worker.patch(`/api/residents/${resident.id}`, { note, version: resident.version });
    expect(res.statusCode, res.body).toBe(200);
    resident = res.json().data;
    const expected = {
      actorUsername: 'shegong1',
      actorRole: 'worker',
      action: 'residents.update',
      entityType: 'resident',
      entityId: resident.id,
      communityId: resident.communityId,
      outcome: 'success',
      changedFields: ['note'],
    };
    const full = await listFull(`action=residents.update&entityType=resident&entityId=${resident.id}`);
    expect(full.total).toBe(1);
    expect(full.data[0]).toMatchObject(expected);
    expect(full.data[0].changes?.note?.[1]).toBe(note);
    const summary = await list(`action=residents.update&entityType=resident&entityId=${resident.id}`);
    expect(summary.total).toBe(1);
    expect(summary.data[0]).toMatchObject({ ...expected, changes: null });
    expect(JSON.stringify(summary.data)).not.toContain(note);
  });

  it('stores a changed phone number masked', async () => {
    const res = await worker.patch(`/api/residents/${resident.id}`, { phone: '13912345678', version: resident.version });
    expect(res.statusCode, res.body).toBe(200);
    resident = res.json().data;
    const { data } = await listFull(`action=residents.update&entityId=${resident.id}`);
    expect(data[0].changes?.phone?.[1]).toBe('139****5678');
    expect(JSON.stringify(data)).not.toContain('13912345678');
  });

  it('filters by action prefix', async () => {
    const { data, total } = await list('action=auth.&pageSize=100');
    expect(total).toBeGreaterThan(0);
    expect(data.every((e) => e.action.startsWith('auth.'))).toBe(true);
    const exact = await list('action=auth.login');
    expect(exact.data.every((e) => e.action.startsWith('auth.login'))).toBe(true);
  });

  it('treats the action filter as text, not as a LIKE pattern', async () => {
    expect((await list('action=%25')).total).toBe(0);
    expect((await list('action=auth_login')).total).toBe(0);
  });

  it('filters by outcome', async () => {
    await t.anon.post('/api/auth/login', { username: 'jigou', password: 'wrong-password' });
    const { data, total } = await list('outcome=failure');
    expect(total).toBeGreaterThan(0);
    expect(data.every((e) => e.outcome === 'failure')).toBe(true);
    expect(data.some((e) => e.action === 'auth.login_failed' && e.actorUsername === 'jigou')).toBe(true);
  });

  it('finds failed logins of today by combining action, outcome and date', async () => {
    const today = todayCst();
    const { data, total } = await list(`action=auth.login_failed&outcome=failure&from=${today}&to=${today}`);
    expect(total).toBeGreaterThan(0);
    expect(data.every((e) => e.action === 'auth.login_failed')).toBe(true);
    expect(data[0].detail).toMatchObject({ reason: 'wrong_password' });
  });

  it('filters by date range, both ends included, in China Standard Time', async () => {
    const today = todayCst();
    expect((await list(`from=${today}&to=${today}`)).total).toBeGreaterThan(0);
    expect((await list('from=2000-01-01&to=2000-01-31')).total).toBe(0);
    expect((await list('from=2999-01-01')).total).toBe(0);
  });

  it('filters by entity type and id', async () => {
    const { data } = await list(`entityType=resident&entityId=${resident.id}`);
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((e) => e.entityType === 'resident' && e.entityId === resident.id)).toBe(true);
    expect((await list('entityType=no_such_type')).total).toBe(0);
  });

  it('searches by username with q, and by an exact entity id', async () => {
    const byUser = await list('q=shegong1&pageSize=100');
    expect(byUser.total).toBeGreaterThan(0);
    expect(byUser.data.every((e) => e.actorUsername === 'shegong1' || e.action.includes('shegong1') || e.entityId === 'shegong1')).toBe(true);
    const byId = await list(`q=${resident.id}`);
    expect(byId.data.every((e) => e.entityId === resident.id)).toBe(true);
    expect(byId.total).toBeGreaterThan(0);
  });

  it('pages the results with a stable total', async () => {
    const p1 = await list('pageSize=2&page=1');
    const p2 = await list('pageSize=2&page=2');
    expect(p1.data).toHaveLength(2);
    expect(p2.data).toHaveLength(2);
    expect(p1.total).toBe(p2.total);
    expect(p1.data.map((e) => e.id)).not.toEqual(expect.arrayContaining(p2.data.map((e) => e.id)));
    expect(p1.data[1].at >= p2.data[0].at).toBe(true);
  });

  describe('restricted tags', () => {
    beforeAll(async () => {
      const keep = resident.tags.map((x) => ({ tag: x.tag, startDate: x.startDate ?? null, endDate: x.endDate ?? null }));
      const res = await worker.patch(`/api/residents/${resident.id}`, {
        tags: [...keep.filter((x) => x.tag !== 'dv_victim'), { tag: 'dv_victim', startDate: '2024-01-01', endDate: null }],
        version: resident.version,
      });
      expect(res.statusCode, res.body).toBe(200);
      resident = res.json().data;
    });

    it('shows the administrator that the tags changed, not which', async () => {
      const res = await admin.get(`/api/audit?entityType=resident&entityId=${resident.id}&pageSize=100`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('dv_victim');
      const [latest] = res.json().data as AuditEntry[];
      expect(latest).toMatchObject({ action: 'residents.update', changedFields: ['tags'], changes: null });
    });

    it('shows the audit administrator the restricted tag, wherever the resident lives', async () => {
      const { data } = await listFull(`entityType=resident&entityId=${resident.id}&action=residents.update`);
      expect(data[0].changes?.tags?.[1]).toContain('dv_victim@2024-01-01');
    });
  });

  it('shows the administrator that an export happened and its size, not what it searched for', async () => {
    const res = await worker.get('/api/residents/export?tags=dv_victim,elderly_living_alone&q=张');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const summary = await list('action=residents.export&q=shegong1');
    expect(JSON.stringify(summary.data)).not.toMatch(/dv_victim|elderly_living_alone|张/);
    expect(summary.data[0].detail).toEqual({ rows: expect.any(Number) });
    const full = await listFull('action=residents.export&q=shegong1');
    expect((full.data[0].detail?.filters as { tags: string[] }).tags.sort()).toEqual(['dv_victim', 'elderly_living_alone']);
  });

  it('cannot be changed or deleted, even with direct SQL', async () => {
    const refusal = (q: Promise<unknown>) =>
      q.then(
        () => 'accepted',
        (e: Error & { cause?: Error & { code?: string } }) => `${e.cause?.code} ${e.cause?.message}`,
      );
    // 42501 insufficient_privilege, raised by the audit_log_refuse_change trigger.
    expect(await refusal(t.db.execute(sql`update audit_log set action = 'tampered'`))).toBe('42501 audit_log is append-only');
    expect(await refusal(t.db.execute(sql`delete from audit_log`))).toBe('42501 audit_log is append-only');
    expect(await refusal(t.db.execute(sql`truncate audit_log`))).toBe('42501 audit_log is append-only');
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'tampered'`);
    expect(rows[0].n).toBe(0);
  });

  it('offers no route to change audit rows', async () => {
    const [row] = (await list('pageSize=1')).data;
    expect((await admin.patch(`/api/audit/${row.id}`, { action: 'x' })).statusCode).toBe(404);
    expect((await admin.delete(`/api/audit/${row.id}`)).statusCode).toBe(404);
  });

  it('answers 400 naming the field for a bad date', async () => {
    const res = await admin.get('/api/audit?from=2024-13-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation.failed', details: [{ field: 'from', code: 'invalid_date' }] });
  });

  it('answers 400 for an unknown outcome and an oversized page', async () => {
    const bad = await admin.get('/api/audit?outcome=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'outcome' });
    const big = await admin.get('/api/audit?pageSize=1000');
    expect(big.statusCode).toBe(400);
    expect(big.json().error.details[0]).toMatchObject({ field: 'pageSize' });
  });
});
