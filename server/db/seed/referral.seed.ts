import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { chinaToday, daysBetween } from '../../../common/dates';
import type { EcomapTie } from '../../../common/schemas/networks.schema';
import { caseEvents, cases } from '../../modules/cases/cases.table';
import { caseEcomaps } from '../../modules/networks/networks.table';
import { orgUnits, orgUnitServes } from '../../modules/orgs/orgs.table';
import { residents } from '../../modules/residents/residents.table';
import { addDays, FEEDBACK_DAYS } from '../../modules/referrals/referrals.rules';
import { ageOn } from '../../modules/residents/residents.presenter';
import { caseReferrals, resources } from '../../modules/referrals/referrals.table';
import type { Db } from '../client';

type ResourceSeed = Omit<typeof resources.$inferInsert, 'ownerOrgUnitId' | 'createdBy'>;

/** 临江区's directory: the organisations its social workers refer to (fictional names and numbers). */
const DIRECTORY: ResourceSeed[] = [
  { name: '临江区民政局社会救助科', type: 'government', services: ['最低生活保障', '特困人员供养', '临时救助', '残疾人两项补贴'], serviceAreas: ['全区'], contactName: '张科长', phone: '0571-88802101', address: '临江区人民路 1 号行政中心 3 楼' },
  { name: '临江区人力社保局就业服务中心', type: 'government', services: ['就业登记', '职业技能培训', '公益性岗位', '失业保险'], serviceAreas: ['全区'], contactName: '何老师', phone: '0571-88802230', address: '临江区人民路 9 号' },
  { name: '临江区法律援助中心', type: 'government', services: ['法律援助', '法律咨询', '代写文书'], serviceAreas: ['全区'], contactName: '孙律师', phone: '0571-12348', address: '临江区公正路 6 号' },
  { name: '临江区人民医院', type: 'hospital', services: ['医务社工', '住院治疗', '慢病管理', '精神科门诊'], serviceAreas: ['全区'], contactName: '医务社工部 刘医生', phone: '0571-88810120', address: '临江区健康路 88 号', note: '出院转介请提前两天电话联系医务社工部。' },
  { name: '江滨街道社区卫生服务中心', type: 'hospital', services: ['家庭医生签约', '上门巡诊', '慢病随访', '康复指导'], serviceAreas: ['江滨街道'], contactName: '陈医生', phone: '0571-88831602', address: '江滨街道滨江路 12 号' },
  { name: '青山镇卫生院', type: 'hospital', services: ['基本医疗', '家庭医生签约', '慢病随访'], serviceAreas: ['青山镇'], contactName: '吴院长', phone: '0571-88851120', address: '青山镇青山街 3 号' },
  { name: '临江区实验小学', type: 'school', services: ['学业辅导', '心理健康教育', '留守儿童关爱'], serviceAreas: ['江滨街道'], contactName: '德育处 郑老师', phone: '0571-88840031', address: '江滨街道文华路 20 号' },
  { name: '临江区妇女联合会', type: 'mass_org', services: ['妇女维权', '家庭暴力庇护', '婚姻家庭咨询'], serviceAreas: ['全区'], contactName: '权益部 王部长', phone: '0571-12338', address: '临江区人民路 1 号行政中心 5 楼' },
  { name: '临江区残疾人联合会', type: 'mass_org', services: ['残疾人证办理', '辅具适配', '康复训练', '就业培训'], serviceAreas: ['全区'], contactName: '康复部 赵老师', phone: '0571-88802560', address: '临江区康乐路 5 号' },
  { name: '团区委青少年服务台', type: 'mass_org', services: ['青少年心理热线', '四点半课堂', '青少年权益保护'], serviceAreas: ['全区'], contactName: '林老师', phone: '0571-12355', address: '临江区青年路 2 号' },
  { name: '临江区公安分局江滨派出所', type: 'police', services: ['报警求助', '家庭暴力告诫书', '户籍办理'], serviceAreas: ['江滨街道'], contactName: '社区民警 钱警官', phone: '0571-88821110', address: '江滨街道滨江路 40 号' },
  { name: '江滨街道司法所', type: 'police', services: ['人民调解', '法律援助申请', '社区矫正'], serviceAreas: ['江滨街道'], contactName: '冯所长', phone: '0571-88821348', address: '江滨街道党群服务中心一楼' },
  { name: '临江区阳光心理咨询中心', type: 'social_org', services: ['心理咨询', '危机干预', '哀伤辅导'], serviceAreas: ['全区'], contactName: '周咨询师', phone: '0571-88866525', address: '临江区和平路 15 号 3 楼', note: '低保、特困对象可申请免费咨询 6 次。' },
  { name: '临江区颐康养老服务中心', type: 'social_org', services: ['日间照料', '老年助餐', '居家养老上门服务', '短期托养'], serviceAreas: ['江滨街道', '青山镇'], contactName: '蒋主任', phone: '0571-88870099', address: '江滨街道桃源路 7 号' },
  { name: '临江区慈善总会', type: 'social_org', services: ['大病救助', '助学金', '慈善物资'], serviceAreas: ['全区'], contactName: '沈秘书长', phone: '0571-88809696', address: '临江区人民路 30 号' },
  { name: '鑫达超市（爱心企业）', type: 'enterprise', services: ['爱心物资', '就业岗位'], serviceAreas: ['江滨街道'], contactName: '韩经理', phone: '0571-88835577', address: '江滨街道滨江路 66 号' },
];

