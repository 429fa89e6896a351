import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { Loading } from '../features/ui';
import { RequireAdmin, RequireAuth, RequireCitizen, RequireStaff } from './guards';
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
import { ProceduresPage } from '../routes/services/search/procedures-page';
import { ProcedurePage } from '../routes/services/detail/procedure-page';
import { ApplyPage } from '../routes/services/apply/apply-page';
import { SubmittedPage } from '../routes/services/submitted/submitted-page';
import { MyDossiersPage } from '../routes/services/my-dossiers/my-dossiers-page';
import { MyDossierPage } from '../routes/services/my-dossier/my-dossier-page';
import { TrackPage } from '../routes/public/track/track-page';
import { DossierLinkPage, TrackAliasPage } from '../routes/services/dossier-link/dossier-link-page';
import { MyCertificatesPage } from '../routes/my/certificates/my-certificates-page';
import { SignPage } from '../routes/signatures/sign/sign-page';
import { ValidatePage } from '../routes/signatures/validate/validate-page';
import { STATS_ROLES } from '../features/dossiers/types';
import { PaymentPage } from '../routes/payments/result/payment-page';
import { FeedbackNewPage } from '../routes/feedback/new/feedback-new-page';
import { FeedbackTrackPage } from '../routes/feedback/track/feedback-track-page';
import { FeedbackPublicPage } from '../routes/feedback/public/feedback-public-page';
import { FeedbackStatsPage } from '../routes/feedback/stats/feedback-stats-page';
import { ScoresPage } from '../routes/public/scores/scores-page';
import { PetitionsPage } from '../routes/petitions/list/petitions-page';
import { PetitionPage } from '../routes/petitions/detail/petition-page';
import { PAYMENT_VIEWERS, PUSH_HANDLERS, RECONCILERS } from '../features/payments/types';

