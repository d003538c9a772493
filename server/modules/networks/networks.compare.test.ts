import { describe, expect, it } from 'vitest';
import { compareTies, ecomapInput, tieSlots, type EcomapTie } from '../../../common/schemas/networks.schema';

const tie = (name: string, over: Partial<EcomapTie> = {}): EcomapTie => ({
  name, kind: 'family', formal: false, relation: null, quality: 'supportive', strength: 2, contact: null, note: null, ...over,
});

describe('comparing ecomap snapshots', () => {
  it('tells added, removed, changed and unchanged ties apart, naming the changed fields', () => {
    const before = [tie('女儿'), tie('儿子', { quality: 'stressful' }), tie('区人民医院', { kind: 'health', formal: true })];
    const after = [tie('女儿'), tie('儿子', { quality: 'mixed', strength: 3 }), tie('家庭医生', { kind: 'health', formal: true })];
    const diffs = Object.fromEntries(compareTies(before, after).map((d) => [d.name, d]));
    expect(diffs['女儿'].change).toBe('same');
    expect(diffs['儿子']).toMatchObject({ change: 'changed', fields: ['quality', 'strength'] });
    expect(diffs['家庭医生']).toMatchObject({ change: 'added', before: null });
    expect(diffs['区人民医院']).toMatchObject({ change: 'removed', after: null });
  });

  it('matches ties by name whatever the spacing or letter case', () => {
    expect(compareTies([tie('Li  Lei')], [tie(' li lei ')]).map((d) => d.change)).toEqual(['same']);
  });

  it('puts informal ties before formal ones, in one order for both snapshots', () => {
    const a = [tie('社区居委会', { kind: 'community', formal: true }), tie('邻居', { kind: 'friend' })];
    const b = [tie('母亲'), tie('社区居委会', { kind: 'community', formal: true })];
    expect(tieSlots(a, b)).toEqual(['母亲', '邻居', '社区居委会']);
  });

  it('refuses a snapshot naming the same tie twice, at the second one', () => {
    const r = ecomapInput.safeParse({ takenOn: '2026-01-05', ties: [tie('女儿'), tie(' 女儿')] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['ties', 1, 'name']);
  });
});
