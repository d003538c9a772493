import { count, eq } from 'drizzle-orm';
import { seedDemoAssessments } from './assessment-demo.seed';
import { seedInstruments } from './assessment.seed';
import { seedCases } from './case.seed';
import { seedReferralsAndEcomaps, seedResources } from './referral.seed';
import { seedSafeguardingDemo } from './safeguarding.seed';
import { hashSecret } from '../../modules/auth/auth.service';
import { writeAudit } from '../../modules/audit/audit.service';
import { orgUnits, orgUnitServes } from '../../modules/orgs/orgs.table';
import { userPosts, users } from '../../modules/users/users.table';
import type { Db } from '../client';
import { seedResidents, type Community } from './residents.seed';

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
    // Each worker leads the cases of the communities of their posts; restricted cases only one who may see restricted data.
    // 督导 陈静 covers the 江滨街道 station's communities; 青山镇's station has no supervisor of its own,
    // so the agency head approves its plans and closures (a supervisor is named only where they work).
    const supervision: Record<string, { supervisor: string | null; approver: string }> = { shegong1: { supervisor: 'dudao', approver: 'dudao' }, shegong2: { supervisor: null, approver: 'jigou' } };
    const workers = DEMO_ACCOUNTS.filter((a) => a.role === 'worker').map((a) => ({
      id: userIds.get(a.username)!, communityIds: a.posts.map((c) => byName.get(c)!), restricted: a.restricted,
      supervisorId: supervision[a.username].supervisor && userIds.get(supervision[a.username].supervisor!)!, approverId: userIds.get(supervision[a.username].approver)!,
    }));
    // About 70 cases per worker (some 25 open at a time, the rest closed over a year and a half); 30 in the tests' smaller population.
    const demoCases = await seedCases({ db: tx, workers, count: perCommunity >= 300 ? 140 : 60 });
    await seedDemoAssessments(tx, { caseIds: demoCases.map((c) => c.id) });
    await seedResources(tx, { ownerOrgUnitId: byName.get('临江区')!, createdBy: null });
    const worked = demoCases.filter((c) => c.kind === 'general' && ['planning', 'plan_review', 'active', 'closure_review', 'closed'].includes(c.status));
    await seedReferralsAndEcomaps(tx, { caseIds: worked.map((c) => c.id) });
    await seedSafeguarding(tx, demoCases);
    await writeAudit({ db: tx, actor: { ip: null, requestId: null, username: 'system' }, action: 'system.seed_demo', detail: { residents: n, cases: demoCases.length } });
  });
}
