import type { Condition, InstrumentDefinitionInput } from '../../../common/schemas/assessments.schema';

/*
 * The instruments Linli ships, as data (the same language a new instrument is written in). A change
 * to one is a new version (bump `version`): assessments keep the version they were made with.
 * server/db/seed/assessment.seed.ts inserts them.
 */

const t = (zh: string, en: string) => ({ zh, en });
const opt = (value: string | number, zh: string, en: string, points?: number) => ({ value: String(value), label: t(zh, en), ...(points === undefined ? {} : { points }) });
/** An item graded 0…n where the grade is also its points (MZ/T 039 精神状态, 感知觉与沟通, 社会参与). */
const graded = (key: string, zh: string, en: string, options: [string, string][], help?: [string, string]) => ({
  kind: 'choice' as const,
  key,
  label: t(zh, en),
  required: true,
  ...(help ? { help: t(...help) } : {}),
  options: options.map(([ozh, oen], i) => opt(i, ozh, oen, i)),
});
const note = (key: string, zh: string, en: string, help?: [string, string]) => ({
  kind: 'longText' as const,
  key,
  label: t(zh, en),
  ...(help ? { help: t(...help) } : {}),
});

const IMPAIRMENT_GRADES = [
  { grade: 0, label: t('能力完好', 'Intact') },
  { grade: 1, label: t('轻度受损', 'Mildly impaired') },
  { grade: 2, label: t('中度受损', 'Moderately impaired') },
  { grade: 3, label: t('重度受损', 'Severely impaired') },
];

// ——— 通用预估 ———

/**
 * 通用预估 (MZ/T 094—2017 预估; domain facts §6): the client's individual, family and community/
 * social systems, the problem list with priorities, and strengths — the 预估摘要 the plan starts
 * from. The family and community parts follow the 社工站 needs-assessment form (Annex B.1 of a
 * 工作规范). No national interval: reassess when the situation changes (no due date).
 */
export const GENERAL_ASSESSMENT: InstrumentDefinitionInput = {
  name: t('通用预估', 'General assessment'),
  description: t(
    '从个人、家庭、社区/社会系统了解服务对象的处境，列出问题与需要并排出优先次序，发现优势与资源。',
    'The client’s individual, family and community/social systems, the problems and needs in order of priority, and strengths.',
  ),
  basis: 'MZ/T 094—2017',
  minAssessors: 1,
  reassessMonths: null,
  sections: [
    {
      key: 'individual',
      title: t('个人系统', 'Individual'),
      items: [
        note('ind_health', '身体健康状况', 'Physical health', ['疾病、残疾、用药、就医情况', 'Illness, disability, medication, care']),
        note('ind_daily', '日常生活能力', 'Daily living', ['自理、行动、家务、出行', 'Self-care, mobility, housework, getting about']),
        note('ind_psych', '心理与情绪、认知与行为', 'Mind, mood, cognition and behaviour'),
        note('ind_economy', '经济、就业或就学', 'Income, work or school'),
        note('ind_view', '服务对象对自身处境的看法与期望', 'How the client sees the situation, and what they hope for'),
      ],
    },
    {
      key: 'family',
      title: t('家庭系统', 'Family system'),
      description: t('独居者可不填本部分。', 'Leave this part out for a person living alone.'),
      items: [
        note('fam_structure', '家庭结构与成员关系', 'Family structure and relationships'),
        {
          kind: 'choice',
          key: 'fam_economy',
          label: t('家庭经济能力', 'Family’s economic capacity'),
          help: t('满足衣食、出行、照护、医疗、教育等需要的能力', 'To meet food, clothing, transport, care, medical and education needs'),
          options: [
            opt('sufficient', '能够满足', 'Sufficient'),
            opt('basic', '基本满足', 'Basically sufficient'),
            opt('difficult', '难以满足', 'Hard to meet'),
            opt('insufficient', '无法满足', 'Cannot meet'),
          ],
        },
        note('fam_stress', '家庭面临的其他压力', 'Other stresses on the family'),
        note('fam_resources', '家庭的优势与资源（含政策补贴）', 'Family strengths and resources (incl. subsidies)'),
      ],
    },
    {
      key: 'community',
      title: t('社区/社会系统', 'Community and social system'),
      items: [
        note('com_spaces', '社区公共空间与设施', 'Public spaces and facilities'),
        note('com_services', '可利用的服务、志愿团体及与其联系情况', 'Services and volunteer groups available, and the client’s ties to them'),
        note('com_problems', '社区存在的问题', 'Problems in the community'),
        note('com_external', '外部资源与社会支持网络', 'Outside resources and social support network'),
      ],
    },
    {
      key: 'problems',
      title: t('问题清单', 'Problem list'),
      items: [
        {
          kind: 'list',
          key: 'problem_list',
          label: t('问题与需要', 'Problems and needs'),
          help: t('按优先次序列出需要介入的问题', 'The problems to work on, by priority'),
          required: true,
          minRows: 1,
          maxRows: 20,
          columns: [
            { kind: 'text', key: 'problem', label: t('问题/需要', 'Problem or need'), required: true, maxLength: 300 },
            {
              kind: 'choice',
              key: 'priority',
              label: t('优先级', 'Priority'),
              required: true,
              options: [opt('high', '高', 'High'), opt('medium', '中', 'Medium'), opt('low', '低', 'Low')],
            },
            { kind: 'text', key: 'strategy', label: t('介入策略', 'Intervention strategy'), maxLength: 500 },
          ],
        },
      ],
    },
    {
      key: 'strengths',
      title: t('优势', 'Strengths'),
      items: [
        note('str_personal', '服务对象的个人优势', 'The client’s own strengths'),
        note('str_support', '家庭与社会支持中的优势', 'Strengths in family and social support'),
      ],
    },
  ],
};

