import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor } from '../../db/seed/builders';
import { DEMO_PASSWORD } from '../../db/seed/demo.seed';
import type { Actor } from '../../lib/actor';
import { testConfig, useTestApp } from '../../testing/app';
import { login, resolveSession } from '../auth/auth.service';
import { insertResidents } from './residents.service';

const ctx = { ip: null, requestId: null };

describe('registering residents in bulk (imports)', () => {
  const t = useTestApp();
  let actor: Actor;
  let community: string;
  let serial = 0;
  const input = (name: string) => ({
    name,
    sex: 'female' as const,
    idType: 'resident_id_card' as const,
    // idNumberFor keeps 500 serials per birth date: spread the dates.
    idNumber: idNumberFor({ area: '130102', birthDate: `1958-03-${String(1 + (serial % 28)).padStart(2, '0')}`, sex: 'female', serial: serial++ }),
    communityId: community,
    tags: [{ tag: 'elderly_empty_nest' as const, startDate: '2024-01-01' }],
  });

  beforeAll(async () => {
    const settings = testConfig();
    const { token } = await login({ db: t.db, settings, username: 'shegong1', password: DEMO_PASSWORD, ctx });
    const s = await resolveSession({ db: t.db, settings, token, ctx });
    if (!s || s === 'expired') throw new Error('no session');
    actor = s.actor;
    community = (await t.db.execute<{ id: string }>(sql`select id from org_units where name = '曙光社区'`)).rows[0].id;
  });

  it('writes every resident with its tags and its own audit row, like single creates', async () => {
    const inputs = Array.from({ length: 620 }, (_, i) => input(`批量居民${i}`));
    const made = await insertResidents({ db: t.db, actor, inputs, via: 'import' });
    const { rows: stored } = await t.db.execute<{ id: string; name: string; id_number_masked: string; tags: string[]; changes: Record<string, [unknown, unknown]> }>(sql`
      select r.id, r.name, r.id_number_masked, array(select t.tag from resident_tags t where t.resident_id = r.id and t.community_id = ${community}) as tags,
             (select a.changes from audit_log a where a.action = 'residents.create' and a.detail->>'via' = 'import' and a.entity_id = r.id::text) as changes
        from residents r where r.id in ${made}`);
    const byId = new Map(stored.map((r) => [r.id, r]));
    expect(made.map((id) => byId.get(id)!.name)).toEqual(inputs.map((i) => i.name));
    expect(stored.every((r) => r.tags.length === 1)).toBe(true);
    // The audit row says what was stored (identifiers masked), without reading it back.
    expect(stored.every((r) => r.changes.name[1] === r.name && r.changes.idNumber[1] === r.id_number_masked && (r.changes.tags[1] as string[])[0] === `${r.tags[0]}@2024-01-01`)).toBe(true);
  });

  it('writes nothing when one ID number is given twice or already registered', async () => {
    const before = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents`)).rows[0].n;
    const a = input('重复甲');
    await expect(insertResidents({ db: t.db, actor, inputs: [a, { ...input('重复乙'), idNumber: a.idNumber }], via: 'import' })).rejects.toMatchObject({ code: 'residents.duplicate_id_number' });
    await insertResidents({ db: t.db, actor, inputs: [a], via: 'import' });
    await expect(insertResidents({ db: t.db, actor, inputs: [input('新居民'), { ...input('再次'), idNumber: a.idNumber }], via: 'import' })).rejects.toMatchObject({ code: 'residents.duplicate_id_number' });
    const after = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents`)).rows[0].n;
    expect(after).toBe(before + 1);
  });
});
