// Builders of realistic test and demo data, shared by the demo seed, the tests and the benchmark.
import { chinaToday } from '../../../common/dates';
import { idCheckChar } from '../../../common/validators/id-number.validator';
import { nameKeys } from '../../lib/pinyin';
import { idNumberColumns, phoneColumns } from '../../modules/residents/residents.identity';
import type { residents } from '../../modules/residents/residents.table';

/** A small deterministic PRNG (mulberry32): the same seed gives the same demo every time. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
    /** Picks by weight: [[value, weight], …]. */
    weighted: <T>(xs: readonly (readonly [T, number])[]): T => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of xs) if ((r -= w) < 0) return v;
      return xs[xs.length - 1][0];
    },
  };
}
export type Rng = ReturnType<typeof rng>;

// Surnames roughly by frequency, with 曾, 单, 区 and 解 among them (read as surnames in pinyin).
const SURNAMES: [string, number][] = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 32], ['黄', 25], ['赵', 22], ['吴', 21], ['周', 20],
  ['徐', 15], ['孙', 14], ['马', 13], ['朱', 12], ['胡', 12], ['郭', 11], ['何', 10], ['林', 10], ['高', 10], ['罗', 9],
  ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 6], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 6],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['潘', 4], ['袁', 4], ['蔡', 4], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 4], ['程', 3], ['魏', 3], ['苏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['单', 1], ['区', 1], ['解', 1], ['欧阳', 1], ['诸葛', 0.3],
];
const GIVEN_MALE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩', '建国', '国强', '志强', '建华', '海涛', '俊杰', '子轩', '浩然', '宇航', '晨阳', '文博', '明辉', '三丰', '永康', '德胜', '振华'];
const GIVEN_FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '桂英', '玉兰', '淑芬', '秀兰', '丽华', '婷', '雪', '慧', '欣怡', '梓涵', '诗涵', '雨桐', '思琪', '佳怡', '晓燕', '美玲', '伟芳', '红梅', '春花', '凤英', '金凤'];

export function chineseName(r: Rng, sex: 'male' | 'female'): string {
  return r.weighted(SURNAMES) + r.pick(sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
}

export const surname = (r: Rng): string => r.weighted(SURNAMES);

/** A surname other than `not` (a wife keeps her own; a family's children rarely share it with both sides). */
export function otherSurname(r: Rng, not: string): string {
  for (;;) {
    const s = surname(r);
    if (s !== not) return s;
  }
}

// Given names go with the years people were named in: 建国 and 秀英 are grandparents, 子轩 and 欣怡 children.
const GIVEN_BY_GENERATION: Record<'old' | 'middle' | 'young', Record<'male' | 'female', string[]>> = {
  old: {
    male: ['建国', '国强', '建华', '德胜', '振华', '志强', '永康', '卫东', '国庆', '春生', '福根', '长林', '玉山', '金海'],
    female: ['秀英', '桂英', '玉兰', '淑芬', '秀兰', '凤英', '金凤', '春花', '红梅', '桂兰', '素珍', '月娥', '翠花', '美华'],
  },
  middle: {
    male: ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '海涛', '明辉', '建军', '晓东', '志刚'],
    female: ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '丽华', '晓燕', '美玲', '红霞', '慧敏', '雪梅', '海燕'],
  },
  young: {
    male: ['子轩', '浩然', '宇航', '晨阳', '文博', '俊杰', '鑫', '宇', '一鸣', '梓豪', '博文', '睿', '思远', '嘉豪'],
    female: ['欣怡', '梓涵', '诗涵', '雨桐', '思琪', '佳怡', '婷', '雪', '慧', '可馨', '语嫣', '若曦', '紫萱', '一诺'],
  },
};

export function givenName(r: Rng, sex: 'male' | 'female', age: number): string {
  return r.pick(GIVEN_BY_GENERATION[age >= 58 ? 'old' : age >= 30 ? 'middle' : 'young'][sex]);
}

const PLACES_OF_BIRTH = ['330199', '330199', '330199', '330106', '330102', '340102', '410105', '510104', '420102', '360102', '430102'];

/** A valid 18-digit 身份证号 (GB 11643) for this birth date and sex; `serial` keeps numbers unique. */
export function idNumberFor(opts: { area: string; birthDate: string; sex: 'male' | 'female'; serial: number }): string {
  const seq = (opts.serial % 500) * 2 + (opts.sex === 'male' ? 1 : 0);
  const first17 = `${opts.area}${opts.birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function mobile(r: Rng): string {
  return `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;
}

/** A birth date on which a person is exactly `age` on the Beijing date of `today` (their birthday within the last year). */
export function birthDateForAge(r: Rng, age: number, today = new Date()): string {
  const [y, m, d] = chinaToday(today).split('-').map(Number);
  return new Date(Date.UTC(y - age, m - 1, d) - r.int(0, 364) * 86_400_000).toISOString().slice(0, 10);
}

export type ResidentInsert = typeof residents.$inferInsert;

/** Encrypted identifier columns and search keys, as the residents service stores them. */
export function identityRow(name: string, idNumber: string | null, phone: string | null) {
  const keys = nameKeys(name);
  return { name, namePinyin: keys.pinyin, nameInitials: keys.initials, ...idNumberColumns(idNumber), ...phoneColumns(phone) };
}

export function placeOfBirth(r: Rng, migrant: boolean): string {
  return migrant ? r.pick(PLACES_OF_BIRTH.slice(3)) : r.pick(PLACES_OF_BIRTH.slice(0, 5));
}
