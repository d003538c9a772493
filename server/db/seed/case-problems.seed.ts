// What the demo's cases are about: each presenting problem with the clients it fits (age, tags,
// household), the plan a worker would write for it and what their service records say. The
// assessments (assessment-demo.seed.ts) answer the same problems.

/** A resident as the case seed sees them: their record, tags and the people they live with. */
export type Client = {
  id: string;
  communityId: string;
  householdId: string | null;
  birthDate: string | null;
  /** Today; a case's client may have been younger at intake (adult problems fit from 20, so that no client was a minor then). */
  age: number;
  sex: string;
  marital: string | null;
  employment: string | null;
  health: string | null;
  disabilityGrade: number | null;
  incomeStatus: string | null;
  guardianName: string | null;
  guardianRelation: string | null;
  householdType: string | null;
  rural: boolean;
  tags: string[];
  /** The other members of their household. */
  housemates: { age: number; health: string | null; relation: string | null }[];
};

/** A plan goal: title, measurable indicator, baseline, target; and its tasks (the first may recur every `every` days). */
type Goal = { title: string; indicator: string; baseline: string; target: string; tasks: string[] };

export type CaseProblem = {
  text: string;
  serviceArea: string;
  targetGroup: string | null;
  kind?: 'correction' | 'drug_rehab' | 'domestic_violence';
  /** How often, among the clients it fits. */
  weight: number;
  fits: (c: Client) => boolean;
  /** The risk levels it is given, by weight: [high, medium, low]. */
  risk: [number, number, number];
  goals: [Goal, Goal];
  /** The worker's contact task (goal one, first task) recurs every this many days. */
  every: number;
  records: string[];
};

const has = (c: Client, tag: string) => c.tags.includes(tag);
const livesWith = (c: Client, f: (h: Client['housemates'][number]) => boolean) => c.housemates.some(f);
const frail = (health: string | null) => health === 'partly_dependent' || health === 'dependent';

