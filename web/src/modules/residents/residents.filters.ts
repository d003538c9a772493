import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { SEXES } from '../../../../common/codes/resident.codes';
import { TAGS } from '../../../../common/codes/tag.codes';
import { RESIDENT_SORTS } from '../../../../common/schemas/residents.schema';
import { useMe } from '../../app/auth';
import type { Query } from '../../lib/api';

export type Sort = (typeof RESIDENT_SORTS)[number];
export type ResidentFilters = {
  q: string;
  communityId?: string;
  tags: string[];
  sex?: string;
  ageMin?: number;
  ageMax?: number;
  sort: Sort;
  order: 'asc' | 'desc';
};

export const PAGE_SIZES = [20, 50, 100];

const age = (v: string | null) => {
  if (v == null || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 150 ? n : undefined;
};

/**
 * The list's filters, page and sort live in the URL (so Back and a shared link restore them).
 * Values the API would refuse are ignored rather than sent.
 */
export function useResidentFilters() {
  const me = useMe();
  const [sp, setSp] = useSearchParams();

  const filters: ResidentFilters = useMemo(() => {
    const communityId = sp.get('communityId') ?? undefined;
    const sex = sp.get('sex') ?? undefined;
    const sort = sp.get('sort') as Sort | null;
    return {
      q: sp.get('q') ?? '',
      communityId: communityId && me.communities.some((c) => c.id === communityId) ? communityId : undefined,
      tags: (sp.get('tags') ?? '').split(',').filter((x) => TAGS.some((tg) => tg.code === x)),
      sex: sex && SEXES.some((s) => s.code === sex) ? sex : undefined,
      ageMin: age(sp.get('ageMin')),
      ageMax: age(sp.get('ageMax')),
      sort: sort && RESIDENT_SORTS.includes(sort) ? sort : 'name',
      order: sp.get('order') === 'desc' ? 'desc' : 'asc',
    };
  }, [sp, me.communities]);

  const page = Math.max(1, Math.floor(Number(sp.get('page'))) || 1);
  const sizeParam = Number(sp.get('pageSize'));
  const pageSize = PAGE_SIZES.includes(sizeParam) ? sizeParam : PAGE_SIZES[0];

  /** Changes some filters; any change other than paging goes back to page 1. */
  const update = useCallback(
    (patch: Partial<ResidentFilters> & { page?: number; pageSize?: number }) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            const s = Array.isArray(v) ? v.join(',') : v == null ? '' : String(v);
            if (s === '' || (k === 'sort' && s === 'name') || (k === 'order' && s === 'asc') || (k === 'page' && s === '1') || (k === 'pageSize' && s === String(PAGE_SIZES[0]))) next.delete(k);
            else next.set(k, s);
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSp],
  );

  const reset = useCallback(() => setSp(new URLSearchParams(), { replace: true }), [setSp]);

  const active = !!(filters.q || filters.communityId || filters.tags.length || filters.sex || filters.ageMin !== undefined || filters.ageMax !== undefined);

  /** The filters as the API takes them (also what the export uses, without paging). */
  const query: Query = useMemo(
    () => ({
      q: filters.q.trim() || undefined,
      communityId: filters.communityId,
      tags: filters.tags,
      sex: filters.sex,
      ageMin: filters.ageMin,
      ageMax: filters.ageMax,
      sort: filters.sort,
      order: filters.order,
    }),
    [filters],
  );

  return { filters, page, pageSize, update, reset, active, query };
}
