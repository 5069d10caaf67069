import { Fragment, useState, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, createRoutesFromElements, Navigate, Outlet, Route, RouterProvider } from 'react-router-dom';
import { homePathFor, menuFor, menuSections, type MenuSectionKey } from '@receptivo/shared';
import { AdministrationPage } from '../administration/AdministrationPage';
import { AttendanceDetailsPage } from '../attendances/AttendanceDetailsPage';
import { AttendancePrintPage } from '../attendances/AttendancePrintPage';
import { AttendancesPage } from '../attendances/AttendancesPage';
import { RequestPrintPage } from '../attendances/RequestPrintPage';
import { RequestStatusPage } from '../attendances/RequestStatusPage';
import { LoginPage } from '../auth/LoginPage';
import { SessionProvider, useCurrentUser, useSession } from '../auth/SessionProvider';
import { SignInAgainDialog } from '../auth/SignInAgainDialog';
import { CustomerEditorPage } from '../customers/CustomerEditorPage';
import { CustomersPage } from '../customers/CustomersPage';
import { DesktopSession } from '../desktop/DesktopGlue';
import { NewCustomerPage } from '../customers/NewCustomerPage';
import { ReceptivoPage } from '../receptivo/ReceptivoPage';
import { SupervisionPage } from '../supervision/SupervisionPage';
import { AppLayout } from '../ui/AppLayout';

const pages: Record<MenuSectionKey, ComponentType> = {
  receptivo: ReceptivoPage,
  attendances: AttendancesPage,
  customers: CustomersPage,
  supervision: SupervisionPage,
  administration: AdministrationPage,
};

/** Pages below a menu section, guarded by that section's roles. */
const subPages: readonly { section: MenuSectionKey; path: string; Page: ComponentType }[] = [
  { section: 'customers', path: '/clientes/novo', Page: NewCustomerPage },
  { section: 'customers', path: '/clientes/:id', Page: CustomerEditorPage },
  { section: 'attendances', path: '/atendimentos/:id', Page: AttendanceDetailsPage },
  { section: 'attendances', path: '/atendimentos/:id/imprimir', Page: AttendancePrintPage },
  { section: 'attendances', path: '/solicitacoes/:id', Page: RequestStatusPage },
  { section: 'attendances', path: '/solicitacoes/:id/imprimir', Page: RequestPrintPage },
];

const appRoutes = (
  <Route element={<SessionRoot />}>
    <Route path="/login" element={<LoginRoute />} />
    <Route element={<RequireSession />}>
      <Route element={<AppLayout />}>
        {menuSections.map((section) => {
          const Page = pages[section.key];
          return (
            <Route
              key={section.key}
              path={section.path}
              element={
                <RequireSection section={section.key}>
                  <Page />
                </RequireSection>
              }
            />
          );
        })}
        {subPages.map(({ section, path, Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <RequireSection section={section}>
                <Page />
              </RequireSection>
            }
          />
        ))}
      </Route>
    </Route>
    <Route path="*" element={<GoHome />} />
  </Route>
);

/**
 * A data router, because asking before leaving unsaved work (useBlocker) needs one. Created when the
 * app mounts, not at import, so it starts at the address the page was opened with.
 */
export function App() {
  const [router] = useState(() => createBrowserRouter(createRoutesFromElements(appRoutes)));
  return <RouterProvider router={router} />;
}

function SessionRoot() {
  return (
    <SessionProvider>
      <DesktopSession />
      <Outlet />
    </SessionProvider>
  );
}

function LoginRoute() {
  const { session } = useSession();
  return session ? <Navigate to={homePathFor(session.user.role)} replace /> : <LoginPage />;
}

/** While the token no longer holds, the pages stay as they are under the sign-in dialog. */
function RequireSession() {
  const { session } = useSession();
  if (!session) return <Navigate to="/login" replace />;
  return (
    <>
      {/* Keyed by user: another person signing in over the pages gets them fresh, not the last one's typing. */}
      <Fragment key={session.user.id}>
        <Outlet />
      </Fragment>
      <SignInAgainDialog />
    </>
  );
}

/** A section the role may not see sends the user to their own home instead of an error page. */
function RequireSection({ section, children }: { section: MenuSectionKey; children: ReactNode }) {
  const { role } = useCurrentUser();
  const allowed = menuFor(role).some((item) => item.key === section);
  return allowed ? children : <Navigate to={homePathFor(role)} replace />;
}

/** Also catches the index.html path Electron's custom protocol may open first. */
function GoHome() {
  const { session } = useSession();
  return <Navigate to={session ? homePathFor(session.user.role) : '/login'} replace />;
}
