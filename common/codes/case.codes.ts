import type { Code } from './codes';
import type { FileKind } from './file-types';

/** 个案 sources (MZ/T 094—2017 接案). */
export const CASE_SOURCES = [
  { code: 'self_referral', zh: '主动求助', en: 'Self-referral' },
  { code: 'outreach', zh: '外展发现', en: 'Outreach' },
  { code: 'referral_in', zh: '转介', en: 'Referred in' },
  { code: 'home_visit', zh: '走访发现', en: 'Found on a home visit' },
  { code: 'assigned', zh: '上级交办', en: 'Assigned by authorities' },
] as const satisfies readonly Code[];

/** Service areas of MZ/T 071 §5. */
export const SERVICE_AREAS = [
  { code: 'community_care', zh: '统筹社区照顾', en: 'Community care' },
  { code: 'participation', zh: '扩大社区参与', en: 'Community participation' },
  { code: 'integration', zh: '促进社区融合', en: 'Community integration' },
  { code: 'development', zh: '推动社区发展', en: 'Community development' },
  { code: 'correction', zh: '参与社区矫正', en: 'Community correction' },
  { code: 'drug_rehab', zh: '参与社区戒毒社区康复', en: 'Community drug rehabilitation' },
  { code: 'other', zh: '其他服务', en: 'Other services' },
] as const satisfies readonly Code[];

/** Kinds of case: the last three are restricted (§5.5, §5.6, 反家庭暴力法). */
export const CASE_KINDS = [
  { code: 'general', zh: '一般个案', en: 'General' },
  { code: 'correction', zh: '社区矫正', en: 'Community correction' },
  { code: 'drug_rehab', zh: '社区戒毒/康复', en: 'Drug rehabilitation' },
  { code: 'domestic_violence', zh: '家庭暴力', en: 'Domestic violence' },
] as const satisfies readonly Code[];
export const RESTRICTED_CASE_KINDS: readonly string[] = ['correction', 'drug_rehab', 'domestic_violence'];

/** 接案 → 预估 → 计划 → 介入 → 评估 → 结案 (MZ/T 094—2017), with the approvals of the supervisor. */
export const CASE_STATUSES = [
  { code: 'intake', zh: '接案', en: 'Intake' },
  { code: 'assessment', zh: '预估', en: 'Assessment' },
  { code: 'planning', zh: '制定计划', en: 'Planning' },
  { code: 'plan_review', zh: '计划待审批', en: 'Plan awaiting approval' },
  { code: 'active', zh: '服务中', en: 'In service' },
  { code: 'closure_review', zh: '结案待审批', en: 'Closure awaiting approval' },
  { code: 'closed', zh: '已结案', en: 'Closed' },
  { code: 'declined', zh: '不予接案', en: 'Declined' },
  { code: 'referred_out', zh: '已转出', en: 'Referred out' },
  { code: 'ended', zh: '已终止', en: 'Ended before service' },
] as const satisfies readonly Code[];
export type CaseStatus = (typeof CASE_STATUSES)[number]['code'];
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['intake', 'assessment', 'planning', 'plan_review', 'active', 'closure_review'];

export const INTAKE_DECISIONS = [
  { code: 'accept', zh: '接案', en: 'Accept' },
  { code: 'refer_out', zh: '转介他处', en: 'Refer out' },
  { code: 'decline', zh: '不予接案', en: 'Decline' },
] as const satisfies readonly Code[];

/**
 * Why a case ends in 预估 or 计划, before any service (MZ/T 094—2017 结案 for reasons other than goals
 * met). `referred` sends the case to 已转出; every other reason to 已终止.
 */
