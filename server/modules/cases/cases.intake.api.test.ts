import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from './cases.rules';
import { chinaToday } from '../../../common/dates';
import { insertCase } from '../../db/seed/case.builders';
import { useTestApp, type Client } from '../../testing/app';
import { addUser, adultOf, caseTestIds, recordAssessment } from './cases.testkit';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('who may be named on a case, and the intake’s questions', () => {
  const t = useTestApp();
  let user: Record<string, string>;
  let shuguang: string;
  let community: string;
  // A supervisor of the same station without sight of restricted data, one of another station, a worker of 曙光社区 without it.
  let plainSupervisor: string;
  let farSupervisor: string;
  let plainWorker: string;

  beforeAll(async () => {
    user = await caseTestIds(t.db);
    shuguang = await adultOf(t.db, '曙光社区');
    community = (await t.db.execute<{ id: string }>(sql`select id from org_units where name = '曙光社区'`)).rows[0].id;
    plainSupervisor = await addUser(t.db, { username: 'dudao_b', displayName: '督导 吴磊', role: 'supervisor', posts: ['江滨街道社工站'], restricted: false });
    farSupervisor = await addUser(t.db, { username: 'dudao_q', displayName: '督导 孙悦', role: 'supervisor', posts: ['青山镇社工站'], restricted: true });
    plainWorker = await addUser(t.db, { username: 'shegong_b', displayName: '社工 郑洁', role: 'worker', posts: ['曙光社区'], restricted: false });
  });

  const intake = (c: Client, body: Record<string, unknown> = {}) =>
    c.post('/api/cases', { residentId: shuguang, source: 'self_referral', presentingProblem: '独居，情绪低落', serviceArea: 'community_care', consentBasis: 'consent', ...body });
  const fieldOf = (res: { json: () => { error: { code: string; details: { field: string }[] } } }) => res.json().error.details.map((d) => d.field);

  describe('the supervisor named at intake', () => {
    it('refuses a supervisor whose scope does not cover the client’s community, naming the field', async () => {
      const res = await intake(await t.as('shegong1'), { supervisorUserId: farSupervisor });
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toEqual(['supervisorUserId']);
    });

    it('refuses a supervisor without sight of restricted data for a restricted kind, and takes them for a general case', async () => {
      const w = await t.as('shegong1');
      const res = await intake(w, { kind: 'correction', serviceArea: 'correction', consentBasis: 'legal_duty', supervisorUserId: plainSupervisor });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'supervisorUserId', message: '请选择负责该社区、有权查看受限信息的督导' });
      // Nothing was saved: the supervisor cannot find the case.
      expect((await t.db.execute(sql`select 1 from cases where supervisor_user_id = ${plainSupervisor}`)).rows).toEqual([]);
      const ok = await intake(w, { supervisorUserId: plainSupervisor });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().data.supervisorName).toBe('督导 吴磊');
    });

    it('refuses a worker, a disabled supervisor or an unknown account as supervisor', async () => {
      const w = await t.as('shegong1');
      const disabled = await addUser(t.db, { username: 'dudao_x', displayName: '督导 离职', role: 'supervisor', posts: ['江滨街道社工站'], restricted: true });
      await t.db.execute(sql`update users set disabled = true where id = ${disabled}`);
      for (const id of [user.shegong1, plainWorker, disabled, MISSING]) {
        const res = await intake(w, { supervisorUserId: id });
        expect(res.statusCode, id).toBe(400);
        expect(fieldOf(res)).toEqual(['supervisorUserId']);
      }
    });

    it('offers the intake only the eligible supervisors of the community, with restricted rights for a restricted kind', async () => {
      const w = await t.as('shegong1');
      const names = async (q: string) => ((await w.get(`/api/cases/workers?communityId=${community}&teamRole=supervisor${q}`)).json().data as { displayName: string }[]).map((x) => x.displayName);
      expect(await names('')).toEqual(expect.arrayContaining(['督导 陈静', '督导 吴磊']));
      expect(await names('')).not.toContain('督导 孙悦');
      expect(await names('')).not.toContain('社工 王芳');
      expect(await names('&restricted=true')).toEqual(['督导 陈静']);
      expect((await w.get(`/api/cases/workers?teamRole=boss`)).statusCode).toBe(400);
    });
  });

  describe('the team of a restricted case', () => {
    it('takes co-workers, managers, supervisors and transfer targets only with sight of restricted data there', async () => {
      const w = await t.as('shegong1');
      const c = (await insertCase(t.db, { residentId: shuguang, leadUserId: user.shegong1, supervisorUserId: user.dudao, kind: 'domestic_violence' })).id;
      for (const [role, userId] of [['co_worker', plainWorker], ['supervisor', plainSupervisor], ['manager', user.jiedao]] as const) {
        const res = await w.post(`/api/cases/${c}/team`, { role, userId });
        expect(res.statusCode, role).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'cases.team_member_invalid', details: [{ field: 'userId' }] });
      }
      const moved = await w.post(`/api/cases/${c}/transfer`, { toUserId: plainWorker, handoverNote: '调岗' });
      expect(moved.statusCode).toBe(400);
      expect(moved.json().error.details[0].field).toBe('toUserId');
      // On a general case the same people are welcome.
      const open = (await insertCase(t.db, { residentId: shuguang, leadUserId: user.shegong1, supervisorUserId: user.dudao })).id;
      expect((await w.post(`/api/cases/${open}/team`, { role: 'co_worker', userId: plainWorker })).statusCode).toBe(201);
      expect((await w.post(`/api/cases/${open}/team`, { role: 'manager', userId: user.jiedao })).statusCode).toBe(201);
      const restrictedPick = (await w.get(`/api/cases/workers?communityId=${community}&teamRole=co_worker&restricted=true`)).json().data as { id: string }[];
      expect(restrictedPick.map((x) => x.id)).not.toContain(plainWorker);
      const managers = (await w.get(`/api/cases/workers?communityId=${community}&teamRole=manager`)).json().data as { id: string }[];
      expect(managers.map((x) => x.id)).toEqual(expect.arrayContaining([user.jiedao, user.jigou]));
    });
  });

  describe('回访 assignees', () => {
    it('refuses a follow-up for someone off the team, naming the field, and takes a team member', async () => {
      const w = await t.as('shegong1');
      const c = (await insertCase(t.db, { residentId: shuguang, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'closed' })).id;
      const due = addDays(chinaToday(), 10);
      for (const outsider of [plainWorker, user.shegong2, MISSING]) {
        const res = await w.post(`/api/cases/${c}/followups`, { dueDate: due, assigneeUserId: outsider });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details[0]).toMatchObject({ field: 'assigneeUserId', message: '回访负责人须是个案团队成员' });
      }
      const res = await w.post(`/api/cases/${c}/followups`, { dueDate: due, assigneeUserId: user.dudao });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.followups.map((f: { assigneeName: string }) => f.assigneeName)).toContain('督导 陈静');
    });
  });

  describe('a client without a birth date', () => {
    let undated: string;
    beforeAll(async () => {
      undated = await adultOf(t.db, '曙光社区', 5);
      await t.db.execute(sql`update residents set birth_date = null where id = ${undated}`);
    });

    it('asks whether the client is a minor instead of taking them for an adult', async () => {
      const res = await intake(await t.as('shegong1'), { residentId: undated });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'clientIsMinor', code: 'required' });
    });

    it('treats a client said to be a minor as one: a guardian is required and the file is juvenile', async () => {
      const w = await t.as('shegong1');
      const noGuardian = await intake(w, { residentId: undated, clientIsMinor: true, consentBasis: 'guardian_consent' });
      expect(noGuardian.statusCode).toBe(400);
      expect(fieldOf(noGuardian)).toEqual(['guardianName']);
      const minor = await intake(w, { residentId: undated, clientIsMinor: true, consentBasis: 'guardian_consent', guardianName: '张丽', guardianRelation: '母亲' });
      expect(minor.statusCode).toBe(201);
      expect(minor.json().data.juvenile).toBe(true);
      const adult = await intake(w, { residentId: undated, clientIsMinor: false });
      expect(adult.statusCode).toBe(201);
      expect(adult.json().data.juvenile).toBe(false);
    });

    it('goes by the birth date when there is one, whatever the answer', async () => {
      const res = await intake(await t.as('shegong1'), { clientIsMinor: true });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.juvenile).toBe(false);
    });
  });

  describe('ending a case in 预估 or 计划', () => {
    it('ends a case in 预估 with a reason, kept in its history; a referral leaves it 已转出', async () => {
      const w = await t.as('shegong1');
      const ended = (await insertCase(t.db, { residentId: shuguang, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'assessment' })).id;
      const res = await w.post(`/api/cases/${ended}/end`, { reason: 'moved', note: '服务对象已搬往外省子女家' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ status: 'ended', endReason: 'moved', endNote: '服务对象已搬往外省子女家' });
      const events = (await w.get(`/api/cases/${ended}/events`)).json().data as { action: string; note: string; toStatus: string }[];
      expect(events[0]).toMatchObject({ action: 'cases.end', toStatus: 'ended', note: '服务对象已搬往外省子女家' });
      // Nothing more happens on an ended case.
      expect((await w.post(`/api/cases/${ended}/records`, { serviceDate: chinaToday(), mode: 'phone', durationMinutes: 5, serviceArea: 'community_care', content: 'x' })).statusCode).toBe(409);

      const planning = (await insertCase(t.db, { residentId: shuguang, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'planning' })).id;
      const referred = await w.post(`/api/cases/${planning}/end`, { reason: 'referred', note: '转介区精神卫生中心' });
      expect(referred.json().data).toMatchObject({ status: 'referred_out', endReason: 'referred' });
    });

    it('refuses to end a case in service or at intake (409), without a reason or note (400), or by someone not leading it (403)', async () => {
      const w = await t.as('shegong1');
      for (const status of ['intake', 'active', 'closed']) {
        const c = (await insertCase(t.db, { residentId: shuguang, leadUserId: user.shegong1, status })).id;
        const res = await w.post(`/api/cases/${c}/end`, { reason: 'client_withdrew', note: '不再需要' });
        expect(res.statusCode, status).toBe(409);
        expect(res.json().error.code).toBe('cases.invalid_transition');
      }
      const c = (await insertCase(t.db, { residentId: shuguang, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'assessment' })).id;
      const bad = await w.post(`/api/cases/${c}/end`, { reason: 'bored', note: '' });
      expect(bad.statusCode).toBe(400);
      expect(fieldOf(bad).sort()).toEqual(['note', 'reason']);
      expect((await (await t.as('jiedao')).post(`/api/cases/${c}/end`, { reason: 'moved', note: 'x' })).statusCode).toBe(403);
    });

    it('starts 计划 only after a recorded 预估', async () => {
      const w = await t.as('shegong1');
      const c = (await insertCase(t.db, { residentId: shuguang, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'assessment' })).id;
      const res = await w.post(`/api/cases/${c}/start-planning`, {});
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'cases.assessment_required', message: '请先在“预估”页完成并保存至少一份预估，再进入计划阶段。' });
      await recordAssessment(t.db, c, user.shegong1);
      expect((await w.post(`/api/cases/${c}/start-planning`, {})).json().data.status).toBe('planning');
    });
  });
});
