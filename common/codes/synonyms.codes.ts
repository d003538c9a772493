// The words offices write in their own registers for the values of our code lists: one table per
// list, word → code. The import reads a cell by code, label (codes.ts findCode) and then these.
import type { Code } from './codes';
import { ETHNICITIES } from './ethnicity.codes';
import {
  CONSENT_BASES, DISABILITY_GRADES, DISABILITY_TYPES, EDUCATIONS, EMPLOYMENTS, HEALTH_STATUSES, HUKOU_TYPES, ID_TYPES, INCOME_STATUSES,
  MARITAL_STATUSES, RELATIONS_TO_HEAD, SEXES,
} from './resident.codes';
import { TAGS } from './tag.codes';

type Words = Record<string, string>;

/** 性别 (GB/T 2261.1: 1 男, 2 女). */
export const SEX_WORDS: Words = { 男性: 'male', 女性: 'female', 男士: 'male', 女士: 'female', M: 'male', F: 'female', '1': 'male', '2': 'female' };

export const ID_TYPE_WORDS: Words = {
  身份证: 'resident_id_card', 二代身份证: 'resident_id_card', 居民身份证号: 'resident_id_card', 身份证号: 'resident_id_card',
  港澳台居住证: 'hmt_residence_permit', 台胞证: 'hmt_travel_permit', 回乡证: 'hmt_travel_permit', 港澳通行证: 'hmt_travel_permit',
  永久居留证: 'foreign_permanent', 外国人永居证: 'foreign_permanent', 户口本: 'household_register',
};

/** 户籍: registered here; elsewhere; living here without registration (流动/外来人口, §5.3). */
export const HUKOU_WORDS: Words = {
  本地: 'local', 本市: 'local', 本区: 'local', 本县: 'local', 本镇: 'local', 本街道: 'local', 本社区: 'local', 本地户口: 'local', 本市户籍: 'local',
  本区户籍: 'local', 户籍人口: 'local', 常住户籍: 'local', 外地: 'nonlocal', 外省: 'nonlocal', 外市: 'nonlocal', 外区: 'nonlocal', 非本地: 'nonlocal',
  非本市: 'nonlocal', 外地户口: 'nonlocal', 外省户籍: 'nonlocal', 外市户籍: 'nonlocal', 外来: 'migrant', 流动: 'migrant', 流动人口: 'migrant',
  外来务工: 'migrant', 暂住: 'migrant', 暂住人口: 'migrant',
};

export const MARITAL_WORDS: Words = {
  单身: 'unmarried', 未婚未育: 'unmarried', 有配偶: 'married', 初婚: 'married', 再婚: 'married', 复婚: 'married', 已婚有配偶: 'married',
  离异: 'divorced', 离婚未再婚: 'divorced', 丧偶未再婚: 'widowed', 鳏寡: 'widowed',
};

/** 文化程度 as registers write it (学历 or the school, GB/T 4658 wording included). */
export const EDUCATION_WORDS: Words = {
  文盲: 'none', 半文盲: 'none', 不识字: 'none', 未上过学: 'none', 无: 'none', 小学以下: 'none', 学龄前: 'none',
  初小: 'primary', 高小: 'primary', 小学毕业: 'primary', 初中毕业: 'junior', 初级中学: 'junior',
  高中: 'senior', 中专: 'senior', 职高: 'senior', 技校: 'senior', 中技: 'senior', 职业高中: 'senior', 中等专科: 'senior', 高中毕业: 'senior',
  专科: 'college', 高职: 'college', 大学专科: 'college', 大专及以上: 'college',
  大学: 'bachelor', 大学本科: 'bachelor', 学士: 'bachelor', 本科及以上: 'bachelor',
  硕士: 'postgraduate', 博士: 'postgraduate', 硕士研究生: 'postgraduate', 博士研究生: 'postgraduate', 研究生及以上: 'postgraduate',
};

export const EMPLOYMENT_WORDS: Words = {
  在职: 'employed', 就业: 'employed', 在岗: 'employed', 上班: 'employed', 务工: 'employed', 打工: 'employed', 工人: 'employed', 职工: 'employed',
  个体: 'flexible', 个体户: 'flexible', 自由职业: 'flexible', 零工: 'flexible', 灵活用工: 'flexible',
  待业: 'unemployed', 无业: 'unemployed', 无工作: 'unemployed', 失业人员: 'unemployed',
  农民: 'farmer', 种地: 'farmer', 务农人员: 'farmer',
  离退休: 'retired', 离休: 'retired', 退休人员: 'retired',
  学生: 'student', 在校生: 'student', 在读: 'student', 上学: 'student',
  幼儿: 'preschool', 婴幼儿: 'preschool', 散居儿童: 'preschool', 幼儿园: 'preschool',
  丧失劳动能力: 'unable', 无劳力: 'unable',
};

