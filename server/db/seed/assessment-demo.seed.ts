import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { addDays, addMonths, chinaToday, daysBetween } from '../../../common/dates';
import type { Answers } from '../../../common/schemas/assessments.schema';
import { parseDefinition, scoreOrRefuse } from '../../modules/assessments/assessments.scoring';
import { assessmentInstruments, caseAssessments } from '../../modules/assessments/assessments.table';
import { caseEvents, cases, caseTeam } from '../../modules/cases/cases.table';
import { households } from '../../modules/households/households.table';
import { orgUnits } from '../../modules/orgs/orgs.table';
import { residents } from '../../modules/residents/residents.table';
import type { Db } from '../client';
import { rng, type Rng } from './builders';

/*
 * Demo 预估: a 通用预估 for most cases past intake, with answers that fit the case's presenting
 * problem and the client's record; and, for clients of 60 and over in 社区照顾 cases, the MZ/T 039
 * 老年人能力评估 by two assessors of the case team, repeated every six months — a few of them left
 * due or overdue, so that 我的待办 shows reassessments. Every result is computed by the server's
 * scoring (`scoreOrRefuse`) from the stored instrument definition, as the API does.
 */

/** Stages past intake where the client was assessed (not declined or referred out at intake). */
const ASSESSED_STATUSES = ['assessment', 'planning', 'plan_review', 'active', 'closure_review', 'closed'];
const WORKING_ROLES = ['lead', 'co_worker', 'supervisor'];

type Client = {
  age: number;
  health: string | null;
  disabilityType: string | null;
  incomeStatus: string | null;
  emergency: string | null;
  householdType: string | null;
  communityName: string;
  rural: boolean;
};

/** 0 healthy … 3 dependent: the client's need of care, read from their record. */
const severityOf = (c: Client) => ({ healthy: 0, chronic: 1, partly_dependent: 2, dependent: 3 })[c.health ?? 'healthy'] ?? 0;

// ——— 通用预估 ———

type Ctx = { r: Rng; c: Client; alone: boolean };
type ProblemTemplate = {
  /** The family texts fit a client living alone too. */
  aloneOk?: boolean;
  psych: string;
  view: string;
  stress: string;
  resources: string;
  comProblems: string;
  external: string;
  problems: [string, 'high' | 'medium' | 'low', string][];
  personal: string;
  support: string;
};

