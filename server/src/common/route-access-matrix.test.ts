import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type Role, apiErrorSchema, open311ErrorsSchema } from '@receptivo/shared';
import { type RouteAccess, routeAccessTable } from '../auth/route-access-audit';
import { signInCitizen } from '../testing/portal-citizen';
import { type TestApp, startTestApp } from '../testing/test-app';
import { servedPath } from './route-prefix';

const ROLES: Role[] = ['admin', 'supervisor', 'attendant', 'backoffice'];
/** Staff by role, a citizen signed in on the portal, and nobody. */
type Caller = Role | 'citizen' | 'anonymous';
const CALLERS: Caller[] = [...ROLES, 'citizen', 'anonymous'];

/** A well-formed id nothing has: an admitted call ends in 404 or 400 and changes nothing. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A client application's route (Open311) admits no caller by session: only an api_key, which none of them sends. */
function isAdmitted(route: RouteAccess, caller: Caller): boolean {
  if (route.access === 'public') return true;
  if (route.access === 'citizen') return caller === 'citizen';
  if (route.access === 'client-app') return false;
  return caller !== 'anonymous' && caller !== 'citizen' && (route.access ?? []).includes(caller);
}

/**
 * Staff refused a portal route, and a citizen refused a staff route, hold no session there: 401, as
 * nobody. A client application's route refuses a missing key with 403, as its standard says.
 */
function refusalOf(route: RouteAccess, caller: Caller): 401 | 403 {
  if (route.access === 'client-app') return 403;
  if (caller === 'anonymous' || (caller === 'citizen') !== (route.access === 'citizen')) return 401;
  return 403;
}

/** The refusal's status as its body states it: the API's error shape, or Open311's list of errors. */
function statedStatus(route: RouteAccess, body: unknown): number {
  return route.access === 'client-app' ? open311ErrorsSchema.parse(body)[0].code : apiErrorSchema.parse(body).statusCode;
}

/**
 * Generated from the @Public/@Citizen/@Roles metadata of every route Nest knows, so a new route is in the
 * matrix the day it is written: each role and an anonymous caller call it and must be let through
 * or refused exactly as it declares.
 */
describe('role × route matrix', () => {
  let server: TestApp;
  let routes: RouteAccess[];
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    server = await startTestApp();
    for (const role of ROLES) tokens[role] = await server.login(role);
    tokens.citizen = await signInCitizen(server);
    const { app } = server;
    routes = routeAccessTable(app.get(DiscoveryService), app.get(MetadataScanner), app.get(Reflector));
  });
  afterAll(() => server.close());

  it('every route has an access decision (the server also refuses to start without one)', () => {
    const undecided = routes.filter((route) => route.access === null).map((route) => `${route.handler} (${route.method} ${servedPath(route.path)})`);
    expect(undecided).toEqual([]);
  });

  it('reads the whole API', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes).toContainEqual({ handler: 'AuthController.login', method: 'POST', path: '/auth/login', access: 'public' });
    expect(routes).toContainEqual({ handler: 'UsersController.list', method: 'GET', path: '/users', access: ['admin'] });
    expect(routes).toContainEqual({ handler: 'PortalAuthController.me', method: 'GET', path: '/portal/auth/me', access: 'citizen' });
    expect(routes).toContainEqual({ handler: 'Open311Controller.create', method: 'POST', path: '/open311/v2/requests.:format', access: 'client-app' });
    expect(routes).toContainEqual({ handler: 'Open311ClientsController.create', method: 'POST', path: '/open311-clients', access: ['admin'] });
  });

  it('each role and an anonymous caller are admitted or refused as the route declares', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      // Open311's resources end in their format (`requests.:format`): JSON, so a refusal's body is read.
      const path = servedPath(route.path).replace(/\.:format$/, '.json').replace(/:\w+/g, UNKNOWN_ID);
      for (const caller of CALLERS) {
        let call = server.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
        if (tokens[caller]) call = call.set('Authorization', `Bearer ${tokens[caller]}`);
        if (['POST', 'PUT', 'PATCH'].includes(route.method)) call = call.send({});
        const response = await call;
        const refused = response.status === 401 || response.status === 403;
        const expected = isAdmitted(route, caller) ? 'admitted' : refusalOf(route, caller);
        const answered = refused ? response.status : 'admitted';
        if (answered !== expected) {
          mismatches.push(`${caller} ${route.method} ${path} (${route.handler}): expected ${expected}, answered ${response.status} ${response.body?.code}`);
        }
        if (refused) expect(statedStatus(route, response.body)).toBe(response.status);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
