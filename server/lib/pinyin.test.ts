import { describe, expect, it } from 'vitest';
import { nameKeys } from './pinyin';

describe('nameKeys', () => {
  it.each([
    ['张三丰', 'zhangsanfeng', 'zsf'],
    ['单雄信', 'shanxiongxin', 'sxx'],
    ['曾国藩', 'zengguofan', 'zgf'],
    ['区志强', 'ouzhiqiang', 'ozq'],
    ['解缙', 'xiejin', 'xj'],
    ['欧阳修', 'ouyangxiu', 'oyx'],
    ['吕秀兰', 'lvxiulan', 'lxl'],
  ])('reads %s as %s / %s', (name, pinyin, initials) => {
    expect(nameKeys(name)).toEqual({ pinyin, initials });
  });

  it('keeps only lower-case letters, whatever else the name holds', () => {
    expect(nameKeys(' 王 芳 ')).toEqual({ pinyin: 'wangfang', initials: 'wf' });
    expect(nameKeys('买买提·艾力')).toEqual({ pinyin: 'maimaitiaili', initials: 'mmtal' });
  });
});
