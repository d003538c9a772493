import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { chinaToday } from '../../../common/dates';
import { insertCase } from '../../db/seed/case.builders';
import { DEMO_ACCOUNTS } from '../../db/seed/demo.seed';
import { useTestApp, type Client } from '../../testing/app';
import { caseTeam } from './cases.table';
import { adultOf, caseTestIds } from './cases.testkit';

const MISSING = '00000000-0000-4000-8000-000000000000';

// The routes Fastify registers, collected by an onRoute hook on each instance (as in app.test.ts).
const registered = vi.hoisted(() => [] as { method: string | string[]; url: string }[]);
vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof import('fastify')>();
  const factory = ((opts: Parameters<typeof mod.default>[0]) => {
    const app = mod.default(opts);
    app.addHook('onRoute', (route) => void registered.push({ method: route.method, url: route.url }));
    return app;
  }) as typeof mod.default;
  return { ...mod, default: factory };
});

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
    { method: 'POST', url: `/api/cases/${id}/end`, body: { reason: 'moved', note: '已迁出' } },
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

const t = useTestApp();
/** Demo users by username, and a resident of 桃源社区 for the cases of these tests. */
const fixtures = async () => ({ user: await caseTestIds(t.db), resident: await adultOf(t.db, '桃源社区') });

describe('access to every case route', () => {
  let caseId: string;
  let restrictedId: string;

  beforeAll(async () => {
    const { user, resident } = await fixtures();
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
      ['POST', `/api/cases/${caseId}/end`, { reason: 'bored', note: 'x' }, 'reason'],
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

  it('lets managers not on the team neither write nor approve, and workers not approve', async () => {
    const jiedao = await t.as('jiedao');
    expect((await jiedao.post(`/api/cases/${caseId}/records`, { serviceDate: chinaToday(), mode: 'phone', durationMinutes: 5, serviceArea: 'community_care', content: 'x' })).statusCode).toBe(403);
    expect((await (await t.as('shegong1')).post(`/api/cases/${caseId}/review-closure`, { approve: true })).statusCode).toBe(403);
  });
});

/**
 * Every read of a case's file (个人信息保护法 第6条, minimum necessary): this module's and those of the
 * modules that hang on a case, with what the case's team gets. Managers who oversee the case without
 * being named on its team read its summary (GET /api/cases/:id) and get 403 `cases.file_closed` here.
 */
function fileReads(id: string): { url: string; team: number; overseer?: number }[] {
  return [
    { url: `/api/cases/${id}/events`, team: 200 },
    { url: `/api/cases/${id}/records`, team: 200 },
    { url: `/api/cases/${id}/plans`, team: 200 },
    { url: `/api/cases/${id}/plan-basis`, team: 200 },
    { url: `/api/cases/${id}/attachments/${MISSING}`, team: 404 },
    { url: `/api/cases/${id}/assessments`, team: 200 },
    { url: `/api/cases/${id}/assessments/${MISSING}`, team: 404 },
    { url: `/api/cases/${id}/referrals`, team: 200 },
    { url: `/api/cases/${id}/ecomaps`, team: 200 },
    { url: `/api/cases/${id}/ecomaps/${MISSING}`, team: 404 },
    // The team's concerns (强制报告) are the team's alone: a supervisor overseeing the scope off the team gets 403.
    { url: `/api/cases/${id}/mandatory-reports`, team: 200, overseer: 403 },
    { url: `/api/cases/${id}/orders`, team: 200 },
    // Only correction and drug-rehab cases have these: 409 on a general case.
    { url: `/api/cases/${id}/restricted-details`, team: 409 },
  ];
}

describe('the summary and the file of a case, for every demo account', () => {
  let caseId: string;
  let named: string;
  let unsupervised: string;

  beforeAll(async () => {
    const { user, resident } = await fixtures();
    caseId = (await insertCase(t.db, { residentId: resident, leadUserId: user.shegong1, supervisorUserId: user.dudao })).id;
    // The street manager and the agency head named on its team; a case without its supervisor on the team.
    named = (await insertCase(t.db, { residentId: resident, leadUserId: user.shegong1, supervisorUserId: user.dudao })).id;
    await t.db.insert(caseTeam).values([{ caseId: named, userId: user.jiedao, role: 'manager' }, { caseId: named, userId: user.jigou, role: 'manager' }]);
    unsupervised = (await insertCase(t.db, { residentId: resident, leadUserId: user.shegong1 })).id;
  });

  it('covers every read under /api/cases/:id/ that the app registers', () => {
    const listed = new Set(fileReads(':id').map((r) => r.url.replace(MISSING, '*')));
    const reads = registered
      .filter((r) => [r.method].flat().includes('GET') && r.url.startsWith('/api/cases/:id/'))
      .map((r) => r.url.replace(/:(attachmentId|assessmentId|ecomapId)$/, '*'));
    expect(reads.length).toBeGreaterThan(5);
    expect(reads.filter((u) => !listed.has(u))).toEqual([]);
  });

  // What each account gets: the team's answers, the summary only, or nothing (404 out of scope, 403 without case rights).
  const access: Record<string, 'team' | 'summary' | 'none' | 'forbidden'> = {
    shegong1: 'team', dudao: 'team', jiedao: 'summary', jigou: 'summary', shegong2: 'none',
  };

  for (const a of DEMO_ACCOUNTS) {
    it(`gives ${a.username} what their role and place allow on every read`, async () => {
      const c = await t.as(a.username);
      const kind = access[a.username] ?? 'forbidden';
      const one = await c.get(`/api/cases/${caseId}`);
      expect(one.statusCode).toBe({ team: 200, summary: 200, none: 404, forbidden: 403 }[kind]);
      if (kind === 'summary') {
        expect(one.json().abilities.readFile).toBe(false);
        expect(one.json().data).toMatchObject({ presentingProblem: null, plan: null, followups: [], client: { phone: null, address: '' } });
        expect(one.json().data.status).toBe('active');
      }
      if (kind === 'team') expect(one.json().abilities.readFile).toBe(true);
      for (const r of fileReads(caseId)) {
        const res = await c.get(r.url);
        const expected = { team: r.team, summary: 403, none: 404, forbidden: 403 }[kind];
        expect(res.statusCode, r.url).toBe(expected);
        if (kind === 'summary') expect(res.json().error.code, r.url).toBe('cases.file_closed');
      }
    });
  }

  it('opens the file to managers named on the team, and to a supervisor overseeing the scope who is not', async () => {
    for (const [username, id] of [['jiedao', named], ['jigou', named], ['dudao', unsupervised]] as const) {
      const c = await t.as(username);
      expect((await c.get(`/api/cases/${id}`)).json().abilities.readFile, username).toBe(true);
      const onTeam = username !== 'dudao';
      for (const r of fileReads(id)) expect((await c.get(r.url)).statusCode, `${username} ${r.url}`).toBe(onTeam ? r.team : (r.overseer ?? r.team));
    }
  });

  it('keeps the managers’ case list, stages, risk levels and figures of their scope', async () => {
    for (const username of ['jiedao', 'jigou']) {
      const c = await t.as(username);
      const list = (await c.get('/api/cases?pageSize=100')).json().data as { id: string; status: string; riskLevel: string }[];
      expect(list.find((x) => x.id === caseId), username).toMatchObject({ status: 'active', riskLevel: 'medium' });
      const stats = await c.get('/api/cases/stats?scope=all');
      expect(stats.statusCode).toBe(200);
      expect(stats.json().byStatus.length).toBeGreaterThan(0);
    }
  });
});
