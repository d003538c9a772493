import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import type { RiskLevel, RiskLevels } from '../../../common/schemas/settings.schema';
import { insertCase } from '../../db/seed/case.builders';
import { useTestApp } from '../../testing/app';
import { addDays } from '../cases/cases.rules';

type Level = Omit<RiskLevel, 'inUse'>;
const strip = ({ inUse: _, ...l }: RiskLevel): Level => l;

describe('风险等级 (GET|PUT /api/settings/risk-levels)', () => {
  const t = useTestApp();
  let user: Record<string, string>;
  let residentId: string;
  const levels = async () => (await (await t.as('admin')).get('/api/settings/risk-levels')).json() as RiskLevels;
  const save = async (version: string, list: Level[]) => (await t.as('admin')).put('/api/settings/risk-levels', { version, levels: list });

  beforeAll(async () => {
    user = Object.fromEntries((await t.db.execute<{ id: string; username: string }>(sql`select id, username from users`)).rows.map((r) => [r.username, r.id]));
    residentId = (await t.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id
      where o.name = '桃源社区' and r.birth_date < '1990-01-01' and r.archived_at is null order by r.id limit 1`)).rows[0].id;
  });

  it('starts with 高/中/低 and their intervals; every signed-in user reads them, only the administrator changes them', async () => {
    expect((await t.anon.get('/api/settings/risk-levels')).statusCode).toBe(401);
    const read = (await (await t.as('zhiyuan')).get('/api/settings/risk-levels')).json() as RiskLevels;
    expect(read.data.map((l) => [l.code, l.zh, l.contactDays, l.active])).toEqual([
      ['high', '高风险', 7, true], ['medium', '中风险', 14, true], ['low', '低风险', 30, true],
    ]);
    for (const who of ['shegong1', 'dudao', 'jiedao']) {
      expect((await (await t.as(who)).put('/api/settings/risk-levels', { version: read.version, levels: read.data.map(strip) })).statusCode).toBe(403);
    }
    expect((await t.anon.put('/api/settings/risk-levels', { version: read.version, levels: [] })).statusCode).toBe(401);
  });

  it('refuses a bad list with the field at fault, and writes nothing', async () => {
    const { version, data } = await levels();
    const bad = async (list: unknown[]) => {
      const res = await (await t.as('admin')).put('/api/settings/risk-levels', { version, levels: list });
      expect(res.statusCode).toBe(400);
      return res.json().error.details as { field: string; code: string }[];
    };
    const base = data.map(strip);
    expect(await bad([...base, { ...base[0] }])).toContainEqual(expect.objectContaining({ field: 'levels.3.code', code: 'risk_level.code_taken' }));
    expect(await bad([{ ...base[0], contactDays: 0 }, ...base.slice(1)])).toContainEqual(expect.objectContaining({ field: 'levels.0.contactDays', code: 'risk_level.days_range' }));
    expect(await bad([{ ...base[0], code: 'Red Alert' }, ...base.slice(1)])).toContainEqual(expect.objectContaining({ field: 'levels.0.code', code: 'risk_level.code_format' }));
    expect(await bad(base.map((l) => ({ ...l, active: false })))).toContainEqual(expect.objectContaining({ field: 'levels', code: 'risk_level.none_active' }));
    expect((await levels()).version).toBe(version);
  });

  it('keeps a level cases use (deactivate, not delete), and answers 409 to an editor working from an old version', async () => {
    await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, riskLevel: 'medium', intakeDate: chinaToday() });
    const { version, data } = await levels();
    expect(data.find((l) => l.code === 'medium')?.inUse).toBe(true);
    const res = await save(version, data.filter((l) => l.code !== 'medium').map(strip));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'levels', code: 'risk_level.in_use' });
    expect((await levels()).data.map((l) => l.code)).toContain('medium');
    // Someone else saved in between: the first editor's version is stale.
    expect((await save(version, data.map((l) => ({ ...strip(l), contactDays: l.contactDays + 1 })))).statusCode).toBe(200);
    expect((await save(version, data.map(strip))).statusCode).toBe(409);
  });

  it('applies a new level and new intervals to intake, the case list and 我的待办, and records the change in the audit log', async () => {
    const before = await levels();
    const next: Level[] = [
      { code: 'red', zh: '红色预警', en: 'Red', contactDays: 3, color: 'red', active: true },
      ...before.data.map((l) => ({ ...strip(l), contactDays: l.code === 'high' ? 40 : l.contactDays, active: l.code !== 'low' })),
    ];
    const res = await save(before.version, next);
    expect(res.statusCode).toBe(200);
    expect((res.json() as RiskLevels).data.map((l) => l.code)).toEqual(['red', 'high', 'medium', 'low']);

    const w = await t.as('shegong1');
    const intake = (riskLevel?: string) =>
      w.post('/api/cases', { residentId, source: 'outreach', presentingProblem: '独居，近期跌倒两次', serviceArea: 'community_care', consentBasis: 'consent', ...(riskLevel ? { riskLevel } : {}) });
    const red = await intake('red');
    expect(red.statusCode).toBe(201);
    expect(red.json().data.riskLevel).toBe('red');
    // A level no longer offered is refused on the field; without a level, the calmest one offered.
    const off = await intake('low');
    expect(off.statusCode).toBe(400);
    expect(off.json().error.details[0]).toMatchObject({ field: 'riskLevel', code: 'risk_level.unknown' });
    expect((await intake()).json().data.riskLevel).toBe('medium');

    // 30 days without contact: overdue for 红色预警 (3), not for 高风险 now that it allows 40.
    const high = await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, riskLevel: 'high', intakeDate: addDays(chinaToday(), -30) });
    const redOld = await insertCase(t.db, { residentId, leadUserId: user.shegong1, supervisorUserId: user.dudao, riskLevel: 'red', intakeDate: addDays(chinaToday(), -30) });
    const todo = (await w.get('/api/todo')).json().data as { kind: string; caseId: string }[];
    const noContact = todo.filter((i) => i.kind === 'no_contact').map((i) => i.caseId);
    expect(noContact).toContain(redOld.id);
    expect(noContact).not.toContain(high.id);
    const listed = (await w.get(`/api/cases?residentId=${residentId}&pageSize=100`)).json().data as { id: string; contactOverdue: boolean }[];
    expect(listed.find((x) => x.id === high.id)?.contactOverdue).toBe(false);
    expect(listed.find((x) => x.id === redOld.id)?.contactOverdue).toBe(true);
    expect((await w.get(`/api/cases/${redOld.id}`)).json().data.contactOverdue).toBe(true);
    const filtered = (await w.get(`/api/cases?riskLevel=red&residentId=${residentId}`)).json().data as { id: string }[];
    expect(filtered.map((c) => c.id).sort()).toEqual([red.json().data.id, redOld.id].sort());

    const audit = (await (await t.as('admin')).get('/api/audit?action=settings.risk_levels')).json().data as { changes: Record<string, [unknown, unknown]> }[];
    expect(audit[0].changes.red).toEqual([null, expect.objectContaining({ zh: '红色预警', contactDays: 3 })]);
    expect(audit[0].changes.high[1]).toMatchObject({ contactDays: 40, position: 1 });
  });
});