/** About fifteen directory entries of 临江区, kept by `ownerOrgUnitId` (the district). */
export async function seedResources(db: Db, { ownerOrgUnitId, createdBy }: { ownerOrgUnitId: string; createdBy: string | null }) {
  return db
    .insert(resources)
    .values(DIRECTORY.map((r) => ({ ...r, ownerOrgUnitId, createdBy })))
    .returning({ id: resources.id, name: resources.name, type: resources.type });
}

const tie = (name: string, kind: string, formal: boolean, relation: string, quality: string, strength: number, contact: string | null = null, note: string | null = null): EcomapTie =>
  ({ name, kind, formal, relation, quality, strength, contact, note }) as EcomapTie;

type Network = [EcomapTie[], EcomapTie[]];

/** Two snapshots, at intake and some weeks into the service: the network growing as the plan works. By the client's age: 60 and over, under 18, in between. */
const ELDERLY: Network = [
  [
    tie('女儿', 'family', false, '女儿（在外地工作）', 'supportive', 2, '每周电话'),
    tie('儿子', 'family', false, '儿子', 'stressful', 2, '很少来往', '为赡养费有争执'),
    tie('邻居刘阿姨', 'friend', false, '邻居', 'supportive', 3, '每天串门'),
    tie('社区居委会', 'community', true, '网格员', 'supportive', 1, '每月走访'),
    tie('区人民医院', 'health', true, '慢病复诊', 'mixed', 1, null, '看病排队久，一个人去不方便'),
  ],
  [
    tie('女儿', 'family', false, '女儿（在外地工作）', 'supportive', 3, '每周视频，每月回来一次'),
    tie('儿子', 'family', false, '儿子', 'mixed', 2, '每月探望', '经调解已按月给赡养费'),
    tie('邻居刘阿姨', 'friend', false, '邻居', 'supportive', 3, '每天串门'),
    tie('社区居委会', 'community', true, '网格员', 'supportive', 2, '每周电话问候'),
    tie('家庭医生陈医生', 'health', true, '江滨街道社区卫生服务中心', 'supportive', 2, '每月上门随访'),
    tie('颐康养老服务中心', 'social_org', true, '助餐、日间照料', 'supportive', 2, '工作日午餐'),
    tie('老年大学书法班', 'friend', false, '同学', 'supportive', 1, '每周二上课'),
  ],
];
const CHILD: Network = [
  [
    tie('母亲', 'family', false, '母亲', 'supportive', 3, '同住'),
    tie('父亲', 'family', false, '父亲（外出务工）', 'stressful', 1, '过年回家', '通话常发生争吵'),
    tie('班主任郑老师', 'school', true, '班主任', 'mixed', 2, '家长群'),
    tie('同学', 'friend', false, '同班同学', 'stressful', 1, null, '曾被同学排挤'),
  ],
  [
    tie('母亲', 'family', false, '母亲', 'supportive', 3, '同住'),
    tie('父亲', 'family', false, '父亲（外出务工）', 'mixed', 2, '每周视频'),
    tie('班主任郑老师', 'school', true, '班主任', 'supportive', 2, '每两周沟通一次'),
    tie('同学', 'friend', false, '同班同学', 'supportive', 2, '一起参加四点半课堂'),
    tie('阳光心理咨询中心', 'health', true, '心理咨询', 'supportive', 2, '每两周一次'),
    tie('四点半课堂', 'social_org', true, '课后托管', 'supportive', 2, '工作日放学后'),
  ],
];
const ADULT: Network = [
  [
    tie('配偶', 'family', false, '妻子/丈夫', 'mixed', 2, '同住', '因失业常有争吵'),
    tie('母亲', 'family', false, '母亲', 'supportive', 2, '每周探望'),
    tie('原单位同事', 'work', false, '同事', 'supportive', 1, '偶尔联系'),
    tie('社区居委会', 'community', true, '网格员', 'supportive', 1, '每月走访'),
    tie('债主', 'other', false, '借款人', 'stressful', 2, null, '催还借款'),
  ],
  [
    tie('配偶', 'family', false, '妻子/丈夫', 'supportive', 2, '同住'),
    tie('母亲', 'family', false, '母亲', 'supportive', 2, '每周探望'),
    tie('原单位同事', 'work', false, '同事', 'supportive', 2, '介绍了招聘信息'),
    tie('社区居委会', 'community', true, '网格员', 'supportive', 2, '每两周联系'),
    tie('就业服务中心', 'government', true, '职业技能培训', 'supportive', 2, '每周三上课'),
    tie('法律援助中心', 'government', true, '债务协商', 'supportive', 1, '已约谈一次'),
    tie('债主', 'other', false, '借款人', 'mixed', 1, null, '已协商分期归还'),
  ],
];
const networkFor = (age: number | null): Network => (age == null || age >= 60 ? ELDERLY : age < 18 ? CHILD : ADULT);

