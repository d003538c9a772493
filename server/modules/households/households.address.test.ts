import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AddressProposal, AddressProposalPage } from '../../../common/schemas/households.schema';
import { identityRow } from '../../db/seed/builders';
import { useTestApp, type Client } from '../../testing/app';
import { residents, residentTags } from '../residents/residents.table';
import { addressKey } from './households.address';

const MISSING = '00000000-0000-4000-8000-000000000000';
const parts = (p: Partial<Record<'neighborhood' | 'building' | 'unit' | 'room' | 'addressDetail', string>>) => ({
  neighborhood: null, building: null, unit: null, room: null, addressDetail: null, ...p,
});

describe('an address as one key', () => {
  it('reads one flat written many ways as the same address', () => {
    const key = addressKey(parts({ neighborhood: '曙光花园', building: '3', unit: '2', room: '301' }));
    expect(key).toBe('曙光花园3幢2单元301');
    for (const other of [
      parts({ addressDetail: '曙光花园3号楼2单元301室' }),
      parts({ neighborhood: ' 曙光花园 ', building: '３栋', unit: '2单元', room: '３０１室' }),
      parts({ addressDetail: '曙光花园 3号 2单元 301' }),
      parts({ neighborhood: '曙光花园', building: '3座', unit: '2', room: '301号房' }),
    ]) expect(addressKey(other), JSON.stringify(other)).toBe(key);
    expect(addressKey(parts({ addressDetail: '江滨街道曙光社区曙光花园3幢2单元301室' }), '曙光社区')).toBe(key);
  });

  it('reads a village house number with or without 号 alike', () => {
    expect(addressKey(parts({ neighborhood: '竹林一组', room: '12号' }))).toBe(addressKey(parts({ addressDetail: '竹林一组 12' })));
  });

  it('keeps different flats apart, and has no key without an address', () => {
    expect(addressKey(parts({ neighborhood: '曙光花园', building: '3', unit: '2', room: '301' }))).not.toBe(addressKey(parts({ neighborhood: '曙光花园', building: '3', unit: '2', room: '302' })));
    expect(addressKey(parts({ neighborhood: '曙光花园', building: '3' }))).not.toBe(addressKey(parts({ neighborhood: '曙光花园', building: '13' })));
    expect(addressKey(parts({ addressDetail: '  ' }))).toBe('');
  });
});

