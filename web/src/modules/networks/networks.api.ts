import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Ecomap, EcomapInput } from '../../../../common/schemas/networks.schema';
import { api, type Page } from '../../lib/api';
import { invalidateCases } from '../cases/cases.api';

export const ecomapKeys = {
  all: ['ecomaps'] as const,
  list: (caseId: string) => ['ecomaps', caseId] as const,
};

/** Every snapshot of a case, newest first, ties included (they are small, and comparison needs two). */
export function useEcomaps(caseId: string) {
  return useQuery({ queryKey: ecomapKeys.list(caseId), queryFn: () => api.get<Page<Ecomap>>(`/api/cases/${caseId}/ecomaps`) });
}

/** Records a snapshot; the case changed too (its history and version). */
export function useCreateEcomap(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EcomapInput) => api.post<{ data: Ecomap }>(`/api/cases/${caseId}/ecomaps`, input).then((r) => r.data),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ecomapKeys.list(caseId) });
      invalidateCases(qc, caseId);
    },
  });
}
