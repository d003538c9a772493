import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import { insertCase } from '../../db/seed/case.builders';
import { useTestApp } from '../../testing/app';
import { caseAssessments, assessmentInstruments } from '../assessments/assessments.table';
import { casePlans, caseTasks } from '../cases/cases.table';
import { addDays } from '../cases/cases.rules';
import { mandatoryReports } from '../safeguarding/safeguarding.table';

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

  it('shows the supervisor the late records of their open cases (kept on the case by a trigger), and not those of closed ones', async () => {
    const c = await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'active', intakeDate: addDays(chinaToday(), -20) });
    const w = await t.as('shegong1');
    const rec = await w.post(`/api/cases/${c.id}/records`, { serviceDate: addDays(chinaToday(), -3), mode: 'phone', durationMinutes: 20, serviceArea: 'community_care', content: '电话回访，了解近况' });
    expect(rec.statusCode).toBe(201);
    expect(rec.json().data.late).toBe(true);
    const onTime = await w.post(`/api/cases/${c.id}/records`, { serviceDate: chinaToday(), mode: 'phone', durationMinutes: 10, serviceArea: 'community_care', content: '当天记录' });
    expect(onTime.json().data.late).toBe(false);
    const [row] = (await t.db.execute<{ last_late_record_at: Date | null }>(sql`select last_late_record_at from cases where id = ${c.id}`)).rows;
    expect(new Date(row.last_late_record_at!).toISOString()).toBe(rec.json().data.createdAt);
    const late = async () => ((await (await t.as('dudao')).get('/api/todo')).json().data as { kind: string; id: string }[]).filter((i) => i.kind === 'late_record').map((i) => i.id);
    expect(await late()).toContain(rec.json().data.id);
    expect(await late()).not.toContain(onTime.json().data.id);
    // The worker's own list has no supervisor items.
    expect(((await w.get('/api/todo')).json().data as { kind: string }[]).map((i) => i.kind)).not.toContain('late_record');
    await t.db.execute(sql`update cases set status = 'closed' where id = ${c.id}`);
    expect(await late()).not.toContain(rec.json().data.id);
  });

  it('says which kinds hold more than the list shows, listing the earliest due', async () => {
    const c = await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'active' });
    const [plan] = await t.db.insert(casePlans).values({ caseId: c.id, status: 'approved', createdBy: user.shegong1 }).returning();
    await t.db.insert(caseTasks).values(Array.from({ length: 101 }, (_, i) => ({
      caseId: c.id, planId: plan.id, position: i, title: `任务${i}`, ownerUserId: user.shegong1, status: 'open', dueDate: addDays(chinaToday(), -200 - i),
    })));
    const res = (await (await t.as('shegong1')).get('/api/todo')).json() as { data: { kind: string; title: string }[]; more: string[] };
    expect(res.more).toEqual(['task']);
    const tasks = res.data.filter((i) => i.kind === 'task');
    expect(tasks).toHaveLength(100);
    // The earliest due first: the one due last of these 101 is the one left out.
    expect(tasks.map((x) => x.title)).toContain('任务100');
    expect(tasks.map((x) => x.title)).not.toContain('任务0');
    expect((await (await t.as('shegong2')).get('/api/todo')).json().more).toEqual([]);
  });

  it('says how many Beijing days each overdue item is late, contact gaps and reports included, the most overdue first', async () => {
    const today = chinaToday();
    const [{ days }] = (await t.db.execute<{ days: number }>(sql`select contact_days as days from risk_levels where code = 'high'`)).rows;
    const c = await insertCase(t.db, { residentId, leadUserId: user.shegong2, supervisorUserId: user.dudao, riskLevel: 'high', status: 'active', intakeDate: addDays(today, -(days + 9)) });
    const [plan] = await t.db.insert(casePlans).values({ caseId: c.id, status: 'approved', createdBy: user.shegong2 }).returning();
    await t.db.insert(caseTasks).values([
      { caseId: c.id, planId: plan.id, position: 0, title: '逾期三天的任务', ownerUserId: user.shegong2, dueDate: addDays(today, -3) },
      { caseId: c.id, planId: plan.id, position: 1, title: '逾期十二天的任务', ownerUserId: user.shegong2, dueDate: addDays(today, -12) },
      { caseId: c.id, planId: plan.id, position: 2, title: '三天后到期的任务', ownerUserId: user.shegong2, dueDate: addDays(today, 3) },
      { caseId: c.id, planId: plan.id, position: 3, title: '明天到期的任务', ownerUserId: user.shegong2, dueDate: addDays(today, 1) },
    ]);
    const w = await t.as('shegong2');
    const flagged = await w.post(`/api/cases/${c.id}/mandatory-reports`, { kind: 'minor_harm', concern: '孩子说晚上不敢回家' });
    expect(flagged.statusCode).toBe(201);
    // Due at 03:00 Beijing time yesterday, i.e. 19:00 UTC the day before: its day is yesterday's Beijing date.
    await t.db.update(mandatoryReports).set({ dueAt: new Date(`${addDays(today, -1)}T03:00:00+08:00`) }).where(sql`${mandatoryReports.caseId} = ${c.id}`);

    type Item = { kind: string; title: string; caseId: string; dueDate: string | null; overdue: boolean; overdueDays: number | null; group: string };
    const items = (await w.get('/api/todo')).json().data as Item[];
    const mine = items.filter((i) => i.caseId === c.id);
    const byTitle = (title: string) => mine.find((i) => i.title === title)!;
    expect(byTitle('逾期三天的任务')).toMatchObject({ overdue: true, overdueDays: 3, group: 'overdue' });
    expect(byTitle('逾期十二天的任务')).toMatchObject({ overdue: true, overdueDays: 12 });
    expect(byTitle('三天后到期的任务')).toMatchObject({ overdue: false, overdueDays: null, group: 'upcoming' });
    expect(mine.find((i) => i.kind === 'no_contact')).toMatchObject({ dueDate: addDays(today, -9), overdue: true, overdueDays: 9, group: 'overdue' });
    expect(mine.find((i) => i.kind === 'report_due')).toMatchObject({ dueDate: addDays(today, -1), overdue: true, overdueDays: 1 });
    // Every overdue item of the whole list says by how much, and the list runs from the most overdue down.
    const overdue = items.filter((i) => i.group === 'overdue');
    expect(overdue.every((i) => i.dueDate !== null && typeof i.overdueDays === 'number')).toBe(true);
    expect(overdue.map((i) => i.overdueDays)).toEqual([...overdue.map((i) => i.overdueDays!)].sort((a, b) => b - a));
    const upcoming = items.filter((i) => i.group === 'upcoming').map((i) => i.dueDate!);
    expect(upcoming).toEqual([...upcoming].sort());
    expect(upcoming.indexOf(addDays(today, 1))).toBeLessThan(upcoming.indexOf(addDays(today, 3)));
  });

  it('keeps the longest contact gaps when a supervisor has more than the list holds', async () => {
    const today = chinaToday();
    const [{ days }] = (await t.db.execute<{ days: number }>(sql`select contact_days as days from risk_levels where code = 'low'`)).rows;
    const oldest = await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, riskLevel: 'low', status: 'active', intakeDate: addDays(today, -(days + 4000)) });
    for (let i = 0; i < 101; i++) {
      await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, riskLevel: 'low', status: 'active', intakeDate: addDays(today, -(days + 5)) });
    }
    const res = (await (await t.as('dudao')).get('/api/todo')).json() as { data: { kind: string; caseId: string; overdueDays: number }[]; more: string[] };
    expect(res.more).toContain('no_contact');
    const gaps = res.data.filter((i) => i.kind === 'no_contact');
    expect(gaps[0]).toMatchObject({ caseId: oldest.id, overdueDays: 4000 });
  });

  it('lists the tasks of a case’s latest plan version only, not those a revision left behind', async () => {
    const c = await insertCase(t.db, { residentId, leadUserId: user.shegong2, supervisorUserId: user.dudao, status: 'active' });
    const [v1, v2] = await t.db.insert(casePlans).values([
      { caseId: c.id, version: 1, status: 'approved', createdBy: user.shegong2 },
      { caseId: c.id, version: 2, status: 'approved', createdBy: user.shegong2 },
    ]).returning();
    const due = addDays(chinaToday(), 2);
    const [old, current] = await t.db.insert(caseTasks).values([
      { caseId: c.id, planId: v1.id, title: '第一版的任务', ownerUserId: user.shegong2, dueDate: due },
      { caseId: c.id, planId: v2.id, title: '第二版的任务', ownerUserId: user.shegong2, dueDate: due },
    ]).returning();
    const ids = ((await (await t.as('shegong2')).get('/api/todo')).json().data as { kind: string; id: string }[]).filter((i) => i.kind === 'task').map((i) => i.id);
    expect(ids).toContain(current.id);
    expect(ids).not.toContain(old.id);
  });
});
