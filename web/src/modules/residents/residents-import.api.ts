import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportJob, ImportMode } from '../../../../common/schemas/residents-import.schema';
import { api } from '../../lib/api';

const IMPORT_JOB_KEY = ['residents-import', 'current'];

/** The user's latest import job, polled every second while it runs (and found again after a reload). */
export function useCurrentImportJob() {
  return useQuery({
    queryKey: IMPORT_JOB_KEY,
    queryFn: async () => (await api.get<{ data: ImportJob | null }>('/api/residents/import/jobs/current')).data,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
    refetchOnWindowFocus: (q) => q.state.data?.status === 'running',
  });
}

/** Starting, rerunning and cancelling a job; each answer becomes the current job at once. */
export function useImportActions() {
  const qc = useQueryClient();
  const set = (job: ImportJob) => qc.setQueryData(IMPORT_JOB_KEY, job);
  return {
    upload: async (file: File, mode: ImportMode, communityId: string | null) =>
      set((await api.upload<{ data: ImportJob }>('/api/residents/import', file, { mode, ...(communityId ? { communityId } : {}) })).data),
    rerun: async (id: string, mode: ImportMode, communityId: string | null) =>
      set((await api.post<{ data: ImportJob }>(`/api/residents/import/jobs/${id}/rerun`, { mode, communityId })).data),
    cancel: async (id: string) => set((await api.post<{ data: ImportJob }>(`/api/residents/import/jobs/${id}/cancel`)).data),
    problems: (job: ImportJob) => api.download(`/api/residents/import/jobs/${job.id}/problems`, undefined, `${job.fileName.replace(/\.xlsx$/i, '')}-问题标注.xlsx`),
  };
}
