import { describe, expect, it } from 'vitest';
import { ETHNICITIES } from './ethnicity.codes';
import { EDUCATIONS, HUKOU_TYPES, INCOME_STATUSES, MARITAL_STATUSES, RELATIONS_TO_HEAD, SEXES } from './resident.codes';
import { CODE_WORDS, codeForWord } from './synonyms.codes';
import { TAGS } from './tag.codes';

describe('the words offices use for coded values', () => {
  it('maps every word of every table to a code that exists in its list', () => {
    for (const [list, words] of CODE_WORDS) {
      for (const [word, code] of Object.entries(words)) expect(list.some((c) => c.code === code), `${word} → ${code}`).toBe(true);
    }
  });

  it('never gives a word that is already a label of the list another meaning', () => {
    for (const [list, words] of CODE_WORDS) {
      for (const [word, code] of Object.entries(words)) {
        const labelled = list.find((c) => c.zh === word);
        if (labelled) expect(labelled.code, word).toBe(code);
      }
    }
  });

  it('reads 户籍, 学历, 性别, 婚姻, 救助 and 与户主关系 as registers write them', () => {
    const code = (list: Parameters<typeof codeForWord>[0], w: string) => codeForWord(list, w)?.code;
    expect(['本地', '本市', '本区'].map((w) => code(HUKOU_TYPES, w))).toEqual(['local', 'local', 'local']);
    expect(['外地', '外省'].map((w) => code(HUKOU_TYPES, w))).toEqual(['nonlocal', 'nonlocal']);
    expect(['外来', '流动', '流动人口'].map((w) => code(HUKOU_TYPES, w))).toEqual(['migrant', 'migrant', 'migrant']);
    expect(['硕士', '博士', '中专', '职高', '大学'].map((w) => code(EDUCATIONS, w))).toEqual(['postgraduate', 'postgraduate', 'senior', 'senior', 'bachelor']);
    expect(['男性', '女性', '1', '2'].map((w) => code(SEXES, w))).toEqual(['male', 'female', 'male', 'female']);
    expect(['离异', '有配偶'].map((w) => code(MARITAL_STATUSES, w))).toEqual(['divorced', 'married']);
    expect(['五保户', '低保户'].map((w) => code(INCOME_STATUSES, w))).toEqual(['tekun', 'dibao']);
    expect(['本人', '妻', '长子', '儿媳', '外孙女'].map((w) => code(RELATIONS_TO_HEAD, w))).toEqual(['head', 'spouse', 'child', 'child_in_law', 'grandchild']);
  });

  it('maps 人员类别 words to the target-group tags', () => {
    expect(['低保户', '独居', '残疾', '孤儿', '流动人口', '矫正对象'].map((w) => codeForWord(TAGS, w)?.code)).toEqual([
      'assistance_recipient', 'elderly_living_alone', 'disabled', 'child_in_difficulty', 'migrant', 'community_correction',
    ]);
    expect(codeForWord(TAGS, '退役军人')).toBeUndefined();
    expect(codeForWord(ETHNICITIES, '汉')).toBeUndefined();
  });
});