export const HEALTH_WORDS: Words = {
  良好: 'healthy', 健康良好: 'healthy', 体健: 'healthy',
  患慢性病: 'chronic', 慢病: 'chronic', 高血压: 'chronic', 糖尿病: 'chronic',
  大病: 'serious', 重病: 'serious', 重疾: 'serious', 重大疾病患者: 'serious',
  半失能: 'partly_dependent', 部分自理: 'partly_dependent',
  失能: 'dependent', 全失能: 'dependent', 卧床: 'dependent', 不能自理: 'dependent',
};

/** 残疾类别 (GB/T 26341) as 残疾证 and registers shorten it. */
export const DISABILITY_TYPE_WORDS: Words = {
  视力: 'visual', 盲: 'visual', 低视力: 'visual', 听力: 'hearing', 聋: 'hearing', 言语: 'speech', 语言残疾: 'speech', 哑: 'speech', 肢体: 'physical',
  肢残: 'physical', 智力: 'intellectual', 智残: 'intellectual', 精神: 'mental', 精残: 'mental', 多重: 'multiple',
};

export const DISABILITY_GRADE_WORDS: Words = { 一: '1', 二: '2', 三: '3', 四: '4', 壹级: '1', 贰级: '2', 叁级: '3', 肆级: '4' };

/** 社会救助 (社会救助暂行办法): 低保, 特困供养 (formerly 五保), 低收入 (低保边缘). */
export const INCOME_WORDS: Words = {
  低保户: 'dibao', 城市低保: 'dibao', 农村低保: 'dibao', 城乡低保: 'dibao', 低保对象: 'dibao', 最低生活保障: 'dibao',
  特困: 'tekun', 特困人员: 'tekun', 特困供养人员: 'tekun', 五保: 'tekun', 五保户: 'tekun', 三无人员: 'tekun',
  低收入户: 'low_income', 低保边缘: 'low_income', 低边: 'low_income', 低收入家庭: 'low_income',
  否: 'none', 没有: 'none', 非低保: 'none',
};

export const CONSENT_WORDS: Words = { 同意: 'consent', 已同意: 'consent', 本人签字: 'consent', 监护人签字: 'guardian_consent', 法定职责: 'statutory_duty' };

/** 与户主关系 as 户口簿 and registers write it (GB/T 4761 wording included). */
export const RELATION_WORDS: Words = {
  本人: 'head', 户主本人: 'head',
  妻: 'spouse', 妻子: 'spouse', 夫: 'spouse', 丈夫: 'spouse', 爱人: 'spouse', 老伴: 'spouse',
  子: 'child', 女: 'child', 儿子: 'child', 女儿: 'child', 长子: 'child', 次子: 'child', 三子: 'child', 长女: 'child', 次女: 'child', 三女: 'child',
  独生子: 'child', 独生女: 'child', 养子: 'child', 养女: 'child', 继子: 'child', 继女: 'child', 子女: 'child',
  父: 'parent', 母: 'parent', 父亲: 'parent', 母亲: 'parent', 养父: 'parent', 养母: 'parent', 继父: 'parent', 继母: 'parent',
  岳父: 'parent_in_law', 岳母: 'parent_in_law', 公公: 'parent_in_law', 婆婆: 'parent_in_law', 公婆: 'parent_in_law', 岳父母: 'parent_in_law',
  孙子: 'grandchild', 孙女: 'grandchild', 外孙: 'grandchild', 外孙子: 'grandchild', 外孙女: 'grandchild', 孙子女: 'grandchild',
  祖父: 'grandparent', 祖母: 'grandparent', 外祖父: 'grandparent', 外祖母: 'grandparent', 爷爷: 'grandparent', 奶奶: 'grandparent', 外公: 'grandparent', 外婆: 'grandparent',
  兄: 'sibling', 弟: 'sibling', 姐: 'sibling', 妹: 'sibling', 哥哥: 'sibling', 弟弟: 'sibling', 姐姐: 'sibling', 妹妹: 'sibling', 兄弟: 'sibling', 姐妹: 'sibling',
  儿媳: 'child_in_law', 女婿: 'child_in_law', 媳妇: 'child_in_law', 儿媳妇: 'child_in_law',
  侄子: 'other_relative', 侄女: 'other_relative', 外甥: 'other_relative', 外甥女: 'other_relative', 叔叔: 'other_relative', 伯父: 'other_relative',
  姑姑: 'other_relative', 舅舅: 'other_relative', 阿姨: 'other_relative', 亲属: 'other_relative', 其他亲属: 'other_relative',
  保姆: 'non_relative', 租户: 'non_relative', 租客: 'non_relative', 借住: 'non_relative', 朋友: 'non_relative', 其他: 'non_relative',
};

