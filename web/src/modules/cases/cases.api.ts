import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Case, CaseAbilities, CaseEvent, CaseListItem, CaseRecord } from '../../../../common/schemas/cases.schema';
import { api, type Page, type Query } from '../../lib/api';

export type CaseOne = { data: Case; abilities: CaseAbilities };
export type CaseWorker = { id: string; displayName: string; role: string; caseload: number };
export type CaseStatsScope = 'mine' | 'team' | 'all';
export type CaseStats = {
  byStatus: { status: string; count: number }[];
  byRisk: { riskLevel: string; count: number }[];
  byServiceArea: { serviceArea: string; count: number }[];
  byTargetGroup: { targetGroup: string | null; count: number }[];
  perMonth: { month: string; opened: number; closed: number }[];
  caseload: { userId: string; name: string; open: number }[];
};

/** Query keys: everything about cases starts with 'cases', so one invalidation refreshes it all. */
export const caseKeys = {
  all: ['cases'] as const,
  list: (q: Query) => ['cases', 'list', q] as const,
  one: (id: string) => ['cases', 'one', id] as const,
  records: (id: string, q: Query) => ['cases', 'one', id, 'records', q] as const,
  events: (id: string) => ['cases', 'one', id, 'events'] as const,
  workers: (communityId: string | undefined, q: WorkerQuery) => ['cases', 'workers', communityId ?? '', q] as const,
  stats: (scope: CaseStatsScope) => ['cases', 'stats', scope] as const,
};

export function useCaseList(q: Query, enabled = true) {
  return useQuery({
    queryKey: caseKeys.list(q),
    queryFn: () => api.get<Page<CaseListItem>>('/api/cases', q),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({ queryKey: caseKeys.one(id ?? ''), queryFn: () => api.get<CaseOne>(`/api/cases/${id}`), enabled: !!id });
}

export function useCaseRecords(id: string, q: { page: number; pageSize: number; kind?: 'service' | 'followup' }) {
  return useQuery({
    queryKey: caseKeys.records(id, q),
    queryFn: () => api.get<Page<CaseRecord>>(`/api/cases/${id}/records`, q),
    placeholderData: keepPreviousData,
  });
}

export function useCaseEvents(id: string, enabled = true) {
  return useQuery({ queryKey: caseKeys.events(id), queryFn: () => api.get<Page<CaseEvent>>(`/api/cases/${id}/events`), enabled });
}

/** Which team role the people are for (by default lead or co-worker), and whether the case is restricted. */
export type WorkerQuery = { teamRole?: 'lead' | 'co_worker' | 'supervisor' | 'manager'; restricted?: boolean };

/**
 * Users who may take a team role on a case of a community (the server decides: role, scope, and sight
 * of restricted data for a restricted case), with their open caseload.
 */
export function useCaseWorkers(communityId: string | undefined, q: WorkerQuery = {}, enabled = true) {
  return useQuery({
    queryKey: caseKeys.workers(communityId, q),
    queryFn: () =>
      api.get<{ data: CaseWorker[] }>('/api/cases/workers', { communityId, teamRole: q.teamRole, restricted: q.restricted ? 'true' : undefined }).then((r) => r.data),
    enabled: enabled && !!communityId,
    staleTime: 60_000,
  });
}

export function useCaseStats(scope: CaseStatsScope, enabled = true) {
  return useQuery({ queryKey: caseKeys.stats(scope), queryFn: () => api.get<CaseStats>('/api/cases/stats', { scope }), enabled, staleTime: 60_000 });
}

/** After any change to a case: its lists, charts, the to-do list and the notifications are stale. */
export function invalidateCases(qc: QueryClient, id?: string) {
  if (id) void qc.invalidateQueries({ queryKey: caseKeys.one(id) });
  void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
  void qc.invalidateQueries({ queryKey: ['cases', 'stats'] });
  void qc.invalidateQueries({ queryKey: ['cases', 'workers'] });
  void qc.invalidateQueries({ queryKey: ['todo'] });
  void qc.invalidateQueries({ queryKey: ['notifications'] });
}

const isCaseOne = (x: unknown): x is CaseOne =>
  !!x && typeof x === 'object' && 'data' in x && 'abilities' in x && !!(x as CaseOne).data && typeof (x as CaseOne).data.caseNo === 'string';

/**
 * Runs one action on a case (`POST /api/cases/:id/<path>` and the like). When the API answers with
 * the case, the page shows it at once; everything that hangs on the case is refetched either way.
 */
export function useCaseAction(id: string) {
  const qc = useQueryClient();
  return useCallback(
    async <T = unknown>(method: 'post' | 'put' | 'delete' | 'patch', path: string, body?: unknown): Promise<T> => {
      const url = `/api/cases/${id}${path ? `/${path}` : ''}`;
      const res =
        method === 'post'
          ? await api.post<T>(url, body)
          : method === 'patch'
            ? await api.patch<T>(url, body)
            : method === 'delete'
              ? await api.delete<T>(url)
              : await api.put<T>(url, body);
      if (isCaseOne(res) && res.data.id === id) qc.setQueryData(caseKeys.one(id), res);
      invalidateCases(qc, id);
      return res;
    },
    [id, qc],
  );
}