/** Why a client is referred to an organisation of the directory, and what is asked of it. */
const REASONS: Record<string, [string, string, string]> = {
  '临江区阳光心理咨询中心': ['服务对象近期情绪低落、失眠，需要专业心理评估与咨询。', '心理咨询', '已完成 6 次咨询，情绪明显好转。'],
  '临江区颐康养老服务中心': ['独居高龄，做饭困难，需要助餐与日间照料。', '老年助餐、日间照料', '工作日在中心用午餐，每周参加两次活动。'],
  '临江区慈善总会': ['家庭因病支出大，生活困难，申请大病救助。', '大病救助', '已获大病救助金 5000 元。'],
  '临江区人民医院': ['慢性病控制不佳，需要专科复诊。', '专科门诊', '已复诊并调整用药，每三个月复查一次。'],
  '江滨街道社区卫生服务中心': ['行动不便，需要家庭医生上门随访。', '家庭医生签约与定期随访', '家庭医生每月上门随访一次，血压控制平稳。'],
  '青山镇卫生院': ['行动不便，需要家庭医生上门随访。', '家庭医生签约与定期随访', '已签约家庭医生，每月电话随访。'],
};
Object.assign(REASONS, {
  '团区委青少年服务台': ['孩子放学后无人看管，需要课后托管与青少年成长支持。', '四点半课堂、青少年成长小组', '已参加四点半课堂，每周三次，作业完成情况好转。'],
  '临江区实验小学': ['孩子在校适应困难，需要学校心理老师与班主任配合。', '学业辅导、心理健康教育', '班主任每两周反馈一次在校表现，孩子已能参加小组活动。'],
  '临江区残疾人联合会': ['需要办理残疾人证、适配辅具并参加康复训练。', '残疾人证办理、辅具适配、康复训练', '已适配助行器，每周参加两次社区康复训练。'],
  '临江区民政局社会救助科': ['家庭生活困难，需要申请临时救助并办理低保复核。', '临时救助、最低生活保障', '临时救助金已发放，低保复核通过。'],
  '临江区人力社保局就业服务中心': ['服务对象有就业意愿，需要职业技能培训与岗位推荐。', '职业技能培训、岗位推荐', '已完成培训，推荐岗位两个，已入职一家。'],
  '临江区法律援助中心': ['服务对象遇到法律纠纷，需要法律咨询与援助。', '法律咨询、法律援助', '律师已提供咨询并协助协商，纠纷已化解。'],
  '江滨街道司法所': ['邻里纠纷反复，需要人民调解。', '人民调解', '调解达成协议，双方签订楼道公约。'],
} satisfies Record<string, [string, string, string]>);
const reasonFor = (name: string): [string, string, string] => REASONS[name] ?? ['服务对象需要专业服务，本站无法提供，转介至合作机构。', '专业服务', '对方已提供服务，服务对象满意。'];