const TEMPLATES: Record<string, (x: Ctx) => ProblemTemplate> = {
  '独居，近期跌倒后不敢出门，情绪低落': ({ r, c }) => ({
    aloneOk: true,
    psych: `一个月前在家中${r.pick(['卫生间', '厨房', '楼道'])}跌倒，此后害怕再次摔倒，很少出门；情绪低落，话少，夜间睡眠差。认知清楚，无自伤念头。`,
    view: '希望“不给别人添麻烦”，愿意接受上门探访，想恢复以前去公园散步的习惯。',
    stress: '子女不在身边，担心再次跌倒无人发现。',
    resources: `子女每周电话联系并承担部分生活费${c.age >= 80 ? '；已享受高龄津贴' : ''}。`,
    comProblems: '老旧小区无电梯，楼道照明不足。',
    external: '邻居偶尔帮忙买菜；社区网格员每月走访一次。',
    problems: [
      ['居家跌倒风险高', 'high', '居家安全评估，链接适老化改造（扶手、防滑垫）'],
      ['情绪低落、社会隔离', 'high', '定期探访与情绪支持，逐步陪同参加社区活动'],
      ['紧急情况无人知晓', 'medium', '申请智能呼叫设备，建立邻里守望'],
    ],
    personal: '生活自律，愿意尝试改变；与邻居关系融洽。',
    support: '子女关心，经济上有保障；邻里互助氛围较好。',
  }),
  '高龄老人照护压力大，子女在外地': ({ r, alone }) => ({
    aloneOk: true,
    psych: '精神尚可，偶有焦虑，担心自己“拖累子女”；记忆力较前下降，能正确回答日期和住址。',
    view: '希望继续住在自己家里，不愿去养老院；同意接受上门照护服务。',
    stress: `子女在${r.pick(['上海', '深圳', '杭州市区', '外省'])}工作，无法日常照护；${alone ? '独自在家，遇事无人照应。' : '配偶年迈，照护力不从心。'}`,
    resources: '有退休金，子女愿意分担照护费用；可申请居家养老服务补贴。',
    comProblems: '社区助餐点距离较远，周末无供餐。',
    external: '社区卫生服务中心家庭医生已签约，但上门次数少。',
    problems: [
      ['日常照护人手不足', 'high', '链接居家养老上门服务，协调家庭照护分工'],
      ['用餐不规律', 'medium', '申请老年助餐，安排志愿者送餐'],
      ['子女远程照护焦虑', 'low', '建立家属沟通群，定期反馈服务情况'],
    ],
    personal: '性格开朗，乐于表达需要；自理意愿强。',
    support: '子女经济支持稳定；邻居熟识，愿意照应。',
  }),
  '留守儿童学业困难，与祖辈沟通不畅': ({ r }) => ({
    psych: `性格${r.pick(['内向', '敏感'])}，想念在外务工的父母，提起父母时眼圈发红；学习遇到困难容易放弃，与祖辈常因玩手机发生争执。`,
    view: '希望爸爸妈妈多回家，想把数学成绩提上去；愿意参加课后辅导。',
    stress: '父母长期在外务工，祖辈年纪大、文化程度不高，难以辅导功课；隔代教养观念差异大。',
    resources: '父母每月寄生活费并每周通电话；班主任愿意配合。',
    comProblems: '村（社区）内缺少课后托管场所。',
    external: '学校有心理健康老师；团区委四点半课堂可报名。',
    problems: [
      ['学业落后、缺乏课后辅导', 'high', '链接四点半课堂与志愿者学业辅导'],
      ['祖孙沟通冲突频繁', 'high', '开展祖孙沟通辅导，家访示范'],
      ['与父母情感联系不足', 'medium', '每月组织视频家庭会议'],
    ],
    personal: '聪明好动，喜欢画画，愿意与社工交流。',
    support: '祖辈照顾尽心；学校配合度高。',
  }),
  '残疾人就业受挫，希望参加技能培训': ({ c }) => ({
    psych: '多次求职被拒后自信心下降，自评“没用”；情绪可自我调节，无自伤念头。',
    view: c.age >= 60
      ? '希望做些力所能及的工作补贴家用，对社区公益性岗位有兴趣。'
      : `希望找到一份稳定工作，对${c.rural ? '电商、手工编织' : '电脑操作、客服'}类工作有兴趣。`,
    stress: '家庭收入较低，家人担心其外出工作安全。',
    resources: c.disabilityType ? '持有残疾人证，享受残疾人两项补贴；家人支持其就业。' : '肢体活动受限，尚未办理残疾人证，可协助申请残疾评定；家人支持其就业。',
    comProblems: '周边无障碍设施不完善，公交出行不便。',
    external: '区残联有就业培训项目；爱心企业可提供岗位。',
    problems: [
      ['缺少职业技能', 'high', '转介残联职业技能培训'],
      ['求职信心不足', 'medium', '优势视角面谈，模拟面试'],
      ['出行不便', 'low', '申请辅具适配，规划通勤路线'],
    ],
    personal: '学习意愿强，做事细心有耐心。',
    support: '家人支持；残联与爱心企业资源可对接。',
  }),
  '低保家庭子女辍学风险': () => ({
    psych: '为家中经济和孩子学业忧虑，睡眠不佳；情绪总体稳定。',
    view: '希望孩子能读完书，愿意配合学校和社区的帮扶。',
    stress: '家庭依靠低保和零工收入，孩子上学交通、资料费用负担重；孩子厌学、多次旷课。',
    resources: '享受最低生活保障；孩子符合教育资助条件。',
    comProblems: '社区青少年活动场所少。',
    external: '学校德育处、慈善总会助学金可申请。',
    problems: [
      ['孩子厌学旷课', 'high', '联合学校开展学业与心理辅导'],
      ['教育支出困难', 'high', '协助申请教育资助与助学金'],
      ['家长就业不稳定', 'medium', '链接就业服务中心，推荐公益性岗位'],
    ],
    personal: '重视子女教育，配合度高。',
    support: '学校与社区愿意联合帮扶；亲属可短期照看孩子。',
  }),
  '外来务工人员子女入学困难': () => ({
    psych: '因孩子入学问题焦虑，对本地政策不了解，担心孩子“没学上”。',
    view: '希望孩子在本地就近入学，不想把孩子送回老家。',
    stress: '居住证办理材料不齐；租住房屋面积小，工作时间长。',
    resources: '夫妻双方有稳定工作；老乡群可互相支持。',
    comProblems: '流动人口多，信息传达不到位。',
    external: '街道流动人口服务站、学校招生办可咨询。',
    problems: [
      ['入学材料不齐', 'high', '协助梳理材料清单，陪同办理居住证'],
      ['政策信息不了解', 'medium', '提供入学政策咨询，链接招生办'],
      ['社区融入不足', 'low', '邀请参加新市民融入活动'],
    ],
    personal: '勤劳能干，行动力强。',
    support: '工友和老乡互助网络；用工单位愿意出具证明。',
  }),
  '拆迁安置后邻里关系紧张': () => ({
    psych: '对安置后的生活不适应，易与邻居发生口角，自述“心里憋屈”。',
    view: '希望邻里之间少些矛盾，愿意参加社区调解。',
    stress: '安置房公共区域使用（停车、堆物）引发纠纷；原有邻里网络被打散。',
    resources: '安置补偿款已到位，居住条件改善。',
    comProblems: '安置小区物业管理不完善，公共空间使用规则缺失。',
    external: '社区人民调解委员会、楼道长可参与协调。',
    problems: [
      ['与邻居纠纷反复', 'high', '组织调解，协商公共区域使用公约'],
      ['社区归属感弱', 'medium', '邀请参加楼道议事与邻里节活动'],
      ['情绪易激动', 'low', '情绪管理辅导'],
    ],
    personal: '热心肠，愿意为楼道做事。',
    support: '原村组老邻居仍有往来；社区调解资源充足。',
  }),
  '出院后居家康复需要支持': ({ r }) => ({
    psych: `因${r.pick(['脑梗', '骨折', '心脏手术'])}住院后出院不久，担心康复效果，情绪时有低落。`,
    view: '希望尽快恢复走路和自理能力，愿意按计划做康复训练。',
    stress: '康复期医疗费用支出大；家属白天上班，照护时间有限。',
    resources: '有医保，家属愿意学习照护技巧。',
    comProblems: '社区康复器材少，上门康复服务需预约排队。',
    external: '社区卫生服务中心康复指导；区残联辅具适配。',
    problems: [
      ['居家康复缺乏指导', 'high', '链接家庭医生与康复师上门指导'],
      ['照护人手不足', 'medium', '协调家属排班，链接短期上门照护'],
      ['康复信心不足', 'medium', '设定阶段性目标，及时肯定进步'],
    ],
    personal: '康复意愿强，配合治疗。',
    support: '家属关系和睦；家庭医生已签约。',
  }),
  '丧偶后哀伤情绪明显': ({ r }) => ({
    aloneOk: true,
    psych: `配偶${r.pick(['半年前', '三个月前', '去年底'])}病逝，常独自流泪，睡眠差，对以往爱好失去兴趣；无自杀念头。`,
    view: '觉得“家里空了”，愿意有人陪着说说话。',
    stress: '独自处理家务和各类手续感到吃力。',
    resources: '子女关心，经济条件尚可。',
    comProblems: '社区针对丧亲人群的支持活动较少。',
    external: '心理咨询中心可提供哀伤辅导；老年大学可报名。',
    problems: [
      ['哀伤反应明显', 'high', '哀伤辅导，必要时转介心理咨询'],
      ['社会交往减少', 'medium', '陪同参加兴趣小组，重建社交'],
      ['生活事务处理困难', 'low', '协助办理相关手续，教会使用便民服务'],
    ],
    personal: '愿意倾诉，对社工信任。',
    support: '子女和老朋友愿意多陪伴。',
  }),
  '长期照护失能父母，照护压力大': () => CAREGIVER(),
  '父母离异后情绪低落，在校人际关系紧张': ({ r }) => ({
    psych: `父母${r.pick(['去年', '半年前'])}离异后情绪低落，常独自待在房间，在校不愿与同学交往；自评“没人喜欢我”，无自伤念头。`,
    view: '希望在学校有朋友，不想让妈妈（爸爸）再伤心；愿意和社工聊天。',
    stress: '家庭变故后家长忙于工作，陪伴时间少；孩子曾在班上被同学取笑。',
    resources: '家长关心孩子，愿意配合；祖辈可帮忙接送。',
    comProblems: '社区青少年活动场所少。',
    external: '学校心理老师、阳光心理咨询中心可提供支持。',
    problems: [
      ['情绪低落、自我评价低', 'high', '个别辅导，必要时转介心理咨询'],
      ['同伴关系紧张', 'medium', '联合班主任改善班级支持，参加成长小组'],
      ['亲子陪伴不足', 'medium', '指导家长安排固定的陪伴时间'],
    ],
    personal: '懂事、细心，喜欢阅读。',
    support: '家长与学校愿意共同帮助孩子。',
  }),
  '辍学在家，沉迷网络，与家人冲突频繁': () => ({
    psych: '辍学后昼夜颠倒，每天上网十小时以上；与家长说话少，一提学习就发脾气。无违法行为，无自伤念头。',
    view: '觉得读书“没意思”，对汽修、电竞等有兴趣；愿意了解职业培训。',
    stress: '家长工作忙，管教方式简单，多次因上网发生激烈争吵。',
    resources: '家长愿意支持孩子学一门手艺；亲戚可介绍学徒机会。',
    comProblems: '社区缺少面向青少年的活动与就业指导。',
    external: '区职业技术学校、就业服务中心的技能培训可报名。',
    problems: [
      ['作息紊乱、过度上网', 'high', '制定作息约定，逐步减少上网时间'],
      ['缺少学业与职业方向', 'high', '参观职业学校，链接技能培训'],
      ['亲子冲突频繁', 'medium', '亲子沟通辅导'],
    ],
    personal: '动手能力强，讲义气。',
    support: '家长和亲戚愿意支持其学技能。',
  }),
  '重度残疾，需要康复服务与补贴申请': ({ c }) => ({
    psych: '长期居家，外出很少，偶有烦躁；家人照护多年，身心疲惫。',
    view: `希望${c.rural ? '在村里' : '在社区'}能做些康复训练，补贴能按时领到。`,
    stress: '家人承担全部照护，收入有限；康复和辅具费用负担重。',
    resources: '持有残疾人证，已享受困难残疾人生活补贴；家人照护尽心。',
    comProblems: '社区康复站器材少，无障碍设施不完善。',
    external: '区残联辅具适配与康复服务、社区卫生服务中心家庭医生。',
    problems: [
      ['护理补贴尚未申请', 'high', '协助申请重度残疾人护理补贴'],
      ['缺少康复训练与辅具', 'high', '链接残联辅具适配与社区康复训练'],
      ['家庭照护者压力大', 'medium', '链接喘息服务与照护者支持'],
    ],
    personal: '性格温和，愿意配合训练。',
    support: '家人不离不弃；邻里愿意帮忙。',
  }),
  '失业后家庭生活困难，需要救助与就业支持': () => ({
    psych: '失业后焦虑、失眠，觉得对不起家人；求职屡次碰壁后有些消沉，无自伤念头。',
    view: '希望尽快找到工作，先渡过眼前的难关。',
    stress: '家庭收入骤减，房租和孩子上学支出压力大。',
    resources: '家庭享受低保（低收入）政策；配偶有零工收入。',
    comProblems: '周边适合的就业岗位少。',
    external: '民政社会救助科、就业服务中心、慈善总会。',
    problems: [
      ['家庭基本生活困难', 'high', '协助申请临时救助，按期低保复核'],
      ['失业，求职受挫', 'high', '链接就业服务中心岗位推荐与培训'],
      ['焦虑、失眠', 'medium', '情绪支持，压力管理'],
    ],
    personal: '肯吃苦，有多年工作经验。',
    support: '家人理解支持；老同事愿意介绍工作。',
  }),
  '社区矫正期间就业困难，家庭关系紧张': () => ({
    psych: '对矫正身份有顾虑，担心被邻居议论；悔罪态度较好，情绪基本稳定。',
    view: '希望顺利解矫，找到稳定工作，和家人好好相处。',
    stress: '求职时因矫正身份被拒；家人对其过去的行为仍有怨气。',
    resources: '母亲愿意支持；有驾驶技能。',
    comProblems: '社区对矫正对象有一定偏见。',
    external: '司法所、就业服务中心、社区民警。',
    problems: [
      ['就业困难', 'high', '链接就业服务中心，推荐适合岗位'],
      ['家庭关系紧张', 'medium', '组织家庭会议，修复关系'],
      ['担心社区偏见', 'low', '陪同参加社区志愿服务'],
    ],
    personal: '有驾驶技能，愿意改过。',
    support: '母亲支持；司法所社工和民警定期联系。',
  }),
  '社区康复期间巩固戒断，重建家庭与就业支持': () => ({
    psych: '戒断后情绪时有波动，偶有心瘾；自述“想好好过日子”。',
    view: '愿意按时检测，希望找到工作，得到家人的信任。',
    stress: '家人对其能否保持操守有疑虑；过去的朋友圈仍有诱惑。',
    resources: '家属愿意陪伴；有厨师从业经历。',
    comProblems: '社区戒毒康复工作站资源有限。',
    external: '禁毒专干、社区民警、社区卫生服务中心。',
    problems: [
      ['复吸风险', 'high', '定期面谈与检测，识别高危情境'],
      ['家庭信任受损', 'medium', '家庭辅导，重建沟通'],
      ['无稳定工作', 'medium', '链接职业技能培训与就业'],
    ],
    personal: '有厨师手艺，戒断意愿强。',
    support: '家属陪伴；禁毒专干每月联系。',
  }),
  '遭受配偶家庭暴力，需要安全计划与法律支持': () => ({
    psych: '多次被配偶推搡、辱骂，近期一次受伤后十分恐惧，夜不能寐；无自伤念头。',
    view: '希望暴力停止、自己和孩子安全，对是否离婚尚在考虑。',
    stress: '经济上依赖配偶；担心报警后遭到报复。',
    resources: '娘家愿意在紧急时提供住处；有一份兼职收入。',
    comProblems: '邻里多认为是“家务事”，不愿介入。',
    external: '派出所、法院、妇联、法律援助中心、心理咨询中心。',
    problems: [
      ['人身安全受到威胁', 'high', '制定安全计划，协助申请告诫书和人身安全保护令'],
      ['恐惧、失眠', 'high', '心理支持，转介心理咨询'],
      ['法律与经济问题', 'medium', '链接妇联与法律援助'],
    ],
    personal: '有主见，愿意寻求帮助。',
    support: '娘家人支持；妇联权益部已介入。',
  }),
  '邻里噪音纠纷反复发生': () => ({
    psych: '长期受噪音困扰，睡眠不足，情绪烦躁，对邻居有敌意。',
    view: '希望问题得到解决，不想把关系闹僵。',
    stress: '多次协商无果，曾报警处理。',
    resources: '家人支持通过协商解决。',
    comProblems: '楼栋隔音差，住户作息差异大。',
    external: '社区调解委员会、派出所社区民警可参与。',
    problems: [
      ['邻里噪音纠纷', 'high', '组织双方调解，约定安静时段'],
      ['睡眠与情绪受影响', 'medium', '情绪疏导，放松训练'],
    ],
    personal: '讲道理，愿意沟通。',
    support: '楼道长和热心邻居愿意从中协调。',
  }),
};

