import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../../common/assessments/instruments.scoring';
import { chinaToday } from '../../../common/dates';
import { permissionsOf } from '../../../common/permissions';
import type { Answers, Assessment, AssessmentListItem, InstrumentSummary } from '../../../common/schemas/assessments.schema';
import { seedInstruments } from '../../db/seed/assessment.seed';
import { insertCase } from '../../db/seed/case.builders';
import type { Actor } from '../../lib/actor';
import { useTestApp, type Client } from '../../testing/app';
import { loadScope } from '../users/users.scope';
import { ELDERLY_ABILITY } from './assessments.instruments';
import { assessmentsDue } from './assessments.service';
import { assessmentInstruments } from './assessments.table';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** A complete MZ/T 039 answer set: ADL 80 (轻度受损), everything else intact → 轻度失能. */
function elderlyAnswers(): Answers {
  const answers: Answers = {};
  for (const s of ELDERLY_ABILITY.sections) {
    for (const it of s.items) {
      if (it.kind !== 'choice') continue;
      // The first option is the best one in every section of the shipped instrument.
      answers[it.key] = it.options[0].value;
    }
  }
  answers.adl_walking = '5'; // 15 → 5
  answers.adl_stairs = '0'; // 10 → 0: total 80
  return answers;
}
const generalAnswers = (): Answers => ({ ind_health: '高血压，按时服药', problem_list: [{ problem: '独居，缺少日常照顾', priority: 'high', strategy: '链接助餐服务' }] });