describe('按地址生成家庭 API', () => {
  const t = useTestApp();
  let unit: Record<string, string>;

  beforeAll(async () => {
    unit = Object.fromEntries((await t.db.execute<{ id: string; name: string }>(sql`select id, name from org_units`)).rows.map((r) => [r.name, r.id]));
  });

  type Person = { name: string; community?: string; sex?: 'male' | 'female'; birthDate?: string; relationToHead?: string; guardianName?: string; guardianRelation?: string; tag?: string } & Partial<Record<'neighborhood' | 'building' | 'unit' | 'room' | 'addressDetail', string>>;
  /** A resident registered without a household, straight into the table. */
  const person = async ({ name, community = '曙光社区', sex = 'male', birthDate = '1970-01-01', tag, ...rest }: Person) => {
    const [r] = await t.db.insert(residents).values({ ...identityRow(name, null, null), communityId: unit[community], sex, birthDate, ...rest }).returning({ id: residents.id });
    if (tag) await t.db.insert(residentTags).values({ residentId: r.id, communityId: unit[community], tag });
    return r.id;
  };
  const proposals = async (c: Client, query = '') => {
    const res = await c.get(`/api/households/address-proposals?pageSize=100${query}`);
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json() as AddressProposalPage;
  };
  const containing = (page: AddressProposalPage, residentId: string) => page.data.find((p) => p.members.some((m) => m.residentId === residentId));
  const households = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from households`)).rows[0].n;
  const asInput = (p: AddressProposal) => ({ communityId: p.communityId, headResidentId: p.headResidentId, members: p.members.map((m) => ({ residentId: m.residentId, relationToHead: m.relationToHead })) });

  describe('access', () => {
    it('answers 401 without a session, and 403 to roles that do not register households', async () => {
      const body = { households: [{ communityId: unit['曙光社区'], headResidentId: MISSING, members: [{ residentId: MISSING, relationToHead: 'head' }] }] };
      expect((await t.anon.get('/api/households/address-proposals')).statusCode).toBe(401);
      expect((await t.anon.post('/api/households/from-addresses', body)).statusCode).toBe(401);
      for (const u of ['admin', 'jiedao', 'jigou', 'zhiyuan']) {
        const c = await t.as(u);
        expect((await c.get('/api/households/address-proposals')).statusCode, u).toBe(403);
        expect((await c.post('/api/households/from-addresses', body)).statusCode, u).toBe(403);
      }
    });

    it('answers 400 naming the field for a bad query or body', async () => {
      const w = await t.as('shegong1');
      const q = await w.get('/api/households/address-proposals?communityId=x');
      expect(q.statusCode).toBe(400);
      expect(q.json().error.details[0].field).toBe('communityId');
      const empty = await w.post('/api/households/from-addresses', { households: [] });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.details[0].field).toBe('households');
      const relation = await w.post('/api/households/from-addresses', { households: [{ communityId: unit['曙光社区'], headResidentId: MISSING, members: [{ residentId: MISSING, relationToHead: 'cousin' }] }] });
      expect(relation.statusCode).toBe(400);
      expect(relation.json().error.details[0].field).toBe('households.0.members.0.relationToHead');
    });

    it('answers 404 for a resident that does not exist or lies outside the caller’s communities', async () => {
      const w = await t.as('shegong1');
      const far = await person({ name: '远方人', community: '青山社区', neighborhood: '青山新苑', building: '1', unit: '1', room: '101' });
      for (const id of [MISSING, far]) {
        const res = await w.post('/api/households/from-addresses', { households: [{ communityId: unit['曙光社区'], headResidentId: id, members: [{ residentId: id, relationToHead: 'head' }] }] });
        expect(res.statusCode).toBe(404);
      }
      const other = await w.post('/api/households/from-addresses', { households: [{ communityId: unit['青山社区'], headResidentId: far, members: [{ residentId: far, relationToHead: 'head' }] }] });
      expect(other.statusCode).toBe(400);
      expect(other.json().error.details[0].field).toBe('communityId');
    });
  });

  describe('proposals', () => {
    it('groups the residents without a household by community and address, heads them by the eldest adult and derives what it can', async () => {
      const grandpa = await person({ name: '周建国', birthDate: '1950-03-01', neighborhood: '曙光花园', building: '31', unit: '2', room: '301' });
      const grandma = await person({ name: '吴秀英', sex: 'female', birthDate: '1952-05-01', addressDetail: '曙光花园31号楼2单元301室' });
      const child = await person({ name: '周小宇', birthDate: '2016-09-01', neighborhood: '曙光花园', building: '31幢', unit: '2单元', room: '301', guardianName: '周建国', guardianRelation: '祖父母' });
      const neighbour = await person({ name: '孙独居', birthDate: '1940-01-01', neighborhood: '曙光花园', building: '31', unit: '2', room: '302' });
      const nowhere = await person({ name: '无地址' });
      const page = await proposals(await t.as('shegong1'), `&communityId=${unit['曙光社区']}`);
      const flat = containing(page, grandpa)!;
      expect(flat).toMatchObject({ communityId: unit['曙光社区'], communityName: '曙光社区', headResidentId: grandpa, noAdult: false });
      expect(flat.address).toContain('曙光花园');
      expect(flat.members).toEqual([
        { residentId: grandpa, name: '周建国', sex: 'male', age: expect.any(Number), relationToHead: 'head' },
        { residentId: grandma, name: '吴秀英', sex: 'female', age: expect.any(Number), relationToHead: null },
        { residentId: child, name: '周小宇', sex: 'male', age: expect.any(Number), relationToHead: 'grandchild' },
      ]);
      expect(containing(page, neighbour)!.members).toHaveLength(1);
      expect(containing(page, nowhere)).toBeUndefined();
      expect(page.withoutAddress).toBeGreaterThanOrEqual(1);
      expect(page.ungrouped).toBeGreaterThanOrEqual(5);
    });

    it('takes the head and relations on record when exactly one member is recorded as 户主', async () => {
      const son = await person({ name: '钱家豪', birthDate: '1985-01-01', relationToHead: 'head', neighborhood: '阳光公寓', building: '8', unit: '1', room: '801' });
      const mother = await person({ name: '钱母', sex: 'female', birthDate: '1958-01-01', relationToHead: 'parent', neighborhood: '阳光公寓', building: '8', unit: '1', room: '801' });
      const p = containing(await proposals(await t.as('shegong1')), son)!;
      expect(p.headResidentId).toBe(son);
      expect(p.members.map((m) => [m.residentId, m.relationToHead])).toEqual([[son, 'head'], [mother, 'parent']]);
    });

    it('flags a group with no adult', async () => {
      const kid = await person({ name: '留守娃', birthDate: '2015-01-01', community: '桃源社区', neighborhood: '桃李苑', building: '2', unit: '1', room: '101' });
      expect(containing(await proposals(await t.as('shegong1')), kid)).toMatchObject({ headResidentId: kid, noAdult: true });
    });

    it('covers only the caller’s communities', async () => {
      const qingshan = await person({ name: '青山居民', community: '青山社区', neighborhood: '青山安置小区', building: '5', unit: '1', room: '501' });
      const taoyuan = await person({ name: '桃源居民', community: '桃源社区', neighborhood: '桃源小区', building: '5', unit: '1', room: '501' });
      const mine = await proposals(await t.as('shegong1'));
      expect(containing(mine, taoyuan)).toBeDefined();
      expect(containing(mine, qingshan)).toBeUndefined();
      expect(mine.data.every((p) => [unit['曙光社区'], unit['桃源社区']].includes(p.communityId))).toBe(true);
      expect(containing(await proposals(await t.as('shegong1'), `&communityId=${unit['青山社区']}`), qingshan)).toBeUndefined();
      expect(containing(await proposals(await t.as('shegong2')), qingshan)).toBeDefined();
    });

    it('proposes a resident with a restricted tag like anyone else, telling no tag to anyone', async () => {
      const held = {
        shegong2: await person({ name: '矫正对象', community: '青山社区', tag: 'community_correction', neighborhood: '青山新苑', building: '7', unit: '1', room: '701' }),
        // shegong1 and dudao may see restricted tags in 曙光社区; the proposal still shows none.
        shegong1: await person({ name: '戒毒康复者', tag: 'drug_rehab', neighborhood: '曙光花园', building: '7', unit: '1', room: '701' }),
        dudao: await person({ name: '受助者', sex: 'female', tag: 'dv_victim', neighborhood: '曙光花园', building: '7', unit: '1', room: '702' }),
      };
      for (const [u, id] of Object.entries(held)) {
        const res = await (await t.as(u)).get('/api/households/address-proposals?pageSize=100');
        expect(res.body, u).not.toMatch(/community_correction|drug_rehab|dv_victim/);
        expect(containing(res.json(), id), u).toBeDefined();
        expect(Object.keys(containing(res.json(), id)!.members[0]).sort(), u).toEqual(['age', 'name', 'relationToHead', 'residentId', 'sex']);
      }
    });
  });

  describe('creating them', () => {
    it('creates the ticked households in one go, with the head and relations the worker set, and audits each', async () => {
      const w = await t.as('shegong1');
      const husband = await person({ name: '郑大伟', birthDate: '1960-01-01', neighborhood: '曙光新村', building: '4', unit: '3', room: '202' });
      const wife = await person({ name: '冯丽华', sex: 'female', birthDate: '1962-01-01', neighborhood: '曙光新村', building: '4', unit: '3', room: '202' });
      const single = await person({ name: '何单身', birthDate: '1990-01-01', neighborhood: '曙光新村', building: '4', unit: '3', room: '203' });
      const page = await proposals(w);
      const couple = containing(page, husband)!;
      const before = await households();
      const res = await w.post('/api/households/from-addresses', {
        households: [
          { communityId: couple.communityId, headResidentId: wife, members: [{ residentId: wife, relationToHead: 'head' }, { residentId: husband, relationToHead: 'spouse' }] },
          asInput(containing(page, single)!),
        ],
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.created).toBe(2);
      expect(await households()).toBe(before + 2);
      const [id] = res.json().data.ids as string[];
      const h = (await w.get(`/api/households/${id}`)).json().data;
      expect(h).toMatchObject({ headResidentId: wife, communityId: unit['曙光社区'], neighborhood: '曙光新村', building: '4', unit: '3', room: '202', memberCount: 2 });
      expect(h.members.map((m: { residentId: string; relationToHead: string }) => [m.residentId, m.relationToHead]).sort()).toEqual([[husband, 'spouse'], [wife, 'head']].sort());
      const audit = await t.db.execute<{ action: string; entity_id: string; detail: unknown }>(sql`
        select action, entity_id, detail from audit_log where entity_id in (${id}, ${husband}, ${wife}) order by action`);
      expect(audit.rows.map((r) => r.action)).toEqual(['households.create', 'residents.update', 'residents.update']);
      expect(audit.rows[0].detail).toEqual({ via: 'address' });
      const after = await proposals(w);
      expect(containing(after, husband)).toBeUndefined();
      expect(containing(after, single)).toBeUndefined();
    });

    it('creates nothing when one household is refused, and says which', async () => {
      const w = await t.as('shegong1');
      const a = await person({ name: '甲户主', neighborhood: '文华苑', building: '1', unit: '1', room: '101', community: '桃源社区' });
      const b = await person({ name: '乙户主', neighborhood: '桃李苑', building: '9', unit: '1', room: '101', community: '桃源社区' });
      const c = await person({ name: '丙邻居', neighborhood: '桃李苑', building: '9', unit: '1', room: '102', community: '桃源社区' });
      const before = await households();
      const res = await w.post('/api/households/from-addresses', {
        households: [
          { communityId: unit['桃源社区'], headResidentId: a, members: [{ residentId: a, relationToHead: 'head' }] },
          { communityId: unit['桃源社区'], headResidentId: b, members: [{ residentId: b, relationToHead: 'head' }, { residentId: c, relationToHead: null }] },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'households.address_mismatch', details: [{ field: 'households.1.members' }] });
      expect(await households()).toBe(before);
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from residents where id in (${a}, ${b}, ${c}) and household_id is not null`);
      expect(rows[0].n).toBe(0);
    });

    it('keeps the household rules: the head is a member and the only 户主, nobody twice, same community', async () => {
      const w = await t.as('shegong1');
      const x = await person({ name: '规则甲', neighborhood: '曙光花园', building: '40', unit: '1', room: '101' });
      const y = await person({ name: '规则乙', neighborhood: '曙光花园', building: '40', unit: '1', room: '101' });
      const z = await person({ name: '规则丙', community: '桃源社区', neighborhood: '曙光花园', building: '40', unit: '1', room: '101' });
      const one = (members: { residentId: string; relationToHead: string | null }[], headResidentId = x) => ({ households: [{ communityId: unit['曙光社区'], headResidentId, members }] });
      const cases = [
        [one([{ residentId: y, relationToHead: 'head' }], x), 'households.head_not_member', 'households.0.headResidentId'],
        [one([{ residentId: x, relationToHead: 'spouse' }, { residentId: y, relationToHead: 'head' }]), 'households.relations_inconsistent', 'households.0.members'],
        [one([{ residentId: x, relationToHead: 'head' }, { residentId: y, relationToHead: 'head' }]), 'households.relations_inconsistent', 'households.0.members'],
        [one([{ residentId: x, relationToHead: 'head' }, { residentId: z, relationToHead: null }]), 'households.member_other_community', 'households.0.members'],
        [{ households: [one([{ residentId: x, relationToHead: 'head' }]).households[0], one([{ residentId: x, relationToHead: 'head' }]).households[0]] }, 'households.resident_twice', 'households'],
      ] as const;
      const before = await households();
      for (const [body, code, field] of cases) {
        const res = await w.post('/api/households/from-addresses', body);
        expect(res.statusCode, code).toBe(400);
        expect(res.json().error, code).toMatchObject({ code, details: [{ field }] });
      }
      expect(await households()).toBe(before);
    });

    it('answers 409 when a resident joined a household since the proposal was shown', async () => {
      const w = await t.as('shegong1');
      const late = await person({ name: '迟到者', neighborhood: '阳光公寓', building: '20', unit: '1', room: '101' });
      const p = containing(await proposals(w), late)!;
      expect((await w.post('/api/households/from-addresses', { households: [asInput(p)] })).statusCode).toBe(201);
      const again = await w.post('/api/households/from-addresses', { households: [asInput(p)] });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('households.proposal_stale');
    });
  });
});
