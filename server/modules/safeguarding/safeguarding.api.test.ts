import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import { permissionsOf } from '../../../common/permissions';
import { addDays, addMonths } from '../../../common/schemas/safeguarding.schema';
import { insertCase } from '../../db/seed/case.builders';
import { insertMandatoryReport, seedSafeguardingDemo } from '../../db/seed/safeguarding.seed';
import type { Actor } from '../../lib/actor';
import { useTestApp, type Client } from '../../testing/app';
import { reportsDue } from './safeguarding.service';

const MISSING = '00000000-0000-4000-8000-000000000000';

type Report = {
  id: string; kind: string; concern: string; flaggedAt: string; dueAt: string; open: boolean; overdue: boolean; reportedAt: string | null;
  flaggedBy: string | null; flaggedByName: string | null; reporterName: string | null; dismissedAt: string | null; dismissedByName: string | null; dismissReason: string | null;
};

describe('safeguarding API', () => {
  const t = useTestApp();
  const user: Record<string, string> = {};
  let residentId: string;
  /** Cases of 曙光社区 led by shegong1 and supervised by dudao; `overseen` has no supervisor: dudao only oversees it. */
  const cs = {} as Record<'general' | 'dv' | 'correction' | 'rehab' | 'juvenile' | 'closed' | 'overseen', string>;
  const today = chinaToday();

  const call = (c: Client, method: string, url: string, body?: object) => c.inject({ method: method as 'GET', url, ...(body ? { payload: body } : {}) });
  const fieldOf = (res: { json: () => { error: { details: { field: string; code: string }[] } } }) => res.json().error.details.map((d) => d.field);
  const auditCount = async (action: string, entityId: string) =>
    (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${entityId}`)).rows[0].n;

  beforeAll(async () => {
    const { rows } = await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`);
    for (const r of rows) user[r.username] = r.id;
    const res = await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id where o.name = '曙光社区' order by r.id limit 1`);
    residentId = res.rows[0].id;
    const make = async (kind: 'general' | 'correction' | 'drug_rehab' | 'domestic_violence', extra: { juvenile?: boolean; status?: string } = {}) =>
      (await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, kind, ...extra })).id;
    cs.general = await make('general');
    cs.dv = await make('domestic_violence');
    cs.correction = await make('correction');
    cs.rehab = await make('drug_rehab');
    cs.juvenile = await make('correction', { juvenile: true });
    cs.closed = await make('general', { status: 'closed' });
    cs.overseen = (await insertCase(t.db, { residentId, leadUserId: user.shegong1, kind: 'general' })).id;
    // jiedao is a named manager on the DV case and on the juvenile file (社区矫正法 第54条 keeps him out of the latter).
    await t.db.execute(sql`insert into case_team (case_id, user_id, role) values (${cs.dv}, ${user.jiedao}, 'manager'), (${cs.juvenile}, ${user.jiedao}, 'manager')`);
  });

  describe('access to each route', () => {
    const routes = (id: string) => [
      { method: 'GET', url: `/api/cases/${id}/mandatory-reports` },
      { method: 'POST', url: `/api/cases/${id}/mandatory-reports`, body: { kind: 'minor_harm', concern: '孩子身上有伤' } },
      { method: 'POST', url: `/api/cases/${id}/mandatory-reports/${MISSING}/record`, body: { reportedTo: '派出所', reportedAt: new Date().toISOString(), method: 'phone' } },
      { method: 'POST', url: `/api/cases/${id}/mandatory-reports/${MISSING}/dismiss`, body: { reason: '核实后排除' } },
      { method: 'GET', url: `/api/cases/${id}/orders` },
      { method: 'POST', url: `/api/cases/${id}/orders`, body: { kind: 'warning_letter', issuer: '江滨派出所', issuedOn: today } },
      { method: 'GET', url: `/api/cases/${id}/restricted-details` },
      { method: 'PUT', url: `/api/cases/${id}/restricted-details`, body: { teamMembers: ['司法所'] } },
    ];
    const writes = (id: string) => routes(id).filter((r) => r.method !== 'GET');
    const reads = (id: string) => routes(id).filter((r) => r.method === 'GET');

    it('answers 401 on every route without a session', async () => {
      for (const r of routes(cs.dv)) expect((await call(t.anon, r.method, r.url, r.body)).statusCode, `${r.method} ${r.url}`).toBe(401);
    });

    it('answers 403 on every route to the administrator and the volunteer', async () => {
      for (const username of ['admin', 'zhiyuan']) {
        const c = await t.as(username);
        for (const r of routes(cs.dv)) expect((await call(c, r.method, r.url, r.body)).statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
      }
    });

    it('answers 403 on the writes to a street manager, who oversees but does not work on cases', async () => {
      const c = await t.as('jiedao');
      for (const r of writes(cs.general)) expect((await call(c, r.method, r.url, r.body)).statusCode, `${r.method} ${r.url}`).toBe(403);
    });

    it('answers 404 on every route to a worker of other communities, for a general and a restricted case', async () => {
      const c = await t.as('shegong2');
      for (const id of [cs.general, cs.dv, cs.correction])
        for (const r of routes(id)) {
          const res = await call(c, r.method, r.url, r.body);
          expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
          expect(res.json().error.code).toBe('not_found');
        }
    });

    it('answers 404 to the street manager for a restricted case he is not on, and for a juvenile file even as a named manager', async () => {
      const c = await t.as('jiedao');
      for (const id of [cs.correction, cs.rehab, cs.juvenile]) for (const r of reads(id)) expect((await call(c, r.method, r.url)).statusCode, `${id} ${r.url}`).toBe(404);
      expect((await c.get(`/api/cases/${cs.dv}/mandatory-reports`)).statusCode).toBe(200);
    });

    it('answers 404 for a case that does not exist', async () => {
      const c = await t.as('shegong1');
      for (const r of routes(MISSING)) expect((await call(c, r.method, r.url, r.body)).statusCode, `${r.method} ${r.url}`).toBe(404);
    });

    it('audits every read of a restricted case', async () => {
      const c = await t.as('shegong1');
      const before = await auditCount('cases.view_restricted', cs.correction);
      for (const r of reads(cs.correction)) expect((await c.get(r.url)).statusCode).toBe(200);
      expect(await auditCount('cases.view_restricted', cs.correction)).toBe(before + 3);
    });
  });

  describe('mandatory reports', () => {
    it('opens a report on a general case, due 24 hours after the flag', async () => {
      const c = await t.as('shegong1');
      const res = await c.post(`/api/cases/${cs.general}/mandatory-reports`, { kind: 'minor_harm', concern: '孩子说常被父亲关在门外过夜' });
      expect(res.statusCode).toBe(201);
      const r = res.json().data as Report;
      expect(new Date(r.dueAt).getTime() - new Date(r.flaggedAt).getTime()).toBe(24 * 3600_000);
      expect(r).toMatchObject({ kind: 'minor_harm', open: true, overdue: false, reportedAt: null, flaggedBy: user.shegong1, flaggedByName: '社工 王芳' });
      expect(await auditCount('safeguarding.report_flag', r.id)).toBe(1);
    });

    it('answers 400 naming the field when the concern is missing or the kind is unknown', async () => {
      const c = await t.as('shegong1');
      const res = await c.post(`/api/cases/${cs.general}/mandatory-reports`, { kind: 'gossip' });
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toEqual(expect.arrayContaining(['kind', 'concern']));
    });

    it('shows a concern on a general case, text and reporter, to the case team only, and audits each read', async () => {
      const c = await t.as('shegong1');
      const flagged = (await c.post(`/api/cases/${cs.overseen}/mandatory-reports`, { kind: 'dv_limited_capacity', concern: '邻居反映常听到打骂声' })).json().data as Report;
      await c.post(`/api/cases/${cs.overseen}/mandatory-reports/${flagged.id}/record`, { reportedTo: '江滨派出所', reportedAt: new Date().toISOString(), method: 'phone' });

      const before = await auditCount('safeguarding.report_view', cs.overseen);
      const team = await c.get(`/api/cases/${cs.overseen}/mandatory-reports`);
      expect(team.json().data.find((r: Report) => r.id === flagged.id)).toMatchObject({ concern: '邻居反映常听到打骂声', flaggedByName: '社工 王芳', reporterName: '社工 王芳' });
      expect(await auditCount('safeguarding.report_view', cs.overseen)).toBe(before + 1);

      // The street manager off the team reads only the case's summary (cases.file_closed); the
      // supervisor overseeing it reads the file, but not the team's concerns.
      for (const [username, code] of [['jiedao', 'cases.file_closed'], ['dudao', 'safeguarding.team_only']]) {
        const overseer = await t.as(username);
        expect((await overseer.get(`/api/cases/${cs.overseen}`)).statusCode, `${username} oversees the case`).toBe(200);
        const res = await overseer.get(`/api/cases/${cs.overseen}/mandatory-reports`);
        expect(res.statusCode, username).toBe(403);
        expect(res.json().error.code, username).toBe(code);
        expect(res.body).not.toContain('打骂');
      }
      expect(await auditCount('safeguarding.report_view', cs.overseen)).toBe(before + 1);
    });

    it('answers an overseeing manager the same whether or not the case has a concern', async () => {
      const overseer = await t.as('dudao');
      const empty = (await insertCase(t.db, { residentId, leadUserId: user.shegong1, kind: 'general' })).id;
      const a = await overseer.get(`/api/cases/${empty}/mandatory-reports`);
      const b = await overseer.get(`/api/cases/${cs.overseen}/mandatory-reports`);
      expect([a.statusCode, a.json().error.code]).toEqual([b.statusCode, b.json().error.code]);
    });

    it('leaves no trace of an open concern where an overseeing manager looks: the case, its history, lists, figures, the resident, 我的待办, notifications', async () => {
      const concern = '孩子说继父常用皮带抽打他';
      const r = (await (await t.as('shegong1')).post(`/api/cases/${cs.overseen}/mandatory-reports`, { kind: 'minor_harm', concern })).json().data as Report;
      const urls = [
        `/api/cases/${cs.overseen}`, `/api/cases/${cs.overseen}/events`, '/api/cases', '/api/cases/stats', '/api/dashboard/summary',
        `/api/residents/${residentId}`, `/api/referrals?residentId=${residentId}`, '/api/todo', '/api/notifications',
      ];
      for (const username of ['jiedao', 'dudao']) {
        const overseer = await t.as(username);
        for (const url of urls) {
          const res = await overseer.get(url);
          // A manager off the team reads no case file at all (the history included): 403 cases.file_closed.
          if (res.statusCode === 403) expect(res.json().error.code, `${username} ${url}`).toBe('cases.file_closed');
          else expect(res.statusCode, `${username} ${url}`).toBe(200);
          expect(res.body, `${username} ${url}`).not.toContain(concern);
          expect(res.body, `${username} ${url}`).not.toContain(r.id);
        }
      }
    });

    it('shows the reporter to a named manager on the team', async () => {
      await insertMandatoryReport(t.db, { caseId: cs.dv, kind: 'dv_limited_capacity', concern: '疑似被家人殴打', flaggedBy: user.shegong1 });
      const list = (await (await t.as('jiedao')).get(`/api/cases/${cs.dv}/mandatory-reports`)).json().data as Report[];
      expect(list[0]).toMatchObject({ concern: '疑似被家人殴打', flaggedByName: '社工 王芳' });
    });

    it('records the report, which closes it, and refuses to record it twice', async () => {
      const c = await t.as('shegong1');
      const r = (await c.post(`/api/cases/${cs.general}/mandatory-reports`, { kind: 'minor_harm', concern: '孩子独自在家多日' })).json().data as Report;
      const body = { reportedTo: '江滨派出所 值班民警', reportedAt: new Date(Date.now() - 3600_000).toISOString(), method: 'in_person', reference: '受案回执 2026-0312' };
      const res = await c.post(`/api/cases/${cs.general}/mandatory-reports/${r.id}/record`, body);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ reportedTo: body.reportedTo, method: 'in_person', reference: body.reference, overdue: false, late: false, reporterName: '社工 王芳' });
      expect(await auditCount('safeguarding.report_record', r.id)).toBe(1);

      const again = await c.post(`/api/cases/${cs.general}/mandatory-reports/${r.id}/record`, body);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('safeguarding.already_reported');
    });

    describe('a concern found unfounded', () => {
      const flag = async (caseId: string, concern = '疑似受伤，待核实') =>
        (await (await t.as('shegong1')).post(`/api/cases/${caseId}/mandatory-reports`, { kind: 'minor_harm', concern })).json().data as Report;
      const dismiss = async (username: string, caseId: string, reportId: string, body: Record<string, unknown> = { reason: '家访核实：伤痕系骑车摔伤，有医院病历' }) =>
        (await t.as(username)).post(`/api/cases/${caseId}/mandatory-reports/${reportId}/dismiss`, body);

      it('is closed with its reason without a report: no longer open, overdue, due in 我的待办 or in the way of closing the case, and audited', async () => {
        const caseId = (await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, kind: 'general' })).id;
        const old = await insertMandatoryReport(t.db, { caseId, kind: 'minor_harm', concern: '孩子手臂有淤青', flaggedBy: user.shegong1, hoursAgo: 30 });
        const c = await t.as('shegong1');
        const closure = { goals: [], closureReason: 'goals_met', closureSummary: '服务目标达成' };
        expect((await c.post(`/api/cases/${caseId}/request-closure`, closure)).json().error.code).toBe('cases.open_reports');

        const res = await dismiss('shegong1', caseId, old.id);
        expect(res.statusCode).toBe(200);
        expect(res.json().data).toMatchObject({ open: false, overdue: false, reportedAt: null, dismissReason: '家访核实：伤痕系骑车摔伤，有医院病历', dismissedByName: '社工 王芳' });
        expect(await auditCount('safeguarding.report_dismiss', old.id)).toBe(1);
        expect((await c.get(`/api/cases/${caseId}/mandatory-reports`)).json().data[0]).toMatchObject({ id: old.id, open: false, dismissedAt: expect.any(String) });
        const todo = (await c.get('/api/todo')).body;
        expect(todo).not.toContain(old.id);
        expect((await c.post(`/api/cases/${caseId}/request-closure`, closure)).statusCode).toBe(200);
      });

      it('answers 400 naming the reason when it is missing or blank, and changes nothing', async () => {
        const r = await flag(cs.general);
        for (const body of [{}, { reason: '   ' }]) {
          const res = await dismiss('shegong1', cs.general, r.id, body);
          expect(res.statusCode).toBe(400);
          expect(fieldOf(res)).toEqual(['reason']);
        }
        const list = (await (await t.as('shegong1')).get(`/api/cases/${cs.general}/mandatory-reports`)).json().data as Report[];
        expect(list.find((x) => x.id === r.id)).toMatchObject({ open: true, dismissedAt: null });
      });

      it('answers 409 to dismiss it twice, to record it once dismissed, or to dismiss a recorded report', async () => {
        const r = await flag(cs.general);
        expect((await dismiss('shegong1', cs.general, r.id)).statusCode).toBe(200);
        const again = await dismiss('shegong1', cs.general, r.id);
        expect([again.statusCode, again.json().error.code]).toEqual([409, 'safeguarding.already_dismissed']);
        const record = await (await t.as('shegong1')).post(`/api/cases/${cs.general}/mandatory-reports/${r.id}/record`, { reportedTo: '派出所', reportedAt: new Date().toISOString(), method: 'phone' });
        expect([record.statusCode, record.json().error.code]).toEqual([409, 'safeguarding.already_dismissed']);

        const made = await flag(cs.general);
        await (await t.as('shegong1')).post(`/api/cases/${cs.general}/mandatory-reports/${made.id}/record`, { reportedTo: '派出所', reportedAt: new Date().toISOString(), method: 'phone' });
        const late = await dismiss('shegong1', cs.general, made.id);
        expect([late.statusCode, late.json().error.code]).toEqual([409, 'safeguarding.already_reported']);
      });

      it('may be closed by the supervisor on the team, not by a supervisor or manager who only oversees the case', async () => {
        expect((await dismiss('dudao', cs.general, (await flag(cs.general)).id)).statusCode).toBe(200);
        const r = await flag(cs.overseen);
        expect((await dismiss('dudao', cs.overseen, r.id)).statusCode).toBe(403);
        expect((await dismiss('jiedao', cs.overseen, r.id)).statusCode).toBe(403);
        expect((await dismiss('shegong2', cs.overseen, r.id)).statusCode).toBe(404);
        expect(await auditCount('safeguarding.report_dismiss', r.id)).toBe(0);
      });

      it('answers 404 for a report of another case or one that does not exist', async () => {
        const r = await flag(cs.general);
        expect((await dismiss('shegong1', cs.dv, r.id)).statusCode).toBe(404);
        expect((await dismiss('shegong1', cs.general, MISSING)).statusCode).toBe(404);
      });

      it('refuses to dismiss a serious breach of a rehabilitation agreement: the report to the police is due (戒毒条例 第21条)', async () => {
        const r = await insertMandatoryReport(t.db, { caseId: cs.rehab, kind: 'drug_serious_violation', concern: '拒绝检测 3 次', flaggedBy: user.shegong1 });
        const res = await dismiss('shegong1', cs.rehab, r.id);
        expect([res.statusCode, res.json().error.code]).toEqual([409, 'safeguarding.not_dismissable']);
        await t.db.execute(sql`delete from mandatory_reports where id = ${r.id}`);
      });
    });

    it('answers 400 naming the field for a missing recipient, an unknown method or a time in the future', async () => {
      const c = await t.as('shegong1');
      const r = (await c.post(`/api/cases/${cs.general}/mandatory-reports`, { kind: 'minor_harm', concern: '疑似受伤' })).json().data as Report;
      const url = `/api/cases/${cs.general}/mandatory-reports/${r.id}/record`;
      const now = new Date().toISOString();
      expect(fieldOf(await c.post(url, { reportedAt: now, method: 'phone' }))).toEqual(['reportedTo']);
      expect(fieldOf(await c.post(url, { reportedTo: '派出所', reportedAt: now, method: 'pigeon' }))).toEqual(['method']);
      const future = await c.post(url, { reportedTo: '派出所', reportedAt: new Date(Date.now() + 3 * 3600_000).toISOString(), method: 'phone' });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.details[0]).toMatchObject({ field: 'reportedAt', code: 'future_date' });
    });

    it('answers 404 when recording a report of another case', async () => {
      const c = await t.as('shegong1');
      const r = (await c.post(`/api/cases/${cs.general}/mandatory-reports`, { kind: 'minor_harm', concern: '疑似受伤' })).json().data as Report;
      const res = await c.post(`/api/cases/${cs.dv}/mandatory-reports/${r.id}/record`, { reportedTo: '派出所', reportedAt: new Date().toISOString(), method: 'phone' });
      expect(res.statusCode).toBe(404);
    });

    it('marks an open report overdue after 24 hours and lists it in the to-do of the workers on the case', async () => {
      const old = await insertMandatoryReport(t.db, { caseId: cs.closed, kind: 'minor_harm', concern: '回访时发现孩子被打', flaggedBy: user.shegong1, hoursAgo: 30 });
      const list = (await (await t.as('shegong1')).get(`/api/cases/${cs.closed}/mandatory-reports`)).json().data as Report[];
      expect(list.find((r) => r.id === old.id)).toMatchObject({ overdue: true, reportedAt: null });

      const actor = (username: string, role: 'worker' | 'street_admin') => ({ userId: user[username], permissions: permissionsOf(role), communityIds: [] }) as unknown as Actor;
      const due = await reportsDue({ db: t.db, actor: actor('shegong1', 'worker') });
      expect(due.find((d) => d.id === old.id)).toMatchObject({ caseId: cs.closed, overdue: true, kind: 'minor_harm' });
      expect(due.every((d) => d.caseNo && d.clientName)).toBe(true);
      expect((await reportsDue({ db: t.db, actor: actor('dudao', 'worker') })).some((d) => d.id === old.id)).toBe(true);
      expect(await reportsDue({ db: t.db, actor: actor('shegong2', 'worker') })).toEqual([]);
      expect(await reportsDue({ db: t.db, actor: actor('jiedao', 'street_admin') })).toEqual([]);
    });

    it('lets the worker record a report on a closed case: the duty outlives the case', async () => {
      const c = await t.as('shegong1');
      const res = await c.post(`/api/cases/${cs.closed}/mandatory-reports`, { kind: 'minor_harm', concern: '回访时发现' });
      expect(res.statusCode).toBe(201);
    });
  });

  describe('告诫书 and 人身安全保护令', () => {
    const visitsOf = async (orderId: string) =>
      (await t.db.execute<{ kind: string; due_date: string; assignee_user_id: string }>(sql`select kind, due_date::text, assignee_user_id from case_followups where order_id = ${orderId} order by due_date`)).rows;

    it('records a written warning with a visit within 7 days and another after a month', async () => {
      const c = await t.as('shegong1');
      const res = await c.post(`/api/cases/${cs.dv}/orders`, { kind: 'warning_letter', issuer: '江滨派出所', documentNo: '江公（滨）告字〔2026〕3号', issuedOn: today });
      expect(res.statusCode).toBe(201);
      const o = res.json().data;
      expect(o.visits.map((v: { dueDate: string }) => v.dueDate)).toEqual([addDays(today, 7), addMonths(today, 1)]);
      const rows = await visitsOf(o.id);
      expect(rows).toHaveLength(2);
      expect(rows.every((v) => v.kind === 'warning_letter' && v.assignee_user_id === user.shegong1)).toBe(true);
      const events = await t.db.execute(sql`select 1 from case_events where case_id = ${cs.dv} and action = 'safeguarding.order_create'`);
      expect(events.rows.length).toBeGreaterThan(0);
    });

    it('records a protection order of exactly six months with monthly visits until it ends', async () => {
      const c = await t.as('shegong1');
      const validTo = addMonths(today, 6);
      const res = await c.post(`/api/cases/${cs.dv}/orders`, {
        kind: 'protection_order', issuer: '临江区人民法院', issuedOn: today, validTo, measures: ['no_violence', 'no_harassment'], note: '送达居委会',
      });
      expect(res.statusCode).toBe(201);
      const o = res.json().data;
      expect(o).toMatchObject({ validFrom: today, validTo, inForce: true, measures: ['no_violence', 'no_harassment'] });
      expect(o.visits).toHaveLength(7);
      expect(o.visits[0].dueDate).toBe(addDays(today, 3));
      expect((await visitsOf(o.id)).every((v) => v.kind === 'protection_order')).toBe(true);
      const list = (await c.get(`/api/cases/${cs.dv}/orders`)).json();
      expect(list.data.find((x: { id: string }) => x.id === o.id).visits).toHaveLength(7);
    });

    it('answers 400 safeguarding.order_too_long on validTo for a protection order longer than six months, and stores nothing', async () => {
      const c = await t.as('shegong1');
      const before = (await c.get(`/api/cases/${cs.dv}/orders`)).json().total;
      const res = await c.post(`/api/cases/${cs.dv}/orders`, { kind: 'protection_order', issuer: '临江区人民法院', issuedOn: today, validTo: addDays(addMonths(today, 6), 1) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('safeguarding.order_too_long');
      expect(fieldOf(res)).toEqual(['validTo']);
      expect((await c.get(`/api/cases/${cs.dv}/orders`)).json().total).toBe(before);
    });

    it('counts the six months from the day the order was made, even when it names a later start', async () => {
      const c = await t.as('shegong1');
      const issuedOn = addDays(today, -10);
      const body = { kind: 'protection_order', issuer: '临江区人民法院', issuedOn, validFrom: addDays(issuedOn, 5) };
      const over = await c.post(`/api/cases/${cs.dv}/orders`, { ...body, validTo: addDays(addMonths(issuedOn, 6), 1) });
      expect(over.statusCode).toBe(400);
      expect(over.json().error.details[0]).toMatchObject({ field: 'validTo', code: 'safeguarding.order_too_long' });
      expect(over.json().error.details[0].message).toContain(addMonths(issuedOn, 6));
      expect((await c.post(`/api/cases/${cs.dv}/orders`, { ...body, validTo: addMonths(issuedOn, 6) })).statusCode).toBe(201);
    });

    it('answers 400 on validFrom for a protection order in force before it was made (第30条: 自作出之日起生效)', async () => {
      const res = await (await t.as('shegong1')).post(`/api/cases/${cs.dv}/orders`, {
        kind: 'protection_order', issuer: '法院', issuedOn: today, validFrom: addDays(today, -1), validTo: addMonths(today, 3),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'validFrom', code: 'order.starts_before_issue' });
    });

    it('answers 400 naming the field for a protection order without an end, an end before its start, or measures on a warning', async () => {
      const c = await t.as('shegong1');
      const url = `/api/cases/${cs.dv}/orders`;
      expect(fieldOf(await c.post(url, { kind: 'protection_order', issuer: '法院', issuedOn: today }))).toEqual(['validTo']);
      const order = await c.post(url, { kind: 'protection_order', issuer: '法院', issuedOn: today, validFrom: today, validTo: addDays(today, -1) });
      expect(order.json().error.details[0]).toMatchObject({ field: 'validTo', code: 'date_order' });
      expect(fieldOf(await c.post(url, { kind: 'warning_letter', issuer: '派出所', issuedOn: today, measures: ['move_out'] }))).toEqual(['measures']);
      expect(fieldOf(await c.post(url, { kind: 'warning_letter', issuedOn: 'yesterday' }))).toEqual(expect.arrayContaining(['issuer', 'issuedOn']));
    });

    it('answers 409 for an order on a closed case', async () => {
      const res = await (await t.as('shegong1')).post(`/api/cases/${cs.closed}/orders`, { kind: 'warning_letter', issuer: '派出所', issuedOn: today });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('cases.not_open');
    });
  });

  describe('fields of correction and drug-rehabilitation cases', () => {
    const put = (c: Client, id: string, body: object) => c.inject({ method: 'PUT', url: `/api/cases/${id}/restricted-details`, payload: body });

    it('answers 409 safeguarding.not_restricted_case for a general or domestic-violence case', async () => {
      const c = await t.as('shegong1');
      for (const id of [cs.general, cs.dv]) {
        const get = await c.get(`/api/cases/${id}/restricted-details`);
        expect(get.statusCode).toBe(409);
        expect(get.json().error.code).toBe('safeguarding.not_restricted_case');
        expect((await put(c, id, { teamMembers: ['x'] })).statusCode).toBe(409);
      }
    });

    it('starts empty at version 0 and saves the correction fields with a new version', async () => {
      const c = await t.as('shegong1');
      const first = await c.get(`/api/cases/${cs.correction}/restricted-details`);
      expect(first.json()).toMatchObject({ data: { caseKind: 'correction', version: 0, teamMembers: [], impactReports: [] }, abilities: { update: true } });
      const body = {
        version: 0, correctionType: 'probation', termStart: '2026-01-01', termEnd: '2027-12-31', teamMembers: ['司法所 刘所长', '社区民警 张警官'],
        impactReports: [{ date: '2025-12-01', by: '曙光社区居委会', conclusion: '适宜社区矫正' }],
      };
      const res = await put(c, cs.correction, body);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ ...body, version: 1, updatedByName: '社工 王芳' });
      const events = await t.db.execute<{ detail: { fields: string[] } }>(sql`select detail from case_events where case_id = ${cs.correction} and action = 'safeguarding.details_update'`);
      expect(events.rows[0].detail.fields).toEqual(expect.arrayContaining(['correctionType', 'teamMembers']));
      const audit = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where entity_id = ${cs.correction} and detail::text like '%probation%'`);
      expect(audit.rows[0].n).toBe(0);
    });

    it('answers 409 version_conflict for a stale version', async () => {
      const c = await t.as('shegong1');
      const { version } = (await c.get(`/api/cases/${cs.correction}/restricted-details`)).json().data;
      expect((await put(c, cs.correction, { version, teamMembers: ['司法所'] })).statusCode).toBe(200);
      const stale = await put(c, cs.correction, { version, teamMembers: ['另一位'] });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('version_conflict');
    });

    it('answers 400 naming the field for a wrong type, an end before the start, or a rehab field on a correction case', async () => {
      const c = await t.as('shegong1');
      expect(fieldOf(await put(c, cs.correction, { correctionType: 'house_arrest' }))).toEqual(['correctionType']);
      expect(fieldOf(await put(c, cs.correction, { termStart: '2026-05-01', termEnd: '2026-04-01' }))).toEqual(['termEnd']);
      expect(fieldOf(await put(c, cs.correction, { testRefusals: 1 }))).toEqual(['testRefusals']);
      expect(fieldOf(await put(c, cs.rehab, { correctionType: 'parole' }))).toEqual(['correctionType']);
      expect(fieldOf(await put(c, cs.rehab, { testRefusals: -1 }))).toEqual(['testRefusals']);
    });

    it('ends a 社区戒毒 term three years after the day the person reported, not after the agreement', async () => {
      const res = await put(await t.as('shegong1'), cs.rehab, { rehabType: 'community_detox', reportDate: '2025-06-10', agreementDate: '2025-06-12' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ rehabType: 'community_detox', reportDate: '2025-06-10', agreementDate: '2025-06-12', rehabTermEnd: '2028-06-10', rehabTermMax: '2028-06-10' });
      const row = await t.db.execute<{ term_start: string; term_end: string }>(sql`select term_start::text, term_end::text from case_restricted_details where case_id = ${cs.rehab}`);
      expect(row.rows[0]).toEqual({ term_start: '2025-06-10', term_end: '2028-06-10' });
    });

    it('keeps the end of a 社区康复 term as entered, up to three years after reporting, and answers 400 naming the field past that', async () => {
      const c = await t.as('shegong1');
      const two = await put(c, cs.rehab, { rehabType: 'community_rehab', rehabTermEnd: '2027-06-10' });
      expect(two.json().data).toMatchObject({ rehabType: 'community_rehab', reportDate: '2025-06-10', rehabTermEnd: '2027-06-10', rehabTermMax: '2028-06-10' });
      expect((await put(c, cs.rehab, { rehabTermEnd: '2028-06-10' })).statusCode).toBe(200);
      const over = await put(c, cs.rehab, { rehabTermEnd: '2028-06-11' });
      expect(over.statusCode).toBe(400);
      expect(over.json().error.details[0]).toMatchObject({ field: 'rehabTermEnd', code: 'rehab.term_too_long' });
      expect(over.json().error.details[0].message).toContain('2028-06-10');
      const detox = await put(c, cs.rehab, { rehabType: 'community_detox', rehabTermEnd: '2027-06-10' });
      expect(detox.json().error.details[0]).toMatchObject({ field: 'rehabTermEnd', code: 'rehab.term_derived' });
      // Back to 社区戒毒 without typing an end: the one kept from 社区康复 gives way to the 3 years.
      expect((await put(c, cs.rehab, { rehabType: 'community_detox' })).json().data.rehabTermEnd).toBe('2028-06-10');
      const early = await put(c, cs.rehab, { agreementDate: '2025-06-01' });
      expect(early.json().error.details[0]).toMatchObject({ field: 'agreementDate', code: 'rehab.agreement_before_report' });
    });

    it('opens a report to the police once, when the refused tests reach three (戒毒条例 第20–21条)', async () => {
      const c = await t.as('shegong1');
      const reports = async () => ((await c.get(`/api/cases/${cs.rehab}/mandatory-reports`)).json().data as Report[]).filter((r) => r.kind === 'drug_serious_violation');
      const two = await put(c, cs.rehab, { testRefusals: 2 });
      expect(two.json()).toMatchObject({ openedReport: null, data: { serious: { any: false } } });
      const three = await put(c, cs.rehab, { testRefusals: 3 });
      expect(three.json().data.serious).toMatchObject({ testRefusals: true, any: true });
      expect(three.json().openedReport).toMatchObject({ kind: 'drug_serious_violation', reportedAt: null });
      expect(three.json().openedReport.concern).toContain('拒绝接受检测 3 次');
      expect(await reports()).toHaveLength(1);
      const four = await put(c, cs.rehab, { testRefusals: 4, unauthorizedLeaveDays: 31 });
      expect(four.json().openedReport).toBeNull();
      expect(await reports()).toHaveLength(1);
    });

    it('keeps the fields a partial update leaves out', async () => {
      const c = await t.as('shegong1');
      const res = await c.inject({ method: 'PUT', url: `/api/cases/${cs.rehab}/restricted-details`, payload: { leaveReports: [{ from: '2026-02-01', to: '2026-02-05', destination: '邻市探亲', reportedOn: '2026-01-30' }] } });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.leaveReports).toHaveLength(1);
      expect(res.json().data).toMatchObject({ reportDate: '2025-06-10', agreementDate: '2025-06-12' });
    });

    it('lets the supervisor read a juvenile file and tells a manager without work rights that they cannot edit', async () => {
      expect((await (await t.as('dudao')).get(`/api/cases/${cs.juvenile}/restricted-details`)).statusCode).toBe(200);
      await t.db.execute(sql`insert into case_team (case_id, user_id, role) values (${cs.correction}, ${user.jigou}, 'manager')`);
      const res = await (await t.as('jigou')).get(`/api/cases/${cs.correction}/restricted-details`);
      expect(res.json().abilities).toEqual({ update: false });
    });
  });

  describe('demo seed', () => {
    it('gives the demo a correction and a rehab case with details, an overdue report and a protection order with its visits', async () => {
      const make = async (kind: 'correction' | 'drug_rehab' | 'domestic_violence') => (await insertCase(t.db, { residentId, leadUserId: user.shegong1, kind })).id;
      const ids = { correctionCaseId: await make('correction'), drugRehabCaseId: await make('drug_rehab'), domesticViolenceCaseId: await make('domestic_violence') };
      await seedSafeguardingDemo(t.db, { ...ids, workerId: user.shegong1 });
      const c = await t.as('shegong1');
      expect((await c.get(`/api/cases/${ids.correctionCaseId}/restricted-details`)).json().data).toMatchObject({ correctionType: 'probation', version: 1 });
      expect((await c.get(`/api/cases/${ids.drugRehabCaseId}/restricted-details`)).json().data).toMatchObject({ testRefusals: 2, serious: { any: false } });
      expect((await c.get(`/api/cases/${ids.domesticViolenceCaseId}/mandatory-reports`)).json().data[0]).toMatchObject({ overdue: true });
      const [order] = (await c.get(`/api/cases/${ids.domesticViolenceCaseId}/orders`)).json().data;
      expect(order).toMatchObject({ kind: 'protection_order', inForce: true });
      expect(order.visits.length).toBeGreaterThan(3);
      expect(order.visits[0].overdue).toBe(true);
    });
  });
});
