import { SCREEN_HEADER, apiErrorSchema, type ApiErrorBody, type ApiErrorCode } from '@receptivo/shared';

/** An error answered by the server, in its one error shape. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ApiErrorCode;
  readonly fields?: Record<string, string>;
  /** The record a conflict ran into (the customer who has this CPF), when the user may open it. */
  readonly existingId?: string;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.fields = body.fields;
    this.existingId = body.existingId;
  }
}

/** The request never got an answer: server down, wrong address or no network. */
export class NetworkError extends Error {
  constructor(options?: ErrorOptions) {
    super('Não foi possível contatar o servidor. Verifique a conexão e tente novamente.', options);
    this.name = 'NetworkError';
  }
}

/** Statuses a proxy or a stopping server answers when the API itself is out of reach. */
const unreachableStatuses: ReadonlySet<number> = new Set([502, 503, 504]);

/** The server could not be reached (no answer, or a gateway saying so), as opposed to an answer refusing the call. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && unreachableStatuses.has(error.statusCode));
}

/** The server answered and refused the call (a 4xx): asking again, unchanged, would not help. */
export function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.statusCode < 500;
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
  /** Told after every call whether the server was reached, so the app can say it is offline. */
  onReachability?: (reachable: boolean) => void;
  /** The screen the user is on, sent with every call so the access audit can say where a customer was looked at. */
  screen?: () => string;
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

  /** `headers` adds to the usual ones, e.g. an Idempotency-Key. */
  async request<T>(method: Method, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const content = body === undefined ? undefined : { body: JSON.stringify(body), type: 'application/json' };
    const response = await this.exchange(method, path, content, 'application/json', headers);
    return (await read(() => readJson(response))) as T;
  }

  /** multipart/form-data (uploads): fetch writes the Content-Type with its boundary itself. */
  async postForm<T>(path: string, form: FormData): Promise<T> {
    const response = await this.exchange('POST', path, { body: form });
    return (await read(() => readJson(response))) as T;
  }

  /** A file the API serves (PDF, attachment), fetched with the session's token like any call. */
  async download(path: string): Promise<Blob> {
    const response = await this.exchange('GET', path, undefined, '*/*');
    return read(() => response.blob());
  }

  /** Sends one call and answers its response when it succeeded; failures become ApiError or NetworkError. */
  private async exchange(
    method: Method,
    path: string,
    content?: { body: BodyInit; type?: string },
    accept = 'application/json',
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const token = this.options.token();
    const headers: Record<string, string> = { ...extraHeaders, Accept: accept };
    if (content?.type) headers['Content-Type'] = content.type;
    if (token) headers.Authorization = `Bearer ${token}`;
    const screen = this.options.screen?.();
    if (screen) headers[SCREEN_HEADER] = screen;

    let response: Response;
    try {
      const baseUrl = await this.options.baseUrl();
      response = await fetch(`${baseUrl}${path}`, { method, headers, body: content?.body });
    } catch (cause) {
      this.options.onReachability?.(false);
      throw new NetworkError({ cause });
    }
    this.options.onReachability?.(!unreachableStatuses.has(response.status));
    if (response.ok) return response;

    const error = new ApiError(errorBody(response.status, await read(() => readJson(response))));
    if (token && error.statusCode === 401 && sessionOverCodes.has(error.code)) {
      this.options.onSessionRejected(token);
    }
    throw error;
  }
}

/** A body cut off on the way counts as a failed connection, as a refused one does. */
async function read<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (cause) {
    throw new NetworkError({ cause });
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
