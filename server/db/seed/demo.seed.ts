import { count, eq } from 'drizzle-orm';
import { seedDemoAssessments } from './assessment-demo.seed';
import { seedInstruments } from './assessment.seed';
import { seedCases } from './case.seed';
import { seedReferralsAndEcomaps, seedResources } from './referral.seed';
import { seedSafeguardingDemo } from './safeguarding.seed';
import { hashSecret } from '../../modules/auth/auth.service';
import { writeAudit } from '../../modules/audit/audit.service';
import { households } from '../../modules/households/households.table';
import { orgUnits, orgUnitServes } from '../../modules/orgs/orgs.table';
import { residents, residentTags } from '../../modules/residents/residents.table';
import { userPosts, users } from '../../modules/users/users.table';
import type { Db } from '../client';
import { birthDateForAge, chineseName, identityRow, idNumberFor, mobile, placeOfBirth, rng, type ResidentInsert, type Rng } from './builders';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', roleLabel: '系统管理员', posts: [] as string[], restricted: false },
  { username: 'shenji', displayName: '审计管理员 孙审计', role: 'audit_admin', roleLabel: '审计管理员', posts: [] as string[], restricted: false },
  { username: 'jiedao', displayName: '江滨街道 周主任', role: 'street_admin', roleLabel: '街道管理员', posts: ['江滨街道'], restricted: false },
  { username: 'jigou', displayName: '阳光社工 林主任', role: 'agency_head', roleLabel: '机构负责人', posts: ['临江区阳光社会工作服务中心'], restricted: false },
  { username: 'dudao', displayName: '督导 陈静', role: 'supervisor', roleLabel: '督导', posts: ['江滨街道社工站'], restricted: true },
  { username: 'shegong1', displayName: '社工 王芳', role: 'worker', roleLabel: '社工，曙光社区、桃源社区', posts: ['曙光社区', '桃源社区'], restricted: true },
  { username: 'shegong2', displayName: '社工 李强', role: 'worker', roleLabel: '社工，青山社区、竹林村', posts: ['青山社区', '竹林村'], restricted: false },
  { username: 'zhiyuan', displayName: '志愿者 赵敏', role: 'volunteer', roleLabel: '志愿者', posts: ['曙光社区'], restricted: false },
] as const;

/** Said by `npm start` and `npm run seed:demo` while demo accounts are exempt from the second factor. */
export const DEMO_EXEMPT_WARNING = [
  '注意：演示账号未启用双因素认证，仅供体验。正式使用前请在新的空数据库上部署，或由管理员在“用户与角色”中为每个账号“重置双因素”。',
  'Warning: the demo accounts sign in without a second factor (demo only). Before real use, deploy on a new empty database, or have an administrator reset each account’s second factor under 用户与角色.',
];

export async function isEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  return n === 0;
}

type Community = { id: string; name: string; rural: boolean; neighborhoods: string[] };

