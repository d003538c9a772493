import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  IncomingReferralInput, Referral, ReferralCreateInput, ReferralIntakePrefill, ReferralTargetUnit, Resource, ResourceAbilities, ResourceCreateInput, ResourceUpdateInput,
} from '../../../../common/schemas/referrals.schema';
import { api, type Page, type Query } from '../../lib/api';
import { invalidateCases } from '../cases/cases.api';

export type ReferralOne = { data: Referral; intake: ReferralIntakePrefill | null };
export type ResourceOne = { data: Resource; abilities: ResourceAbilities };
export type ReferralStep = 'accept' | 'decline' | 'complete' | 'cancel';
export type ReferralBox = 'incoming' | 'outgoing';

export const referralKeys = {
  all: ['referrals'] as const,
  ofCase: (caseId: string) => ['referrals', 'case', caseId] as const,
  list: (q: Query) => ['referrals', 'list', q] as const,
  one: (id: string) => ['referrals', 'one', id] as const,
  targets: ['referrals', 'targets'] as const,
};
export const resourceKeys = {
  all: ['resources'] as const,
  list: (q: Query) => ['resources', 'list', q] as const,
  one: (id: string) => ['resources', 'one', id] as const,
};

export function useCaseReferrals(caseId: string) {
  return useQuery({ queryKey: referralKeys.ofCase(caseId), queryFn: () => api.get<Page<Referral>>(`/api/cases/${caseId}/referrals`) });
}

export function useReferralList(q: Query & { box: ReferralBox }) {
  return useQuery({ queryKey: referralKeys.list(q), queryFn: () => api.get<Page<Referral>>('/api/referrals', q), placeholderData: keepPreviousData });
}

/** A resident's referrals, both directions, as far as the caller sees them (their cases' and the referrals in naming them). */
export function useResidentReferrals(residentId: string, enabled = true) {
  const q = { residentId, pageSize: 100 };
  return useQuery({ queryKey: referralKeys.list(q), queryFn: () => api.get<Page<Referral>>('/api/referrals', q), enabled });
}

export function useReferral(id: string | null) {
  return useQuery({ queryKey: referralKeys.one(id ?? ''), queryFn: () => api.get<ReferralOne>(`/api/referrals/${id}`), enabled: !!id });
}

/** Stations and communities of the district (where a referral may go, or come in to). */
export function useReferralTargets(enabled = true) {
  return useQuery({ queryKey: referralKeys.targets, queryFn: () => api.get<Page<ReferralTargetUnit>>('/api/referrals/targets').then((r) => r.data), enabled, staleTime: 5 * 60_000 });
}

export function useResources(q: Query, enabled = true) {
  return useQuery({ queryKey: resourceKeys.list(q), queryFn: () => api.get<Page<Resource>>('/api/resources', q), placeholderData: keepPreviousData, enabled });
}

/** A referral changed: every box, the case's tab and the case (its history), and the to-do list are stale. */
function invalidateReferrals(qc: QueryClient, r: Referral) {
  void qc.invalidateQueries({ queryKey: referralKeys.all });
  if (r.caseId) invalidateCases(qc, r.caseId);
  if (r.resultCaseId) invalidateCases(qc, r.resultCaseId);
  void qc.invalidateQueries({ queryKey: ['todo'] });
}

export function useCreateReferral(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ReferralCreateInput) => api.post<ReferralOne>(`/api/cases/${caseId}/referrals`, input),
    onSuccess: (res) => invalidateReferrals(qc, res.data),
  });
}

export function useRecordIncoming() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: IncomingReferralInput) => api.post<ReferralOne>('/api/referrals/incoming', input),
    onSuccess: (res) => invalidateReferrals(qc, res.data),
  });
}

/** Accept, decline, complete or withdraw; accepting into one of our units answers with the intake prefill. */
export function useReferralStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step, body }: { id: string; step: ReferralStep; body: Record<string, unknown> }) => api.post<ReferralOne>(`/api/referrals/${id}/${step}`, body),
    onSuccess: (res) => {
      qc.setQueryData(referralKeys.one(res.data.id), res);
      invalidateReferrals(qc, res.data);
    },
  });
}

export function useSaveResource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ResourceCreateInput | ResourceUpdateInput }) =>
      id ? api.patch<ResourceOne>(`/api/resources/${id}`, input) : api.post<ResourceOne>('/api/resources', input),
    onSuccess: (res) => {
      qc.setQueryData(resourceKeys.one(res.data.id), res);
      void qc.invalidateQueries({ queryKey: ['resources', 'list'] });
    },
  });
}

export function useArchiveResource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ResourceOne>(`/api/resources/${id}/archive`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: resourceKeys.all }),
  });
}

/** Where the intake of an accepted referral starts: the lead's intake page reads `residentId` (and `referralId`). */
export function intakeLink(p: ReferralIntakePrefill): string {
  const q = new URLSearchParams({ referralId: p.referralId, source: 'referral_in' });
  if (p.residentId) q.set('residentId', p.residentId);
  return `/cases/new?${q.toString()}`;
}