// ——— 老年人能力评估 (MZ/T 039—2013) ———

const YES_NO = [opt('no', '否', 'No'), opt('yes', '是', 'Yes')];
// Points count the events: the raise rule sums them over the four kinds.
const ACCIDENTS = [
  opt(0, '无', 'None', 0),
  opt(1, '发生过 1 次', 'Once', 1),
  opt(2, '发生过 2 次', 'Twice', 2),
  opt(3, '发生过 3 次及以上', 'Three times or more', 3),
];
const accident = (key: string, zh: string, en: string) => ({ kind: 'choice' as const, key, label: t(zh, en), required: true, options: ACCIDENTS });
const barthel = (key: string, zh: string, en: string, options: [number, string, string][]) => ({
  kind: 'choice' as const,
  key,
  label: t(zh, en),
  required: true,
  options: options.map(([p, ozh, oen]) => opt(p, ozh, oen, p)),
});

const OTHERS = ['mental', 'perception', 'social'];
const grade = (section: string, ...values: number[]): Condition => ({ grade: section, in: values });

/**
 * MZ/T 039—2013 老年人能力评估. §4.3: two assessors (4.3.1); Annex A basic information, Annex B
 * the four first-level indicators, each graded 0 能力完好 … 3 重度受损 (§5.1, tables 2–5); the
 * ability level from the four grades by the judgement card (Annex D, table 6); a routine
 * reassessment every 6 months (4.3.5). Item and option wording follows Annex B as recalled — check
 * it against the published text before relying on it in an audit.
 */
