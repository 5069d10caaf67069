import { useState, type ReactNode } from 'react';
import { createBrowserRouter, createRoutesFromElements, Navigate, Outlet, Route, RouterProvider, useLocation } from 'react-router-dom';
import { ChangePasswordPage } from './ChangePasswordPage';
import { ForgotPasswordPage } from './ForgotPasswordPage';
import { InformationsPage } from './InformationsPage';
import { MyDataPage } from './MyDataPage';
import { NewRequestPage } from './NewRequestPage';
import { NotFoundPage } from './NotFoundPage';
import { PortalLayout } from './PortalLayout';
import { PortalSessionProvider, usePortalSession } from './PortalSessionProvider';
import { portalBasename, portalPaths, portalRoutePatterns, type PortalLocationState } from './portal-paths';
import { ProtocolsPage } from './ProtocolsPage';
import { RequestPage } from './RequestPage';
import { ResetPasswordPage } from './ResetPasswordPage';
import { SignInPage } from './SignInPage';

/** Where the citizen was going, to return there after signing in or choosing a password. */
const here = (location: ReturnType<typeof useLocation>) => `${location.pathname}${location.search}`;

/** The citizen's own pages: signed in, and past the forced change of a temporary password. */
function RequireSignedIn() {
  const { session } = usePortalSession();
  const location = useLocation();
  if (!session) return <Navigate to={portalPaths.signIn} replace state={{ from: here(location) } satisfies PortalLocationState} />;
  if (session.citizen.mustChangePassword) {
    return <Navigate to={portalPaths.changePassword} replace state={{ from: here(location) } satisfies PortalLocationState} />;
  }
  return <Outlet />;
}

/** The password change needs a session; without one it is the sign-in's business. */
function RequireSession({ children }: { children: ReactNode }) {
  const { session } = usePortalSession();
  return session ? children : <Navigate to={portalPaths.signIn} replace />;
}

const portalRoutes = (
  <Route element={<PortalLayout />}>
    <Route path={portalPaths.signIn} element={<SignInPage />} />
    <Route path={portalPaths.forgotPassword} element={<ForgotPasswordPage />} />
    <Route path={portalPaths.resetPassword} element={<ResetPasswordPage />} />
    <Route path={portalPaths.informations} element={<InformationsPage />} />
    <Route
      path={portalPaths.changePassword}
      element={
        <RequireSession>
          <ChangePasswordPage />
        </RequireSession>
      }
    />
    <Route element={<RequireSignedIn />}>
      <Route index element={<ProtocolsPage />} />
      <Route path={portalRoutePatterns.request} element={<RequestPage />} />
      <Route path={portalRoutePatterns.newRequest} element={<NewRequestPage />} />
      <Route path={portalPaths.myData} element={<MyDataPage />} />
    </Route>
    <Route path="*" element={<NotFoundPage />} />
  </Route>
);

/** Autoatendimento: the citizens' self-service portal, at /autoatendimento (a bundle apart from the desk's). */
export function PortalApp() {
  const [router] = useState(() => createBrowserRouter(createRoutesFromElements(portalRoutes), { basename: portalBasename }));
  return (
    <PortalSessionProvider>
      <RouterProvider router={router} />
    </PortalSessionProvider>
  );
}
