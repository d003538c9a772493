import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import { insertCase } from '../../db/seed/case.builders';
import { useTestApp } from '../../testing/app';
import { caseAssessments, assessmentInstruments } from '../assessments/assessments.table';
import { addDays } from '../cases/cases.rules';

describe('我的待办 (GET /api/todo)', () => {
  const t = useTestApp();
  let user: Record<string, string>;
  let residentId: string;

  beforeAll(async () => {
    user = Object.fromEntries((await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`)).rows.map((r) => [r.username, r.id]));
    residentId = (await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id
      where o.name = '桃源社区' and r.birth_date < '1990-01-01' order by r.id desc limit 1`)).rows[0].id;
  });

  it('answers 401 to anonymous callers and 403 to roles without case rights', async () => {
    expect((await t.anon.get('/api/todo')).statusCode).toBe(401);
    expect((await (await t.as('zhiyuan')).get('/api/todo')).statusCode).toBe(403);
  });

  it('lists a pending mandatory report and an overdue reassessment for the lead, and nothing of them for another worker', async () => {
    const c = await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, intakeDate: addDays(chinaToday(), -200) });
    const w = await t.as('shegong1');
    expect((await w.post(`/api/cases/${c.id}/mandatory-reports`, { kind: 'minor_harm', concern: '孩子手臂有多处淤青' })).statusCode).toBe(201);
    const [instrument] = await t.db.select().from(assessmentInstruments).where(sql`${assessmentInstruments.code} like '%elder%' or ${assessmentInstruments.name} like '%老年人能力%'`);
    await t.db.insert(caseAssessments).values({
      caseId: c.id, instrumentId: instrument.id, assessedOn: addDays(chinaToday(), -190), answers: {}, result: {}, assessorIds: [user.shegong1], nextDueDate: addDays(chinaToday(), -7),
    });
    const items = (await w.get('/api/todo')).json().data as { kind: string; caseId: string; overdue: boolean; group: string }[];
    const mine = items.filter((i) => i.caseId === c.id);
    expect(mine.map((i) => i.kind)).toEqual(expect.arrayContaining(['assessment_due', 'report_due', 'no_contact']));
    expect(mine.find((i) => i.kind === 'assessment_due')!.group).toBe('overdue');
    const other = (await (await t.as('shegong2')).get('/api/todo')).json().data as { caseId: string }[];
    expect(other.map((i) => i.caseId)).not.toContain(c.id);
  });

  it('shows the supervisor the cases that went without contact longer than their risk level allows', async () => {
    const c = await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, riskLevel: 'high', intakeDate: addDays(chinaToday(), -30) });
    const items = (await (await t.as('dudao')).get('/api/todo')).json().data as { kind: string; caseId: string }[];
    expect(items.filter((i) => i.caseId === c.id).map((i) => i.kind)).toContain('no_contact');
  });
});

describe('contact intervals set by the deployment', () => {
  const t = useTestApp({ riskContactDays: { high: 40, medium: 60, low: 90 } });

  it('applies LINLI_RISK_CONTACT_DAYS to 我的待办, the case list and GET /api/cases/settings', async () => {
    const user = Object.fromEntries((await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`)).rows.map((r) => [r.username, r.id]));
    const residentId = (await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id where o.name = '桃源社区' order by r.id limit 1`)).rows[0].id;
    const c = await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, riskLevel: 'high', intakeDate: addDays(chinaToday(), -30) });
    const w = await t.as('shegong1');
    expect((await w.get('/api/cases/settings')).json().data.riskLevels).toEqual([
      { code: 'high', contactDays: 40 }, { code: 'medium', contactDays: 60 }, { code: 'low', contactDays: 90 },
    ]);
    // 30 days without contact is within 40: not overdue here (it would be with the default 7).
    const items = (await w.get('/api/todo')).json().data as { kind: string; caseId: string }[];
    expect(items.filter((i) => i.caseId === c.id).map((i) => i.kind)).not.toContain('no_contact');
    const listed = (await w.get(`/api/cases?residentId=${residentId}&pageSize=100`)).json().data as { id: string; contactOverdue: boolean }[];
    expect(listed.find((x) => x.id === c.id)?.contactOverdue).toBe(false);
  });
});