/** The demo organisation tree: one district, two streets, four urban communities and two villages, one agency with two stations. */
async function seedOrgs(db: Db) {
  const ins = async (v: typeof orgUnits.$inferInsert) => (await db.insert(orgUnits).values(v).returning())[0];
  const district = await ins({ kind: 'district', name: '临江区', code: '330199', address: '临江区人民路 1 号' });
  const jiangbin = await ins({ kind: 'street', name: '江滨街道', parentId: district.id, code: '330199001000' });
  const qingshan = await ins({ kind: 'street', name: '青山镇', parentId: district.id, code: '330199101000' });
  const spec: [string, string, 'community' | 'village', string, string[]][] = [
    ['曙光社区', jiangbin.id, 'community', '330199001001', ['曙光花园', '阳光公寓', '曙光新村']],
    ['桃源社区', jiangbin.id, 'community', '330199001002', ['桃源小区', '桃李苑']],
    ['文华社区', jiangbin.id, 'community', '330199001003', ['文华苑', '书香名邸', '文华东区']],
    ['青山社区', qingshan.id, 'community', '330199101001', ['青山安置小区', '青山新苑']],
    ['竹林村', qingshan.id, 'village', '330199101201', ['竹林一组', '竹林二组', '竹林三组']],
    ['茶园村', qingshan.id, 'village', '330199101202', ['茶园上村', '茶园下村']],
  ];
  const communities: Community[] = [];
  for (const [name, parentId, kind, code, neighborhoods] of spec) {
    const c = await ins({ kind, name, parentId, code });
    communities.push({ id: c.id, name, rural: kind === 'village', neighborhoods });
  }
  // The 全宗号 the district archive gave the agency and the 江滨 station (DA/T 13—2022); 青山镇社工站
  // has none of its own and files under the agency's: the two ways a case's archive is held.
  const agency = await ins({ kind: 'agency', name: '临江区阳光社会工作服务中心', parentId: district.id, creditCode: '52330199MJ00000172', fondsCode: 'S012', phone: '0571-88880001' });
  const s1 = await ins({ kind: 'station', name: '江滨街道社工站', parentId: agency.id, fondsCode: 'S013', address: '江滨街道党群服务中心二楼' });
  const s2 = await ins({ kind: 'station', name: '青山镇社工站', parentId: agency.id, address: '青山镇便民服务中心' });
  await db.insert(orgUnitServes).values([
    ...communities.slice(0, 3).map((c) => ({ unitId: s1.id, communityId: c.id })),
    ...communities.slice(3).map((c) => ({ unitId: s2.id, communityId: c.id })),
  ]);
  const byName = new Map<string, string>([
    ['临江区', district.id], ['江滨街道', jiangbin.id], ['青山镇', qingshan.id], ['临江区阳光社会工作服务中心', agency.id], ['江滨街道社工站', s1.id], ['青山镇社工站', s2.id],
    ...communities.map((c) => [c.name, c.id] as [string, string]),
  ]);
  return { communities, byName };
}

/**
 * Demo accounts, one per role; password `demo1234` (demo only). They are exempt from the second
 * factor so that the demo can be tried at once; the login page, `npm start` and `npm run seed:demo`
 * say so, and an administrator's reset of a user's second factor ends the exemption.
 */
async function seedUsers(db: Db, byName: Map<string, string>) {
  const passwordHash = await hashSecret(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const [u] = await db.insert(users).values({ username: a.username, displayName: a.displayName, role: a.role, passwordHash, secondFactorExempt: true }).returning();
    ids.set(a.username, u.id);
    // The demo's social workers are supervised by 督导 陈静.
    if (a.role === 'worker' && ids.has('dudao')) await db.update(users).set({ supervisorId: ids.get('dudao')! }).where(eq(users.id, u.id));
    if (a.posts.length) {
      await db.insert(userPosts).values(a.posts.map((p) => ({ userId: u.id, orgUnitId: byName.get(p)!, canViewRestricted: a.restricted })));
    }
  }
  return ids;
}

type Person = { row: ResidentInsert; tags: { tag: string; startDate: string | null }[] };

function monthsAgo(r: Rng, max: number): Date {
  const d = new Date();
  // Most records were entered when the system started; a steady trickle since.
  const months = r.chance(0.55) ? max : r.int(0, max);
  d.setMonth(d.getMonth() - months);
  d.setDate(Math.min(d.getDate(), 28) - (months === 0 ? 0 : r.int(0, 20)));
  return d;
}

