import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import type { Permission } from '../../../common/permissions';
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
const OrgsPage = lazy(() => import('../modules/orgs/OrgsPage'));
const UsersPage = lazy(() => import('../modules/users/UsersPage'));
const AuditPage = lazy(() => import('../modules/audit/AuditPage'));
const TodoPage = lazy(() => import('../modules/todo/TodoPage'));
const CaseListPage = lazy(() => import('../modules/cases/CaseListPage'));
const CaseIntakePage = lazy(() => import('../modules/cases/CaseIntakePage'));
const CaseDetailPage = lazy(() => import('../modules/cases/CaseDetailPage'));
const CasePrintPage = lazy(() => import('../modules/cases/CasePrintPage'));
const ReferralsPage = lazy(() => import('../modules/referrals/ReferralsPage'));
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

/** Shows the page when the role allows it (any signed-in user without one); the server enforces the same. */
function Allow({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const me = useMe();
  const step = setupStep(me);
  if (step) return <Navigate to={step} replace />;
  if (permission && !me.permissions.includes(permission)) return <ForbiddenPage />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** The start page: the overview, or the first module the role can use. */
function Start() {
  const me = useMe();
  const step = setupStep(me);
  if (step) return <Navigate to={step} replace />;
  if (me.permissions.includes('dashboard.read')) return <Allow permission="dashboard.read"><HomePage /></Allow>;
  if (me.permissions.includes('orgs.manage')) return <Navigate to="/admin/orgs" replace />;
  if (me.permissions.includes('audit.read')) return <Navigate to="/admin/audit" replace />;
  return <ForbiddenPage />;
}

export const router = createBrowserRouter([
  // The printable case file: A4 pages without the app's menu and header.
  { path: '/cases/:id/print', element: <Allow permission="cases.read"><CasePrintPage /></Allow> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Start /> },
      { path: 'password', element: <PasswordPage /> },
      { path: 'account', element: <Allow><AccountPage /></Allow> },
      {
        path: 'account/second-factor',
        element: (
          <Suspense fallback={<Loading />}>
            <SecondFactorSetupPage />
          </Suspense>
        ),
      },
      { path: 'residents', element: <Allow permission="residents.read"><ResidentListPage /></Allow> },
      { path: 'residents/new', element: <Allow permission="residents.write"><ResidentEditPage /></Allow> },
      { path: 'residents/import', element: <Allow permission="residents.import"><ResidentImportPage /></Allow> },
      { path: 'residents/:id', element: <Allow permission="residents.read"><ResidentDetailPage /></Allow> },
      { path: 'residents/:id/edit', element: <Allow permission="residents.write"><ResidentEditPage /></Allow> },
      { path: 'households', element: <Allow permission="households.read"><HouseholdListPage /></Allow> },
      { path: 'households/:id', element: <Allow permission="households.read"><HouseholdDetailPage /></Allow> },
      { path: 'todo', element: <Allow permission="cases.read"><TodoPage /></Allow> },
      { path: 'cases', element: <Allow permission="cases.read"><CaseListPage /></Allow> },
      { path: 'cases/new', element: <Allow permission="cases.write"><CaseIntakePage /></Allow> },
      { path: 'cases/:id', element: <Allow permission="cases.read"><CaseDetailPage /></Allow> },
      { path: 'referrals', element: <Allow permission="cases.read"><ReferralsPage /></Allow> },
      { path: 'resources', element: <Allow permission="cases.read"><ResourcesPage /></Allow> },
      { path: 'admin/orgs', element: <Allow permission="orgs.manage"><OrgsPage /></Allow> },
      { path: 'admin/users', element: <Allow permission="users.manage"><UsersPage /></Allow> },
      { path: 'admin/audit', element: <Allow permission="audit.read"><AuditPage /></Allow> },
      { path: 'admin/risk-levels', element: <Allow permission="settings.manage"><RiskLevelsPage /></Allow> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