const DEFAULT_TEMPLATE = (): ProblemTemplate => ({
  psych: '情绪总体稳定，偶有焦虑；认知清楚，沟通顺畅。',
  view: '希望在社工帮助下改善目前的处境。',
  stress: '家庭照护和经济方面有一定压力。',
  resources: '家人愿意配合，享有基本社会保障。',
  comProblems: '社区公共服务资源有限。',
  external: '社区居委会、社区卫生服务中心可提供支持。',
  problems: [
    ['生活照顾需要', 'high', '链接居家服务资源'],
    ['情绪支持需要', 'medium', '定期探访与情绪支持'],
  ],
  personal: '配合度高，愿意尝试。',
  support: '家人和邻居关心。',
});

const HEALTH_TEXT: Record<number, string[]> = {
  0: ['身体状况良好，无重大疾病，定期体检。', '身体健康，偶有感冒，未长期服药。'],
  1: ['患高血压，按时服药，血压控制尚可。', '患糖尿病多年，需长期服药并监测血糖。', '有慢性支气管炎，换季时易发作。'],
  2: ['患高血压、关节炎，行走需借助拐杖，需长期服药。', '中风后遗症，一侧肢体无力，定期复诊。'],
  3: ['长期卧床，患多种慢性病，需他人协助服药与翻身。', '重度失能，依赖轮椅，需专人照护。'],
};
const DAILY_TEXT: Record<number, string> = {
  0: '生活完全自理，能独立做饭、购物、出行。',
  1: '日常生活基本自理，洗澡、上下楼梯较吃力。',
  2: '穿衣、洗澡、如厕需要部分帮助，行走需搀扶或使用助行器。',
  3: '进食、如厕、移动等大部分日常活动依赖他人照护。',
};
const DISABILITY_TEXT: Record<string, string> = {
  visual: '视力残疾，阅读和夜间出行困难。',
  hearing: '听力残疾，交流时需放慢语速、面对面说话。',
  physical: '肢体残疾，上下楼梯和长距离行走困难。',
  intellectual: '智力残疾，理解复杂事务需要家人协助。',
  mental: '精神残疾，病情稳定，按时服药、定期复诊。',
  speech: '言语残疾，以书写和手势辅助交流。',
};
const INCOME_TEXT: Record<string, string> = {
  dibao: '家庭享受最低生活保障，收入低，支出以医疗和日常开销为主。',
  tekun: '为特困供养人员，由政府供养，日常开销基本够用。',
  low_income: '属低收入家庭，偶有打零工收入，应对大额支出困难。',
};
const HOUSEHOLD_TEXT: Record<string, string> = {
  living_alone: '独居，子女在外地工作，每周电话联系，逢年过节回家。',
  empty_nest: '与配偶同住，子女已成家另住，每月探望一两次。',
  left_behind: '家中青壮年外出务工，与孙辈同住，承担主要照看责任。',
  three_generation: '三代同住，家庭成员关系总体和睦，照护分工尚不明确。',
  single_parent: '离异（丧偶）后独自抚养孩子，工作与照顾孩子难以兼顾。',
  ordinary: '与家人同住，家庭关系总体和睦。',
};