/** Where a worker refers a client of each target group, most fitting first (among the organisations serving the client's street). */
const TARGETS: Record<string, string[]> = {
  elderly: ['临江区颐康养老服务中心', '江滨街道社区卫生服务中心', '青山镇卫生院', '临江区阳光心理咨询中心'],
  patients: ['江滨街道社区卫生服务中心', '青山镇卫生院', '临江区人民医院', '临江区残疾人联合会'],
  children: ['团区委青少年服务台', '临江区阳光心理咨询中心', '临江区实验小学', '临江区慈善总会'],
  disabled: ['临江区残疾人联合会', '临江区人力社保局就业服务中心', '临江区民政局社会救助科'],
  assistance: ['临江区民政局社会救助科', '临江区慈善总会', '临江区人力社保局就业服务中心'],
  emergency: ['临江区阳光心理咨询中心', '临江区颐康养老服务中心'],
  migrants: ['临江区人力社保局就业服务中心', '临江区法律援助中心'],
  resettled: ['江滨街道司法所', '临江区法律援助中心'],
};
const OTHER_TARGETS = ['临江区法律援助中心', '临江区阳光心理咨询中心'];

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

/**
 * Ecomap snapshots and referrals for the demo's cases: for every case a snapshot at intake and,
 * once it has run six weeks, one mid-service; for every other case with a recorded consent basis a
 * referral, sent after intake, to an organisation that fits the client's group and serves their
 * street — most completed with feedback, some waiting, a few past their feedback date (the overdue
 * alert), one now and then to another station still waiting for its answer. Plus one referral in,
 * from the hospital, to the station serving the first case. `resourceIds` defaults to the whole directory.
 */