export const END_REASONS = [
  { code: 'client_withdrew', zh: '服务对象撤回求助或拒绝服务', en: 'The client withdrew' },
  { code: 'moved', zh: '服务对象迁出', en: 'The client moved away' },
  { code: 'deceased', zh: '服务对象去世', en: 'The client died' },
  { code: 'referred', zh: '已转介其他机构', en: 'Referred elsewhere' },
  { code: 'no_need', zh: '经预估无需个案服务', en: 'No case work needed after assessment' },
  { code: 'lost_contact', zh: '失去联系', en: 'Lost contact' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly Code[];

/** How the processing of the client's data is justified (个人信息保护法 第13条). */
export const CONSENT_BASES = [
  { code: 'consent', zh: '本人同意', en: 'Consent of the client' },
  { code: 'guardian_consent', zh: '监护人同意', en: 'Consent of the guardian' },
  { code: 'legal_duty', zh: '履行法定职责或义务', en: 'Legal duty' },
  { code: 'vital_interest', zh: '紧急情况下保护生命健康', en: 'Protecting life or health in an emergency' },
] as const satisfies readonly Code[];

export const RECORD_MODES = [
  { code: 'home_visit', zh: '家访', en: 'Home visit' },
  { code: 'interview', zh: '面谈', en: 'Interview' },
  { code: 'phone', zh: '电话', en: 'Phone' },
  { code: 'online', zh: '线上', en: 'Online' },
  { code: 'accompany', zh: '陪同', en: 'Accompanying' },
  { code: 'group', zh: '小组', en: 'Group' },
] as const satisfies readonly Code[];

export const TEAM_ROLES = [
  { code: 'lead', zh: '主责社工', en: 'Lead worker' },
  { code: 'co_worker', zh: '协同社工', en: 'Co-worker' },
  { code: 'supervisor', zh: '督导', en: 'Supervisor' },
  { code: 'manager', zh: '授权管理人员', en: 'Named manager' },
  { code: 'external', zh: '跨专业/外部成员', en: 'Member from another discipline' },
] as const satisfies readonly Code[];

export const CLOSURE_REASONS = [
  { code: 'goals_met', zh: '服务目标达成', en: 'Goals met' },
  { code: 'client_request', zh: '服务对象要求结束', en: 'Client asked to end' },
  { code: 'moved', zh: '服务对象迁出', en: 'Client moved away' },
  { code: 'referred', zh: '已转介其他机构', en: 'Referred elsewhere' },
  { code: 'deceased', zh: '服务对象去世', en: 'Client died' },
  { code: 'lost_contact', zh: '失去联系', en: 'Lost contact' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly Code[];

/** Attainment of a plan goal at evaluation. */
export const GOAL_ATTAINMENTS = [
  { code: 'achieved', zh: '完全达成', en: 'Achieved' },
  { code: 'mostly', zh: '大部分达成', en: 'Mostly achieved' },
  { code: 'partly', zh: '部分达成', en: 'Partly achieved' },
  { code: 'not_achieved', zh: '未达成', en: 'Not achieved' },
] as const satisfies readonly Code[];

export const TASK_STATUSES = [
  { code: 'open', zh: '进行中', en: 'Open' },
  { code: 'done', zh: '已完成', en: 'Done' },
  { code: 'cancelled', zh: '已取消', en: 'Cancelled' },
] as const satisfies readonly Code[];

export const PLAN_STATUSES = [
  { code: 'draft', zh: '草稿', en: 'Draft' },
  { code: 'submitted', zh: '待审批', en: 'Awaiting approval' },
  { code: 'approved', zh: '已批准', en: 'Approved' },
  { code: 'returned', zh: '已退回', en: 'Returned' },
] as const satisfies readonly Code[];

export const FOLLOWUP_KINDS = [
  { code: 'after_closure', zh: '结案回访', en: 'After closure' },
  { code: 'warning_letter', zh: '告诫书查访', en: 'Visit after a written warning' },
  { code: 'protection_order', zh: '保护令协助执行回访', en: 'Visit under a protection order' },
] as const satisfies readonly Code[];

/** DA/T 22—2015 retention codes. */
export const RETENTION_PERIODS = [
  { code: 'Y', zh: '永久', en: 'Permanent' },
  { code: 'D30', zh: '定期30年', en: '30 years' },
  { code: 'D10', zh: '定期10年', en: '10 years' },
] as const satisfies readonly Code[];

/** A record entered more than this long after the service is late (MZ/T 071 §7.2.3 timeliness). */
export const LATE_RECORD_HOURS = 24;
/** Attachments of service records: what workers photograph (phones: HEIC), scan and write; the type is read from the content. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_KINDS = ['jpg', 'png', 'heic', 'pdf', 'doc', 'docx', 'xls', 'xlsx'] as const satisfies readonly FileKind[];

/** 资源目录 entry types (§6.2.2). */
export const RESOURCE_TYPES = [
  { code: 'government', zh: '政府部门', en: 'Government department' },
  { code: 'hospital', zh: '医院/医疗机构', en: 'Hospital or clinic' },
  { code: 'school', zh: '学校', en: 'School' },
  { code: 'social_org', zh: '社会组织', en: 'Social organisation' },
  { code: 'enterprise', zh: '企业', en: 'Enterprise' },
  { code: 'mass_org', zh: '群团组织（妇联/残联/团委）', en: 'Mass organisation' },
  { code: 'police', zh: '公安/司法机关', en: 'Police or justice' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly Code[];

export const REFERRAL_STATUSES = [
  { code: 'sent', zh: '已发送', en: 'Sent' },
  { code: 'accepted', zh: '已接收', en: 'Accepted' },
  { code: 'declined', zh: '已拒绝', en: 'Declined' },
  { code: 'completed', zh: '已完成', en: 'Completed' },
  { code: 'cancelled', zh: '已撤回', en: 'Withdrawn' },
] as const satisfies readonly Code[];

/** Suspicions that oblige the worker to report (domain facts §9–§10). */
export const MANDATORY_REPORT_KINDS = [
  { code: 'dv_limited_capacity', zh: '无/限制民事行为能力人遭受（疑似）家庭暴力', en: 'Suspected domestic violence against a person of limited capacity', law: '反家庭暴力法 第14条', reportTo: '公安机关' },
  { code: 'minor_harm', zh: '未成年人遭受（疑似）侵害或面临危险', en: 'A minor harmed, suspected harmed or in danger', law: '未成年人保护法 第11条', reportTo: '公安、民政、教育等部门' },
  { code: 'drug_serious_violation', zh: '社区戒毒/康复人员严重违反协议', en: 'Serious breach of a drug-rehabilitation agreement', law: '戒毒条例 第20–21条', reportTo: '公安机关' },
] as const satisfies readonly (Code & { law: string; reportTo: string })[];
/**
 * Suspicions that may turn out unfounded and be dismissed without a report. Not a serious breach of
 * a rehabilitation agreement: that is a count of facts the worker recorded (戒毒条例 第20条), and
 * the report to the police then is due without a judgement to make (第21条).
 */
export const DISMISSABLE_REPORT_KINDS: readonly string[] = ['dv_limited_capacity', 'minor_harm'];
/** "Promptly"/"immediately": a report is overdue this many hours after the flag. */
export const MANDATORY_REPORT_DUE_HOURS = 24;

export const REPORT_METHODS = [
  { code: 'phone', zh: '电话（110 等）', en: 'Phone' },
  { code: 'in_person', zh: '当面报告', en: 'In person' },
  { code: 'written', zh: '书面报告', en: 'In writing' },
  { code: 'online', zh: '网络平台', en: 'Online platform' },
] as const satisfies readonly Code[];

export const ORDER_KINDS = [
  { code: 'warning_letter', zh: '告诫书', en: 'Written warning (告诫书)' },
  { code: 'protection_order', zh: '人身安全保护令', en: 'Personal safety protection order' },
] as const satisfies readonly Code[];
/** 人身安全保护令 is valid for at most 6 months (反家庭暴力法 第30条). */
export const PROTECTION_ORDER_MAX_MONTHS = 6;

export const PROTECTION_MEASURES = [
  { code: 'no_violence', zh: '禁止实施家庭暴力', en: 'No violence' },
  { code: 'no_harassment', zh: '禁止骚扰、跟踪、接触', en: 'No harassment, stalking or contact' },
  { code: 'move_out', zh: '责令迁出住所', en: 'Move out of the home' },
  { code: 'other', zh: '其他措施', en: 'Other measures' },
] as const satisfies readonly Code[];

/** 社区矫正法 第2条. */
export const CORRECTION_TYPES = [
  { code: 'control', zh: '管制', en: 'Public surveillance' },
  { code: 'probation', zh: '缓刑', en: 'Probation' },
  { code: 'parole', zh: '假释', en: 'Parole' },
  { code: 'medical_parole', zh: '暂予监外执行', en: 'Temporary execution outside prison' },
] as const satisfies readonly Code[];

/** 戒毒条例: 社区戒毒 (第13条) and 社区康复 (第37条), each for 3 years. */
export const REHAB_TYPES = [
  { code: 'community_detox', zh: '社区戒毒', en: 'Community detoxification' },
  { code: 'community_rehab', zh: '社区康复', en: 'Community rehabilitation' },
] as const satisfies readonly Code[];
export const REHAB_TERM_YEARS = 3;
/** 戒毒条例 第20条: serious breach = ≥ 3 refused tests, or ≥ 3 unauthorised leaves, or > 30 days away. */
export const REHAB_SERIOUS = { testRefusals: 3, unauthorizedLeaves: 3, unauthorizedLeaveDays: 30 } as const;

/** Kinds of tie in an ecomap (§6.2.4). */
export const TIE_KINDS = [
  { code: 'family', zh: '家人', en: 'Family' },
  { code: 'friend', zh: '朋友/邻里', en: 'Friends and neighbours' },
  { code: 'community', zh: '社区/居委会', en: 'Community' },
  { code: 'government', zh: '政府部门', en: 'Government' },
  { code: 'health', zh: '医疗', en: 'Health' },
  { code: 'school', zh: '学校', en: 'School' },
  { code: 'work', zh: '工作单位', en: 'Work' },
  { code: 'social_org', zh: '社会组织', en: 'Social organisation' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly Code[];
export const TIE_QUALITIES = [
  { code: 'supportive', zh: '支持', en: 'Supportive' },
  { code: 'stressful', zh: '压力/冲突', en: 'Stressful' },
  { code: 'mixed', zh: '既支持又有压力', en: 'Mixed' },
] as const satisfies readonly Code[];
