import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { DashboardSummary } from '../../../../common/schemas/dashboard.schema';

export type { DashboardSummary };

/** Age bands in the order the server names them. */
export const AGE_BANDS = ['0-17', '18-34', '35-59', '60-79', '80+'] as const;

export function useDashboardSummary(enabled: boolean) {
  return useQuery({
    queryKey: ['dashboard', 'summary'],
    queryFn: async () => (await api.get<{ data: DashboardSummary }>('/api/dashboard/summary')).data,
    enabled,
    staleTime: 60_000,
  });
}
