import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../common/schemas/audit.schema';
import { permissionsOf } from '../../../common/permissions';
import { maskIdNumber } from '../../../common/validators/id-number.validator';
import { idNumberFor } from '../../db/seed/builders';
import { useTestApp, type Client } from '../../testing/app';
import { writeAudit } from './audit.service';
import { canSeeAuditRow, visibleAuditWhere } from './audit.policy';
import { auditLog } from './audit.table';

/** Values planted in the log that the system administrator's answers must never carry. */
const SENTINEL_NAME = '哨兵甲乙丙';
const SENTINEL_PROBLEM = '哨兵问题描述：家中多次发生冲突';

describe('audit log: the system administrator’s view and the audit administrator’s', () => {
  const t = useTestApp();
  let admin: Client;
  let auditor: Client;
  let worker: Client;
  let oldName: string;
  let newIdNumber: string;
  let residentId: string;
  let restrictedCaseId: string;

  const body = async (c: Client, query = 'pageSize=100') => {
    const res = await c.get(`/api/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  beforeAll(async () => {
    admin = await t.as('admin');
    auditor = await t.as('shenji');
    worker = await t.as('shegong1');

    // A resident edit with name and ID number changes.
    const first = (await worker.get('/api/residents?pageSize=1')).json().data[0];
    const resident = (await worker.get(`/api/residents/${first.id}`)).json().data;
    residentId = resident.id;
    oldName = resident.name;
    newIdNumber = idNumberFor({ area: '110105', birthDate: resident.birthDate ?? '1980-01-01', sex: resident.sex === 'female' ? 'female' : 'male', serial: 917 });
    const edit = await worker.patch(`/api/residents/${residentId}`, {
      name: SENTINEL_NAME, idType: 'resident_id_card', idNumber: newIdNumber, birthDate: newIdNumber.replace(/^\d{6}(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3'),
      sex: Number(newIdNumber[16]) % 2 ? 'male' : 'female', version: resident.version,
    });
    expect(edit.statusCode, edit.body).toBe(200);

    // A restricted case (社区矫正) the worker opens: intake, a read (audited) and an edit.
    const intake = await worker.post('/api/cases', {
      residentId, source: 'self_referral', presentingProblem: '按期报到', serviceArea: 'correction', kind: 'correction', riskLevel: 'medium', consentBasis: 'consent',
    });
    expect(intake.statusCode, intake.body).toBe(201);
    restrictedCaseId = intake.json().data.id;
    const read = await worker.get(`/api/cases/${restrictedCaseId}`);
    expect(read.statusCode, read.body).toBe(200);
    const update = await worker.patch(`/api/cases/${restrictedCaseId}`, { presentingProblem: SENTINEL_PROBLEM, version: read.json().data.version });
    expect(update.statusCode, update.body).toBe(200);
  });

  it('gives the system administrator none of the planted personal data or restricted case', async () => {
    const res = await body(admin);
    const raw = res.body;
    for (const secret of [SENTINEL_NAME, oldName, newIdNumber, maskIdNumber(newIdNumber), SENTINEL_PROBLEM, restrictedCaseId, 'view_restricted', 'correction']) {
      expect(raw, secret).not.toContain(secret);
    }
    const edit = (res.json().data as AuditEntry[]).find((e) => e.action === 'residents.update' && e.entityId === residentId)!;
    expect(edit).toMatchObject({ actorUsername: 'shegong1', changes: null });
    expect(edit.changedFields).toEqual(expect.arrayContaining(['name', 'idNumber']));
  });

  it('answers the administrator’s searches for a restricted case as if nothing happened', async () => {
    for (const query of [`entityId=${restrictedCaseId}`, `q=${restrictedCaseId}`, 'action=cases.view_restricted', 'action=safeguarding.', 'action=cases.update']) {
      const { total, data } = (await body(admin, query)).json();
      expect(data.some((e: AuditEntry) => e.entityId === restrictedCaseId), query).toBe(false);
      if (query !== 'action=cases.update') expect(total, query).toBe(0);
    }
  });

  it('gives the system administrator opaque row ids, so hidden rows leave no gaps', async () => {
    const { data } = (await body(admin, 'pageSize=5')).json();
    for (const e of data as AuditEntry[]) expect(e.id).not.toMatch(/^\d+$/);
  });

  it('gives the audit administrator all of it, and records that read', async () => {
    const res = await body(auditor, `from=2000-01-01&pageSize=100`);
    for (const value of [SENTINEL_NAME, maskIdNumber(newIdNumber), restrictedCaseId, '"kind":"correction"']) expect(res.body, value).toContain(value);
    const data = res.json().data as AuditEntry[];
    expect(data.find((e) => e.action === 'cases.view_restricted' && e.entityId === restrictedCaseId)).toBeDefined();
    expect(data.find((e) => e.action === 'residents.update' && e.entityId === residentId)!.changes?.name).toEqual([oldName, SENTINEL_NAME]);
    const { rows } = await t.db.execute<{ detail: { filters: Record<string, unknown>; rows: number } }>(
      sql`select detail from audit_log where action = 'audit.read_detail' and actor_username = 'shenji' order by id desc limit 1`,
    );
    expect(rows[0].detail).toMatchObject({ filters: { from: '2000-01-01' }, page: 1, rows: data.length });
  });

  it('records no full read for the system administrator, and shows them the audit administrator’s reads', async () => {
    await body(admin);
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'audit.read_detail' and actor_username = 'admin'`);
    expect(rows[0].n).toBe(0);
    await body(auditor, 'pageSize=1');
    const { data } = (await body(admin, 'action=audit.read_detail')).json();
    expect(data[0]).toMatchObject({ actorUsername: 'shenji', actorRole: 'audit_admin', detail: { rows: 1 } });
  });

  it('marks every row about a restricted case, whoever writes it', async () => {
    await writeAudit({ db: t.db, actor: { ip: null, requestId: null, username: 'test' }, action: 'cases.update', entityType: 'case', entityId: restrictedCaseId });
    const { rows } = await t.db.execute<{ restricted: boolean }>(sql`select restricted from audit_log where entity_id = ${restrictedCaseId} and actor_username = 'test'`);
    expect(rows[0].restricted).toBe(true);
  });

  it('lets the audit administrator manage nothing and read no resident or case', async () => {
    for (const [method, url] of [['GET', '/api/users'], ['POST', '/api/orgs'], ['PUT', '/api/settings/risk-levels'], ['GET', '/api/residents'], ['GET', '/api/cases']] as const) {
      const res = await auditor.inject({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('states the same rule for one row and for the list', async () => {
    const rows = await t.db.select({ action: auditLog.action, restricted: auditLog.restricted }).from(auditLog);
    const actor = { permissions: permissionsOf('admin') };
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(visibleAuditWhere(actor));
    expect(rows.filter((r) => canSeeAuditRow(actor, r)).length).toBe(n);
    expect(n).toBeLessThan(rows.length);
    expect(rows.every((r) => canSeeAuditRow({ permissions: permissionsOf('audit_admin') }, r))).toBe(true);
  });
});
