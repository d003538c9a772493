import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCase } from '../../db/seed/case.builders';
import { seedResources } from '../../db/seed/referral.seed';
import { useTestApp, type Client } from '../../testing/app';
import { demoIds, residentOf } from '../referrals/referrals.testkit';

describe('closure with referrals still open (POST /api/cases/:id/request-closure)', () => {
  const t = useTestApp();
  let org: Record<string, string>;
  let user: Record<string, string>;
  let resource: Record<string, string>;
  let n = 0;

  beforeAll(async () => {
    ({ org, user } = await demoIds(t.db));
    const seeded = await seedResources(t.db, { ownerOrgUnitId: org['临江区'], createdBy: null });
    resource = Object.fromEntries(seeded.map((r) => [r.name, r.id]));
  });

  /** An active case of 曙光社区 without a plan (nothing else holds its closure), lead shegong1. */
  const activeCase = async () => {
    const r = await residentOf(t.db, org['曙光社区'], n++);
    return (await insertCase(t.db, { residentId: r.id, leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'active' })).id;
  };
  const refer = async (c: Client, caseId: string, target: string) => {
    const res = await c.post(`/api/cases/${caseId}/referrals`, { targetResourceId: resource[target], reason: '需要对方的专业服务' });
    expect(res.statusCode).toBe(201);
    return res.json().data as { id: string; version: number };
  };
  const closure = { goals: [], closureReason: 'goals_met', closureSummary: '服务目标已达成' };
  const statusOf = async (id: string) => (await t.db.execute<{ status: string }>(sql`select status from cases where id = ${id}`)).rows[0].status;

  it('answers 409 naming the referrals still waiting for an answer or feedback, and writes nothing', async () => {
    const w = await t.as('shegong1');
    const id = await activeCase();
    const sent = await refer(w, id, '临江区阳光心理咨询中心');
    const accepted = await refer(w, id, '临江区颐康养老服务中心');
    expect((await w.post(`/api/referrals/${accepted.id}/accept`, {})).statusCode).toBe(200);
    const res = await w.post(`/api/cases/${id}/request-closure`, closure);
    expect(res.statusCode).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('cases.open_referrals');
    expect(error.details[0]).toMatchObject({
      field: 'openReferralsNote',
      code: 'required',
      referrals: [
        { id: sent.id, target: '临江区阳光心理咨询中心', status: 'sent' },
        { id: accepted.id, target: '临江区颐康养老服务中心', status: 'accepted' },
      ],
    });
    expect(await statusOf(id)).toBe('active');
  });

  it('closes with a note saying why, kept on the case', async () => {
    const w = await t.as('shegong1');
    const id = await activeCase();
    await refer(w, id, '临江区残疾人联合会');
    const note = '服务对象已搬往外区，由对方直接联系';
    const res = await w.post(`/api/cases/${id}/request-closure`, { ...closure, openReferralsNote: note });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ status: 'closure_review', openReferralsNote: note });
    expect((await w.get(`/api/cases/${id}`)).json().data.openReferralsNote).toBe(note);
  });

  it('asks nothing once every referral is completed, declined or withdrawn, nor for a referral the case came in by', async () => {
    const w = await t.as('shegong1');
    const id = await activeCase();
    const done = await refer(w, id, '临江区慈善总会');
    await w.post(`/api/referrals/${done.id}/accept`, {});
    expect((await w.post(`/api/referrals/${done.id}/complete`, { feedback: '已发放助学金' })).statusCode).toBe(200);
    const declined = await refer(w, id, '临江区妇女联合会');
    expect((await w.post(`/api/referrals/${declined.id}/decline`, { note: '不在服务范围' })).statusCode).toBe(200);
    const withdrawn = await refer(w, id, '临江区人民医院');
    expect((await w.post(`/api/referrals/${withdrawn.id}/cancel`, {})).statusCode).toBe(200);
    // A referral in that led to this case and still waits for its own sender's feedback is not this case's to close.
    await t.db.execute(sql`insert into case_referrals (direction, target_org_unit_id, from_text, client_name, reason, consent_basis, status, feedback_due, result_case_id)
      values ('in', ${org['曙光社区']}, '区人民医院', '转入的服务对象', '出院照护', 'consent', 'accepted', current_date + 7, ${id})`);
    const res = await w.post(`/api/cases/${id}/request-closure`, closure);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.openReferralsNote).toBeNull();
  });

  it('answers 400 naming the note when it is too long', async () => {
    const res = await (await t.as('shegong1')).post(`/api/cases/${await activeCase()}/request-closure`, { ...closure, openReferralsNote: '长'.repeat(1001) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain('openReferralsNote');
  });
});