/** The household as a child client lives in it. */
const CHILD_HOUSEHOLD_TEXT: Record<string, string> = {
  left_behind: '父母在外地务工，与祖辈同住，由祖辈照看生活和学习。',
  single_parent: '父母离异，与一方家长同住，另一方偶尔探望。',
  three_generation: '与父母、祖辈同住，家庭关系总体和睦。',
  assistance: '与父母同住，家庭享受最低生活保障。',
  ordinary: '与父母同住，家庭关系总体和睦。',
};

/** A younger client of 高龄老人照护压力大 is the one who cares for the old person. */
const CAREGIVER = (): ProblemTemplate => ({
  psych: '长期照护家中高龄老人，身心疲惫，常感焦虑和内疚；睡眠不足。',
  view: '希望有人分担照护，能兼顾工作和自己的生活。',
  stress: '老人行动不便、需要日常照护，兄弟姐妹在外地，照护主要落在服务对象一人身上。',
  resources: '老人有养老金；可申请居家养老服务补贴。',
  comProblems: '社区喘息服务名额少，需要排队。',
  external: '居家养老服务站、家庭医生团队可提供支持。',
  problems: [
    ['照护负担过重', 'high', '链接居家养老上门服务与喘息服务'],
    ['照护者情绪压力', 'medium', '照护者支持小组，情绪疏导'],
    ['家庭照护分工不明', 'medium', '召开家庭会议，协商分工'],
  ],
  personal: '责任心强，照护经验丰富。',
  support: '邻里关系好；家庭医生已签约。',
});

