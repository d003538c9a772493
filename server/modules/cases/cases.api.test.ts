import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import { multipart, useTestApp, type Client } from '../../testing/app';
import { addDays } from './cases.rules';
import { recordAssessment } from './cases.testkit';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('cases API', () => {
  const t = useTestApp();
  let adult: string;
  let other: string;
  let qingshan: string;

  beforeAll(async () => {
    const pick = async (community: string, adultOnly = true) =>
      (await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id
        where o.name = ${community} and r.archived_at is null ${adultOnly ? sql`and r.birth_date < '2000-01-01'` : sql``} order by r.id limit 2`)).rows;
    [{ id: adult }, { id: other }] = await pick('曙光社区');
    [{ id: qingshan }] = await pick('青山社区');
  });

  const intake = async (c: Client, body: Record<string, unknown> = {}) => {
    const res = await c.post('/api/cases', { residentId: adult, source: 'self_referral', presentingProblem: '独居，情绪低落', serviceArea: 'community_care', riskLevel: 'medium', consentBasis: 'consent', ...body });
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json().data as { id: string; caseNo: string; status: string; supervisorName: string | null; version: number };
  };
  const ok = async (p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200) => {
    const res = await p;
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode} ${res.body}`);
    return res.json() as { data: Record<string, unknown> & { id: string }; abilities?: Record<string, boolean> };
  };

  it('answers 401 to anonymous callers and 403 to roles without case rights', async () => {
    expect((await t.anon.get('/api/cases')).statusCode).toBe(401);
    expect((await (await t.as('zhiyuan')).get('/api/cases')).statusCode).toBe(403);
    expect((await (await t.as('admin')).post('/api/cases', {})).statusCode).toBe(403);
    expect((await (await t.as('jiedao')).post('/api/cases', { residentId: adult })).statusCode).toBe(403);
  });

  it('opens a case for a resident of the worker’s community, with their supervisor on the team', async () => {
    const c = await intake(await t.as('shegong1'));
    expect(c.caseNo).toMatch(/^GA-\d{4}-\d{6}$/);
    expect(c.status).toBe('intake');
    expect(c.supervisorName).toBe('督导 陈静');
    const dudao = await ok((await t.as('dudao')).get(`/api/cases/${c.id}`));
    expect((dudao.data.team as { name: string; role: string }[]).map((m) => `${m.role}:${m.name}`)).toContain('supervisor:督导 陈静');
    // Nothing waits for approval yet.
    expect(dudao.abilities).toMatchObject({ approve: false, readFile: true });
  });

  it('refuses an intake for a resident outside the worker’s communities, naming the field', async () => {
    const res = await (await t.as('shegong1')).post('/api/cases', { residentId: qingshan, source: 'outreach', presentingProblem: 'x', serviceArea: 'community_care' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('residentId');
  });

  it('answers 400 with the field for an intake without a presenting problem', async () => {
    const res = await (await t.as('shegong1')).post('/api/cases', { residentId: adult, source: 'outreach', serviceArea: 'community_care' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain('presentingProblem');
  });

  it('answers 404 to a worker of other communities and shows the case to the street manager who oversees it', async () => {
    const c = await intake(await t.as('shegong1'));
    expect((await (await t.as('shegong2')).get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await (await t.as('jiedao')).get(`/api/cases/${c.id}`)).statusCode).toBe(200);
    expect((await (await t.as('shegong1')).get(`/api/cases/${MISSING}`)).statusCode).toBe(404);
  });

  it('hides a restricted case from everyone off its team, in the list and by id, and audits each read', async () => {
    const c = await intake(await t.as('shegong1'), { kind: 'correction', serviceArea: 'correction' });
    for (const u of ['jiedao', 'shegong2', 'jigou']) {
      const client = await t.as(u);
      expect((await client.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
      expect((await client.get('/api/cases?pageSize=100')).json().data.map((x: { id: string }) => x.id)).not.toContain(c.id);
    }
    await ok((await t.as('dudao')).get(`/api/cases/${c.id}`));
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'cases.view_restricted' and entity_id = ${c.id}`);
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('runs a case from intake to closure with the supervisor’s approvals, then follow-up and reopen', async () => {
    const w = await t.as('shegong1');
    const s = await t.as('dudao');
    const c = await intake(w, { residentId: other, intakeDate: addDays(chinaToday(), -10) });
    await ok(w.post(`/api/cases/${c.id}/decide`, { decision: 'accept' }));
    expect((await w.post(`/api/cases/${c.id}/submit-plan`)).statusCode).toBe(409);
    // 计划 rests on a recorded 预估.
    const early = await w.post(`/api/cases/${c.id}/start-planning`, { note: '预估完成' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('cases.assessment_required');
    await recordAssessment(t.db, c.id, (await w.get('/api/auth/me')).json().data.id);
    await ok(w.post(`/api/cases/${c.id}/start-planning`, { note: '预估完成' }));
    const me = (await w.get('/api/auth/me')).json().data.id as string;
    const plan = await ok(w.inject({ method: 'PUT', url: `/api/cases/${c.id}/plan`, payload: {
      strategy: '链接居家养老服务', goals: [{ title: '改善情绪', indicator: '抑郁自评分下降 5 分' }],
      tasks: [{ title: '每周家访一次', goalIndex: 0, ownerUserId: me, dueDate: addDays(chinaToday(), 3) }],
    } }));
    expect((plan.data.goals as unknown[]).length).toBe(1);
    await ok(w.post(`/api/cases/${c.id}/submit-plan`));
    expect((await w.post(`/api/cases/${c.id}/review-plan`, { approve: true })).statusCode).toBe(403);
    expect((await s.get('/api/todo')).json().data.map((x: { kind: string; caseId: string }) => `${x.kind}:${x.caseId}`)).toContain(`plan_review:${c.id}`);
    expect((await s.post(`/api/cases/${c.id}/review-plan`, { approve: false })).statusCode).toBe(400);
    await ok(s.post(`/api/cases/${c.id}/review-plan`, { approve: true, comment: '同意' }));
    const today = chinaToday();
    const rec = await ok(w.post(`/api/cases/${c.id}/records`, { serviceDate: today, mode: 'home_visit', durationMinutes: 60, serviceArea: 'community_care', content: '家访，了解近况' }), 201);
    expect(rec.data.late).toBe(false);
    const late = await ok(w.post(`/api/cases/${c.id}/records`, { serviceDate: addDays(today, -3), mode: 'phone', durationMinutes: 15, serviceArea: 'community_care', content: '电话回访' }), 201);
    expect(late.data.late).toBe(true);
    expect((await w.post(`/api/cases/${c.id}/records`, { serviceDate: addDays(today, 1), mode: 'phone', durationMinutes: 15, serviceArea: 'community_care', content: 'x' })).json().error.details[0].field).toBe('serviceDate');
    const detail = await ok(w.get(`/api/cases/${c.id}`));
    const p = detail.data.plan as { goals: { id: string }[]; tasks: { id: string }[] };
    const closure = { goals: [{ goalId: p.goals[0].id, attainment: 'mostly' }], closureReason: 'goals_met', closureSummary: '情绪好转，已链接养老服务' };
    expect((await w.post(`/api/cases/${c.id}/request-closure`, closure)).statusCode).toBe(409);
    await ok(w.post(`/api/cases/${c.id}/tasks/${p.tasks[0].id}/status`, { status: 'done' }));
    await ok(w.post(`/api/cases/${c.id}/request-closure`, closure));
    const closed = await ok(s.post(`/api/cases/${c.id}/review-closure`, { approve: true }));
    expect(closed.data.status).toBe('closed');
    expect(closed.data.archiveNo).toMatch(/-WS·\d{4}-D30-GA-\d{4}$/);
    expect((await w.post(`/api/cases/${c.id}/records`, { serviceDate: today, mode: 'phone', durationMinutes: 5, serviceArea: 'community_care', content: 'x' })).statusCode).toBe(409);
    const followup = (closed.data.followups as { id: string }[])[0];
    await ok(w.post(`/api/cases/${c.id}/records`, { serviceDate: today, mode: 'phone', durationMinutes: 10, serviceArea: 'community_care', content: '结案回访，情况稳定', followupId: followup.id }), 201);
    const reopened = await ok(w.post(`/api/cases/${c.id}/reopen`, { reason: '再次出现情绪问题' }));
    expect(reopened.data.status).toBe('active');
    expect(reopened.data.archiveNo).toBe(closed.data.archiveNo);
    const events = (await w.get(`/api/cases/${c.id}/events`)).json().data.map((e: { action: string }) => e.action);
    expect(events).toEqual(expect.arrayContaining(['cases.intake', 'cases.accept', 'cases.plan_submit', 'cases.plan_approve', 'cases.closure_approve', 'cases.reopen']));
    const audit = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where entity_id = ${c.id} and action = 'cases.closure_approve'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it('refuses to accept a case without consent or a legal basis', async () => {
    const w = await t.as('shegong1');
    const c = await intake(w, { consentBasis: null });
    const res = await w.post(`/api/cases/${c.id}/decide`, { decision: 'accept' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('cases.consent_required');
  });

  it('transfers a case with a handover note; the new lead is notified and the old one leaves the team', async () => {
    const w = await t.as('shegong1');
    const c = await intake(w);
    const workers = (await w.get(`/api/cases/workers`)).json().data as { id: string; displayName: string }[];
    const dudao = workers.find((x) => x.displayName === '督导 陈静')!;
    expect((await w.post(`/api/cases/${c.id}/transfer`, { toUserId: dudao.id })).statusCode).toBe(400);
    await ok(w.post(`/api/cases/${c.id}/transfer`, { toUserId: dudao.id, handoverNote: '本人调岗，已电话告知服务对象' }));
    // The former lead, a worker without oversight, no longer sees the case; the new lead has it and a notification.
    expect((await w.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    const s = await t.as('dudao');
    expect((await s.get(`/api/cases/${c.id}`)).json().data.leadName).toBe('督导 陈静');
    expect((await s.get('/api/notifications')).json().data.map((n: { kind: string }) => n.kind)).toContain('transfer_received');
  });

  it('attaches a photo to a record, refuses a file that is not an image or PDF, and serves it back only to those who see the case', async () => {
    const w = await t.as('shegong1');
    const c = await intake(w, { intakeDate: addDays(chinaToday(), -2) });
    const rec = await ok(w.post(`/api/cases/${c.id}/records`, { serviceDate: chinaToday(), mode: 'home_visit', durationMinutes: 30, serviceArea: 'community_care', content: '家访' }), 201);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const url = `/api/cases/${c.id}/records/${rec.data.id}/attachments`;
    const up = await w.inject({ method: 'POST', url, ...multipart({}, { name: '家访照片.png', data: png, type: 'image/png' }) });
    expect(up.statusCode).toBe(201);
    // The declared type is not trusted: a text file called .png is refused, naming the field.
    const bad = await w.inject({ method: 'POST', url, ...multipart({}, { name: 'x.png', data: Buffer.from('not an image'), type: 'image/png' }) });
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error).toMatchObject({ code: 'cases.attachment_type', details: [{ field: 'file' }] });
    const list = (await w.get(`/api/cases/${c.id}/records`)).json().data as { id: string; attachments: { id: string; fileName: string }[] }[];
    const a = list.find((r) => r.id === rec.data.id)!.attachments;
    expect(a.map((x) => x.fileName)).toEqual(['家访照片.png']);
    const file = await w.get(`/api/cases/${c.id}/attachments/${a[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(png)).toBe(true);
    expect((await (await t.as('shegong2')).get(`/api/cases/${c.id}/attachments/${a[0].id}`)).statusCode).toBe(404);
    // The list counts the records of each case (the resident's page shows it).
    const listed = (await w.get('/api/cases?pageSize=100&sort=updatedAt')).json().data as { id: string; recordCount: number }[];
    expect(listed.find((x) => x.id === c.id)?.recordCount).toBe(1);
  });
});
