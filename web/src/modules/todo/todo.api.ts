import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Notification, TodoPage } from '../../../../common/schemas/todo.schema';
import { api, type Page } from '../../lib/api';

export const todoKeys = { list: ['todo'] as const, notifications: ['notifications'] as const };

export function useTodo() {
  return useQuery({ queryKey: todoKeys.list, queryFn: () => api.get<TodoPage>('/api/todo'), refetchOnWindowFocus: true });
}

export type NotificationPage = Page<Notification> & { unread: number };

/** The bell's notifications: polled every minute, and when the window regains focus. */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: todoKeys.notifications,
    queryFn: () => api.get<NotificationPage>('/api/notifications'),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

/** Marks one notification (or all) read and refreshes the bell. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useCallback(
    async (id?: string) => {
      await api.post(id ? `/api/notifications/${id}/read` : '/api/notifications/read-all');
      void qc.invalidateQueries({ queryKey: todoKeys.notifications });
    },
    [qc],
  );
}