// The administration area is loaded on demand: most visitors are citizens.
const AdminLayout = lazy(() => import('../routes/admin/layout/admin-layout'));
const UsersPage = lazy(() => import('../routes/admin/users/users-page'));
const AgenciesAdminPage = lazy(() => import('../routes/admin/agencies/agencies-page'));
const OidcClientsPage = lazy(() => import('../routes/admin/oidc-clients/oidc-clients-page'));
const AuditPage = lazy(() => import('../routes/admin/audit/audit-page'));
const JobsPage = lazy(() => import('../routes/admin/jobs/jobs-page'));
const ProceduresAdminPage = lazy(() => import('../routes/admin/procedures/procedures-admin-page'));
const ProcedureEditorPage = lazy(() => import('../routes/admin/procedures/procedure-editor-page'));
const CalendarPage = lazy(() => import('../routes/admin/calendar/calendar-page'));
const PkiCasPage = lazy(() => import('../routes/admin/pki/cas-page'));
const PkiCertificatesPage = lazy(() => import('../routes/admin/pki/certificates-page'));
const PkiTrustListPage = lazy(() => import('../routes/admin/pki/trust-list-page'));
const ExchangeNodesPage = lazy(() => import('../routes/admin/exchange/nodes-page'));
const ExchangeLogPage = lazy(() => import('../routes/admin/exchange/log-page'));
const ExchangeDeliveriesPage = lazy(() => import('../routes/admin/exchange/deliveries-page'));
const GatewayServicesPage = lazy(() => import('../routes/admin/gateway/services-page'));
const GatewayPublishPage = lazy(() => import('../routes/admin/gateway/publish-page'));
const GatewaySubsystemsPage = lazy(() => import('../routes/admin/gateway/subsystems-page'));
const GatewaySubsystemPage = lazy(() => import('../routes/admin/gateway/subsystem-page'));
const GatewayMessagesPage = lazy(() => import('../routes/admin/gateway/messages-page'));
// The officers' area too: citizens never load it.
const StaffLayout = lazy(() => import('../routes/staff/layout/staff-layout'));
const InboxPage = lazy(() => import('../routes/staff/inbox/inbox-page'));
const StaffDossierPage = lazy(() => import('../routes/staff/dossier/staff-dossier-page'));
const CounterPage = lazy(() => import('../routes/staff/counter/counter-page'));
const IdentityPage = lazy(() => import('../routes/staff/identity/identity-page'));
const StatsPage = lazy(() => import('../routes/staff/stats/stats-page'));
const DocumentsPage = lazy(() => import('../routes/staff/documents/documents-page'));
const NewDocumentPage = lazy(() => import('../routes/staff/documents/new-document-page'));
const PaperPage = lazy(() => import('../routes/staff/documents/paper-page'));
const BulkSignPage = lazy(() => import('../routes/staff/documents/bulk-sign-page'));
const DocumentPage = lazy(() => import('../routes/staff/documents/document-page'));
const RegistersPage = lazy(() => import('../routes/staff/registers/registers-page'));
const DossierRegisterPage = lazy(() => import('../routes/staff/dossier-register/dossier-register-page'));
const ProfilePage = lazy(() => import('../routes/account/profile/profile-page'));
const PaymentsPage = lazy(() => import('../routes/staff/payments/payments-page'));
const ReconciliationPage = lazy(() => import('../routes/staff/payments/reconciliation-page'));
const BankPushesPage = lazy(() => import('../routes/staff/payments/bank-pushes-page'));
const DataAccessPage = lazy(() =>
  import('../routes/my/data-access/data-access-page').then((m) => ({ default: m.DataAccessPage })),
);
const RegistryCorrectionsPage = lazy(() => import('../routes/staff/registry-corrections/registry-corrections-page'));
const AccessDelaysPage = lazy(() => import('../routes/staff/access-delays/access-delays-page'));
const FeedbackBoxPage = lazy(() => import('../routes/staff/feedback/feedback-box-page'));
const StaffFeedbackPage = lazy(() => import('../routes/staff/feedback/staff-feedback-page'));
const MeetingsPage = lazy(() => import('../routes/staff/meetings/meetings-page'));
const MeetingPage = lazy(() => import('../routes/staff/meetings/meeting-page'));
const NewMeetingPage = lazy(() => import('../routes/staff/meetings/new-meeting-page'));
const OpinionPage = lazy(() => import('../routes/staff/meetings/opinion-page'));
const MeetingTaskPage = lazy(() => import('../routes/staff/meetings/task-page'));
const ReportsPage = lazy(() => import('../routes/staff/reports/reports-page'));
const ReportPage = lazy(() => import('../routes/staff/reports/report-page'));
const RegimesPage = lazy(() => import('../routes/staff/reports/regimes-page'));
const ReceivedReportPage = lazy(() => import('../routes/staff/reports/received-report-page'));
const DashboardPage = lazy(() => import('../routes/staff/dashboard/dashboard-page'));

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
      {
        path: 'account',
        element: (
          <RequireAuth>
            <AccountPage />
          </RequireAuth>
        ),
      },
      {
        path: 'account/profile',
        element: <RequireCitizen>{suspend(<ProfilePage />)}</RequireCitizen>,
      },
      {
        path: 'my/certificates',
        element: (
          <RequireStaff>
            <MyCertificatesPage />
          </RequireStaff>
        ),
      },
      {
        path: 'signatures/sign',
        element: (
          <RequireAuth>
            <SignPage />
          </RequireAuth>
        ),
      },
      {
        path: 'signatures/validate',
        element: (
          <RequireAuth>
            <ValidatePage />
          </RequireAuth>
        ),
      },
      { path: 'directory', element: <DirectoryPage /> },
      { path: 'directory/:code', element: <AgencyPage /> },
      { path: 'procedures', element: <ProceduresPage /> },
      { path: 'procedures/:code', element: <ProcedurePage /> },
      {
        path: 'procedures/:code/apply',
        element: (
          <RequireCitizen>
            <ApplyPage />
          </RequireCitizen>
        ),
      },
      {
        path: 'dossiers/submitted/:code',
        element: (
          <RequireAuth>
            <SubmittedPage />
          </RequireAuth>
        ),
      },
      {
        path: 'my/data-access',
        element: <RequireCitizen>{suspend(<DataAccessPage />)}</RequireCitizen>,
      },
      {
        path: 'my/dossiers',
        element: (
          <RequireCitizen>
            <MyDossiersPage />
          </RequireCitizen>
        ),
      },
      {
        path: 'my/dossiers/:code',
        element: (
          <RequireCitizen>
            <MyDossierPage />
          </RequireCitizen>
        ),
      },
      { path: 'track', element: <TrackPage /> },
      { path: 'tra-cuu', element: <TrackAliasPage /> },
      { path: 'dossiers/:code', element: <DossierLinkPage /> },
      { path: 'phan-anh', element: <FeedbackPublicPage /> },
      { path: 'phan-anh/gui', element: <FeedbackNewPage /> },
      { path: 'phan-anh/theo-doi', element: <FeedbackTrackPage /> },
      { path: 'phan-anh/theo-doi/:code', element: <FeedbackTrackPage /> },
      { path: 'phan-anh/thong-ke', element: <FeedbackStatsPage /> },
      { path: 'chi-so-766', element: <ScoresPage /> },
      { path: 'kien-nghi', element: <PetitionsPage /> },
      { path: 'kien-nghi/:id', element: <PetitionPage /> },
      {
        path: 'payments/:id',
        element: (
          <RequireAuth>
            <PaymentPage />
          </RequireAuth>
        ),
      },
      {
        path: 'staff',
        element: <RequireStaff>{suspend(<StaffLayout />)}</RequireStaff>,
        children: [
          { index: true, element: <Navigate to="dossiers" replace /> },
          { path: 'dossiers', element: suspend(<InboxPage />) },
          { path: 'dossiers/:code', element: suspend(<StaffDossierPage />) },
          {
            path: 'access-delays',
            element: <RequireAuth roles={['leader']}>{suspend(<AccessDelaysPage />)}</RequireAuth>,
          },
          {
            path: 'registry-corrections',
            element: <RequireAuth roles={['specialist', 'leader']}>{suspend(<RegistryCorrectionsPage />)}</RequireAuth>,
          },
          { path: 'counter', element: <RequireAuth roles={['reception']}>{suspend(<CounterPage />)}</RequireAuth> },
          {
            path: 'dossier-register',
            element: <RequireAuth roles={['reception', 'leader']}>{suspend(<DossierRegisterPage />)}</RequireAuth>,
          },
          {
            path: 'identity',
            element: <RequireAuth roles={['reception']}>{suspend(<IdentityPage />)}</RequireAuth>,
          },
          { path: 'stats', element: <RequireAuth roles={STATS_ROLES}>{suspend(<StatsPage />)}</RequireAuth> },
          { path: 'documents', element: suspend(<DocumentsPage />) },
          {
            path: 'documents/new',
            element: <RequireAuth roles={['specialist', 'leader']}>{suspend(<NewDocumentPage />)}</RequireAuth>,
          },
          { path: 'documents/paper', element: <RequireAuth roles={['clerk']}>{suspend(<PaperPage />)}</RequireAuth> },
          {
            path: 'documents/sign',
            element: <RequireAuth roles={['leader']}>{suspend(<BulkSignPage />)}</RequireAuth>,
          },
          { path: 'documents/:id', element: suspend(<DocumentPage />) },
          {
            path: 'registers',
            element: <RequireAuth roles={['clerk', 'leader']}>{suspend(<RegistersPage />)}</RequireAuth>,
          },
          { path: 'feedback', element: suspend(<FeedbackBoxPage />) },
          { path: 'feedback/:code', element: suspend(<StaffFeedbackPage />) },
          { path: 'meetings', element: suspend(<MeetingsPage />) },
          { path: 'meetings/new', element: suspend(<NewMeetingPage />) },
          { path: 'meetings/opinions/:id', element: suspend(<OpinionPage />) },
          { path: 'meetings/tasks/:taskId', element: suspend(<MeetingTaskPage />) },
          { path: 'meetings/:id', element: suspend(<MeetingPage />) },
          { path: 'reports', element: suspend(<ReportsPage />) },
          { path: 'reports/regimes', element: suspend(<RegimesPage />) },
          { path: 'reports/received/:id', element: suspend(<ReceivedReportPage />) },
          { path: 'reports/:id', element: suspend(<ReportPage />) },
          {
            path: 'dashboard',
            element: (
              <RequireAuth roles={['leader', 'agency_admin', 'admin']}>{suspend(<DashboardPage />)}</RequireAuth>
            ),
          },
          { path: 'payments', element: <RequireAuth roles={PAYMENT_VIEWERS}>{suspend(<PaymentsPage />)}</RequireAuth> },
          {
            path: 'payments/reconciliation',
            element: <RequireAuth roles={RECONCILERS}>{suspend(<ReconciliationPage />)}</RequireAuth>,
          },
          {
            path: 'payments/bank-pushes',
            element: <RequireAuth roles={PUSH_HANDLERS}>{suspend(<BankPushesPage />)}</RequireAuth>,
          },
        ],
      },
      {
        path: 'admin',
        element: <RequireAdmin>{suspend(<AdminLayout />)}</RequireAdmin>,
        children: [
          { index: true, element: <Navigate to="users" replace /> },
          { path: 'users', element: suspend(<UsersPage />) },
          { path: 'agencies', element: suspend(<AgenciesAdminPage />) },
          {
            path: 'oidc-clients',
            element: <RequireAuth roles={['admin']}>{suspend(<OidcClientsPage />)}</RequireAuth>,
          },
          { path: 'audit', element: suspend(<AuditPage />) },
          { path: 'jobs', element: <RequireAuth roles={['admin']}>{suspend(<JobsPage />)}</RequireAuth> },
          { path: 'procedures', element: suspend(<ProceduresAdminPage />) },
          { path: 'procedures/:code', element: suspend(<ProcedureEditorPage />) },
          { path: 'calendar', element: suspend(<CalendarPage />) },
          { path: 'pki', element: suspend(<PkiCasPage />) },
          { path: 'pki/certificates', element: suspend(<PkiCertificatesPage />) },
          { path: 'pki/trust', element: suspend(<PkiTrustListPage />) },
          {
            path: 'exchange/nodes',
            element: <RequireAuth roles={['admin']}>{suspend(<ExchangeNodesPage />)}</RequireAuth>,
          },
          {
            path: 'exchange/log',
            element: <RequireAuth roles={['admin']}>{suspend(<ExchangeLogPage />)}</RequireAuth>,
          },
          {
            path: 'exchange/deliveries',
            element: <RequireAuth roles={['admin']}>{suspend(<ExchangeDeliveriesPage />)}</RequireAuth>,
          },
          { path: 'gateway/services', element: suspend(<GatewayServicesPage />) },
          { path: 'gateway/services/new', element: suspend(<GatewayPublishPage />) },
          { path: 'gateway/subsystems', element: suspend(<GatewaySubsystemsPage />) },
          { path: 'gateway/subsystems/:id', element: suspend(<GatewaySubsystemPage />) },
          { path: 'gateway/messages', element: suspend(<GatewayMessagesPage />) },
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