function generalAnswers(x: Ctx, problem: string): Answers {
  const { r, c } = x;
  const s = severityOf(c);
  const tpl = (c.age < 60 && problem.startsWith('高龄') ? CAREGIVER : TEMPLATES[problem] ?? DEFAULT_TEMPLATE)(x);
  const child = c.age < 18;
  const economy = c.incomeStatus && INCOME_TEXT[c.incomeStatus]
    ? INCOME_TEXT[c.incomeStatus]
    : child ? '无收入，由家庭供养，家庭开销基本能够维持。'
      : c.age >= 60 ? `有${r.pick(['养老金', '退休金', '城乡居民养老保险'])}，日常开销够用，医疗支出有压力。` : r.pick(['有工作收入，家庭开销基本能够维持。', '收入不稳定，以打零工为主。']);
  const famEconomy = c.incomeStatus === 'dibao' || c.incomeStatus === 'tekun' ? 'difficult' : c.incomeStatus === 'low_income' ? r.pick(['basic', 'difficult']) : r.pick(['sufficient', 'basic', 'basic']);
  const spaces = c.rural ? `${c.communityName}有村文化礼堂和健身广场，距镇卫生院约 3 公里。` : `${c.communityName}有党群服务中心、老年活动室和社区卫生服务站，步行可达。`;
  return {
    ind_health: [r.pick(HEALTH_TEXT[s]), c.disabilityType ? DISABILITY_TEXT[c.disabilityType] ?? '' : ''].join(''),
    ind_daily: child ? '生活自理，按时上学；家务和饮食由家人照料。' : DAILY_TEXT[c.age < 60 ? Math.min(s, 1) : s],
    ind_psych: tpl.psych,
    ind_economy: economy,
    ind_view: tpl.view,
    fam_structure: x.alone
      ? c.age >= 60 ? HOUSEHOLD_TEXT.living_alone : '独居，亲属不在本地，平时联系较少。'
      : (child ? CHILD_HOUSEHOLD_TEXT : HOUSEHOLD_TEXT)[c.householdType ?? 'ordinary'] ?? HOUSEHOLD_TEXT.ordinary,
    fam_economy: famEconomy,
    // 独居者可不填本部分 (the instrument's note): left out where the texts speak of a household.
    ...(x.alone && !tpl.aloneOk ? {} : { fam_stress: tpl.stress, fam_resources: tpl.resources }),
    com_spaces: spaces,
    com_services: c.age >= 60 ? '社区有助餐点和居家养老服务站，服务对象此前较少使用。' : child ? '社区有青少年活动室和暑期托管班，服务对象此前较少参加。' : '社区有就业服务窗口和志愿服务队，服务对象了解不多。',
    com_problems: tpl.comProblems,
    com_external: tpl.external,
    problem_list: tpl.problems.map(([p, priority, strategy]) => ({ problem: p, priority, strategy })),
    str_personal: tpl.personal,
    str_support: tpl.support,
  };
}