export const PROBLEMS: CaseProblem[] = [
  {
    text: '独居，近期跌倒后不敢出门，情绪低落', serviceArea: 'community_care', targetGroup: 'elderly', weight: 10,
    fits: (c) => c.age >= 65 && c.householdType === 'living_alone', risk: [3, 5, 2], every: 7,
    goals: [
      { title: '降低居家跌倒风险', indicator: '完成的居家安全改造项目', baseline: '0 项', target: '扶手、防滑垫、夜灯 3 项', tasks: ['每周电话问候一次', '链接适老化改造并跟进安装'] },
      { title: '恢复独立外出与社交', indicator: '每周独立外出次数', baseline: '0 次', target: '3 次', tasks: ['陪同参加社区老年活动中心活动'] },
    ],
    records: ['家访，评估居家安全，记录需要改造的位置', '电话问候，了解睡眠和情绪', '陪同到社区卫生服务中心做跌倒风险评估', '协调适老化改造施工方上门测量', '陪同在小区内散步，练习上下楼梯', '邀请参加老年活动中心的手工小组'],
  },
  {
    text: '高龄老人照护压力大，子女在外地', serviceArea: 'community_care', targetGroup: 'elderly', weight: 8,
    fits: (c) => c.age >= 80 && ['living_alone', 'empty_nest', 'lost_only_child'].includes(c.householdType ?? ''), risk: [3, 5, 2], every: 14,
    goals: [
      { title: '日常照护有人承担', indicator: '每周上门照护服务次数', baseline: '0 次', target: '3 次', tasks: ['每两周家访一次', '申请居家养老服务补贴并跟进审批'] },
      { title: '保证规律用餐', indicator: '每周助餐天数', baseline: '1 天', target: '5 天', tasks: ['链接老年助餐并安排送餐志愿者'] },
    ],
    records: ['家访，评估日常生活能力与照护需要', '与在外地的子女视频沟通照护安排', '协助提交居家养老服务补贴申请', '回访助餐送餐情况', '陪同家庭医生上门随访'],
  },
  {
    text: '丧偶后哀伤情绪明显', serviceArea: 'community_care', targetGroup: 'emergency', weight: 5,
    fits: (c) => c.age >= 55 && c.marital === 'widowed' && c.householdType === 'living_alone', risk: [2, 6, 2], every: 7,
    goals: [
      { title: '缓解哀伤情绪', indicator: '哀伤自评（0–10 分）', baseline: '8 分', target: '4 分以下', tasks: ['每周面谈或电话一次', '转介心理咨询中心哀伤辅导'] },
      { title: '重建日常社交', indicator: '每月参加活动次数', baseline: '0 次', target: '4 次', tasks: ['陪同参加老年大学兴趣班试听'] },
    ],
    records: ['家访，倾听服务对象讲述与配偶的往事', '电话跟进，了解睡眠与饮食', '陪同办理养老金、房产等变更手续', '陪同参加老年大学书法班试听', '面谈，回顾近一个月的情绪变化'],
  },
  {
    text: '出院后居家康复需要支持', serviceArea: 'community_care', targetGroup: 'patients', weight: 6,
    fits: (c) => c.age >= 50 && (has(c, 'hospital_referral') || c.health === 'serious' || c.health === 'partly_dependent'), risk: [3, 5, 2], every: 7,
    goals: [
      { title: '按计划完成居家康复训练', indicator: '每周完成康复训练天数', baseline: '1 天', target: '5 天', tasks: ['每周电话了解康复进展', '链接家庭医生与康复师上门指导'] },
      { title: '家属掌握照护技能', indicator: '家属掌握的照护技能', baseline: '0 项', target: '翻身、转移、用药管理 3 项', tasks: ['组织家属照护技能指导', '申请助行器等辅具适配'] },
    ],
    records: ['家访，了解出院医嘱与康复计划', '陪同前往区人民医院复诊', '与家庭医生沟通康复训练安排', '指导家属协助翻身与转移', '电话跟进康复训练完成情况'],
  },
  {
    text: '长期照护失能父母，照护压力大', serviceArea: 'community_care', targetGroup: 'elderly', weight: 4,
    fits: (c) => c.age >= 35 && c.age < 66 && livesWith(c, (h) => h.age >= 75 && frail(h.health)), risk: [1, 6, 3], every: 14,
    goals: [
      { title: '减轻照护负担', indicator: '照护者每周可休息时间', baseline: '0 小时', target: '8 小时', tasks: ['每两周家访一次', '链接居家养老上门服务与喘息服务'] },
      { title: '家庭照护分工明确', indicator: '参与照护的家庭成员', baseline: '1 人', target: '3 人', tasks: ['召开家庭会议协商照护分工', '邀请参加照护者支持小组'] },
    ],
    records: ['家访，了解老人失能情况与照护安排', '面谈，倾听照护者的压力与情绪', '组织家庭会议，兄弟姐妹协商轮流照护', '协助申请喘息服务', '电话跟进照护分工的执行情况'],
  },
  {
    text: '留守儿童学业困难，与祖辈沟通不畅', serviceArea: 'community_care', targetGroup: 'children', weight: 4,
    fits: (c) => c.age >= 8 && c.age <= 15 && has(c, 'child_left_behind') && !!c.guardianName, risk: [1, 6, 3], every: 14,
    goals: [
      { title: '学业有进步', indicator: '数学单元测验成绩', baseline: '55 分', target: '70 分以上', tasks: ['每两周家访一次', '链接四点半课堂与志愿者学业辅导'] },
      { title: '改善祖孙沟通与亲子联系', indicator: '每月与父母视频通话次数', baseline: '1 次', target: '4 次', tasks: ['每月组织一次家庭视频会议', '与班主任沟通在校表现'] },
    ],
    records: ['家访，与孩子和祖辈分别谈话', '到学校与班主任了解在校表现', '陪同参加四点半课堂', '组织与在外务工父母的视频通话', '面谈，和孩子约定每天使用手机的时间'],
  },
  {
    text: '父母离异后情绪低落，在校人际关系紧张', serviceArea: 'community_care', targetGroup: 'children', weight: 3,
    fits: (c) => c.age >= 9 && c.age <= 17 && (c.householdType === 'single_parent' || has(c, 'child_in_difficulty')) && !!c.guardianName, risk: [2, 6, 2], every: 7,
    goals: [
      { title: '情绪状态改善', indicator: '儿童抑郁自评量表（DSRSC）得分', baseline: '17 分', target: '12 分以下', tasks: ['每周个别辅导一次', '转介心理咨询中心评估'] },
      { title: '改善同伴关系', indicator: '在校愿意交往的同学', baseline: '0 人', target: '2 人', tasks: ['与班主任、心理老师商讨在校支持', '邀请参加青少年成长小组'] },
    ],
    records: ['家访，与家长了解家庭变故后孩子的情况', '个别辅导，运用绘画表达情绪', '到学校与班主任、心理老师沟通', '陪同参加青少年成长小组', '电话跟进家长，反馈孩子近况'],
  },
  {
    text: '辍学在家，沉迷网络，与家人冲突频繁', serviceArea: 'community_care', targetGroup: 'children', weight: 3,
    fits: (c) => (c.age >= 16 && c.age <= 17 && c.employment !== 'student' && !!c.guardianName) || (c.age >= 20 && c.age <= 22 && has(c, 'youth_idle')), risk: [2, 6, 2], every: 7,
    goals: [
      { title: '恢复规律作息', indicator: '每日上网时长', baseline: '10 小时', target: '3 小时以下', tasks: ['每周面谈一次', '与家长共同制定作息约定'] },
      { title: '复学或参加职业培训', indicator: '复学或培训', baseline: '未参加', target: '报名职业技能培训或复学', tasks: ['陪同参观区职业技术学校', '链接就业服务中心职业技能培训'] },
    ],
    records: ['家访，与服务对象和家长分别面谈', '面谈，了解辍学的原因和兴趣所在', '陪同参观区职业技术学校', '与家长沟通亲子沟通的方法', '电话跟进作息约定的执行情况'],
  },
  {
    text: '低保家庭子女辍学风险', serviceArea: 'community_care', targetGroup: 'assistance', weight: 3,
    fits: (c) => c.age >= 30 && c.age < 60 && c.incomeStatus === 'dibao' && livesWith(c, (h) => h.age >= 12 && h.age <= 17), risk: [2, 6, 2], every: 14,
    goals: [
      { title: '孩子按时上学', indicator: '每月旷课天数', baseline: '4 天', target: '0 天', tasks: ['每两周家访一次', '与学校德育处建立联系'] },
      { title: '减轻教育支出负担', indicator: '获得的教育资助', baseline: '无', target: '申请到助学金', tasks: ['协助申请教育资助与慈善助学金', '链接就业服务中心，推荐公益性岗位'] },
    ],
    records: ['家访，了解孩子旷课的原因', '与学校德育处老师沟通孩子的出勤', '协助准备助学金申请材料', '面谈，与家长讨论陪伴孩子学习的办法', '电话跟进孩子本周到校情况'],
  },
  {
    text: '残疾人就业受挫，希望参加技能培训', serviceArea: 'community_care', targetGroup: 'disabled', weight: 4,
    fits: (c) => c.age >= 20 && c.age <= 55 && has(c, 'disabled') && (c.disabilityGrade ?? 1) >= 3 && ['unemployed', 'flexible'].includes(c.employment ?? ''), risk: [0, 5, 5], every: 14,
    goals: [
      { title: '掌握一项职业技能', indicator: '培训结业', baseline: '无', target: '取得结业证书', tasks: ['每两周电话跟进一次', '转介残联职业技能培训'] },
      { title: '找到合适的工作', indicator: '面试与录用', baseline: '0 次面试', target: '面试 3 次，争取录用', tasks: ['模拟面试练习', '对接爱心企业岗位'] },
    ],
    records: ['面谈，梳理工作经历与兴趣', '陪同到残联报名职业技能培训', '模拟面试，练习自我介绍', '电话跟进培训出勤情况', '陪同到爱心企业面试'],
  },
  {
    text: '重度残疾，需要康复服务与补贴申请', serviceArea: 'community_care', targetGroup: 'disabled', weight: 4,
    fits: (c) => c.age >= 20 && has(c, 'disabled') && (c.disabilityGrade ?? 4) <= 2, risk: [1, 6, 3], every: 30,
    goals: [
      { title: '享受应有的残疾人福利', indicator: '已落实的补贴', baseline: '1 项', target: '困难残疾人生活补贴和重度残疾人护理补贴 2 项', tasks: ['每月家访一次', '协助申请重度残疾人护理补贴'] },
      { title: '获得康复与辅具服务', indicator: '每月康复服务次数', baseline: '0 次', target: '4 次', tasks: ['链接残联辅具适配', '联系社区康复站安排康复训练'] },
    ],
    records: ['家访，了解残疾情况与家庭照护安排', '协助准备两项补贴申请材料', '陪同到残联进行辅具评估', '与社区康复站沟通康复训练时间', '电话跟进补贴审批进度'],
  },
  {
    text: '失业后家庭生活困难，需要救助与就业支持', serviceArea: 'community_care', targetGroup: 'assistance', weight: 3,
    fits: (c) => c.age >= 30 && c.age < 60 && c.employment === 'unemployed' && ['dibao', 'low_income'].includes(c.incomeStatus ?? ''), risk: [1, 6, 3], every: 14,
    goals: [
      { title: '家庭基本生活有保障', indicator: '落实的救助', baseline: '无', target: '临时救助到位，低保按期复核', tasks: ['每两周电话跟进一次', '协助申请临时救助'] },
      { title: '重新就业', indicator: '求职面试次数', baseline: '0 次', target: '4 次，争取就业', tasks: ['链接就业服务中心岗位推荐', '陪同参加招聘会'] },
    ],
    records: ['家访，了解家庭收支与失业经过', '协助准备临时救助申请材料', '陪同到就业服务中心登记求职', '面谈，调整求职预期', '电话跟进面试结果'],
  },
  {
    text: '外来务工人员子女入学困难', serviceArea: 'integration', targetGroup: 'migrants', weight: 3,
    fits: (c) => c.age >= 25 && c.age <= 50 && has(c, 'migrant') && livesWith(c, (h) => h.relation === 'child' && h.age >= 5 && h.age <= 12), risk: [0, 4, 6], every: 14,
    goals: [
      { title: '孩子就近入学', indicator: '入学手续', baseline: '材料不齐', target: '取得入学通知', tasks: ['每两周电话跟进一次', '陪同办理居住证'] },
      { title: '融入社区生活', indicator: '每月参加社区活动次数', baseline: '0 次', target: '2 次', tasks: ['邀请参加新市民融入活动'] },
    ],
    records: ['面谈，梳理入学需要的材料清单', '陪同到派出所办理居住证', '与学校招生办电话咨询入学政策', '电话跟进材料准备进度', '邀请一家参加新市民中秋活动'],
  },
  {
    text: '拆迁安置后邻里关系紧张', serviceArea: 'integration', targetGroup: 'resettled', weight: 3,
    fits: (c) => c.age >= 30 && c.age <= 75 && has(c, 'resettled'), risk: [0, 4, 6], every: 30,
    goals: [
      { title: '化解邻里纠纷', indicator: '每月纠纷次数', baseline: '3 次', target: '0 次', tasks: ['每月回访一次', '组织调解并协商楼道公约'] },
      { title: '增强社区归属感', indicator: '每月参加社区活动次数', baseline: '0 次', target: '2 次', tasks: ['邀请参加楼道议事会'] },
    ],
    records: ['面谈，了解纠纷经过', '组织双方与楼道长调解', '协商楼道公共区域使用公约', '邀请参加楼道议事会', '电话回访公约执行情况'],
  },
  {
    text: '邻里噪音纠纷反复发生', serviceArea: 'integration', targetGroup: null, weight: 3,
    fits: (c) => c.age >= 25 && c.age <= 75 && !c.rural, risk: [0, 3, 7], every: 30,
    goals: [
      { title: '化解噪音纠纷', indicator: '每月因噪音发生冲突的次数', baseline: '4 次', target: '0 次', tasks: ['每月回访一次', '组织双方调解，约定安静时段'] },
      { title: '改善睡眠与情绪', indicator: '睡眠自评（0–10 分）', baseline: '3 分', target: '7 分以上', tasks: ['放松训练指导'] },
    ],
    records: ['面谈，了解噪音纠纷的经过', '分别走访两户，听取双方意见', '组织双方调解，约定晚十点后保持安静', '电话回访，了解约定执行情况', '指导放松训练'],
  },
];

