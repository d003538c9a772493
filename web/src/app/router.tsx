import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { routePermission } from '../lib/routes';
import { AppLayout } from './AppLayout';
import { useMe } from './auth';
import { ForbiddenPage, NotFoundPage } from './NotFoundPage';
import { PasswordPage } from './PasswordPage';
import { Loading } from './states';

const HomePage = lazy(() => import('../modules/dashboard/HomePage'));
const ResidentListPage = lazy(() => import('../modules/residents/ResidentListPage'));
const ResidentDetailPage = lazy(() => import('../modules/residents/ResidentDetailPage'));
const ResidentEditPage = lazy(() => import('../modules/residents/ResidentEditPage'));
const ResidentImportPage = lazy(() => import('../modules/residents/ResidentImportPage'));
const HouseholdListPage = lazy(() => import('../modules/households/HouseholdListPage'));
const HouseholdDetailPage = lazy(() => import('../modules/households/HouseholdDetailPage'));
const HouseholdsFromAddressPage = lazy(() => import('../modules/households/HouseholdsFromAddressPage'));
const OrgsPage = lazy(() => import('../modules/orgs/OrgsPage'));
const UsersPage = lazy(() => import('../modules/users/UsersPage'));
const AuditPage = lazy(() => import('../modules/audit/AuditPage'));
const TodoPage = lazy(() => import('../modules/todo/TodoPage'));
const CaseListPage = lazy(() => import('../modules/cases/CaseListPage'));
const CaseIntakePage = lazy(() => import('../modules/cases/CaseIntakePage'));
const CaseDetailPage = lazy(() => import('../modules/cases/CaseDetailPage'));
const CasePrintPage = lazy(() => import('../modules/cases/CasePrintPage'));
const ReferralsPage = lazy(() => import('../modules/referrals/ReferralsPage'));
const ReferralPrintPage = lazy(() => import('../modules/referrals/ReferralPrintPage'));
const ResourcesPage = lazy(() => import('../modules/referrals/ResourcesPage'));
const RiskLevelsPage = lazy(() => import('../modules/settings/RiskLevelsPage'));
const AccountPage = lazy(() => import('../modules/account/AccountPage'));
const SecondFactorSetupPage = lazy(() => import('../modules/account/SecondFactorSetupPage'));

/** Where a user goes first who must still choose a password, then enrol a second factor. */
function setupStep(me: { mustChangePassword: boolean; mustEnrolSecondFactor: boolean }): string | null {
  if (me.mustChangePassword) return '/password';
  if (me.mustEnrolSecondFactor) return '/account/second-factor';
  return null;
}

/** Shows the page at `path` when the role allows it (lib/routes.ts); the server enforces the same permission. */
function Allow({ path, children }: { path: string; children: ReactNode }) {
  const me = useMe();
  const permission = routePermission(path);
  const step = setupStep(me);
  if (step) return <Navigate to={step} replace />;
  if (permission === undefined || (permission !== null && !me.permissions.includes(permission))) return <ForbiddenPage />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** A guarded page: its route and the permission lib/routes.ts gives it. */
const page = (path: string, element: ReactNode) => ({ path: path.slice(1), element: <Allow path={path}>{element}</Allow> });

/** The start page: the overview, or the first module the role can use. */
function Start() {
  const me = useMe();
  const step = setupStep(me);
  if (step) return <Navigate to={step} replace />;
  if (me.permissions.includes('dashboard.read')) return <Suspense fallback={<Loading />}><HomePage /></Suspense>;
  if (me.permissions.includes('orgs.manage')) return <Navigate to="/admin/orgs" replace />;
  if (me.permissions.includes('audit.read')) return <Navigate to="/admin/audit" replace />;
  return <ForbiddenPage />;
}

export const router = createBrowserRouter([
  // The printable case file and 转介单: A4 pages without the app's menu and header.
  { path: '/cases/:id/print', element: <Allow path="/cases/:id/print"><CasePrintPage /></Allow> },
  { path: '/referrals/:id/print', element: <Allow path="/referrals/:id/print"><ReferralPrintPage /></Allow> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Start /> },
      { path: 'password', element: <PasswordPage /> },
      page('/account', <AccountPage />),
      {
        path: 'account/second-factor',
        element: (
          <Suspense fallback={<Loading />}>
            <SecondFactorSetupPage />
          </Suspense>
        ),
      },
      page('/residents', <ResidentListPage />),
      page('/residents/new', <ResidentEditPage />),
      page('/residents/import', <ResidentImportPage />),
      page('/residents/:id', <ResidentDetailPage />),
      page('/residents/:id/edit', <ResidentEditPage />),
      page('/households', <HouseholdListPage />),
      page('/households/from-addresses', <HouseholdsFromAddressPage />),
      page('/households/:id', <HouseholdDetailPage />),
      page('/todo', <TodoPage />),
      page('/cases', <CaseListPage />),
      page('/cases/new', <CaseIntakePage />),
      page('/cases/:id', <CaseDetailPage />),
      page('/referrals', <ReferralsPage />),
      page('/resources', <ResourcesPage />),
      page('/admin/orgs', <OrgsPage />),
      page('/admin/users', <UsersPage />),
      page('/admin/audit', <AuditPage />),
      page('/admin/risk-levels', <RiskLevelsPage />),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