/** One household's people, with the tags a community worker would have recorded for them. */
function buildHousehold(r: Rng, c: Community, serial: () => number, workerId: string): { members: Person[]; type: string } {
  const migrant = !c.rural && r.chance(0.12);
  const area = placeOfBirth(r, migrant);
  const shape = r.weighted([['alone', 16], ['couple_old', 18], ['couple', 14], ['family', 38], ['three_gen', 10], ['left_behind', c.rural ? 12 : 1]] as const);
  const surname = chineseName(r, 'male').slice(0, 1);
  const people: { sex: 'male' | 'female'; age: number; relation: string }[] = [];
  const old = () => r.int(60, 92);
  const adult = () => r.int(28, 58);
  if (shape === 'alone') people.push({ sex: r.chance(0.6) ? 'female' : 'male', age: r.chance(0.7) ? old() : adult(), relation: 'head' });
  if (shape === 'couple_old') people.push({ sex: 'male', age: old(), relation: 'head' }, { sex: 'female', age: old(), relation: 'spouse' });
  if (shape === 'couple') people.push({ sex: 'male', age: adult(), relation: 'head' }, { sex: 'female', age: adult(), relation: 'spouse' });
  if (shape === 'family' || shape === 'three_gen') {
    const a = adult();
    people.push({ sex: 'male', age: a, relation: 'head' }, { sex: 'female', age: Math.max(22, a + r.int(-4, 3)), relation: 'spouse' });
    for (let i = r.int(1, 2); i > 0; i--) people.push({ sex: r.chance(0.5) ? 'male' : 'female', age: Math.max(0, a - r.int(22, 32)), relation: 'child' });
    if (shape === 'three_gen') people.push({ sex: r.chance(0.5) ? 'male' : 'female', age: Math.min(95, a + r.int(24, 32)), relation: 'parent' });
  }
  if (shape === 'left_behind') {
    people.push({ sex: r.chance(0.5) ? 'male' : 'female', age: old(), relation: 'head' });
    for (let i = r.int(1, 2); i > 0; i--) people.push({ sex: r.chance(0.5) ? 'male' : 'female', age: r.int(3, 15), relation: 'grandchild' });
  }
  const type = shape === 'alone' ? (people[0].age >= 60 ? 'living_alone' : 'ordinary') : shape === 'couple_old' ? 'empty_nest' : shape === 'left_behind' ? 'left_behind' : shape === 'three_gen' ? 'three_generation' : 'ordinary';
  const createdAt = monthsAgo(r, 17);

  const members = people.map((p): Person => {
    const birthDate = birthDateForAge(r, p.age);
    const idNumber = idNumberFor({ area, birthDate, sex: p.sex, serial: serial() });
    const given = chineseName(r, p.sex).slice(1);
    const name = p.relation === 'head' || p.relation === 'child' || p.relation === 'grandchild' ? surname + given : chineseName(r, p.sex);
    const tags: Person['tags'] = [];
    const since = (years: number) => birthDateForAge(r, Math.min(years, p.age));
    let incomeStatus: string | null = 'none';
    let disabilityType: string | null = null;
    let disabilityGrade: number | null = null;
    let health = p.age >= 70 ? r.pick(['healthy', 'chronic', 'chronic', 'partly_dependent']) : r.chance(0.9) ? 'healthy' : 'chronic';
    if (p.age >= 60) {
      if (type === 'living_alone') tags.push({ tag: 'elderly_living_alone', startDate: since(3) });
      if (type === 'empty_nest') tags.push({ tag: 'elderly_empty_nest', startDate: since(5) });
      if (type === 'left_behind') tags.push({ tag: 'elderly_left_behind', startDate: since(4) });
      if (p.age >= 80) tags.push({ tag: 'elderly_advanced_age', startDate: null });
      if (health === 'partly_dependent' && r.chance(0.5)) {
        health = 'dependent';
        tags.push({ tag: 'elderly_dependent', startDate: since(2) });
      }
      if (r.chance(0.02)) tags.push({ tag: 'elderly_lost_only_child', startDate: since(10) });
    }
    if (p.age < 16 && type === 'left_behind') tags.push({ tag: 'child_left_behind', startDate: since(2) });
    if (p.age < 18 && r.chance(0.03)) tags.push({ tag: 'child_in_difficulty', startDate: since(1) });
    if (p.age >= 16 && p.age <= 24 && r.chance(0.04)) tags.push({ tag: 'youth_idle', startDate: since(1) });
    if (r.chance(0.06)) {
      disabilityType = r.pick(['visual', 'hearing', 'physical', 'physical', 'intellectual', 'mental', 'speech']);
      disabilityGrade = r.int(1, 4);
      tags.push({ tag: 'disabled', startDate: since(8) });
    }
    if (r.chance(p.age >= 60 ? 0.07 : 0.03)) {
      incomeStatus = r.pick(['dibao', 'dibao', 'tekun', 'low_income']);
      tags.push({ tag: 'assistance_recipient', startDate: since(3) });
    }
    if (c.rural && p.sex === 'female' && p.age >= 18 && p.age < 65 && r.chance(0.5)) tags.push({ tag: 'rural_woman', startDate: null });
    if (migrant) tags.push({ tag: 'migrant', startDate: since(2) });
    if (c.name === '青山社区' && r.chance(0.5)) tags.push({ tag: 'resettled', startDate: '2019-06-01' });
    if (r.chance(0.008)) tags.push({ tag: 'hospital_referral', startDate: since(1) });
    if (r.chance(0.004)) tags.push({ tag: 'emergency_affected', startDate: since(1) });
    if (p.age >= 18 && p.sex === 'female' && r.chance(0.004)) tags.push({ tag: 'dv_victim', startDate: since(1) });
    if (p.age >= 18 && p.age < 60 && r.chance(0.005)) tags.push({ tag: 'community_correction', startDate: since(1) });
    if (p.age >= 18 && p.age < 55 && r.chance(0.003)) tags.push({ tag: 'drug_rehab', startDate: since(2) });
    const phone = p.age >= 16 && r.chance(0.85) ? mobile(r) : null;
    const minor = p.age < 18;
    return {
      row: {
        ...identityRow(name, idNumber, phone),
        name,
        communityId: c.id,
        relationToHead: p.relation,
        sex: p.sex,
        birthDate,
        ethnicity: r.chance(0.95) ? '01' : r.pick(['02', '03', '04', '06', '08', '11', '15']),
        hukouType: migrant ? 'migrant' : r.chance(0.85) ? 'local' : 'nonlocal',
        maritalStatus: p.age < 22 ? 'unmarried' : p.relation === 'head' && people.length === 1 ? r.pick(['widowed', 'divorced', 'unmarried']) : 'married',
        education: p.age < 7 ? 'none' : p.age < 13 ? 'primary' : r.pick(['primary', 'junior', 'junior', 'senior', 'college', 'bachelor']),
        employment: p.age < 7 ? 'preschool' : p.age < 18 ? 'student' : p.age >= 60 ? 'retired' : c.rural ? r.pick(['farmer', 'flexible', 'employed']) : r.pick(['employed', 'employed', 'flexible', 'unemployed']),
        health,
        disabilityType,
        disabilityGrade,
        incomeStatus,
        guardianName: minor ? `${surname}${r.pick(GUARDIAN_GIVEN)}` : null,
        guardianRelation: minor ? (type === 'left_behind' ? '祖父母' : '父母') : null,
        emergencyName: p.age >= 60 ? chineseName(r, r.chance(0.5) ? 'male' : 'female') : null,
        emergencyRelation: p.age >= 60 ? r.pick(['子女', '子女', '亲属', '邻居']) : null,
        consentBasis: r.chance(0.7) ? 'consent' : 'statutory_duty',
        consentScope: '社区社会工作服务建档与服务记录',
        consentDate: createdAt.toISOString().slice(0, 10),
        consentRecordedBy: workerId,
        consentRecordedAt: createdAt,
        createdAt,
        updatedAt: createdAt,
        createdBy: workerId,
        updatedBy: workerId,
      },
      tags,
    };
  });
  return { members, type };
}
const GUARDIAN_GIVEN = ['建国', '秀英', '国强', '丽华', '志强', '桂英'];

