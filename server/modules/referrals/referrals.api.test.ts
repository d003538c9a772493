import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import type { Referral, ReferralIntakePrefill, ReferralTargetUnit } from '../../../common/schemas/referrals.schema';
import { insertCase } from '../../db/seed/case.builders';
import { seedResources } from '../../db/seed/referral.seed';
import { useTestApp, type Client } from '../../testing/app';
import { addDays } from './referrals.rules';
import { referralsAwaitingFeedback, referralsToAnswer } from './referrals.service';
import { actorOfUser, demoIds, residentOf } from './referrals.testkit';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('referrals API', () => {
  const t = useTestApp();
  let org: Record<string, string>;
  let user: Record<string, string>;
  let resource: Record<string, string>;
  /** A general case of 曙光社区: lead shegong1, supervisor dudao. */
  let caseA: string;
  let clientA: string;

  const newCase = async (over: Partial<Parameters<typeof insertCase>[1]> & { community?: string; n?: number } = {}) => {
    const { community = '曙光社区', n = 0, ...rest } = over;
    const r = await residentOf(t.db, org[community], n);
    const c = await insertCase(t.db, { residentId: r.id, leadUserId: user.shegong1, supervisorUserId: user.dudao, ...rest });
    return c.id;
  };
  const refer = async (c: Client, caseId: string, body: Record<string, unknown>) => {
    const res = await c.post(`/api/cases/${caseId}/referrals`, { reason: '需要专业心理支持', ...body });
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json().data as Referral;
  };
  const events = async (caseId: string) =>
    (await t.db.execute<{ action: string }>(sql`select action from case_events where case_id = ${caseId} order by at, id`)).rows.map((r) => r.action);
  const audits = async (entityId: string) =>
    (await t.db.execute<{ action: string }>(sql`select action from audit_log where entity_id = ${entityId} order by at, id`)).rows.map((r) => r.action);
  const referralCount = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from case_referrals`)).rows[0].n;

  beforeAll(async () => {
    ({ org, user } = await demoIds(t.db));
    const seeded = await seedResources(t.db, { ownerOrgUnitId: org['临江区'], createdBy: null });
    resource = Object.fromEntries(seeded.map((r) => [r.name, r.id]));
    caseA = await newCase();
    clientA = (await residentOf(t.db, org['曙光社区'], 0)).name;
  });

  describe('access to each route', () => {
    const routes = (caseId: string, id: string) => [
      { method: 'GET', url: `/api/cases/${caseId}/referrals` },
      { method: 'POST', url: `/api/cases/${caseId}/referrals`, body: { targetResourceId: resource['临江区阳光心理咨询中心'], reason: '心理支持' } },
      { method: 'GET', url: '/api/referrals' },
      { method: 'GET', url: '/api/referrals/targets' },
      { method: 'POST', url: '/api/referrals/incoming', body: { targetOrgUnitId: org['曙光社区'], fromText: '区人民医院', clientName: '周桂兰', reason: '出院照护', consentBasis: 'consent' } },
      { method: 'GET', url: `/api/referrals/${id}` },
      { method: 'POST', url: `/api/referrals/${id}/accept`, body: {} },
      { method: 'POST', url: `/api/referrals/${id}/decline`, body: { note: '无法提供' } },
      { method: 'POST', url: `/api/referrals/${id}/complete`, body: { feedback: '已完成' } },
      { method: 'POST', url: `/api/referrals/${id}/cancel`, body: {} },
      { method: 'POST', url: `/api/referrals/${id}/result-case`, body: { caseId } },
    ];
    const call = (c: Client, r: { method: string; url: string; body?: object }) => c.inject({ method: r.method as 'GET', url: r.url, ...(r.body ? { payload: r.body } : {}) });

    it('answers 401 on every route without a session', async () => {
      for (const r of routes(caseA, MISSING)) expect((await call(t.anon, r)).statusCode, `${r.method} ${r.url}`).toBe(401);
    });

    it('answers 403 on every route to the administrator and the volunteer, and writes nothing', async () => {
      const before = await referralCount();
      for (const username of ['admin', 'zhiyuan']) {
        const c = await t.as(username);
        for (const r of routes(caseA, MISSING)) {
          const res = await call(c, r);
          expect(res.statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
          expect(res.body).not.toContain(clientA);
        }
      }
      expect(await referralCount()).toBe(before);
    });

    it('keeps the referrals of a case in the street from the street manager off its team, and lets them send none', async () => {
      const c = await t.as('jiedao');
      // 个人信息保护法 第6条: managers read a case's summary, not its file (cases.policy canReadCaseFile).
      expect((await c.get(`/api/cases/${caseA}/referrals`)).statusCode).toBe(403);
      const answers = [];
      for (const r of routes(caseA, MISSING).filter((x) => x.method === 'POST')) answers.push((await call(c, r)).statusCode);
      expect(answers).toEqual([403, 403, 403, 403, 403, 403, 403]);
    });

    it('answers 404 on a case outside the worker’s communities, without its details', async () => {
      const c = await t.as('shegong2');
      for (const r of routes(caseA, MISSING).slice(0, 2)) {
        const res = await call(c, r);
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
        expect(res.body).not.toContain(clientA);
      }
    });

    it('answers 404 on a restricted case to workers and managers who are not on its team', async () => {
      const dv = await newCase({ kind: 'domestic_violence', supervisorUserId: null, n: 1 });
      for (const username of ['dudao', 'jiedao', 'shegong2']) {
        const c = await t.as(username);
        expect((await c.get(`/api/cases/${dv}/referrals`)).statusCode, username).toBe(404);
      }
      const lead = await t.as('shegong1');
      expect((await lead.get(`/api/cases/${dv}/referrals`)).statusCode).toBe(200);
    });

    it('answers 404 on a referral id that does not exist or is out of sight', async () => {
      const c = await t.as('shegong1');
      for (const r of routes(caseA, MISSING).slice(5)) expect((await call(c, r)).statusCode, r.url).toBe(404);
    });

    it('answers 400 naming the field on each route that takes input', async () => {
      const c = await t.as('shegong1');
      const bad = [
        await c.get('/api/cases/not-a-uuid/referrals'),
        await c.post(`/api/cases/${caseA}/referrals`, { targetResourceId: resource['临江区慈善总会'] }),
        await c.get('/api/referrals?box=sideways'),
        await c.post('/api/referrals/incoming', { targetOrgUnitId: org['曙光社区'], fromText: '区人民医院', clientName: '周桂兰', reason: '出院照护' }),
        await c.get('/api/referrals/not-a-uuid'),
        await c.post(`/api/referrals/${MISSING}/accept`, { note: 'x'.repeat(1001) }),
        await c.post(`/api/referrals/${MISSING}/decline`, {}),
        await c.post(`/api/referrals/${MISSING}/complete`, { feedback: '' }),
        await c.post(`/api/referrals/${MISSING}/cancel`, { reason: '多余字段' }),
        await c.post(`/api/referrals/${MISSING}/result-case`, { caseId: 'nope' }),
      ];
      expect(bad.map((r) => r.statusCode)).toEqual(Array(bad.length).fill(400));
      expect(bad.map((r) => r.json().error.details[0].field)).toEqual(['id', 'reason', 'box', 'consentBasis', 'id', 'note', 'note', 'feedback', 'reason', 'caseId']);
    });
  });

  describe('referral out of a case', () => {
    it('refers to a directory organisation with the case’s consent basis and a feedback date 14 days on', async () => {
      const c = await t.as('shegong1');
      const r = await refer(c, caseA, { targetResourceId: resource['临江区阳光心理咨询中心'], servicesRequested: '心理咨询 6 次', urgent: true });
      expect(r).toMatchObject({
        direction: 'out', caseId: caseA, status: 'sent', consentBasis: 'consent', urgent: true, overdue: false,
        feedbackDue: addDays(chinaToday(), 14), client: { name: clientA, communityName: '曙光社区' },
        to: { kind: 'resource', name: '临江区阳光心理咨询中心', type: 'social_org' },
        abilities: { accept: true, decline: true, complete: false, cancel: true, linkCase: false },
      });
      expect((await events(caseA)).at(-1)).toBe('referrals.create');
      expect(await audits(r.id)).toEqual(['referrals.create']);
      const list = (await c.get(`/api/cases/${caseA}/referrals`)).json();
      expect(list.data.map((x: Referral) => x.id)).toContain(r.id);
    });

    it('lets the referring worker record the organisation’s answer (代对方登记) and then its feedback', async () => {
      const c = await t.as('shegong1');
      const r = await refer(c, caseA, { targetResourceId: resource['临江区颐康养老服务中心'] });
      expect(r).toMatchObject({ answerOnBehalf: true, abilities: { accept: true, decline: true, print: true } });
      const accepted = await c.post(`/api/referrals/${r.id}/accept`, { note: '对方电话确认接收', version: r.version });
      expect(accepted.statusCode).toBe(200);
      // Who recorded the answer, and when.
      expect(accepted.json().data).toMatchObject({
        status: 'accepted', answerOnBehalf: true, responseNote: '对方电话确认接收', respondedByName: '社工 王芳', abilities: { complete: true, cancel: false },
      });
      expect(Date.parse(accepted.json().data.respondedAt)).toBeGreaterThan(Date.parse(r.sentAt) - 1);
      // A directory organisation has no intake of ours to start.
      expect(accepted.json().intake).toBeNull();
      const done = await c.post(`/api/referrals/${r.id}/complete`, { feedback: '已安排助餐，每周五天' });
      expect(done.json().data).toMatchObject({ status: 'completed', feedback: '已安排助餐，每周五天', overdue: false });
      expect(done.json().data.completedAt).toBeTruthy();
      expect((await events(caseA)).slice(-2)).toEqual(['referrals.accept_on_behalf', 'referrals.complete']);
      expect(await audits(r.id)).toEqual(['referrals.create', 'referrals.accept_on_behalf', 'referrals.complete']);
      const [audit] = (await t.db.execute<{ actor_id: string; changes: unknown }>(sql`select actor_id, changes from audit_log where entity_id = ${r.id} and action = 'referrals.accept_on_behalf'`)).rows;
      expect(audit).toMatchObject({ actor_id: user.shegong1, changes: { status: ['sent', 'accepted'] } });
    });

    it('lets the referring worker record an organisation’s refusal with its reason, audited as recorded on its behalf', async () => {
      const c = await t.as('shegong1');
      const r = await refer(c, caseA, { targetResourceId: resource['临江区慈善总会'] });
      expect((await c.post(`/api/referrals/${r.id}/decline`, {})).statusCode).toBe(400);
      const declined = await c.post(`/api/referrals/${r.id}/decline`, { note: '对方回函：不在救助范围' });
      expect(declined.json().data).toMatchObject({ status: 'declined', answerOnBehalf: true, respondedByName: '社工 王芳', responseNote: '对方回函：不在救助范围' });
      expect(await audits(r.id)).toEqual(['referrals.create', 'referrals.decline_on_behalf']);
      expect((await events(caseA)).at(-1)).toBe('referrals.decline_on_behalf');
      // Its 转介单 can still be printed by the referring side.
      expect(declined.json().data.abilities.print).toBe(true);
    });

    it('refuses a referral without consent or a legal basis recorded on the case, and writes nothing', async () => {
      const noConsent = await newCase({ consentBasis: null, n: 2 });
      const c = await t.as('shegong1');
      const before = await referralCount();
      const res = await c.post(`/api/cases/${noConsent}/referrals`, { targetResourceId: resource['临江区慈善总会'], reason: '大病救助' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('referrals.consent_required');
      expect(await referralCount()).toBe(before);
      expect(await events(noConsent)).toEqual([]);
    });

    it('stores the legal basis used, such as a legal duty', async () => {
      const duty = await newCase({ consentBasis: 'legal_duty', n: 3 });
      const r = await refer(await t.as('shegong1'), duty, { targetResourceId: resource['临江区妇女联合会'] });
      expect(r.consentBasis).toBe('legal_duty');
    });

    it('refuses a referral from a closed case', async () => {
      const closed = await newCase({ status: 'closed', n: 4 });
      const res = await (await t.as('shegong1')).post(`/api/cases/${closed}/referrals`, { targetResourceId: resource['临江区慈善总会'], reason: '助学' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('cases.not_open');
    });

    it('answers 400 naming the target when there is none, two, or one that cannot be referred to', async () => {
      const c = await t.as('shegong1');
      const archived = (await c.post('/api/resources', { name: '已停办的托老所', type: 'social_org' })).json().data.id as string;
      await c.post(`/api/resources/${archived}/archive`);
      const cases = [
        [{}, 'targetOrgUnitId'],
        [{ targetOrgUnitId: org['青山镇社工站'], targetResourceId: resource['临江区慈善总会'] }, 'targetOrgUnitId'],
        [{ targetOrgUnitId: org['江滨街道'] }, 'targetOrgUnitId'],
        [{ targetOrgUnitId: MISSING }, 'targetOrgUnitId'],
        [{ targetResourceId: archived }, 'targetResourceId'],
      ] as const;
      for (const [body, field] of cases) {
        const res = await c.post(`/api/cases/${caseA}/referrals`, { reason: '测试', ...body });
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe('referrals.invalid_target');
        expect(res.json().error.details[0].field).toBe(field);
      }
      const early = await c.post(`/api/cases/${caseA}/referrals`, { reason: '测试', targetResourceId: resource['临江区慈善总会'], feedbackDue: addDays(chinaToday(), -1) });
      expect(early.statusCode).toBe(400);
      expect(early.json().error.details[0]).toMatchObject({ field: 'feedbackDue', code: 'date_order' });
    });

    it('lets the worker withdraw a referral while it is sent, and only then', async () => {
      const c = await t.as('shegong1');
      const r = await refer(c, caseA, { targetResourceId: resource['临江区慈善总会'] });
      const res = await c.post(`/api/referrals/${r.id}/cancel`, { note: '服务对象改变主意' });
      expect(res.json().data).toMatchObject({ status: 'cancelled', responseNote: '服务对象改变主意' });
      const again = await c.post(`/api/referrals/${r.id}/cancel`, {});
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('referrals.invalid_transition');
    });

    it('answers 409 to an answer sent with an older version', async () => {
      const c = await t.as('shegong1');
      const r = await refer(c, caseA, { targetResourceId: resource['临江区慈善总会'] });
      const res = await c.post(`/api/referrals/${r.id}/accept`, { version: r.version - 1 || 99 });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('version_conflict');
    });
  });

  describe('referral to another station', () => {
    let r: Referral;
    beforeAll(async () => {
      r = await refer(await t.as('shegong1'), caseA, { targetOrgUnitId: org['青山镇社工站'], reason: '服务对象将搬到青山镇亲属家居住' });
    });

    it('offers the stations and communities of the district as targets, marking the caller’s own', async () => {
      const res = await (await t.as('shegong1')).get('/api/referrals/targets');
      const data = res.json().data as ReferralTargetUnit[];
      expect(data.find((u) => u.name === '青山镇社工站')).toMatchObject({ kind: 'station', mine: false });
      expect(data.find((u) => u.name === '江滨街道社工站')).toMatchObject({ kind: 'station', mine: true });
      expect(data.find((u) => u.name === '竹林村')).toMatchObject({ kind: 'village', parentName: '青山镇', mine: false });
      expect(data.some((u) => u.name === '江滨街道' || u.name === '临江区')).toBe(false);
    });

    it('lets the referring worker neither accept nor decline for the other station', async () => {
      const c = await t.as('shegong1');
      expect(r).toMatchObject({ answerOnBehalf: false, abilities: { accept: false, decline: false, cancel: true } });
      expect((await c.post(`/api/referrals/${r.id}/accept`, {})).statusCode).toBe(403);
      expect((await c.post(`/api/referrals/${r.id}/decline`, { note: '不行' })).statusCode).toBe(403);
    });

    it('shows the referral, not the case, to the workers of the receiving station', async () => {
      const c = await t.as('shegong2');
      const box = (await c.get('/api/referrals?box=incoming')).json();
      const item = (box.data as Referral[]).find((x) => x.id === r.id)!;
      // They answer for themselves (no 代对方登记), and the 转介单 is the sender's to print.
      expect(item).toMatchObject({
        client: { name: clientA }, from: { name: '曙光社区', contactName: '社工 王芳' }, answerOnBehalf: false, abilities: { accept: true, decline: true, cancel: false, print: false },
      });
      expect((await c.get(`/api/referrals/${r.id}`)).statusCode).toBe(200);
      expect((await c.get(`/api/cases/${caseA}/referrals`)).statusCode).toBe(404);
      // Nor is it in their outgoing box.
      expect(((await c.get('/api/referrals?box=outgoing')).json().data as Referral[]).some((x) => x.id === r.id)).toBe(false);
    });

    it('lists it among the referrals to answer for the receiving worker only', async () => {
      const two = await referralsToAnswer({ db: t.db, actor: await actorOfUser(t.db, 'shegong2') });
      expect(two.map((x) => x.id)).toContain(r.id);
      const one = await referralsToAnswer({ db: t.db, actor: await actorOfUser(t.db, 'shegong1') });
      expect(one.map((x) => x.id)).not.toContain(r.id);
    });

    it('answers the receiving worker’s acceptance with what the intake starts from', async () => {
      const c = await t.as('shegong2');
      const res = await c.post(`/api/referrals/${r.id}/accept`, { note: '同意接续服务' });
      expect(res.statusCode).toBe(200);
      const resident = await residentOf(t.db, org['曙光社区'], 0);
      expect(res.json().intake as ReferralIntakePrefill).toMatchObject({
        referralId: r.id, source: 'referral_in', residentId: resident.id, clientName: clientA, consentBasis: 'consent', serviceArea: 'community_care',
        communityId: null,
      });
      expect(res.json().intake.referralSourceNote).toContain('曙光社区');
      expect(res.json().data.abilities).toMatchObject({ linkCase: true, complete: true });
      // The case's history tells the team its referral was accepted.
      expect((await events(caseA)).at(-1)).toBe('referrals.accept');
      expect((await c.post(`/api/referrals/${r.id}/accept`, {})).statusCode).toBe(409);
      expect((await (await t.as('shegong1')).post(`/api/referrals/${r.id}/cancel`, {})).json().error.code).toBe('referrals.invalid_transition');
    });
  });

  describe('overdue alert', () => {
    it('flags a referral still waiting after its feedback date, in the boxes and in 我的待办', async () => {
      const c = await t.as('shegong1');
      const r = await refer(c, caseA, { targetResourceId: resource['临江区残疾人联合会'] });
      await t.db.execute(sql`update case_referrals set feedback_due = ${addDays(chinaToday(), -1)} where id = ${r.id}`);
      const overdue = (await c.get('/api/referrals?box=outgoing&overdue=true')).json().data as Referral[];
      expect(overdue.find((x) => x.id === r.id)?.overdue).toBe(true);
      expect(((await c.get('/api/referrals?box=outgoing&overdue=false')).json().data as Referral[]).some((x) => x.id === r.id)).toBe(false);
      // Overdue referrals head the box.
      expect(((await c.get('/api/referrals?box=outgoing')).json().data as Referral[])[0].overdue).toBe(true);
      const waiting = await referralsAwaitingFeedback({ db: t.db, actor: await actorOfUser(t.db, 'shegong1') });
      expect(waiting.find((x) => x.id === r.id)?.overdue).toBe(true);
      expect(waiting.every((x) => x.status === 'sent' || x.status === 'accepted')).toBe(true);
      // The supervisor works on the case too: it waits for them as well.
      const forSupervisor = await referralsAwaitingFeedback({ db: t.db, actor: await actorOfUser(t.db, 'dudao') });
      expect(forSupervisor.map((x) => x.id)).toContain(r.id);
      // Completed, it is no longer overdue.
      await c.post(`/api/referrals/${r.id}/accept`, {});
      const done = (await c.post(`/api/referrals/${r.id}/complete`, { feedback: '已办理残疾人证' })).json().data as Referral;
      expect(done.overdue).toBe(false);
    });
  });

  describe('referral in', () => {
    const incoming = (body: Record<string, unknown> = {}) => ({
      targetOrgUnitId: org['青山社区'], fromResourceId: resource['临江区人民医院'], clientName: '周桂兰', reason: '脑梗出院，独居，需要居家照护', consentBasis: 'consent', ...body,
    });

    it('records a referral from an outside organisation to one of the worker’s communities', async () => {
      const c = await t.as('shegong2');
      const res = await c.post('/api/referrals/incoming', incoming({ servicesRequested: '助餐', urgent: true }));
      expect(res.statusCode).toBe(201);
      const r = res.json().data as Referral;
      expect(r).toMatchObject({
        direction: 'in', caseId: null, status: 'sent', consentBasis: 'consent', client: { name: '周桂兰', residentId: null },
        from: { kind: 'resource', name: '临江区人民医院' }, to: { kind: 'org_unit', name: '青山社区' }, abilities: { accept: true, cancel: true },
      });
      expect(await audits(r.id)).toEqual(['referrals.receive']);
      expect(((await c.get('/api/referrals?box=incoming')).json().data as Referral[]).map((x) => x.id)).toContain(r.id);
      // Workers of other communities do not see it.
      expect((await (await t.as('shegong1')).get(`/api/referrals/${r.id}`)).statusCode).toBe(404);
    });

    it('answers 400 naming the field for a unit the worker does not answer for, a missing sender, or a resident elsewhere', async () => {
      const c = await t.as('shegong2');
      const other = await residentOf(t.db, org['曙光社区'], 5);
      const cases = [
        [incoming({ targetOrgUnitId: org['曙光社区'] }), 'targetOrgUnitId'],
        [incoming({ fromResourceId: null }), 'fromText'],
        [incoming({ residentId: other.id }), 'residentId'],
        [incoming({ sentOn: addDays(chinaToday(), 1) }), 'sentOn'],
        [incoming({ consentBasis: 'rumour' }), 'consentBasis'],
      ] as const;
      for (const [body, field] of cases) {
        const res = await c.post('/api/referrals/incoming', body);
        expect(res.statusCode, field).toBe(400);
        expect(res.json().error.details[0].field).toBe(field);
      }
    });

    it('accepts it into an intake prefilled with the person, then links the case opened for it', async () => {
      const c = await t.as('shegong2');
      const person = await residentOf(t.db, org['青山社区'], 0);
      const r = (await c.post('/api/referrals/incoming', incoming({ residentId: person.id, fromResourceId: null, fromText: '青山镇卫生院 吴院长' }))).json().data as Referral;
      expect(r.client).toMatchObject({ name: person.name, residentId: person.id });
      expect(r.from).toMatchObject({ kind: 'text', name: '青山镇卫生院 吴院长' });
      const accepted = (await c.post(`/api/referrals/${r.id}/accept`, {})).json();
      expect(accepted.intake).toMatchObject({ residentId: person.id, clientName: person.name, communityId: org['青山社区'], referralSourceNote: '青山镇卫生院 吴院长 转介' });
      const opened = await insertCase(t.db, { residentId: person.id, leadUserId: user.shegong2 });
      const linked = await c.post(`/api/referrals/${r.id}/result-case`, { caseId: opened.id });
      expect(linked.statusCode).toBe(200);
      expect(linked.json().data).toMatchObject({ resultCaseId: opened.id, abilities: { linkCase: false } });
      expect(linked.json().intake).toBeNull();
      expect(((await c.get(`/api/cases/${opened.id}/referrals`)).json().data as Referral[]).map((x) => x.id)).toEqual([r.id]);
      expect(await events(opened.id)).toEqual(['referrals.link_case']);
      expect((await c.post(`/api/referrals/${r.id}/result-case`, { caseId: opened.id })).statusCode).toBe(409);
    });

    it('lets the receiving worker decline with a reason', async () => {
      const c = await t.as('shegong2');
      const r = (await c.post('/api/referrals/incoming', incoming())).json().data as Referral;
      const res = await c.post(`/api/referrals/${r.id}/decline`, { note: '不在本社区居住，已建议联系居住地社区' });
      expect(res.json().data).toMatchObject({ status: 'declined', overdue: false });
      expect(res.json().intake).toBeNull();
    });
  });
});
