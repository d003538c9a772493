import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  MandatoryReport, MandatoryReportDismissInput, MandatoryReportFlagInput, MandatoryReportRecordInput, ProtectiveOrder, ProtectiveOrderInput, RestrictedDetails, RestrictedDetailsInput,
} from '../../../../common/schemas/safeguarding.schema';
import { api, type One, type Page } from '../../lib/api';

export const safeguardingKeys = {
  all: (caseId: string) => ['safeguarding', caseId] as const,
  reports: (caseId: string) => ['safeguarding', caseId, 'reports'] as const,
  orders: (caseId: string) => ['safeguarding', caseId, 'orders'] as const,
  details: (caseId: string) => ['safeguarding', caseId, 'details'] as const,
};

export type DetailsOne = One<RestrictedDetails, { update: boolean }>;
export type DetailsSaved = DetailsOne & { openedReport: MandatoryReport | null };

const base = (caseId: string) => `/api/cases/${caseId}`;

/** The case team's reports; anyone else gets 403 `safeguarding.team_only` (see MandatoryReports). */
export function useMandatoryReports(caseId: string) {
  return useQuery({ queryKey: safeguardingKeys.reports(caseId), queryFn: () => api.get<Page<MandatoryReport>>(`${base(caseId)}/mandatory-reports`) });
}

export function useOrders(caseId: string) {
  return useQuery({ queryKey: safeguardingKeys.orders(caseId), queryFn: () => api.get<Page<ProtectiveOrder>>(`${base(caseId)}/orders`) });
}

/** Only correction and drug-rehab cases have these fields; the read is audited, so ask only there. */
export function useRestrictedDetails(caseId: string, enabled: boolean) {
  return useQuery({ queryKey: safeguardingKeys.details(caseId), queryFn: () => api.get<DetailsOne>(`${base(caseId)}/restricted-details`), enabled });
}

/**
 * After a change: the case (its version, history and follow-ups) and 我的待办 are out of date too.
 * The keys of those modules start with 'cases' and 'todo'.
 */
function invalidate(qc: QueryClient, caseId: string) {
  void qc.invalidateQueries({ queryKey: safeguardingKeys.all(caseId) });
  void qc.invalidateQueries({ queryKey: ['cases'] });
  void qc.invalidateQueries({ queryKey: ['todo'] });
}

export function useFlagReport(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: MandatoryReportFlagInput) => api.post<{ data: MandatoryReport }>(`${base(caseId)}/mandatory-reports`, input),
    onSuccess: () => invalidate(qc, caseId),
  });
}

export function useRecordReport(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ reportId, input }: { reportId: string; input: MandatoryReportRecordInput }) =>
      api.post<{ data: MandatoryReport }>(`${base(caseId)}/mandatory-reports/${reportId}/record`, input),
    onSettled: () => invalidate(qc, caseId),
  });
}

export function useDismissReport(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ reportId, input }: { reportId: string; input: MandatoryReportDismissInput }) =>
      api.post<{ data: MandatoryReport }>(`${base(caseId)}/mandatory-reports/${reportId}/dismiss`, input),
    onSettled: () => invalidate(qc, caseId),
  });
}

export function useCreateOrder(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProtectiveOrderInput) => api.post<{ data: ProtectiveOrder }>(`${base(caseId)}/orders`, input),
    onSuccess: () => invalidate(qc, caseId),
  });
}

/** Saves with the version the form started from (the server answers 409 when it moved). */
export function useSaveDetails(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RestrictedDetailsInput) => api.put<DetailsSaved>(`${base(caseId)}/restricted-details`, input),
    onSuccess: (res) => {
      qc.setQueryData(safeguardingKeys.details(caseId), { data: res.data, abilities: res.abilities });
      if (res.openedReport) void qc.invalidateQueries({ queryKey: safeguardingKeys.reports(caseId) });
      void qc.invalidateQueries({ queryKey: ['cases'] });
      void qc.invalidateQueries({ queryKey: ['todo'] });
    },
  });
}
