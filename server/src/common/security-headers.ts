import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { deskCspDirectives } from '@receptivo/shared';

/** Swagger UI (/api/docs) writes inline styles (its page template, its icon sprite): allowed there only, scripts still not. */
const API_DOCS = '/api/docs';

/**
 * The browser's protections for pages, assets and API answers (helmet). The Content-Security-Policy
 * is the desk's (deskCspDirectives, which the desktop app sets on the same pages); here connect-src
 * is 'self', which covers the page's own ws:/wss: Socket.IO connection (CSP Level 3), since behind a
 * proxy the server does not know the address the browser used.
 * No upgrade-insecure-requests (helmet's default): desks on a LAN reach the server over plain HTTP.
 * No Strict-Transport-Security: whoever terminates TLS decides it, for the whole host name.
 */
const protections = (styleSrc: string[]) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: deskCspDirectives({ styleSrc }) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  });

export function securityHeaders(): RequestHandler {
  const everywhere = protections([]);
  const apiDocs = protections(["'unsafe-inline'"]);
  return (request: Request, response: Response, next: NextFunction) =>
    (request.path === API_DOCS || request.path.startsWith(`${API_DOCS}/`) ? apiDocs : everywhere)(request, response, next);
}