export const ELDERLY_ABILITY: InstrumentDefinitionInput = {
  name: t('老年人能力评估', 'Older people’s ability assessment'),
  description: t(
    '依据 MZ/T 039—2013：日常生活活动、精神状态、感知觉与沟通、社会参与四项一级指标分级，判定老年人能力等级（能力完好、轻度失能、中度失能、重度失能）。由 2 名评估员同时评估，每 6 个月复评一次。',
    'Following MZ/T 039—2013: four first-level indicators graded, then the ability level (intact, mild, moderate or severe disability). Two assessors; reassess every 6 months.',
  ),
  basis: 'MZ/T 039—2013',
  minAssessors: 2,
  reassessMonths: 6,
  sections: [
    {
      // Annex A.2: the diagnoses and accidents that raise the level by one (table 6, note).
      key: 'conditions',
      title: t('疾病诊断与近 30 天意外事件', 'Diagnoses and accidents in the last 30 days'),
      description: t('摘自附录 A 老年人能力评估基本信息表。', 'From Annex A, basic information.'),
      items: [
        { kind: 'choice', key: 'cond_dementia', label: t('确诊为认知障碍/痴呆', 'Diagnosed cognitive impairment or dementia'), required: true, options: YES_NO },
        { kind: 'choice', key: 'cond_mental_illness', label: t('确诊为精神疾病', 'Diagnosed mental illness'), required: true, options: YES_NO },
        accident('acc_fall', '跌倒', 'Falls'),
        accident('acc_wander', '走失', 'Getting lost'),
        accident('acc_choke', '噎食', 'Choking'),
        accident('acc_suicide', '自杀', 'Suicide attempt'),
      ],
    },
    {
      // B.1 日常生活活动: the Barthel index, 10 items, 0–100 (table 2).
      key: 'adl',
      title: t('日常生活活动', 'Activities of daily living'),
      description: t('Barthel 指数，10 项，满分 100 分。', 'Barthel index: 10 items, 0–100.'),
      items: [
        barthel('adl_feeding', '进食', 'Feeding', [
          [10, '可独立进食（在合理的时间内独立进食准备好的食物）', 'independent'],
          [5, '需部分帮助（进食过程中需要一定帮助，如协助把持餐具）', 'needs some help'],
          [0, '需极大帮助或完全依赖他人，或有留置营养管', 'dependent, or tube-fed'],
        ]),
        barthel('adl_bathing', '洗澡', 'Bathing', [
          [5, '准备好洗澡水后，可自己独立完成洗澡过程', 'independent'],
          [0, '在洗澡过程中需他人帮助', 'needs help'],
        ]),
        barthel('adl_grooming', '修饰（洗脸、刷牙、梳头、刮脸等）', 'Grooming', [
          [5, '可自己独立完成', 'independent'],
          [0, '需他人帮助', 'needs help'],
        ]),
        barthel('adl_dressing', '穿衣（穿脱衣服、系扣、拉拉链、穿脱鞋袜、系鞋带）', 'Dressing', [
          [10, '可独立完成', 'independent'],
          [5, '需部分帮助（能自己穿脱，但需他人帮助整理衣物、系扣/鞋带、拉拉链）', 'needs some help'],
          [0, '需极大帮助或完全依赖他人', 'dependent'],
        ]),
        barthel('adl_bowels', '大便控制', 'Bowels', [
          [10, '可控制大便', 'continent'],
          [5, '偶尔失控（每周 < 1 次），或需要他人提示', 'occasional accident'],
          [0, '完全失控', 'incontinent'],
        ]),
        barthel('adl_bladder', '小便控制', 'Bladder', [
          [10, '可控制小便', 'continent'],
          [5, '偶尔失控（每天 < 1 次，但每周 > 1 次），或需要他人提示', 'occasional accident'],
          [0, '完全失控，或留置导尿管', 'incontinent, or catheterised'],
        ]),
        barthel('adl_toilet', '如厕（去厕所、解开衣裤、擦净、整理衣裤、冲水）', 'Toilet use', [
          [10, '可独立完成', 'independent'],
          [5, '需部分帮助（需他人搀扶去厕所、需他人帮忙冲水或整理衣裤等）', 'needs some help'],
          [0, '需极大帮助或完全依赖他人', 'dependent'],
        ]),
        barthel('adl_transfer', '床椅转移', 'Bed–chair transfer', [
          [15, '可独立完成', 'independent'],
          [10, '需部分帮助（需他人搀扶或使用拐杖）', 'needs some help'],
          [5, '需极大帮助（较大程度上依赖他人搀扶和帮助）', 'needs major help'],
          [0, '完全依赖他人', 'dependent'],
        ]),
        barthel('adl_walking', '平地行走', 'Walking on level ground', [
          [15, '可独立在平地上行走 45 m', 'walks 45 m independently'],
          [10, '需部分帮助（需他人搀扶，或使用拐杖、助行器等辅助用具）', 'needs some help or a walking aid'],
          [5, '需极大帮助（较大程度上依赖他人搀扶，或坐在轮椅上自行移动）', 'needs major help, or moves in a wheelchair'],
          [0, '完全依赖他人', 'dependent'],
        ]),
        barthel('adl_stairs', '上下楼梯', 'Stairs', [
          [10, '可独立上下楼梯（连续上下 10～15 个台阶）', 'independent (10–15 steps)'],
          [5, '需部分帮助（需他人搀扶，或扶着楼梯、使用拐杖等）', 'needs some help'],
          [0, '需极大帮助或完全依赖他人', 'dependent'],
        ]),
      ],
      // Table 2: 100 → 0; 65–95 → 1; 45–60 → 2; ≤ 40 → 3 (sums are multiples of 5).
      scoring: {
        sum: true,
        grade: { by: 'bands', bands: [{ min: 100, grade: 0 }, { min: 65, max: 99, grade: 1 }, { min: 45, max: 64, grade: 2 }, { max: 44, grade: 3 }] },
        grades: IMPAIRMENT_GRADES,
      },
    },
    {
      // B.2 精神状态: 3 items of 0–2 points (table 3).
      key: 'mental',
      title: t('精神状态', 'Mental state'),
      items: [
        graded(
          'mental_cognition', '认知功能', 'Cognition',
          [
            ['画钟正确（画出一个闭锁圆，指针位置准确），且能回忆出 2～3 个词', 'Clock drawn correctly and recalls 2–3 words'],
            ['画钟错误（画的圆不闭锁，或指针位置不准确），或只回忆出 0～1 个词', 'Clock wrong, or recalls 0–1 words'],
            ['已确诊为认知障碍，如老年痴呆', 'Diagnosed cognitive impairment, e.g. dementia'],
          ],
          ['测验：“我说三样东西，请重复一遍并记住，一会儿会问您：苹果、手表、国旗。”再请画一个圆形时钟，标出 10 点 45 分，然后请回忆这三样东西。', 'Test: repeat and remember three words (apple, watch, flag); draw a clock showing 10:45; recall the words.'],
        ),
        graded('mental_aggression', '攻击行为', 'Aggressive behaviour', [
          ['无身体攻击行为（如打、踢、推、咬、抓、摔东西）和语言攻击行为（如骂人、语言威胁、尖叫）', 'No physical or verbal aggression'],
          ['每月有几次身体攻击行为，或每周有几次语言攻击行为', 'Physical aggression a few times a month, or verbal a few times a week'],
          ['每周有几次身体攻击行为，或每日有语言攻击行为', 'Physical aggression a few times a week, or verbal daily'],
        ]),
        graded('mental_depression', '抑郁症状', 'Depressive symptoms', [
          ['无', 'None'],
          ['情绪低落、不爱说话、不爱梳洗、不爱活动', 'Low mood, withdrawn, neglects grooming and activity'],
          ['有自杀念头或自杀行为', 'Suicidal thoughts or behaviour'],
        ]),
      ],
      // Table 3: 0 → 0; 1 → 1; 2–3 → 2; 4–6 → 3.
      scoring: {
        sum: true,
        grade: { by: 'bands', bands: [{ max: 0, grade: 0 }, { min: 1, max: 1, grade: 1 }, { min: 2, max: 3, grade: 2 }, { min: 4, grade: 3 }] },
        grades: IMPAIRMENT_GRADES,
      },
    },
    {
      // B.3 感知觉与沟通: 4 items; the grade is a rule table, not a sum (table 4).
      key: 'perception',
      title: t('感知觉与沟通', 'Perception and communication'),
      items: [
        graded('sense_consciousness', '意识水平', 'Consciousness', [
          ['神志清醒，对周围环境警觉', 'Awake and alert'],
          ['嗜睡，表现为睡眠状态过度延长；呼唤或推动其肢体时可唤醒，并能进行正确的交谈或执行指令，停止刺激后又继续入睡', 'Drowsy: can be woken and answers, then falls asleep again'],
          ['昏睡，一般的外界刺激不能使其觉醒，给予较强烈的刺激时可有短时的意识清醒，醒后可简短回答提问，当刺激减弱后又很快进入睡眠状态', 'Stuporous: wakes briefly only to strong stimuli'],
          ['昏迷，处于浅昏迷时对疼痛刺激有回避和痛苦表情；处于深昏迷时对刺激无反应（若评定为昏迷，直接评定为重度失能，可不进行以下项目的评估）', 'Comatose (the level is then severe disability)'],
        ]),
        graded(
          'sense_vision', '视力', 'Vision',
          [
            ['能看清书报上的标准字体', 'Reads standard newsprint'],
            ['能看清楚大字体，但看不清书报上的标准字体', 'Reads large print only'],
            ['视力有限，看不清报纸大标题，但能辨认物体', 'Cannot read headlines but recognises objects'],
            ['辨认物体有困难，但眼睛能跟随物体移动，只能看到光、颜色和形状', 'Sees light, colour and shapes only'],
            ['没有视力，眼睛不能跟随物体移动', 'Blind'],
          ],
          ['若平日戴老花镜或近视镜，应在佩戴眼镜的情况下评估', 'Assess with the glasses usually worn'],
        ),
        graded(
          'sense_hearing', '听力', 'Hearing',
          [
            ['可正常交谈，能听到电视、电话、门铃的声音', 'Hears normal conversation, TV, phone and doorbell'],
            ['在轻声说话或说话距离超过 2 米时听不清', 'Misses soft speech or speech beyond 2 m'],
            ['正常交流有些困难，需在安静的环境或大声说话才能听到', 'Needs quiet or a raised voice'],
            ['讲话者大声说话或说话很慢，才能部分听见', 'Hears partly, only loud or slow speech'],
            ['完全听不见', 'Deaf'],
          ],
          ['若平时佩戴助听器，应在佩戴助听器的情况下评估', 'Assess with the hearing aid usually worn'],
        ),
        graded('sense_communication', '沟通交流', 'Communication', [
          ['无困难，能与他人正常沟通和交流', 'No difficulty'],
          ['能够表达自己的需要及理解别人的话，但需要增加时间或给予帮助', 'Needs more time or help'],
          ['表达需要或理解有困难，需频繁重复或简化口头表达', 'Needs frequent repetition or simplification'],
          ['不能表达需要或理解他人的话', 'Cannot express needs or understand'],
        ]),
      ],
      // Table 4, from the most severe down (the first rule that holds gives the grade):
      // 3: 意识清醒或嗜睡，但视力或听力至少一项评为4，或沟通评为3；或昏睡/昏迷.
      // 2: 意识清醒，但视力或听力至少一项评为3，或沟通评为2；或嗜睡（视力、听力≤3，沟通≤2）.
      // 1: 意识清醒，但视力或听力至少一项评为2，或沟通评为1.
      // 0: 意识清醒，视力和听力评为0或1，沟通评为0.
      scoring: {
        grade: {
          by: 'rules',
          rules: [
            {
              grade: 3,
              when: { any: [{ answer: 'sense_consciousness', in: ['2', '3'] }, { answer: 'sense_vision', in: ['4'] }, { answer: 'sense_hearing', in: ['4'] }, { answer: 'sense_communication', in: ['3'] }] },
            },
            {
              grade: 2,
              when: { any: [{ answer: 'sense_consciousness', in: ['1'] }, { answer: 'sense_vision', in: ['3'] }, { answer: 'sense_hearing', in: ['3'] }, { answer: 'sense_communication', in: ['2'] }] },
            },
            { grade: 1, when: { any: [{ answer: 'sense_vision', in: ['2'] }, { answer: 'sense_hearing', in: ['2'] }, { answer: 'sense_communication', in: ['1'] }] } },
          ],
          otherwise: 0,
        },
        grades: IMPAIRMENT_GRADES,
      },
    },
    {
      // B.4 社会参与: 5 items of 0–4 points, total 0–20 (table 5).
      key: 'social',
      title: t('社会参与', 'Social participation'),
      items: [
        graded('social_living', '生活能力', 'Managing daily life', [
          ['除个人生活自理外（如饮食、洗漱、穿戴、二便），能料理家务（如做饭、洗衣）或当家管理事务', 'Self-care, and runs the household'],
          ['除个人生活自理外，能做家务，但欠好，家庭事务安排欠条理', 'Does housework, not well organised'],
          ['个人生活能自理；只有在他人帮助下才能做些家务，但质量不好', 'Self-care; housework only with help'],
          ['个人基本生活事务能自理（如饮食、二便），在督促下可洗漱', 'Basic self-care; washes when prompted'],
          ['个人基本生活事务（如饮食、二便）需要部分帮助或完全依赖他人帮助', 'Needs help with basic self-care'],
        ]),
        graded('social_work', '工作能力', 'Work skills', [
          ['原来熟练的脑力工作或体力技巧性工作可照常进行', 'Former skilled work as before'],
          ['原来熟练的脑力工作或体力技巧性工作能力有所下降', 'Somewhat reduced'],
          ['原来熟练的脑力工作或体力技巧性工作明显不如以往，部分遗忘', 'Clearly reduced, partly forgotten'],
          ['对熟练工作只有一些片段保留，技能全部遗忘', 'Fragments only, skills forgotten'],
          ['对以往的知识或技能全部磨灭', 'All former knowledge and skills lost'],
        ]),
        graded('social_orientation_place', '时间/空间定向', 'Orientation in time and place', [
          ['时间观念（年、月、日、时）清楚；可单独出远门，能很快掌握新环境的方位', 'Clear about time; travels alone; finds way in new places'],
          ['时间观念有些下降，年、月、日清楚，但有时相差几天；可单独来往于近街，知道现住地的名称和方位，但不知回家路线', 'Sometimes days out; gets about nearby streets alone'],
          ['时间观念较差，年、月、日不清楚，可知上半年或下半年；只能单独在家附近行动，对现住地只知名称，不知道方位', 'Knows only the half-year; moves alone only near home'],
          ['时间观念很差，年、月、日不清楚，可知上午或下午；只能在左邻右舍间串门，对现住地不知名称和方位', 'Knows only morning or afternoon; visits next door only'],
          ['无时间观念；不能单独外出', 'No sense of time; cannot go out alone'],
        ]),
        graded('social_orientation_people', '人物定向', 'Orientation to people', [
          ['知道周围人们的关系，知道祖孙、叔伯、姑姨、侄子侄女等称谓的意义；可分辨陌生人的大致年龄和身份，可用适当称呼', 'Knows relationships and forms of address; places strangers'],
          ['只知家中亲密近亲的关系，不会分辨陌生人的大致年龄，不能称呼陌生人', 'Knows close family only'],
          ['只能称呼家中人，或只能照样称呼，不知其关系，不辨辈分', 'Names family members without knowing relationships'],
          ['只认识常同住的亲人，可称呼子女或孙子女，可辨熟人和生人', 'Recognises the relatives living with them'],
          ['只认识保护人，不辨熟人和生人', 'Recognises the carer only'],
        ]),
        graded('social_interaction', '社会交往能力', 'Social interaction', [
          ['参与社会，在社会环境有一定的适应能力，待人接物恰当', 'Takes part in society; behaves appropriately'],
          ['能适应单纯环境，主动接触人，初见面时难让人发现智力问题，不能理解隐喻语', 'Copes in simple settings; misses metaphors'],
          ['脱离社会，可被动接触，不会主动待人，谈话中很多不适词句，容易上当受骗', 'Withdrawn; passive contact; easily deceived'],
          ['勉强可与人交往，谈吐内容不清楚，表情不恰当', 'Interacts with difficulty'],
          ['难以与人接触', 'Hard to reach'],
        ]),
      ],
      // Table 5: 0–2 → 0; 3–7 → 1; 8–13 → 2; 14–20 → 3.
      scoring: {
        sum: true,
        grade: { by: 'bands', bands: [{ max: 2, grade: 0 }, { min: 3, max: 7, grade: 1 }, { min: 8, max: 13, grade: 2 }, { min: 14, grade: 3 }] },
        grades: IMPAIRMENT_GRADES,
      },
    },
  ],
  /*
   * Table 6 (judgement card, Annex D), tried from the most severe level down so that where the
   * standard's sentences overlap the more severe reading wins:
   *   3 重度失能: ADL 3; or all four 2; or ADL 2 and at least one of the other three 3.
   *   2 中度失能: ADL 1 and the other three all 2, or one of them 3; or ADL 2 and 1–2 of them 1 or 2.
   *   1 轻度失能: ADL 0 and 精神状态 or 感知觉与沟通 ≥ 1, or 社会参与 2; or ADL 1 and one of the others 0 or 1.
   *   0 能力完好: ADL, 精神状态, 感知觉与沟通 0 and 社会参与 0 or 1.
   * The standard's sentences leave three combinations without a level; our reading, not verified
   * against an official interpretation: ADL 2 with the others all 0, or with all three at 1–2
   * (not all 2) → 2 中度失能; ADL 0 with 社会参与 3 and the other two 0 → 1 轻度失能 (as for 社会参与 2).
   * Notes of table 6 (recalled from the standard's text, not seen in a retrieved copy): 昏迷 → 重度失能
   * directly; a diagnosed dementia/cognitive impairment or mental illness, or ≥ 2 accidents (falls,
   * getting lost, choking, suicide) in the last 30 days, raises the level by one. "≥ 2 accidents" is
   * read as the total of the four kinds.
   */
  level: {
    label: t('老年人能力等级', 'Ability level'),
    levels: [
      { grade: 0, label: t('能力完好', 'Intact') },
      { grade: 1, label: t('轻度失能', 'Mild disability') },
      { grade: 2, label: t('中度失能', 'Moderate disability') },
      { grade: 3, label: t('重度失能', 'Severe disability') },
    ],
    rules: [
      {
        grade: 3,
        when: {
          any: [
            { answer: 'sense_consciousness', in: ['3'] },
            grade('adl', 3),
            { all: [grade('adl', 2), { count: OTHERS, in: [2], min: 3 }] },
            { all: [grade('adl', 2), { count: OTHERS, in: [3], min: 1 }] },
          ],
        },
      },
      {
        grade: 2,
        when: {
          any: [
            { all: [grade('adl', 1), { count: OTHERS, in: [2], min: 3 }] },
            { all: [grade('adl', 1), { count: OTHERS, in: [3], min: 1 }] },
            { all: [grade('adl', 2), { count: OTHERS, in: [1, 2], min: 1, max: 2 }] },
            // Not covered by the standard's sentences (see above): the rest of ADL 2.
            grade('adl', 2),
          ],
        },
      },
      {
        grade: 1,
        when: {
          any: [
            { all: [grade('adl', 0), { any: [{ count: ['mental', 'perception'], in: [1, 2, 3], min: 1 }, grade('social', 2, 3)] }] },
            { all: [grade('adl', 1), { count: OTHERS, in: [0, 1], min: 1 }] },
          ],
        },
      },
    ],
    otherwise: 0,
    adjust: [
      {
        when: {
          any: [
            { answer: 'cond_dementia', in: ['yes'] },
            { answer: 'mental_cognition', in: ['2'] },
            { answer: 'cond_mental_illness', in: ['yes'] },
            { sum: ['acc_fall', 'acc_wander', 'acc_choke', 'acc_suicide'], min: 2 },
          ],
        },
        by: 1,
        note: t('确诊认知障碍/痴呆或精神疾病，或近 30 天内发生 2 次及以上意外事件：提高一个等级', 'Diagnosed dementia or mental illness, or 2+ accidents in 30 days: one level higher'),
      },
    ],
  },
};

/** What the seed inserts: (code, version) is unique; a new version is a new entry here. */
export const SHIPPED_INSTRUMENTS: { code: string; version: number; definition: InstrumentDefinitionInput }[] = [
  { code: 'general', version: 1, definition: GENERAL_ASSESSMENT },
  { code: 'mzt039_elderly_ability', version: 1, definition: ELDERLY_ABILITY },
];
