import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { CASE_KINDS, CASE_STATUSES, SERVICE_AREAS } from '../../../../common/codes/case.codes';
import { CASE_SORTS } from '../../../../common/schemas/cases.schema';
import { useMe } from '../../app/auth';
import type { Query } from '../../lib/api';

export type CaseSort = (typeof CASE_SORTS)[number];
export type CaseFilters = {
  q: string;
  status: string[];
  riskLevel?: string;
  serviceArea?: string;
  kind?: string;
  communityId?: string;
  mine: 'me' | 'team' | 'all';
  sort: CaseSort;
  order: 'asc' | 'desc';
};

export const CASE_PAGE_SIZES = [20, 50, 100];
const known = (list: readonly { code: string }[], v: string | null) => (v && list.some((c) => c.code === v) ? v : undefined);
/** Risk levels are configured (系统设置 → 风险等级): any well-formed code; the server answers for the rest. */
const riskCode = (v: string | null) => (v && /^[a-z][a-z0-9_]*$/.test(v) ? v : undefined);

/** The case list's filters, page and sort live in the URL, like the resident list's. */
export function useCaseFilters() {
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const worker = me.permissions.includes('cases.write');
  // A worker starts with the cases they lead, a supervisor with the cases they are on; managers see all they may.
  const defaultMine: CaseFilters['mine'] = me.permissions.includes('cases.approve') ? 'team' : worker ? 'me' : 'all';

  const filters: CaseFilters = useMemo(() => {
    const communityId = sp.get('communityId') ?? undefined;
    const mine = sp.get('mine');
    const sort = sp.get('sort') as CaseSort | null;
    return {
      q: sp.get('q') ?? '',
      status: (sp.get('status') ?? '').split(',').filter((x) => CASE_STATUSES.some((s) => s.code === x)),
      riskLevel: riskCode(sp.get('riskLevel')),
      serviceArea: known(SERVICE_AREAS, sp.get('serviceArea')),
      kind: known(CASE_KINDS, sp.get('kind')),
      communityId: communityId && me.communities.some((c) => c.id === communityId) ? communityId : undefined,
      mine: mine === 'me' || mine === 'team' || mine === 'all' ? mine : defaultMine,
      sort: sort && CASE_SORTS.includes(sort) ? sort : 'updatedAt',
      order: sp.get('order') === 'asc' ? 'asc' : 'desc',
    };
  }, [sp, me.communities, defaultMine]);

  const page = Math.max(1, Math.floor(Number(sp.get('page'))) || 1);
  const sizeParam = Number(sp.get('pageSize'));
  const pageSize = CASE_PAGE_SIZES.includes(sizeParam) ? sizeParam : CASE_PAGE_SIZES[0];

  const update = useCallback(
    (patch: Partial<CaseFilters> & { page?: number; pageSize?: number }) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            const s = Array.isArray(v) ? v.join(',') : v == null ? '' : String(v);
            if (s === '' || (k === 'sort' && s === 'updatedAt') || (k === 'order' && s === 'desc') || (k === 'page' && s === '1') || (k === 'pageSize' && s === String(CASE_PAGE_SIZES[0]))) next.delete(k);
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

  const reset = useCallback(() => setSp(new URLSearchParams(filters.mine !== defaultMine ? { mine: filters.mine } : {}), { replace: true }), [setSp, filters.mine, defaultMine]);

  const active = !!(filters.q || filters.status.length || filters.riskLevel || filters.serviceArea || filters.kind || filters.communityId);

  const query: Query = useMemo(
    () => ({
      q: filters.q.trim() || undefined,
      status: filters.status,
      riskLevel: filters.riskLevel,
      serviceArea: filters.serviceArea,
      kind: filters.kind,
      communityId: filters.communityId,
      mine: filters.mine,
      sort: filters.sort,
      order: filters.order,
    }),
    [filters],
  );

  return { filters, page, pageSize, update, reset, active, query, worker };
}
