import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError } from '../lib/api';
// Beijing time for every date shown and every picker's "today" (lib/format.ts sets dayjs's zone).
import '../lib/format';
import { MeProvider, useMeQuery, useSessionEnd } from './auth';
import { LoginPage } from './LoginPage';
import { router } from './router';
import { linliTheme } from './theme';
import { ErrorState, Loading } from './states';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (n, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function Gate() {
  const me = useMeQuery();
  const { ended, logout } = useSessionEnd(!!me.data);
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <LoginPage ended={ended} />;
  return (
    <MeProvider me={me.data} logout={logout}>
      <RouterProvider router={router} />
    </MeProvider>
  );
}

const reducedMotion = typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
const theme = linliTheme({ reducedMotion });

export function App() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  dayjs.locale(zh ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={zh ? zhCN : enUS}
      theme={theme}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <Gate />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
