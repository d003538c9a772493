import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Household } from '../../../../common/schemas/households.schema';
import type {
  DuplicateCandidate, Resident, ResidentAbilities, ResidentListItem,
} from '../../../../common/schemas/residents.schema';
import { api, type One, type Page, type Query } from '../../lib/api';

/** Query keys: everything about residents starts with 'residents', so one invalidation refreshes it all. */
export const residentKeys = {
  all: ['residents'] as const,
  list: (q: Query) => ['residents', 'list', q] as const,
  one: (id: string) => ['residents', 'one', id] as const,
  history: (id: string) => ['residents', 'one', id, 'history'] as const,
};

export type ResidentOne = One<Resident, ResidentAbilities>;

export type HistoryEntry = { at: string; actorUsername: string | null; action: string; changes: Record<string, [unknown, unknown]> };

export type DuplicateCheck = { idNumberTaken: { residentId?: string; name?: string } | null; sameNameBirth: DuplicateCandidate[] };

export type CreateWarning = { code: string; message: string; candidates: DuplicateCandidate[] };

export function useResidentList(q: Query) {
  return useQuery({
    queryKey: residentKeys.list(q),
    queryFn: () => api.get<Page<ResidentListItem>>('/api/residents', q),
    placeholderData: keepPreviousData,
  });
}

export function useResident(id: string | undefined) {
  return useQuery({
    queryKey: residentKeys.one(id ?? ''),
    queryFn: () => api.get<ResidentOne>(`/api/residents/${id}`),
    enabled: !!id,
  });
}

export function useResidentHistory(id: string) {
  return useQuery({
    queryKey: residentKeys.history(id),
    queryFn: () => api.get<{ data: HistoryEntry[] }>(`/api/residents/${id}/history`).then((r) => r.data),
  });
}

export function useHousehold(id: string | null | undefined) {
  return useQuery({
    queryKey: ['households', 'one', id ?? ''],
    queryFn: () => api.get<One<Household>>(`/api/households/${id}`).then((r) => r.data),
    enabled: !!id,
  });
}

/** Households of one community matching what the user typed (for the household select). */
export function useHouseholdSearch(communityId: string | undefined, q: string) {
  return useQuery({
    queryKey: ['households', 'list', { communityId, q, pageSize: 20 }],
    queryFn: () => api.get<Page<Household>>('/api/households', { communityId, q: q.trim() || undefined, pageSize: 20 }),
    enabled: !!communityId,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
