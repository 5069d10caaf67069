import { apiErrorSchema } from '@receptivo/shared';

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** JSON over HTTP to a running server; every request gives up after 10 s, so a hanging request fails the test. */
export interface ServerApi {
  health(): Promise<ApiAnswer>;
  /** Logs in and answers the token. */
  signIn(credentials: { username: string; password: string }): Promise<string>;
  get(path: string, token?: string): Promise<ApiAnswer>;
  post(path: string, token?: string, body?: unknown): Promise<ApiAnswer>;
}

const REQUEST_TIMEOUT_MS = 10_000;

async function call(url: string, method: string, path: string, token?: string, body?: unknown): Promise<ApiAnswer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

export function serverApi(url: string): ServerApi {
  return {
    health: () => call(url, 'GET', '/api/health'),
    async signIn(credentials) {
      const answer = await call(url, 'POST', '/api/auth/login', undefined, credentials);
      if (answer.status !== 200) throw new Error(`login of ${credentials.username} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body.token as string;
    },
    get: (path, token) => call(url, 'GET', path, token),
    post: (path, token, body) => call(url, 'POST', path, token, body),
  };
}

/**
 * Signed in as `credentials`, for a test's set-up through the API: a call answers the body, and
 * throws on an error status.
 */
export async function signedInApi(
  url: string,
  credentials: { username: string; password: string },
): Promise<<T>(method: string, path: string, body?: unknown) => Promise<T>> {
  const token = await serverApi(url).signIn(credentials);
  return async <T>(method: string, path: string, body?: unknown) => {
    const answer = await call(url, method, path, token, body);
    if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as T;
  };
}

/** What an attendant's desk gets from any request while the database is out. */
export function expectDatabaseUnavailable(answer: ApiAnswer): void {
  expect({ status: answer.status, body: apiErrorSchema.parse(answer.body) }).toEqual({
    status: 503,
    body: {
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'O banco de dados está indisponível no momento. Tente novamente em instantes.',
      requestId: expect.any(String),
    },
  });
}