// ——— 老年人能力评估 (MZ/T 039—2013) ———

/** One of `options` at index `best`, or a step worse one time in four. */
const clampPick = (r: Rng, options: number[], best: number) => options[Math.min(options.length - 1, Math.max(0, best + (r.chance(0.25) ? 1 : 0)))];

/**
 * An MZ/T 039 answer set that fits the client: the Barthel items from their need of care (one step
 * worse for a physical disability), senses from age and disability, mental state from the problem
 * and any intellectual or mental disability, social participation from the need of care.
 */
function elderlyAnswers(r: Rng, c: Client, problem: string): Answers {
  const s = severityOf(c);
  const physical = c.disabilityType === 'physical';
  const old = c.age >= 80;
  // Option index per severity: 0 is the best answer (the most points).
  const step = (bySeverity: [number, number, number, number], extra = 0) => bySeverity[s] + extra;
  const barthel = (values: number[], idx: number) => String(values[Math.min(values.length - 1, Math.max(0, idx))]);
  const mobility = physical ? 1 : 0;
  const a: Answers = {
    adl_feeding: barthel([10, 5, 0], step([0, 0, 0, 1])),
    adl_bathing: barthel([5, 0], step([old && r.chance(0.4) ? 1 : 0, r.chance(0.5) ? 1 : 0, 1, 1])),
    adl_grooming: barthel([5, 0], step([0, 0, r.chance(0.5) ? 1 : 0, 1])),
    adl_dressing: barthel([10, 5, 0], step([0, 0, 1, 2])),
    adl_bowels: barthel([10, 5, 0], step([0, 0, r.chance(0.3) ? 1 : 0, 1])),
    adl_bladder: barthel([10, 5, 0], step([0, old && r.chance(0.3) ? 1 : 0, 1, r.chance(0.5) ? 1 : 2])),
    adl_toilet: barthel([10, 5, 0], step([0, 0, 1, 2])),
    adl_transfer: barthel([15, 10, 5, 0], step([0, 0, 1, 2], mobility)),
    adl_walking: barthel([15, 10, 5, 0], step([old && r.chance(0.3) ? 1 : 0, 1, r.chance(0.5) ? 1 : 2, r.chance(0.5) ? 2 : 3], mobility)),
    adl_stairs: barthel([10, 5, 0], step([old && r.chance(0.5) ? 1 : 0, 1, 2, 2], mobility)),
  };
  const cognitiveDisability = c.disabilityType === 'intellectual' || c.disabilityType === 'mental';
  const cognition = s === 3 ? (r.chance(0.4) ? 2 : 1) : cognitiveDisability || s === 2 || (old && r.chance(0.35)) ? 1 : 0;
  const low = /情绪低落|哀伤|不敢出门/.test(problem);
  Object.assign(a, {
    mental_cognition: String(cognition),
    mental_aggression: String(s === 3 && r.chance(0.2) ? 1 : 0),
    mental_depression: String(low || (s >= 2 && r.chance(0.3)) ? 1 : 0),
    sense_consciousness: String(s === 3 && r.chance(0.3) ? 1 : 0),
    sense_vision: String(c.disabilityType === 'visual' ? r.pick([2, 3]) : clampPick(r, [0, 1, 2], c.age >= 75 ? 1 : 0)),
    sense_hearing: String(c.disabilityType === 'hearing' ? r.pick([2, 3]) : clampPick(r, [0, 1, 2], old ? 1 : 0)),
    sense_communication: String(c.disabilityType === 'speech' || c.disabilityType === 'hearing' ? 2 : s === 3 || cognition === 2 ? 1 : 0),
    social_living: String([r.pick([0, 1]), 1, r.pick([2, 3]), 4][s]),
    social_work: String(Math.min(4, (c.age >= 70 ? 1 : 0) + [0, 1, 1, 2][s])),
    social_orientation_place: String([0, r.pick([0, 1]), r.pick([1, 2]), r.pick([2, 3])][s] + (cognition === 2 ? 1 : 0)),
    social_orientation_people: String([0, 0, r.pick([0, 1]), r.pick([1, 2])][s]),
    social_interaction: String([0, r.pick([0, 1]), r.pick([1, 2]), r.pick([2, 3])][s]),
    // Annex A: a cognition answer of 2 is a diagnosis; falls follow the problem and the need of care.
    cond_dementia: cognition === 2 ? 'yes' : 'no',
    cond_mental_illness: c.disabilityType === 'mental' ? 'yes' : 'no',
    acc_fall: String(/跌倒/.test(problem) ? 1 : s >= 2 && r.chance(0.3) ? (s === 3 && r.chance(0.4) ? 2 : 1) : 0),
    acc_wander: String(cognition === 2 && r.chance(0.3) ? 1 : 0),
    acc_choke: String(s === 3 && r.chance(0.15) ? 1 : 0),
    acc_suicide: '0',
  });
  return a;
}

