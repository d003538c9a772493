import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from './cases.rules';
import { chinaToday } from '../../../common/dates';
import { insertCase } from '../../db/seed/case.builders';
import { useTestApp, type Client } from '../../testing/app';
import { addUser, adultOf, caseTestIds, recordAssessment } from './cases.testkit';

type Approval = { kind: string; submittedByName: string | null; byOwnSupervisor: boolean; approvers: string[] } | null;

// Nobody approves their own work (MZ/T 071 §7.3 督导; separation of duties): whoever submits a plan or
// asks for closure, and a supervisor who leads the case, do not approve it.
describe('who approves a plan or a closure', () => {
  const t = useTestApp();
  let user: Record<string, string>;
  let shuguang: string;
  let deputy: string;

  beforeAll(async () => {
    user = await caseTestIds(t.db);
    shuguang = await adultOf(t.db, '曙光社区', 2);
    // A second supervisor of the 江滨街道 station, with sight of restricted data.
    deputy = await addUser(t.db, { username: 'dudao_b', displayName: '督导 吴磊', role: 'supervisor', posts: ['江滨街道社工站'], restricted: true });
  });

  const ok = async (p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200) => {
    const res = await p;
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode} ${res.body}`);
    return res.json() as { data: Record<string, unknown> & { id: string; approval: Approval; plan: unknown; presentingProblem: string | null }; abilities: Record<string, boolean> };
  };
  /** A case in 计划 led by `lead` (intake through the API), with a plan ready to submit. */
  const planned = async (lead: Client, leadId: string, body: Record<string, unknown> = {}) => {
    const c = (await ok(lead.post('/api/cases', { residentId: shuguang, source: 'outreach', presentingProblem: '独居老人，子女不在身边', serviceArea: 'community_care', consentBasis: 'consent', ...body }), 201)).data;
    await ok(lead.post(`/api/cases/${c.id}/decide`, { decision: 'accept' }));
    await recordAssessment(t.db, c.id, leadId);
    await ok(lead.post(`/api/cases/${c.id}/start-planning`, {}));
    await ok(lead.put(`/api/cases/${c.id}/plan`, { goals: [{ title: '改善情绪', indicator: '自评分提高' }], tasks: [{ title: '每周家访', goalIndex: 0, ownerUserId: leadId }] }));
    return c.id;
  };
  const todoOf = async (c: Client) => ((await c.get('/api/todo')).json().data as { kind: string; caseId: string }[]).map((x) => `${x.kind}:${x.caseId}`);
  const notified = async (userId: string, caseId: string, kind: string) =>
    (await t.db.execute(sql`select 1 from notifications where user_id = ${userId} and case_id = ${caseId} and kind = ${kind}`)).rows.length > 0;

  it('sends a plan submitted by a supervisor on a case they opened and lead to the agency head, who reads the plan and approves it', async () => {
    const dudao = await t.as('dudao');
    const id = await planned(dudao, user.dudao);
    const submitted = await ok(dudao.post(`/api/cases/${id}/submit-plan`));
    expect(submitted.data.status).toBe('submitted');
    const mine = await ok(dudao.get(`/api/cases/${id}`));
    expect(mine.data.approval).toMatchObject({ kind: 'plan', submittedByName: '督导 陈静', byOwnSupervisor: false });
    expect(mine.data.approval!.approvers).toEqual(expect.arrayContaining(['阳光社工 林主任', '督导 吴磊']));
    expect(mine.abilities.approve).toBe(false);
    const refused = await dudao.post(`/api/cases/${id}/review-plan`, { approve: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('cases.not_approver');
    expect(await todoOf(dudao)).not.toContain(`plan_review:${id}`);

    // The agency head: in 我的待办, notified, reads the plan (not the rest of the file) and approves.
    const jigou = await t.as('jigou');
    expect(await todoOf(jigou)).toContain(`plan_review:${id}`);
    expect(await notified(user.jigou, id, 'plan_review')).toBe(true);
    const seen = await ok(jigou.get(`/api/cases/${id}`));
    expect(seen.abilities).toMatchObject({ approve: true, readFile: false });
    expect(seen.data.plan).toMatchObject({ status: 'submitted' });
    expect(seen.data.presentingProblem).toBeNull();
    expect((await jigou.get(`/api/cases/${id}/records`)).statusCode).toBe(403);
    await ok(jigou.post(`/api/cases/${id}/review-plan`, { approve: true, comment: '同意' }));
    // Once approved, the agency head is back to the summary.
    const after = await ok(jigou.get(`/api/cases/${id}`));
    expect(after.data).toMatchObject({ status: 'active', plan: null, approval: null });
    expect(await todoOf(jigou)).not.toContain(`plan_review:${id}`);
  });

  it('refuses a submission nobody may approve on a restricted case, until the lead adds another supervisor to the team', async () => {
    const dudao = await t.as('dudao');
    const id = await planned(dudao, user.dudao, { kind: 'correction', serviceArea: 'correction', consentBasis: 'legal_duty' });
    const res = await dudao.post(`/api/cases/${id}/submit-plan`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('cases.no_approver');
    expect(res.json().error.message).toContain('请先在“服务团队”中将另一位督导加入团队');
    // Nothing moved, and nobody outside the team was told of the case.
    expect((await ok(dudao.get(`/api/cases/${id}`))).data.status).toBe('planning');
    expect(await notified(user.jigou, id, 'plan_review')).toBe(false);
    expect((await (await t.as('jigou')).get(`/api/cases/${id}`)).statusCode).toBe(404);

    await ok(dudao.post(`/api/cases/${id}/team`, { role: 'supervisor', userId: deputy }), 201);
    await ok(dudao.post(`/api/cases/${id}/submit-plan`));
    const wu = await t.as('dudao_b');
    expect(await todoOf(wu)).toContain(`plan_review:${id}`);
    await ok(wu.post(`/api/cases/${id}/review-plan`, { approve: true, comment: '同意' }));
  });

  it('takes the approval from a supervisor the lead made supervisor of their own case (team change)', async () => {
    const dudao = await t.as('dudao');
    const id = await planned(dudao, user.dudao, { supervisorUserId: deputy });
    // The lead names themself supervisor: the deputy leaves that role.
    await ok(dudao.post(`/api/cases/${id}/team`, { role: 'supervisor', userId: user.dudao }), 201);
    const wu = await t.as('dudao_b');
    await ok(dudao.post(`/api/cases/${id}/submit-plan`));
    const c = await ok(dudao.get(`/api/cases/${id}`));
    expect(c.data.approval).toMatchObject({ byOwnSupervisor: false });
    expect(c.abilities.approve).toBe(false);
    // Another supervisor of the scope may stand in.
    expect(await todoOf(wu)).toContain(`plan_review:${id}`);
    await ok(wu.post(`/api/cases/${id}/review-plan`, { approve: false, comment: '目标请再具体些' }));
  });

  it('takes the approval from a supervisor who took the case over by transfer, and sends the closure to the agency head', async () => {
    const w = await t.as('shegong1');
    const id = (await insertCase(t.db, { residentId: shuguang, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'active', intakeDate: addDays(chinaToday(), -30) })).id;
    await ok(w.post(`/api/cases/${id}/transfer`, { toUserId: user.dudao, handoverNote: '本人调岗，由督导接手' }));
    const dudao = await t.as('dudao');
    await ok(dudao.post(`/api/cases/${id}/request-closure`, { goals: [], closureReason: 'goals_met', closureSummary: '服务对象情况稳定，目标达成' }));
    const c = await ok(dudao.get(`/api/cases/${id}`));
    expect(c.data.approval).toMatchObject({ kind: 'closure', byOwnSupervisor: false, submittedByName: '督导 陈静' });
    expect((await dudao.post(`/api/cases/${id}/review-closure`, { approve: true })).statusCode).toBe(403);
    const jigou = await t.as('jigou');
    expect(await todoOf(jigou)).toContain(`closure_review:${id}`);
    expect(await notified(user.jigou, id, 'closure_review')).toBe(true);
    const seen = await ok(jigou.get(`/api/cases/${id}`));
    expect(seen.data).toMatchObject({ closureSummary: '服务对象情况稳定，目标达成', closureReason: 'goals_met' });
    const closed = await ok(jigou.post(`/api/cases/${id}/review-closure`, { approve: true }));
    expect(closed.data.status).toBe('closed');
  });

  it('takes the approval from the case’s supervisor who submitted the plan themself', async () => {
    const w = await t.as('shegong1');
    const id = await planned(w, user.shegong1);
    const dudao = await t.as('dudao');
    await ok(dudao.post(`/api/cases/${id}/submit-plan`));
    expect((await dudao.post(`/api/cases/${id}/review-plan`, { approve: true })).statusCode).toBe(403);
    expect(await todoOf(await t.as('jigou'))).toContain(`plan_review:${id}`);
  });

  it('leaves a proper approval to the case’s own supervisor: nobody else may give it or finds it in their list', async () => {
    const w = await t.as('shegong1');
    const id = await planned(w, user.shegong1);
    await ok(w.post(`/api/cases/${id}/submit-plan`));
    const c = await ok(w.get(`/api/cases/${id}`));
    expect(c.data.approval).toEqual({ kind: 'plan', submittedByName: '社工 王芳', byOwnSupervisor: true, approvers: ['督导 陈静'] });
    expect(await notified(user.dudao, id, 'plan_review')).toBe(true);
    expect(await notified(user.jigou, id, 'plan_review')).toBe(false);
    const jigou = await t.as('jigou');
    expect(await todoOf(jigou)).not.toContain(`plan_review:${id}`);
    expect((await jigou.post(`/api/cases/${id}/review-plan`, { approve: true })).statusCode).toBe(403);
    expect((await ok(jigou.get(`/api/cases/${id}`))).data.plan).toBeNull();
    const dudao = await t.as('dudao');
    expect(await todoOf(dudao)).toContain(`plan_review:${id}`);
    expect((await ok(dudao.get(`/api/cases/${id}`))).abilities.approve).toBe(true);
    await ok(dudao.post(`/api/cases/${id}/review-plan`, { approve: true, comment: '同意' }));
  });
});
