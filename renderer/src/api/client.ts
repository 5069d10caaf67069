import { apiErrorSchema, type ApiErrorBody, type ApiErrorCode } from '@receptivo/shared';

/** An error answered by the server, in its one error shape. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ApiErrorCode;
  readonly fields?: Record<string, string>;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.fields = body.fields;
  }
}

/** The request never got an answer: server down, wrong address or no network. */
export class NetworkError extends Error {
  constructor(options?: ErrorOptions) {
    super('Não foi possível contatar o servidor. Verifique a conexão e tente novamente.', options);
    this.name = 'NetworkError';
  }
}

/** The text to show a user for any failure of an API call. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return error.message;
  return 'Ocorreu um erro inesperado. Tente novamente.';
}

const sessionOverCodes: ReadonlySet<ApiErrorCode> = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID', 'TOKEN_MISSING']);

export interface ApiClientOptions {
  baseUrl: () => Promise<string>;
  token: () => string | null;
  /** Called with the token the server refused, so a newer session is not ended by a stale reply. */
  onSessionRejected: (token: string) => void;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const token = this.options.token();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;

    let response: Response;
    let payload: unknown;
    try {
      const baseUrl = await this.options.baseUrl();
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      payload = await readJson(response);
    } catch (cause) {
      throw new NetworkError({ cause });
    }

    if (response.ok) return payload as T;

    const error = new ApiError(errorBody(response.status, payload));
    if (token && error.statusCode === 401 && sessionOverCodes.has(error.code)) {
      this.options.onSessionRejected(token);
    }
    throw error;
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A proxy or a crashed server may answer without the API's error shape. */
function errorBody(status: number, payload: unknown): ApiErrorBody {
  const parsed = apiErrorSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  return {
    statusCode: status,
    code: 'INTERNAL_ERROR',
    message: `O servidor não conseguiu atender o pedido (HTTP ${status}). Tente novamente.`,
  };
}