/**
 * 人员类别 / 人员类型 words → target-group tags (MZ/T 071 §5.1). 低保户 and 特困 are 社会救助对象;
 * their 救助情况 is INCOME_WORDS' business.
 */
export const TAG_WORDS: Words = {
  空巢: 'elderly_empty_nest', 空巢老人户: 'elderly_empty_nest', 独居: 'elderly_living_alone', 独居老年人: 'elderly_living_alone', 孤寡老人: 'elderly_living_alone',
  留守老年人: 'elderly_left_behind', 失独: 'elderly_lost_only_child', 失独家庭: 'elderly_lost_only_child', 计生特殊家庭: 'elderly_lost_only_child',
  失能: 'elderly_dependent', 失能老年人: 'elderly_dependent', 半失能老人: 'elderly_dependent', 病残: 'elderly_sick',
  高龄: 'elderly_advanced_age', 高龄老年人: 'elderly_advanced_age', '80岁以上老人': 'elderly_advanced_age', 八十岁以上老人: 'elderly_advanced_age',
  困境儿童: 'child_in_difficulty', 孤儿: 'child_in_difficulty', 事实无人抚养儿童: 'child_in_difficulty', 留守: 'child_left_behind',
  农村留守儿童: 'child_left_behind', 闲散青少年: 'youth_idle', 闲散青年: 'youth_idle',
  残疾: 'disabled', 残疾人员: 'disabled', 持证残疾人: 'disabled', 残疾人士: 'disabled',
  低保: 'assistance_recipient', 低保户: 'assistance_recipient', 低保对象: 'assistance_recipient', 特困: 'assistance_recipient', 特困人员: 'assistance_recipient',
  特困供养人员: 'assistance_recipient', 五保户: 'assistance_recipient', 救助对象: 'assistance_recipient', 低收入: 'assistance_recipient',
  外来务工人员: 'migrant', 流动人口: 'migrant', 外来人员: 'migrant', 拆迁户: 'resettled', 拆迁安置: 'resettled', 安置户: 'resettled',
  丧亲: 'bereaved', 社区矫正: 'community_correction', 矫正对象: 'community_correction', 社区矫正人员: 'community_correction',
  社区戒毒: 'drug_rehab', 社区康复: 'drug_rehab', 戒毒人员: 'drug_rehab', 吸毒人员: 'drug_rehab', 家暴受害人: 'dv_victim', 家庭暴力受害者: 'dv_victim',
};

/** Each code list with its words. */
export const CODE_WORDS = new Map<readonly Code[], Words>([
  [SEXES, SEX_WORDS], [ID_TYPES, ID_TYPE_WORDS], [HUKOU_TYPES, HUKOU_WORDS], [MARITAL_STATUSES, MARITAL_WORDS], [EDUCATIONS, EDUCATION_WORDS],
  [EMPLOYMENTS, EMPLOYMENT_WORDS], [HEALTH_STATUSES, HEALTH_WORDS], [DISABILITY_TYPES, DISABILITY_TYPE_WORDS], [DISABILITY_GRADES, DISABILITY_GRADE_WORDS],
  [INCOME_STATUSES, INCOME_WORDS], [CONSENT_BASES, CONSENT_WORDS], [RELATIONS_TO_HEAD, RELATION_WORDS], [TAGS, TAG_WORDS], [ETHNICITIES, {}],
]);

/** The code an office word stands for in a list, or undefined. */
export function codeForWord(list: readonly Code[], word: string): Code | undefined {
  const code = CODE_WORDS.get(list)?.[word];
  return code === undefined ? undefined : list.find((c) => c.code === code);
}