/** Households and about `perCommunity` residents in each community. */
export async function seedResidents({ db, communities, workerId, perCommunity, seed = 71 }: { db: Db; communities: Community[]; workerId: string; perCommunity: number; seed?: number }) {
  const r = rng(seed);
  let serialNo = 0;
  const serial = () => serialNo++;
  let total = 0;
  for (const c of communities) {
    let inCommunity = 0;
    const people: Person[] = [];
    const homes: { household: typeof households.$inferInsert; members: Person[] }[] = [];
    while (inCommunity < perCommunity) {
      const { members, type } = buildHousehold(r, c, serial, workerId);
      const n = r.int(1, 30);
      const household = c.rural
        ? { communityId: c.id, neighborhood: r.pick(c.neighborhoods), room: `${r.int(1, 120)}号`, type }
        : { communityId: c.id, neighborhood: r.pick(c.neighborhoods), building: `${r.int(1, 24)}`, unit: `${r.int(1, 4)}`, room: `${r.int(1, 18)}0${r.int(1, 4)}`, type };
      homes.push({ household: { ...household, createdBy: workerId, updatedBy: workerId, note: n === 1 ? '定期走访' : null }, members });
      inCommunity += members.length;
      people.push(...members);
    }
    const insertedHomes = await db.insert(households).values(homes.map((h) => h.household)).returning({ id: households.id });
    homes.forEach((h, i) =>
      h.members.forEach((m) => {
        m.row.householdId = insertedHomes[i].id;
        const a = h.household;
        Object.assign(m.row, { neighborhood: a.neighborhood, building: a.building ?? null, unit: a.unit ?? null, room: a.room ?? null });
      }),
    );
    for (let i = 0; i < people.length; i += 500) {
      const chunk = people.slice(i, i + 500);
      const ids = await db.insert(residents).values(chunk.map((p) => p.row as typeof residents.$inferInsert)).returning({ id: residents.id });
      const tagRows = chunk.flatMap((p, j) => p.tags.map((t) => ({ ...t, residentId: ids[j].id, communityId: c.id, createdBy: workerId })));
      if (tagRows.length) await db.insert(residentTags).values(tagRows);
      chunk.forEach((p, j) => (p.row.id = ids[j].id));
    }
    for (const [i, h] of homes.entries()) {
      const head = h.members.find((m) => m.row.relationToHead === 'head');
      if (head) await db.update(households).set({ headResidentId: head.row.id }).where(eq(households.id, insertedHomes[i].id));
    }
    total += people.length;
  }
  return total;
}


