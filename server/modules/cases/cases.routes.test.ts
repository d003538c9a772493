import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import { insertCase } from '../../db/seed/case.builders';
import { useTestApp, type Client } from '../../testing/app';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Every route of /api/cases with a body that would pass validation, for the access checks. */
function routes(id: string, sub: string) {
  const today = chinaToday();
  return [
    { method: 'GET', url: '/api/cases' },
    { method: 'POST', url: '/api/cases', body: { residentId: MISSING, source: 'outreach', presentingProblem: '求助', serviceArea: 'community_care' } },
    { method: 'GET', url: '/api/cases/workers' },
    { method: 'GET', url: '/api/cases/stats' },
    { method: 'GET', url: `/api/cases/${id}` },
    { method: 'PATCH', url: `/api/cases/${id}`, body: { riskLevel: 'high' } },
    { method: 'GET', url: `/api/cases/${id}/events` },
    { method: 'POST', url: `/api/cases/${id}/decide`, body: { decision: 'decline', reason: '无服务需要' } },
    { method: 'POST', url: `/api/cases/${id}/start-planning`, body: {} },
    { method: 'PUT', url: `/api/cases/${id}/plan`, body: { goals: [], tasks: [] } },
    { method: 'POST', url: `/api/cases/${id}/submit-plan` },
    { method: 'POST', url: `/api/cases/${id}/review-plan`, body: { approve: true } },
    { method: 'POST', url: `/api/cases/${id}/tasks/${sub}/status`, body: { status: 'done' } },
    { method: 'GET', url: `/api/cases/${id}/records` },
    { method: 'POST', url: `/api/cases/${id}/records`, body: { serviceDate: today, mode: 'phone', durationMinutes: 10, serviceArea: 'community_care', content: '电话' } },
    { method: 'GET', url: `/api/cases/${id}/attachments/${sub}` },
    { method: 'POST', url: `/api/cases/${id}/request-closure`, body: { goals: [], closureReason: 'goals_met', closureSummary: '结案' } },
    { method: 'POST', url: `/api/cases/${id}/review-closure`, body: { approve: true } },
    { method: 'POST', url: `/api/cases/${id}/reopen`, body: { reason: '复发' } },
    { method: 'POST', url: `/api/cases/${id}/followups`, body: { dueDate: today } },
    { method: 'POST', url: `/api/cases/${id}/team`, body: { role: 'external', externalName: '张医生' } },
    { method: 'DELETE', url: `/api/cases/${id}/team/${sub}` },
    { method: 'POST', url: `/api/cases/${id}/transfer`, body: { toUserId: MISSING, handoverNote: '调岗' } },
  ];
}

describe('access to every case route', () => {
  const t = useTestApp();
  let caseId: string;
  let restrictedId: string;

  beforeAll(async () => {
    const user = Object.fromEntries((await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`)).rows.map((r) => [r.username, r.id]));
    const resident = (await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id where o.name = '桃源社区' order by r.id limit 1`)).rows[0].id;
    caseId = (await insertCase(t.db, { residentId: resident, leadUserId: user.shegong1, supervisorUserId: user.dudao })).id;
    restrictedId = (await insertCase(t.db, { residentId: resident, leadUserId: user.shegong1, supervisorUserId: user.dudao, kind: 'drug_rehab' })).id;
  });

  const call = (c: Client, r: { method: string; url: string; body?: object }) => c.inject({ method: r.method as 'GET', url: r.url, ...(r.body ? { payload: r.body } : {}) });
  const version = async (id: string) => (await t.db.execute<{ v: number }>(sql`select version as v from cases where id = ${id}`)).rows[0].v;

  it('answers 401 on every route without a session', async () => {
    for (const r of routes(caseId, MISSING)) expect((await call(t.anon, r)).statusCode, `${r.method} ${r.url}`).toBe(401);
  });

  it('answers 403 on every route to the administrator and the volunteer, and changes nothing', async () => {
    const before = await version(caseId);
    for (const username of ['admin', 'zhiyuan']) {
      const c = await t.as(username);
      for (const r of routes(caseId, MISSING)) expect((await call(c, r)).statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
    }
    expect(await version(caseId)).toBe(before);
  });

  it('answers 404 on every route of a case to a worker who is not on it, restricted or not, and changes nothing', async () => {
    const c = await t.as('shegong2');
    for (const id of [caseId, restrictedId]) {
      const before = await version(id);
      for (const r of routes(id, MISSING).slice(4)) {
        const res = await call(c, r);
        // Approvals need a permission a worker lacks: refused before the case is even looked up.
        const expected = /review-(plan|closure)$/.test(r.url) ? 403 : 404;
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(expected);
        if (expected === 404) expect(res.json().error.code).toBe('not_found');
      }
      expect(await version(id)).toBe(before);
    }
  });

  it('answers 404 on a restricted case to the street manager who oversees its community', async () => {
    const c = await t.as('jiedao');
    expect((await c.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    for (const r of routes(restrictedId, MISSING).slice(4).filter((x) => x.method === 'GET')) {
      expect((await call(c, r)).statusCode, r.url).toBe(404);
    }
  });

  it('answers 400 naming the field on the routes that take input', async () => {
    const c = await t.as('shegong1');
    const bad: [string, string, object, string][] = [
      ['POST', '/api/cases', { residentId: 'x', source: 'outreach', presentingProblem: 'p', serviceArea: 'community_care' }, 'residentId'],
      ['PATCH', `/api/cases/${caseId}`, { riskLevel: 'extreme' }, 'riskLevel'],
      ['POST', `/api/cases/${caseId}/decide`, { decision: 'maybe' }, 'decision'],
      ['PUT', `/api/cases/${caseId}/plan`, { goals: [{ title: '', indicator: 'x' }], tasks: [] }, 'goals.0.title'],
      ['POST', `/api/cases/${caseId}/records`, { serviceDate: '2026-13-01', mode: 'phone', durationMinutes: 10, serviceArea: 'community_care', content: 'x' }, 'serviceDate'],
      ['POST', `/api/cases/${caseId}/records`, { serviceDate: chinaToday(), mode: 'phone', durationMinutes: 0, serviceArea: 'community_care', content: 'x' }, 'durationMinutes'],
      ['POST', `/api/cases/${caseId}/request-closure`, { goals: [], closureReason: 'bored', closureSummary: 'x' }, 'closureReason'],
      ['POST', `/api/cases/${caseId}/reopen`, { reason: '' }, 'reason'],
      ['POST', `/api/cases/${caseId}/transfer`, { toUserId: MISSING }, 'handoverNote'],
      ['POST', `/api/cases/${caseId}/team`, { role: 'lead', userId: MISSING }, 'role'],
    ];
    for (const [method, url, body, field] of bad) {
      const res = await c.inject({ method: method as 'POST', url, payload: body });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field), `${method} ${url}`).toContain(field);
    }
  });

  it('lets managers read but not write, and workers not approve', async () => {
    const jiedao = await t.as('jiedao');
    expect((await jiedao.get(`/api/cases/${caseId}/records`)).statusCode).toBe(200);
    expect((await jiedao.post(`/api/cases/${caseId}/records`, { serviceDate: chinaToday(), mode: 'phone', durationMinutes: 5, serviceArea: 'community_care', content: 'x' })).statusCode).toBe(403);
    expect((await (await t.as('shegong1')).post(`/api/cases/${caseId}/review-closure`, { approve: true })).statusCode).toBe(403);
  });
});