describe('assessments API', () => {
  const t = useTestApp();
  const user: Record<string, string> = {};
  let instrument: { general: string; elderly: string };
  /** shegong1 leads, dudao supervises (曙光社区). */
  let open: string;
  /** A correction case of shegong1 without a supervisor: only the team finds it. */
  let restricted: string;
  /** shegong1 alone, not restricted: dudao sees it by oversight but does not work on it. */
  let unsupervised: string;
  let closed: string;

  const body = (over: Record<string, unknown> = {}) => ({
    instrumentId: instrument.elderly,
    assessedOn: '2026-01-10',
    answers: elderlyAnswers(),
    summary: '行走与上下楼梯需要帮助。',
    assessorIds: [user.shegong1, user.dudao],
    informant: '女儿 张丽',
    ...over,
  });

  beforeAll(async () => {
    await seedInstruments(t.db);
    const { rows: users } = await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`);
    for (const u of users) user[u.username] = u.id;
    const { rows: ins } = await t.db.execute<{ id: string; code: string }>(sql`select id, code from assessment_instruments where active`);
    instrument = { general: ins.find((i) => i.code === 'general')!.id, elderly: ins.find((i) => i.code === 'mzt039_elderly_ability')!.id };
    const { rows } = await t.db.execute<{ id: string }>(sql`
      select r.id from residents r join org_units o on o.id = r.community_id where o.name = '曙光社区' and r.archived_at is null order by r.id limit 4`);
    open = (await insertCase(t.db, { residentId: rows[0].id, leadUserId: user.shegong1, supervisorUserId: user.dudao })).id;
    restricted = (await insertCase(t.db, { residentId: rows[1].id, leadUserId: user.shegong1, kind: 'correction' })).id;
    unsupervised = (await insertCase(t.db, { residentId: rows[2].id, leadUserId: user.shegong1 })).id;
    closed = (await insertCase(t.db, { residentId: rows[3].id, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'closed' })).id;
  });

  const create = async (c: Client, caseId: string, over: Record<string, unknown> = {}) => {
    const res = await c.post(`/api/cases/${caseId}/assessments`, body(over));
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json().data as Assessment;
  };
  const fields = (res: { json: () => { error: { details: { field: string; code: string }[] } } }) => res.json().error.details.map((d) => d.field);

  describe('access to each route', () => {
    const routes = () => [
      { method: 'GET', url: '/api/instruments' },
      { method: 'GET', url: `/api/instruments/${instrument.elderly}` },
      { method: 'GET', url: `/api/cases/${open}/assessments` },
      { method: 'POST', url: `/api/cases/${open}/assessments`, body: body() },
      { method: 'GET', url: `/api/cases/${open}/assessments/${MISSING}` },
    ];
    const call = (c: Client, r: { method: string; url: string; body?: object }) => c.inject({ method: r.method as 'GET', url: r.url, ...(r.body ? { payload: r.body } : {}) });

    it('answers 401 on every route without a session', async () => {
      for (const r of routes()) expect((await call(t.anon, r)).statusCode, `${r.method} ${r.url}`).toBe(401);
    });

    it('answers 403 on every route to the volunteer and the administrator, who have no case rights', async () => {
      for (const username of ['zhiyuan', 'admin']) {
        const c = await t.as(username);
        for (const r of routes()) expect((await call(c, r)).statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
      }
    });

    it('answers 403 when a street manager, who may read cases, records an assessment', async () => {
      const res = await (await t.as('jiedao')).post(`/api/cases/${open}/assessments`, body());
      expect(res.statusCode).toBe(403);
    });

    it('answers 403 when a supervisor who oversees the case but is not on its team records an assessment', async () => {
      const dudao = await t.as('dudao');
      expect((await dudao.get(`/api/cases/${unsupervised}/assessments`)).statusCode).toBe(200);
      expect((await dudao.post(`/api/cases/${unsupervised}/assessments`, body({ assessorIds: [user.shegong1], otherAssessor: '护士 刘' }))).statusCode).toBe(403);
    });

    it('answers 404 when a worker opens the assessments of a case outside their communities', async () => {
      const a = await create(await t.as('shegong1'), open);
      const shegong2 = await t.as('shegong2');
      expect((await shegong2.get(`/api/cases/${open}/assessments`)).statusCode).toBe(404);
      expect((await shegong2.get(`/api/cases/${open}/assessments/${a.id}`)).statusCode).toBe(404);
      expect((await shegong2.post(`/api/cases/${open}/assessments`, body())).statusCode).toBe(404);
    });

    it('answers 404 on a restricted case to managers and supervisors who are not on its team', async () => {
      const a = await create(await t.as('shegong1'), restricted, { assessorIds: [user.shegong1], otherAssessor: '司法所 王警官' });
      for (const username of ['jiedao', 'dudao']) {
        const c = await t.as(username);
        expect((await c.get(`/api/cases/${restricted}/assessments`)).statusCode, username).toBe(404);
        const one = await c.get(`/api/cases/${restricted}/assessments/${a.id}`);
        expect(one.statusCode, username).toBe(404);
        expect(one.body).not.toContain('司法所');
      }
      expect((await (await t.as('dudao')).post(`/api/cases/${restricted}/assessments`, body())).statusCode).toBe(404);
    });

    it('answers 404 for a missing case, instrument or assessment, and for an assessment of another case', async () => {
      const c = await t.as('shegong1');
      expect((await c.get(`/api/cases/${MISSING}/assessments`)).statusCode).toBe(404);
      expect((await c.get(`/api/instruments/${MISSING}`)).statusCode).toBe(404);
      expect((await c.get(`/api/cases/${open}/assessments/${MISSING}`)).statusCode).toBe(404);
      const a = await create(c, open);
      expect((await c.get(`/api/cases/${unsupervised}/assessments/${a.id}`)).statusCode).toBe(404);
    });
  });

  describe('instruments', () => {
    it('lists the latest active version of each instrument', async () => {
      await t.db.insert(assessmentInstruments).values([
        { code: 'general', version: 2, name: '通用预估（停用的新版）', definition: { name: { zh: 'x' } }, active: false },
        { code: 'retired', version: 1, name: '已停用量表', definition: { name: { zh: 'x' } }, active: false },
      ]);
      const res = await (await t.as('jiedao')).get('/api/instruments');
      expect(res.statusCode).toBe(200);
      const { data, total } = res.json() as { data: InstrumentSummary[]; total: number };
      expect(total).toBe(2);
      expect(data.map((i) => [i.code, i.version]).sort()).toEqual([['general', 1], ['mzt039_elderly_ability', 1]]);
      expect(data.find((i) => i.code === 'mzt039_elderly_ability')).toMatchObject({ minAssessors: 2, reassessMonths: 6, basis: 'MZ/T 039—2013' });
      expect(data[0]).not.toHaveProperty('definition');
    });

    it('opens one instrument with its definition', async () => {
      const res = await (await t.as('shegong1')).get(`/api/instruments/${instrument.elderly}`);
      expect(res.statusCode).toBe(200);
      const sections = res.json().data.definition.sections as { key: string }[];
      expect(sections.map((s) => s.key)).toEqual(['conditions', 'adl', 'mental', 'perception', 'social']);
    });

    it('seeds the shipped instruments only once', async () => {
      await seedInstruments(t.db);
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from assessment_instruments where code in ('general', 'mzt039_elderly_ability') and version = 1`);
      expect(rows[0].n).toBe(2);
    });
  });

  describe('recording an assessment', () => {
    it('scores the answers on the server, sets the reassessment date and records the case event', async () => {
      const c = await t.as('shegong1');
      const res = await c.post(`/api/cases/${open}/assessments`, body({ assessedOn: '2026-01-31' }));
      expect(res.statusCode).toBe(201);
      const a = res.json().data as Assessment;
      expect(a.instrument).toMatchObject({ code: 'mzt039_elderly_ability', version: 1, name: '老年人能力评估' });
      expect(a.result.sections.find((s) => s.key === 'adl')).toMatchObject({ score: 80, maxScore: 100, grade: 1 });
      expect(a.result.level).toMatchObject({ value: 1, base: 1, adjustedBy: 0 });
      expect(a.result.level?.valueLabel?.zh).toBe('轻度失能');
      expect(a.nextDueDate).toBe('2026-07-31');
      expect(a.assessors.map((x) => x.name).sort()).toEqual(['督导 陈静', '社工 王芳'].sort());
      expect(a).toMatchObject({ informant: '女儿 张丽', createdByName: '社工 王芳', due: '2026-07-31' <= chinaToday() });
      expect(a.definition.sections).toHaveLength(5);

      const { rows: events } = await t.db.execute<{ action: string; note: string }>(sql`select action, note from case_events where case_id = ${open} and detail->>'assessmentId' = ${a.id}`);
      expect(events).toEqual([{ action: 'assessments.create', note: '老年人能力评估：轻度失能' }]);
      const { rows: audit } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'assessments.create' and entity_id = ${open}`);
      expect(audit[0].n).toBeGreaterThanOrEqual(1);
    });

    it('refuses a score sent by the client', async () => {
      const res = await (await t.as('shegong1')).post(`/api/cases/${open}/assessments`, { ...body(), result: { level: { value: 0 } } });
      expect(res.statusCode).toBe(400);
      expect(fields(res)).toContain('result');
    });

    it('takes one user and one named outside assessor as the two MZ/T 039 assessors', async () => {
      const a = await create(await t.as('shegong1'), open, { assessorIds: [user.shegong1], otherAssessor: '社区卫生服务站 护士 刘' });
      expect(a.otherAssessor).toBe('社区卫生服务站 护士 刘');
      expect(a.assessors).toHaveLength(1);
    });

    it('records a general assessment with its problem list and no due date', async () => {
      const a = await create(await t.as('shegong1'), open, { instrumentId: instrument.general, answers: generalAnswers(), assessorIds: [user.shegong1] });
      expect(a.nextDueDate).toBeNull();
      expect(a.result.level).toBeNull();
      expect(a.answers.problem_list).toEqual([{ problem: '独居，缺少日常照顾', priority: 'high', strategy: '链接助餐服务' }]);
    });

    it('lists the case’s assessments newest first, and opens one with its answers', async () => {
      const c = await t.as('shegong1');
      const made = await create(c, unsupervised, { assessedOn: '2025-06-01', assessorIds: [user.shegong1], otherAssessor: '护士 刘' });
      await create(c, unsupervised, { instrumentId: instrument.general, answers: generalAnswers(), assessorIds: [user.shegong1], assessedOn: '2025-12-01' });
      const res = await c.get(`/api/cases/${unsupervised}/assessments`);
      expect(res.statusCode).toBe(200);
      const { data, total } = res.json() as { data: AssessmentListItem[]; total: number };
      expect(total).toBe(2);
      expect(data.map((a) => a.assessedOn)).toEqual(['2025-12-01', '2025-06-01']);
      expect(data[1]).toMatchObject({ id: made.id, nextDueDate: '2025-12-01', due: true });
      expect(data[0]).not.toHaveProperty('answers');

      const one = await c.get(`/api/cases/${unsupervised}/assessments/${made.id}`);
      expect(one.statusCode).toBe(200);
      expect((one.json().data as Assessment).answers.adl_stairs).toBe('0');
      // A street manager overseeing the community without being on the team reads the case's summary only
      // (个人信息保护法 第6条); the supervisor overseeing it reads its assessments.
      expect((await (await t.as('jiedao')).get(`/api/cases/${unsupervised}/assessments/${made.id}`)).statusCode).toBe(403);
      expect((await (await t.as('dudao')).get(`/api/cases/${unsupervised}/assessments/${made.id}`)).statusCode).toBe(200);
    });
  });

  describe('refusing bad input', () => {
    it('names the missing or malformed fields', async () => {
      const c = await t.as('shegong1');
      const res = await c.post(`/api/cases/${open}/assessments`, { assessedOn: '2026-02-30', answers: {}, assessorIds: ['x'] });
      expect(res.statusCode).toBe(400);
      expect(fields(res)).toEqual(expect.arrayContaining(['instrumentId', 'assessedOn', 'assessorIds.0']));
    });

    it('names each answer that is missing or not one of its options', async () => {
      const answers = { ...elderlyAnswers(), adl_feeding: '7', unknown_item: '1' };
      delete (answers as Record<string, unknown>).sense_vision;
      const res = await (await t.as('shegong1')).post(`/api/cases/${open}/assessments`, body({ answers }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('assessments.invalid_answers');
      expect(fields(res)).toEqual(expect.arrayContaining(['answers.adl_feeding', 'answers.unknown_item', 'answers.sense_vision']));
    });

    it('asks MZ/T 039 for two assessors', async () => {
      const res = await (await t.as('shegong1')).post(`/api/cases/${open}/assessments`, body({ assessorIds: [user.shegong1] }));
      expect(res.statusCode).toBe(400);
      expect(fields(res)).toEqual(['assessorIds']);
    });

    it('refuses an assessor who is not on the case team', async () => {
      const res = await (await t.as('shegong1')).post(`/api/cases/${open}/assessments`, body({ assessorIds: [user.shegong1, user.shegong2] }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'assessorIds', code: 'cases.team_member_invalid' });
    });

    it('refuses an assessment dated in the future', async () => {
      const res = await (await t.as('shegong1')).post(`/api/cases/${open}/assessments`, body({ assessedOn: addMonths(chinaToday(), 1) }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'assessedOn', code: 'future_date' });
    });

    it('refuses an inactive instrument and an unknown one', async () => {
      const [old] = await t.db
        .insert(assessmentInstruments)
        .values({ code: 'old_scale', version: 1, name: '旧量表', definition: { name: { zh: '旧量表' }, sections: [{ key: 'a', title: { zh: 'A' }, items: [{ kind: 'text', key: 'x', label: { zh: 'X' } }] }] }, active: false })
        .returning();
      const c = await t.as('shegong1');
      const inactive = await c.post(`/api/cases/${open}/assessments`, body({ instrumentId: old.id, answers: {}, assessorIds: [user.shegong1] }));
      expect(inactive.statusCode).toBe(400);
      expect(inactive.json().error).toMatchObject({ code: 'assessments.instrument_inactive', details: [{ field: 'instrumentId' }] });
      const unknown = await c.post(`/api/cases/${open}/assessments`, body({ instrumentId: MISSING }));
      expect(unknown.statusCode).toBe(400);
      expect(fields(unknown)).toEqual(['instrumentId']);
    });

    it('answers 409 on a closed case', async () => {
      const res = await (await t.as('shegong1')).post(`/api/cases/${closed}/assessments`, body());
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('cases.not_open');
    });
  });

  describe('reassessments due', () => {
    const actorOf = async (username: string): Promise<Actor> => {
      const id = user[username];
      const { rows } = await t.db.execute<{ role: Actor['role'] }>(sql`select role from users where id = ${id}`);
      return {
        userId: id, username, displayName: username, role: rows[0].role, permissions: permissionsOf(rows[0].role), ...(await loadScope({ db: t.db, userId: id })),
        mustChangePassword: false, sessionId: null, ip: null, requestId: null,
      };
    };

    it('lists the open cases whose latest assessment with an instrument is due, for the people working on them', async () => {
      const { rows } = await t.db.execute<{ id: string }>(sql`
        select r.id from residents r join org_units o on o.id = r.community_id where o.name = '桃源社区' and r.archived_at is null order by r.id limit 2`);
      const due = (await insertCase(t.db, { residentId: rows[0].id, leadUserId: user.shegong1, supervisorUserId: user.dudao })).id;
      const renewed = (await insertCase(t.db, { residentId: rows[1].id, leadUserId: user.shegong1 })).id;
      const c = await t.as('shegong1');
      const today = chinaToday();
      const longAgo = addMonths(today, -8);
      await create(c, due, { assessedOn: longAgo });
      await create(c, due, { instrumentId: instrument.general, answers: generalAnswers(), assessorIds: [user.shegong1], assessedOn: longAgo });
      await create(c, renewed, { assessedOn: longAgo, assessorIds: [user.shegong1], otherAssessor: '护士 刘' });
      await create(c, renewed, { assessedOn: today, assessorIds: [user.shegong1], otherAssessor: '护士 刘' });

      const mine = await assessmentsDue({ db: t.db, actor: await actorOf('shegong1'), before: today });
      const here = mine.filter((d) => d.caseId === due || d.caseId === renewed);
      expect(here).toEqual([expect.objectContaining({ caseId: due, instrumentCode: 'mzt039_elderly_ability', assessedOn: longAgo, nextDueDate: addMonths(longAgo, 6) })]);
      // The supervisor works on the case too; the street manager does not work on cases.
      expect((await assessmentsDue({ db: t.db, actor: await actorOf('dudao'), before: today })).map((d) => d.caseId)).toContain(due);
      expect(await assessmentsDue({ db: t.db, actor: await actorOf('jiedao'), before: today })).toEqual([]);
      // Nothing is due before its date.
      expect((await assessmentsDue({ db: t.db, actor: await actorOf('shegong1'), before: addMonths(longAgo, 5) })).filter((d) => d.caseId === due)).toEqual([]);
    });

    it('leaves closed cases out', async () => {
      await t.db.execute(sql`insert into case_assessments (case_id, instrument_id, assessed_on, answers, result, assessor_ids, next_due_date)
        values (${closed}, ${instrument.elderly}, '2024-01-01', '{}', '{"sections":[],"level":null}', array[${user.shegong1}]::uuid[], '2024-07-01')`);
      const mine = await assessmentsDue({ db: t.db, actor: await actorOf('shegong1'), before: chinaToday() });
      expect(mine.map((d) => d.caseId)).not.toContain(closed);
    });
  });
});
