import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from './api';
import { errorText, fieldText } from './i18n';

/** The text a user reads for any failure: the error code's message in their language. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'validation.failed' && Array.isArray(e.details) && e.details[0]) {
      const d = e.details[0] as { field?: string; code: string; row?: number };
      return `${errorText(e.code)}（${d.field ?? ''} ${fieldText(d.code)}）`;
    }
    return errorText(e.code);
  }
  return errorText('internal');
}

/** Shows a failure as a toast in the user's language. */
export function useNotifyError() {
  const { message } = App.useApp();
  return useCallback((e: unknown) => void message.error(errorMessage(e)), [message]);
}
