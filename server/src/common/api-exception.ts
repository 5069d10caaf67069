import type { ApiErrorCode } from '@receptivo/shared';

/** Every refusal the API gives, in the one error shape of docs/http-api.md, with a pt-BR message. */
export class ApiException extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** The record a conflict ran into, for a caller allowed to open it. */
    readonly existingId?: string,
  ) {
    super(message);
    this.name = 'ApiException';
  }
}

/** 429: the client may try again after `retryAfterSeconds` (sent as the standard Retry-After header). */
export class RetryLaterException extends ApiException {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(429, 'TOO_MANY_ATTEMPTS', message);
  }
}

export const notFound = (what: string) => new ApiException(404, 'NOT_FOUND', `${what} não encontrado.`);
export const conflict = (message: string, fields?: Record<string, string>, existingId?: string) =>
  new ApiException(409, 'CONFLICT', message, fields, existingId);
export const forbidden = (message = 'Você não tem permissão para esta ação.') =>
  new ApiException(403, 'FORBIDDEN', message);
/** A lifecycle or domain rule refuses the action; the message names the rule. */
export const businessRule = (message: string) => new ApiException(422, 'BUSINESS_RULE', message);
