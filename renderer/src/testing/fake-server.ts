import type { ApiErrorBody, LoginResponse, Role, SessionUser, User } from '@receptivo/shared';
import { sessionStorageKey } from '../auth/session-store';

export interface FakeRequest {
  method: string;
  path: string;
  /** The query string, decoded; routes are matched on the path alone. */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** JSON bodies parsed; a FormData (multipart upload) as it was sent. */
  body: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
}

type Route = FakeResponse | ((request: FakeRequest) => FakeResponse | Promise<FakeResponse>);
export type FakeRoutes = Record<string, Route>;

/**
 * Replaces `fetch` with an in-memory API keyed by "METHOD /path". Everything else (client, router,
 * components) is the real code. Unknown routes answer 500 with the route in the message, so a
 * missing stub is visible in the rendered page.
 */
export function fakeServer(routes: FakeRoutes) {
  const requests: FakeRequest[] = [];
  const fetchMock = jest.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : (init.body ?? undefined),
    };
    requests.push(request);
    const route = routes[`${request.method} ${request.path}`];
    const response = typeof route === 'function' ? await route(request) : route;
    return toResponse(
      response ?? apiError(500, 'INTERNAL_ERROR', `Rota não simulada: ${request.method} ${request.path}`),
    );
  });
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  return {
    requests,
    /** Requests to one route, in order. */
    calls: (route: string) => requests.filter((request) => `${request.method} ${request.path}` === route),
  };
}

/** A Blob body is a file download (PDF, attachment); anything else is answered as JSON. */
function toResponse({ status, body }: FakeResponse): Response {
  const file = body instanceof Blob ? body : null;
  const text = body === undefined || file ? '' : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    text: async () => text,
    blob: async () => file ?? new Blob([text], { type: 'application/json' }),
  } as Response;
}

export function apiError(
  statusCode: number,
  code: ApiErrorBody['code'],
  message: string,
  fields?: Record<string, string>,
  existingId?: string,
): FakeResponse {
  return { status: statusCode, body: { statusCode, code, message, ...(fields && { fields }), ...(existingId && { existingId }) } };
}

/** A fetch that never reaches a server, as when the network is down. */
export function networkDown() {
  globalThis.fetch = jest.fn(async () => {
    throw new TypeError('Failed to fetch');
  }) as unknown as typeof fetch;
}

const userIds: Record<Role, string> = {
  attendant: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f01',
  supervisor: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f02',
  admin: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f03',
  backoffice: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f04',
};

const userNames: Record<Role, string> = {
  attendant: 'Ana Atendente',
  supervisor: 'Sérgio Supervisor',
  admin: 'Alice Administradora',
  backoffice: 'Rui Retaguarda',
};

/** The organ of the back office user; other roles work for none. */
export const backofficeOrgan = { id: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f10', name: 'Secretaria de Obras' };

export function sessionUser(role: Role, extension: string | null = role === 'attendant' ? '1001' : null): SessionUser {
  return { id: userIds[role], name: userNames[role], role, extension, organ: role === 'backoffice' ? backofficeOrgan : null };
}

export function loginResponse(role: Role, expiresInMs = 8 * 60 * 60 * 1000): LoginResponse {
  return {
    token: `token-${role}`,
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    user: sessionUser(role),
  };
}

/** A session left in localStorage by an earlier visit, as after a reload. */
export function storeSession(session: LoginResponse): void {
  localStorage.setItem(sessionStorageKey, JSON.stringify(session));
}

export function user(overrides: Partial<User> & Pick<User, 'id' | 'username' | 'name'>): User {
  return {
    role: 'attendant',
    extension: null,
    organ: null,
    active: true,
    createdAt: '2025-01-10T12:00:00.000Z',
    updatedAt: '2025-01-10T12:00:00.000Z',
    ...overrides,
  };
}