/** The cases of the restricted kinds: for residents carrying the restricted tag. */
export const RESTRICTED_PROBLEMS: Record<string, CaseProblem> = {
  community_correction: {
    text: '社区矫正期间就业困难，家庭关系紧张', serviceArea: 'correction', targetGroup: 'special', kind: 'correction', weight: 0, fits: () => true, risk: [1, 0, 0], every: 30,
    goals: [
      { title: '遵守矫正规定，顺利解矫', indicator: '违反监督管理规定次数', baseline: '—', target: '0 次', tasks: ['每月走访一次', '协助按时提交思想汇报'] },
      { title: '稳定就业，修复家庭关系', indicator: '就业与家庭会议', baseline: '无业', target: '稳定就业，每月家庭会议 1 次', tasks: ['链接就业服务中心岗位推荐', '组织家庭会议'] },
    ],
    records: ['走访，了解矫正期间的工作与生活', '面谈，讨论求职计划', '与司法所沟通矫正表现', '组织家庭会议，修复与家人的关系', '陪同参加招聘会'],
  },
  drug_rehab: {
    text: '社区康复期间巩固戒断，重建家庭与就业支持', serviceArea: 'drug_rehab', targetGroup: 'special', kind: 'drug_rehab', weight: 0, fits: () => true, risk: [1, 0, 0], every: 14,
    goals: [
      { title: '保持操守，按时检测', indicator: '检测结果', baseline: '—', target: '每次检测阴性', tasks: ['每两周面谈一次', '提醒并陪同按时检测'] },
      { title: '重建家庭与就业支持', indicator: '家庭支持与就业', baseline: '家人疏远、无业', target: '家人参与康复，找到工作', tasks: ['开展家庭辅导', '链接职业技能培训'] },
    ],
    records: ['面谈，了解近期情绪与生活', '陪同到社区戒毒康复工作站检测', '家访，与家属沟通康复期间的支持', '与禁毒专干沟通康复情况', '电话跟进求职进展'],
  },
  dv_victim: {
    text: '遭受配偶家庭暴力，需要安全计划与法律支持', serviceArea: 'community_care', targetGroup: 'special', kind: 'domestic_violence', weight: 0, fits: () => true, risk: [1, 0, 0], every: 7,
    goals: [
      { title: '保障人身安全', indicator: '安全计划与保护措施', baseline: '无', target: '制定安全计划，落实保护令', tasks: ['每周电话确认安全一次', '协助申请人身安全保护令'] },
      { title: '恢复情绪与生活', indicator: '焦虑自评（0–10 分）', baseline: '9 分', target: '5 分以下', tasks: ['转介心理咨询', '链接妇联法律援助'] },
    ],
    records: ['面谈，评估人身安全风险，共同制定安全计划', '陪同到派出所报案并申请告诫书', '陪同到法院申请人身安全保护令', '电话确认服务对象的安全', '转介心理咨询并陪同首次咨询'],
  },
};