// ——— the seed ———

type Instrument = { id: string; code: string; version: number; name: string; definition: ReturnType<typeof parseDefinition> };

async function latestInstrument(db: Db, code: string): Promise<Instrument> {
  const [row] = await db
    .select()
    .from(assessmentInstruments)
    .where(and(eq(assessmentInstruments.code, code), eq(assessmentInstruments.active, true)))
    .orderBy(desc(assessmentInstruments.version))
    .limit(1);
  if (!row) throw new Error(`instrument ${code} is not seeded`);
  return { id: row.id, code: row.code, version: row.version, name: row.name, definition: parseDefinition(row.definition) };
}

/** When a demo assessment was entered: the afternoon of its date, Beijing time (not yet, for today's: now). */
const enteredAt = (date: string) => new Date(Math.min(Date.parse(`${date}T16:00:00+08:00`), Date.now()));

/**
 * Demo assessments for the given cases (ids from seedCases): see the note at the top. Deterministic
 * for a given set of cases and day; all rows written in a few batched inserts.
 */
export async function seedDemoAssessments(db: Db, { caseIds, seed = 39 }: { caseIds: string[]; seed?: number }) {
  if (!caseIds.length) return { general: 0, elderly: 0 };
  const r = rng(seed);
  const today = chinaToday();
  const [general, elderly] = await Promise.all([latestInstrument(db, 'general'), latestInstrument(db, 'mzt039_elderly_ability')]);
  const rows = await db
    .select({
      id: cases.id, status: cases.status, intakeDate: cases.intakeDate, closedAt: cases.closedAt, problem: cases.presentingProblem, serviceArea: cases.serviceArea,
      leadUserId: cases.leadUserId, supervisorUserId: cases.supervisorUserId, birthDate: residents.birthDate, health: residents.health,
      disabilityType: residents.disabilityType, incomeStatus: residents.incomeStatus, emergencyName: residents.emergencyName, emergencyRelation: residents.emergencyRelation,
      householdType: households.type, communityName: orgUnits.name, communityKind: orgUnits.kind,
    })
    .from(cases)
    .innerJoin(residents, eq(residents.id, cases.residentId))
    .innerJoin(orgUnits, eq(orgUnits.id, cases.communityId))
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(and(inArray(cases.id, caseIds), inArray(cases.status, ASSESSED_STATUSES)))
    .orderBy(asc(cases.caseNo));
  if (!rows.length) return { general: 0, elderly: 0 };
  const team = await db
    .select({ caseId: caseTeam.caseId, userId: caseTeam.userId, role: caseTeam.role })
    .from(caseTeam)
    .where(and(inArray(caseTeam.caseId, rows.map((c) => c.id)), eq(caseTeam.active, true), inArray(caseTeam.role, WORKING_ROLES)))
    .orderBy(asc(caseTeam.addedAt), asc(caseTeam.userId));

  const assessments: (typeof caseAssessments.$inferInsert)[] = [];
  const events: (typeof caseEvents.$inferInsert)[] = [];
  const add = (c: (typeof rows)[number], instrument: Instrument, assessedOn: string, answers: Answers, assessorIds: string[], summaryOf: (level: string | null) => string, informant: string | null) => {
    const scored = scoreOrRefuse({ definition: instrument.definition, answers, assessedOn });
    const level = scored.result.level;
    const id = randomUUID();
    assessments.push({
      id, caseId: c.id, instrumentId: instrument.id, assessedOn, answers: scored.answers, result: scored.result, summary: summaryOf(level?.valueLabel?.zh ?? null),
      assessorIds, otherAssessor: null, informant, nextDueDate: scored.nextDueDate, createdAt: enteredAt(assessedOn), createdBy: c.leadUserId,
    });
    events.push({
      caseId: c.id, actorId: c.leadUserId, action: 'assessments.create', at: enteredAt(assessedOn),
      note: level ? `${instrument.name}：${level.valueLabel?.zh ?? level.value}` : instrument.name,
      detail: { assessmentId: id, instrument: instrument.code, instrumentVersion: instrument.version, level: level?.value ?? null, nextDueDate: scored.nextDueDate },
    });
    return scored;
  };

  // Open elderly cases of each lead, in case order: every third one whose client was assessed long
  // enough ago is left with its six-monthly reassessment due (the first of each lead at least).
  const slippedPerLead = new Map<string, number>();
  for (const c of rows) {
    if (!c.birthDate || !c.leadUserId) continue;
    const lead = c.leadUserId;
    const age = Number(today.slice(0, 4)) - Number(c.birthDate.slice(0, 4)) - (today.slice(5) < c.birthDate.slice(5) ? 1 : 0);
    const client: Client = {
      age, health: c.health, disabilityType: c.disabilityType, incomeStatus: c.incomeStatus,
      emergency: c.emergencyName ? `${c.emergencyRelation ?? ''} ${c.emergencyName}`.trim() : null,
      householdType: c.householdType, communityName: c.communityName, rural: c.communityKind === 'village',
    };
    const assessing = c.status === 'assessment';
    // Most cases past intake have their 通用预估; of those still in the assessment stage, about half.
    if (!r.chance(assessing ? 0.5 : 0.92)) continue;
    const closedOn = c.closedAt ? chinaToday(c.closedAt) : null;
    const last = closedOn ?? today;
    // A few days after intake; for a case still in the assessment stage, in the last two weeks.
    const planned = assessing ? addDays(today, -r.int(1, 15)) : addDays(c.intakeDate, r.int(2, 6));
    const first = [[planned, addDays(c.intakeDate, 1)].sort()[1], last].sort()[0];
    const ctx: Ctx = { r, c: client, alone: c.householdType === 'living_alone' || c.problem.startsWith('独居') };
    add(c, general, first, generalAnswers(ctx, c.problem), [lead], () => `${c.problem}。已列出优先处理的问题，作为服务计划的依据。`, client.age < 18 ? '本人及监护人' : '本人');

    if (client.age < 60 || c.serviceArea !== 'community_care') continue;
    // MZ/T 039 §4.3.1: two assessors — the lead and the case's supervisor (or another worker of the team).
    const members = team.filter((m) => m.caseId === c.id && m.userId !== lead);
    const second = members.find((m) => m.userId === c.supervisorUserId) ?? members[0];
    if (!second?.userId) continue;
    const assessors = [lead, second.userId];
    const informant = severityOf(client) >= 2 && client.emergency ? client.emergency : '本人';
    const summary = (level: string | null) => `${level ?? ''}。${severityOf(client) >= 2 ? '日常生活需要他人协助，建议链接居家照护服务。' : '基本能够自理，关注跌倒风险与社会参与。'}`;
    // The dates of the six-monthly assessments: on time (up to ten days early) while the case runs;
    // a slipped case stops at the one whose reassessment is now due.
    const dates = [first];
    const dueByNow = !closedOn && !assessing && addMonths(first, 6) <= addDays(today, 7);
    const nth = dueByNow ? (slippedPerLead.get(lead) ?? 0) : -1;
    if (dueByNow) slippedPerLead.set(lead, nth + 1);
    if (nth >= 0 && nth % 3 === 0) {
      // Slipped: the latest assessment about six months ago, due from a month ago to next week.
      const latest = addDays(addMonths(today, -6), r.int(-30, 6));
      if (daysBetween(first, latest) < 60) dates[0] = [first, latest].sort()[1];
      else {
        while (addMonths(dates.at(-1)!, 12) <= latest) dates.push(addDays(addMonths(dates.at(-1)!, 6), -r.int(0, 10)));
        dates.push(latest);
      }
    } else if (!assessing) {
      for (;;) {
        const next = addDays(addMonths(dates.at(-1)!, 6), -r.int(0, 10));
        if (next > last) break;
        dates.push(next);
      }
    }
    for (const d of dates) add(c, elderly, d, elderlyAnswers(r, client, c.problem), assessors, summary, informant);
  }

  for (let i = 0; i < assessments.length; i += 500) await db.insert(caseAssessments).values(assessments.slice(i, i + 500));
  for (let i = 0; i < events.length; i += 500) await db.insert(caseEvents).values(events.slice(i, i + 500));
  return { general: assessments.filter((a) => a.instrumentId === general.id).length, elderly: assessments.filter((a) => a.instrumentId === elderly.id).length };
}