export async function seedReferralsAndEcomaps(db: Db, { caseIds, resourceIds }: { caseIds: string[]; resourceIds?: string[] }) {
  if (!caseIds.length) return;
  const dir = await db
    .select({ id: resources.id, name: resources.name, type: resources.type, serviceAreas: resources.serviceAreas })
    .from(resources)
    .where(resourceIds ? inArray(resources.id, resourceIds) : sql`${resources.archivedAt} is null`)
    .orderBy(resources.name);
  const today = chinaToday();
  const street = alias(orgUnits, 'street');
  const rows = await db
    .select({ c: cases, birthDate: residents.birthDate, street: street.name })
    .from(cases)
    .innerJoin(residents, eq(residents.id, cases.residentId))
    .innerJoin(orgUnits, eq(orgUnits.id, cases.communityId))
    .innerJoin(street, eq(street.id, orgUnits.parentId))
    .where(inArray(cases.id, caseIds))
    .orderBy(cases.caseNo)
    .then((r) => r.map((x) => ({ ...x.c, street: x.street, age: ageOn(x.birthDate) })));
  /** The organisation the case's client is referred to: one that fits their group and serves their street. */
  const targetOf = (c: (typeof rows)[number], i: number) => {
    const serving = dir.filter((d) => d.serviceAreas.includes('全区') || d.serviceAreas.includes(c.street));
    const fitting = (TARGETS[c.targetGroup ?? ''] ?? OTHER_TARGETS).map((name) => serving.find((d) => d.name === name)).filter((d) => !!d);
    return fitting.length ? fitting[i % fitting.length] : serving[i % Math.max(1, serving.length)];
  };
  for (const [i, c] of rows.entries()) {
    const [first, later] = networkFor(c.age);
    // The second snapshot some weeks into the service, once there has been one.
    const laterOn = addDays(c.intakeDate, 45) <= today ? addDays(c.intakeDate, 45) : null;
    const snapshots = [{ takenOn: c.intakeDate, note: '接案预估时绘制', ties: first }, ...(laterOn ? [{ takenOn: laterOn, note: '服务中期回顾', ties: later }] : [])];
    await db.insert(caseEcomaps).values(snapshots.map((x) => ({ caseId: c.id, ...x, createdBy: c.leadUserId })));
    await db.insert(caseEvents).values(snapshots.map((x) => ({ caseId: c.id, actorId: c.leadUserId, action: 'ecomaps.create', detail: { takenOn: x.takenOn, ties: x.ties.length } })));
    // Every other case is referred somewhere, after its intake (and before its closure). Most
    // referrals came back with feedback; a few wait, one in eight is past its feedback date, one
    // in sixteen goes to the other station.
    if (!c.consentBasis || !dir.length || i % 2 === 1) continue;
    const k = i / 2;
    const served = daysBetween(c.intakeDate, today);
    const closedDays = c.closedAt ? daysBetween(chinaToday(c.closedAt), today) : 0;
    const open = !c.closedAt && c.status !== 'closure_review';
    const way = !open ? 'completed' : k % 8 === 3 && served > FEEDBACK_DAYS + 3 ? 'late' : k % 16 === 5 ? 'station' : k % 3 === 1 || served < 25 ? 'waiting' : 'completed';
    const sentDays = way === 'late' ? FEEDBACK_DAYS + 1 + (k % 3) : way === 'station' ? 2 : way === 'waiting' ? Math.min(served, 2 + (k % 7)) : Math.min(served - 2, closedDays + 25 + (k % 20));
    const sentAt = daysAgo(sentDays);
    const base = {
      caseId: c.id, direction: 'out', consentBasis: c.consentBasis, sentAt, createdAt: sentAt, createdBy: c.leadUserId,
      feedbackDue: addDays(chinaToday(sentAt), FEEDBACK_DAYS),
    };
    let target: { orgUnitId?: string; resourceId?: string; name: string } | null = null;
    if (way !== 'station') {
      const r = targetOf(c, k);
      const [reason, services, feedback] = reasonFor(r.name);
      target = { resourceId: r.id, name: r.name };
      await db.insert(caseReferrals).values({
        ...base, targetResourceId: r.id, reason, servicesRequested: services,
        status: way === 'completed' ? 'completed' : 'accepted', respondedAt: daysAgo(Math.max(0, sentDays - 2)), respondedBy: c.leadUserId,
        responseNote: '对方电话确认接收，已安排首次服务。',
        ...(way === 'completed' ? { feedback, completedAt: daysAgo(Math.max(0, sentDays - 20)) } : {}),
      });
    } else {
      const serving = db.select({ id: orgUnitServes.unitId }).from(orgUnitServes).where(eq(orgUnitServes.communityId, c.communityId));
      const [other] = await db
        .select({ id: orgUnits.id, name: orgUnits.name })
        .from(orgUnits)
        .where(and(eq(orgUnits.kind, 'station'), notInArray(orgUnits.id, serving), sql`${orgUnits.archivedAt} is null`))
        .orderBy(orgUnits.name)
        .limit(1);
      if (other) {
        target = { orgUnitId: other.id, name: other.name };
        await db.insert(caseReferrals).values({
          ...base, targetOrgUnitId: other.id, reason: '服务对象将搬到亲属家居住，请对方社工站接续服务。', servicesRequested: '接续个案服务', urgent: k % 2 === 0,
        });
      }
    }
    if (target) await db.insert(caseEvents).values({ caseId: c.id, at: sentAt, actorId: c.leadUserId, action: 'referrals.create', note: `转介至 ${target.name}` });
  }

  // One referral in: the hospital's medical social worker refers a patient leaving hospital.
  const c0 = rows[0];
  const hospital = dir.find((r) => r.type === 'hospital');
  const [station] = await db
    .select({ id: orgUnitServes.unitId })
    .from(orgUnitServes)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitServes.unitId))
    .where(and(eq(orgUnitServes.communityId, c0.communityId), eq(orgUnits.kind, 'station')))
    .limit(1);
  if (station) {
    const sentAt = daysAgo(1);
    await db.insert(caseReferrals).values({
      direction: 'in', targetOrgUnitId: station.id, fromResourceId: hospital?.id ?? null,
      fromText: hospital ? null : '区人民医院 医务社工部', clientName: '周桂兰',
      reason: '患者 78 岁，独居，脑梗出院后行动不便，需要居家照护与送餐服务。', servicesRequested: '居家照护评估、助餐', consentBasis: 'consent',
      sentAt, createdAt: sentAt, feedbackDue: addDays(chinaToday(sentAt), FEEDBACK_DAYS), urgent: true, createdBy: c0.leadUserId,
    });
  }
}
