import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Assessment, AssessmentCreateInput, AssessmentListItem, Instrument, InstrumentSummary, PlanBasis } from '../../../../common/schemas/assessments.schema';
import { api, type Page } from '../../lib/api';
import { invalidateCases } from '../cases/cases.api';

export const assessmentKeys = {
  all: ['assessments'] as const,
  instruments: ['assessments', 'instruments'] as const,
  instrument: (id: string) => ['assessments', 'instrument', id] as const,
  list: (caseId: string) => ['assessments', 'case', caseId] as const,
  one: (caseId: string, id: string) => ['assessments', 'case', caseId, id] as const,
  basis: (caseId: string) => ['assessments', 'case', caseId, 'plan-basis'] as const,
};

/** The instruments a new assessment may use (latest active version of each). */
export function useInstruments(enabled = true) {
  return useQuery({ queryKey: assessmentKeys.instruments, queryFn: () => api.get<Page<InstrumentSummary>>('/api/instruments'), enabled, staleTime: 5 * 60_000 });
}

/** One instrument version with its definition; a version never changes, so it is fetched once. */
export function useInstrument(id: string | null | undefined) {
  return useQuery({
    queryKey: assessmentKeys.instrument(id ?? ''),
    queryFn: () => api.get<{ data: Instrument }>(`/api/instruments/${id}`).then((r) => r.data),
    enabled: !!id,
    staleTime: Infinity,
  });
}

export function useCaseAssessments(caseId: string) {
  return useQuery({ queryKey: assessmentKeys.list(caseId), queryFn: () => api.get<Page<AssessmentListItem>>(`/api/cases/${caseId}/assessments`) });
}

/** What a new plan starts from: the latest assessment's problem list and summary (refreshed with the case's assessments). */
export function usePlanBasis(caseId: string) {
  return useQuery({ queryKey: assessmentKeys.basis(caseId), queryFn: () => api.get<{ data: PlanBasis | null }>(`/api/cases/${caseId}/plan-basis`).then((r) => r.data) });
}

export function useCaseAssessment(caseId: string, id: string | null) {
  return useQuery({
    queryKey: assessmentKeys.one(caseId, id ?? ''),
    queryFn: () => api.get<{ data: Assessment }>(`/api/cases/${caseId}/assessments/${id}`).then((r) => r.data),
    enabled: !!id,
  });
}

/** Records an assessment; the case itself changed too (its history, version, to-do items). */
export function useCreateAssessment(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AssessmentCreateInput) => api.post<{ data: Assessment }>(`/api/cases/${caseId}/assessments`, input).then((r) => r.data),
    onSuccess: (a) => {
      qc.setQueryData(assessmentKeys.one(caseId, a.id), a);
      void qc.invalidateQueries({ queryKey: assessmentKeys.list(caseId) });
      invalidateCases(qc, caseId);
    },
  });
}
