import { pinyin } from 'pinyin-pro';

/**
 * Search keys for a Chinese name: full pinyin and initials, lower-case a–z only. Surnames are read
 * as surnames (单 shan, 曾 zeng, 区 ou), so 张三丰 → `zhangsanfeng`, `zsf`.
 */
export function nameKeys(name: string): { pinyin: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean);
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}
