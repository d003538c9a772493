import type { Code } from './codes';

/** §5.1 target groups: a tag belongs to one group; dashboards count residents per group. */
export const TAG_GROUPS = [
  { code: 'elderly', zh: '老年人', en: 'Older people' },
  { code: 'children', zh: '儿童青少年', en: 'Children and youth' },
  { code: 'disabled', zh: '残疾人', en: 'People with disabilities' },
  { code: 'assistance', zh: '社会救助对象', en: 'Social assistance recipients' },
  { code: 'women', zh: '农村妇女', en: 'Rural women' },
  { code: 'migrants', zh: '外来人口', en: 'Migrants' },
  { code: 'resettled', zh: '拆迁安置', en: 'Resettled residents' },
  { code: 'patients', zh: '医院转介患者', en: 'Hospital referrals' },
  { code: 'emergency', zh: '突发事件受影响者', en: 'Affected by emergencies' },
  { code: 'special', zh: '特殊人群', en: 'Special populations' },
] as const satisfies readonly Code[];

export type TagCode = Code & { group: (typeof TAG_GROUPS)[number]['code']; restricted?: true };

/**
 * Target-group tags (MZ/T 071 §5.1, §5.5, §5.6). Restricted tags are seen only by users given that
 * right for the resident's community; to everyone else they do not exist.
 */
export const TAGS = [
  { code: 'elderly_empty_nest', group: 'elderly', zh: '空巢老人', en: 'Empty-nest elder' },
  { code: 'elderly_living_alone', group: 'elderly', zh: '独居老人', en: 'Elder living alone' },
  { code: 'elderly_left_behind', group: 'elderly', zh: '留守老人', en: 'Left-behind elder' },
  { code: 'elderly_lost_only_child', group: 'elderly', zh: '失独老人', en: 'Elder who lost only child' },
  { code: 'elderly_sick', group: 'elderly', zh: '病残老人', en: 'Sick or disabled elder' },
  { code: 'elderly_dependent', group: 'elderly', zh: '失能老人', en: 'Dependent elder' },
  { code: 'elderly_advanced_age', group: 'elderly', zh: '高龄老人', en: 'Elder aged 80+' },
  { code: 'child_left_behind', group: 'children', zh: '留守儿童', en: 'Left-behind child' },
  { code: 'child_in_difficulty', group: 'children', zh: '困境儿童', en: 'Child in difficulty' },
  { code: 'youth_idle', group: 'children', zh: '闲散青少年', en: 'Youth out of school and work' },
  { code: 'disabled', group: 'disabled', zh: '残疾人', en: 'Person with disability' },
  { code: 'assistance_recipient', group: 'assistance', zh: '社会救助对象', en: 'Social assistance recipient' },
  { code: 'rural_woman', group: 'women', zh: '农村妇女', en: 'Rural woman' },
  { code: 'migrant', group: 'migrants', zh: '外来人口', en: 'Migrant' },
  { code: 'resettled', group: 'resettled', zh: '拆迁安置人员', en: 'Resettled resident' },
  { code: 'hospital_referral', group: 'patients', zh: '医院转介患者', en: 'Hospital referral' },
  { code: 'emergency_affected', group: 'emergency', zh: '突发事件/意外伤害', en: 'Emergency or accident' },
  { code: 'bereaved', group: 'emergency', zh: '丧亲家庭', en: 'Bereaved family' },
  { code: 'dv_victim', group: 'special', zh: '家庭暴力受害人', en: 'Domestic-violence victim', restricted: true },
  { code: 'community_correction', group: 'special', zh: '社区矫正对象', en: 'Under community correction', restricted: true },
  { code: 'drug_rehab', group: 'special', zh: '社区戒毒/康复人员', en: 'Community drug rehabilitation', restricted: true },
] as const satisfies readonly TagCode[];

export const RESTRICTED_TAGS: string[] = TAGS.filter((t) => 'restricted' in t && t.restricted).map((t) => t.code);
