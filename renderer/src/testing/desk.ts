import type { Attendance, Role } from '@receptivo/shared';
import { categoryTree, noNotices, scripts } from '../knowledge/test-fixtures';
import { fakeServer, loginResponse, sessionUser, storeSession, type FakeRoutes } from './fake-server';
import { renderApp } from './render-app';

/** The open attendance the server remembers; a function is asked again at every GET. */
export type CurrentAttendance = Attendance | null | (() => Attendance | null);

/**
 * What a signed-in desk asks the server for as it opens: who is signed in, the notice boards, the
 * script, the categories and the open attendance (`current`).
 */
export function deskRoutes(current: CurrentAttendance = null, role: Role = 'attendant'): FakeRoutes {
  return {
    'GET /api/auth/me': { status: 200, body: sessionUser(role) },
    'GET /api/notices/current': { status: 200, body: noNotices },
    'GET /api/scripts': { status: 200, body: scripts() },
    'GET /api/categories': { status: 200, body: categoryTree },
    'GET /api/attendances/current':
      typeof current === 'function'
        ? () => ({ status: 200, body: { attendance: current() } })
        : { status: 200, body: { attendance: current } },
  };
}

/** The Receptivo of a signed-in attendant; `routes` add to (or replace) `deskRoutes(current)`. */
export function openDesk(routes: FakeRoutes = {}, current: CurrentAttendance = null) {
  storeSession(loginResponse('attendant'));
  const server = fakeServer({ ...deskRoutes(current), ...routes });
  return { server, user: renderApp('/receptivo') };
}
