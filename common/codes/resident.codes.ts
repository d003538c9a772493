import type { Code } from './codes';

export const SEXES = [
  { code: 'male', zh: '男', en: 'Male' },
  { code: 'female', zh: '女', en: 'Female' },
] as const satisfies readonly Code[];

export const ID_TYPES = [
  { code: 'resident_id_card', zh: '居民身份证', en: 'Resident ID card' },
  { code: 'hmt_residence_permit', zh: '港澳台居民居住证', en: 'HK/Macao/Taiwan residence permit' },
  { code: 'hmt_travel_permit', zh: '港澳台居民来往内地通行证', en: 'HK/Macao/Taiwan travel permit' },
  { code: 'foreign_permanent', zh: '外国人永久居留身份证', en: 'Foreign permanent residence ID' },
  { code: 'passport', zh: '护照', en: 'Passport' },
  { code: 'household_register', zh: '户口簿', en: 'Household register' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly Code[];

/** 户籍: registered here, elsewhere in the city/province, or a migrant (外来人口, §5.3). */
export const HUKOU_TYPES = [
  { code: 'local', zh: '本地户籍', en: 'Local hukou' },
  { code: 'nonlocal', zh: '外地户籍', en: 'Non-local hukou' },
  { code: 'migrant', zh: '外来人口', en: 'Migrant' },
] as const satisfies readonly Code[];

export const MARITAL_STATUSES = [
  { code: 'unmarried', zh: '未婚', en: 'Unmarried' },
  { code: 'married', zh: '已婚', en: 'Married' },
  { code: 'divorced', zh: '离婚', en: 'Divorced' },
  { code: 'widowed', zh: '丧偶', en: 'Widowed' },
] as const satisfies readonly Code[];

export const EDUCATIONS = [
  { code: 'none', zh: '未上学', en: 'No schooling' },
  { code: 'primary', zh: '小学', en: 'Primary' },
  { code: 'junior', zh: '初中', en: 'Junior secondary' },
  { code: 'senior', zh: '高中/中专', en: 'Senior secondary' },
  { code: 'college', zh: '大专', en: 'College' },
  { code: 'bachelor', zh: '本科', en: "Bachelor's" },
  { code: 'postgraduate', zh: '研究生', en: 'Postgraduate' },
] as const satisfies readonly Code[];

export const EMPLOYMENTS = [
  { code: 'employed', zh: '在业', en: 'Employed' },
  { code: 'flexible', zh: '灵活就业', en: 'Flexible employment' },
  { code: 'unemployed', zh: '失业', en: 'Unemployed' },
  { code: 'farmer', zh: '务农', en: 'Farming' },
  { code: 'retired', zh: '退休', en: 'Retired' },
  { code: 'student', zh: '在校学生', en: 'Student' },
  { code: 'preschool', zh: '学龄前', en: 'Pre-school' },
  { code: 'unable', zh: '无劳动能力', en: 'Unable to work' },
] as const satisfies readonly Code[];

export const HEALTH_STATUSES = [
  { code: 'healthy', zh: '健康', en: 'Healthy' },
  { code: 'chronic', zh: '慢性病', en: 'Chronic illness' },
  { code: 'serious', zh: '重大疾病', en: 'Serious illness' },
  { code: 'partly_dependent', zh: '部分失能', en: 'Partly dependent' },
  { code: 'dependent', zh: '完全失能', en: 'Fully dependent' },
] as const satisfies readonly Code[];

/** 残疾类别 (GB/T 26341-2010) and 等级 一至四级. */
export const DISABILITY_TYPES = [
  { code: 'visual', zh: '视力残疾', en: 'Visual' },
  { code: 'hearing', zh: '听力残疾', en: 'Hearing' },
  { code: 'speech', zh: '言语残疾', en: 'Speech' },
  { code: 'physical', zh: '肢体残疾', en: 'Physical' },
  { code: 'intellectual', zh: '智力残疾', en: 'Intellectual' },
  { code: 'mental', zh: '精神残疾', en: 'Mental' },
  { code: 'multiple', zh: '多重残疾', en: 'Multiple' },
] as const satisfies readonly Code[];

export const DISABILITY_GRADES = [
  { code: '1', zh: '一级', en: 'Grade 1' },
  { code: '2', zh: '二级', en: 'Grade 2' },
  { code: '3', zh: '三级', en: 'Grade 3' },
  { code: '4', zh: '四级', en: 'Grade 4' },
] as const satisfies readonly Code[];

/** 社会救助 status (§5.1): 低保, 特困供养, 低收入. */
export const INCOME_STATUSES = [
  { code: 'none', zh: '无', en: 'None' },
  { code: 'dibao', zh: '低保', en: 'Minimum living allowance (dibao)' },
  { code: 'tekun', zh: '特困供养', en: 'Extreme-poverty support (tekun)' },
  { code: 'low_income', zh: '低收入', en: 'Low income' },
] as const satisfies readonly Code[];

/** Legal basis of processing personal information (PIPL 第13条). */
export const CONSENT_BASES = [
  { code: 'consent', zh: '本人同意', en: 'Consent of the person' },
  { code: 'guardian_consent', zh: '监护人同意', en: 'Consent of the guardian' },
  { code: 'statutory_duty', zh: '履行法定职责', en: 'Statutory duty' },
  { code: 'vital_interest', zh: '保护生命健康和财产安全', en: 'Protection of life, health or property' },
  { code: 'public_interest', zh: '公共利益', en: 'Public interest' },
] as const satisfies readonly Code[];

export const RELATIONS_TO_HEAD = [
  { code: 'head', zh: '户主', en: 'Head' },
  { code: 'spouse', zh: '配偶', en: 'Spouse' },
  { code: 'child', zh: '子女', en: 'Child' },
  { code: 'parent', zh: '父母', en: 'Parent' },
  { code: 'parent_in_law', zh: '岳父母/公婆', en: 'Parent-in-law' },
  { code: 'grandchild', zh: '孙子女/外孙子女', en: 'Grandchild' },
  { code: 'grandparent', zh: '祖父母/外祖父母', en: 'Grandparent' },
  { code: 'sibling', zh: '兄弟姐妹', en: 'Sibling' },
  { code: 'child_in_law', zh: '儿媳/女婿', en: 'Child-in-law' },
  { code: 'other_relative', zh: '其他亲属', en: 'Other relative' },
  { code: 'non_relative', zh: '非亲属', en: 'Non-relative' },
] as const satisfies readonly Code[];

export const HOUSEHOLD_TYPES = [
  { code: 'ordinary', zh: '一般家庭', en: 'Ordinary' },
  { code: 'living_alone', zh: '独居', en: 'Living alone' },
  { code: 'empty_nest', zh: '空巢', en: 'Empty nest' },
  { code: 'left_behind', zh: '留守', en: 'Left-behind' },
  { code: 'lost_only_child', zh: '失独', en: 'Lost only child' },
  { code: 'single_parent', zh: '单亲', en: 'Single parent' },
  { code: 'assistance', zh: '低保/特困户', en: 'Social assistance' },
  { code: 'three_generation', zh: '三代同堂', en: 'Three generations' },
] as const satisfies readonly Code[];