/** The safeguarding demo (restricted details, a pending report, a protection order) on the first restricted case of each kind. */
async function seedSafeguarding(db: Db, demoCases: { id: string; kind: string; leadUserId: string }[]) {
  const first = (kind: string) => demoCases.find((c) => c.kind === kind);
  const [correction, rehab, dv] = [first('correction'), first('drug_rehab'), first('domestic_violence')];
  if (!correction || !rehab || !dv) return;
  await seedSafeguardingDemo(db, { correctionCaseId: correction.id, drugRehabCaseId: rehab.id, domesticViolenceCaseId: dv.id, workerId: correction.leadUserId });
}

/** The whole demo: organisations, accounts and about 3,000 residents in about 1,200 households. */
export async function seedDemo({ db, perCommunity = 500 }: { db: Db; perCommunity?: number }) {
  await db.transaction(async (tx) => {
    await seedInstruments(tx);
    const { communities, byName } = await seedOrgs(tx);
    const userIds = await seedUsers(tx, byName);
    const n = await seedResidents({ db: tx, communities, workerId: userIds.get('shegong1')!, perCommunity });
    // 督导 陈静 covers the 江滨街道 station's communities; 青山镇's station has no supervisor of its own,
    // so the agency head approves its plans and closures (a supervisor is named only where they work).
    const workers = [
      { id: userIds.get('shegong1')!, communityIds: ['曙光社区', '桃源社区'].map((c) => byName.get(c)!), supervisorId: userIds.get('dudao')!, approverId: userIds.get('dudao')! },
      { id: userIds.get('shegong2')!, communityIds: ['青山社区', '竹林村'].map((c) => byName.get(c)!), supervisorId: null, approverId: userIds.get('jigou')! },
    ];
    // About 300 cases in the demo; fewer in the tests' smaller population.
    const demoCases = await seedCases({ db: tx, workers, count: perCommunity >= 300 ? 300 : 60 });
    await seedDemoAssessments(tx, { caseIds: demoCases.map((c) => c.id) });
    await seedResources(tx, { ownerOrgUnitId: byName.get('临江区')!, createdBy: null });
    await seedReferralsAndEcomaps(tx, { caseIds: demoCases.filter((c) => c.status !== 'intake' && c.kind === 'general').slice(0, 40).map((c) => c.id) });
    await seedSafeguarding(tx, demoCases);
    await writeAudit({ db: tx, actor: { ip: null, requestId: null, username: 'system' }, action: 'system.seed_demo', detail: { residents: n, cases: demoCases.length } });
  });
}
