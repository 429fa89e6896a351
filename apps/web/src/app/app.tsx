import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { Loading } from '../features/ui';
import { RequireAdmin, RequireAuth } from './guards';
import { Layout } from './layout';
import { Providers } from './providers';
import { HomePage } from '../routes/public/home/home-page';
import { NotFoundPage } from '../routes/public/not-found/not-found-page';
import { LoginPage } from '../routes/auth/login/login-page';
import { RegisterPage } from '../routes/auth/register/register-page';
import { ForgotPasswordPage } from '../routes/auth/forgot-password/forgot-password-page';
import { ResetPasswordPage } from '../routes/auth/reset-password/reset-password-page';
import { AccountPage } from '../routes/account/me/account-page';
import { DirectoryPage } from '../routes/directory/search/directory-page';
import { AgencyPage } from '../routes/directory/detail/agency-page';

// The administration area is loaded on demand: most visitors are citizens.
const AdminLayout = lazy(() => import('../routes/admin/layout/admin-layout'));
const UsersPage = lazy(() => import('../routes/admin/users/users-page'));
const AgenciesAdminPage = lazy(() => import('../routes/admin/agencies/agencies-page'));
const OidcClientsPage = lazy(() => import('../routes/admin/oidc-clients/oidc-clients-page'));
const AuditPage = lazy(() => import('../routes/admin/audit/audit-page'));
const JobsPage = lazy(() => import('../routes/admin/jobs/jobs-page'));

const suspend = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'account', element: <RequireAuth><AccountPage /></RequireAuth> },
      { path: 'directory', element: <DirectoryPage /> },
      { path: 'directory/:code', element: <AgencyPage /> },
      {
        path: 'admin',
        element: <RequireAdmin>{suspend(<AdminLayout />)}</RequireAdmin>,
        children: [
          { index: true, element: <Navigate to="users" replace /> },
          { path: 'users', element: suspend(<UsersPage />) },
          { path: 'agencies', element: suspend(<AgenciesAdminPage />) },
          { path: 'oidc-clients', element: <RequireAuth roles={['admin']}>{suspend(<OidcClientsPage />)}</RequireAuth> },
          { path: 'audit', element: suspend(<AuditPage />) },
          { path: 'jobs', element: <RequireAuth roles={['admin']}>{suspend(<JobsPage />)}</RequireAuth> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  );
}
