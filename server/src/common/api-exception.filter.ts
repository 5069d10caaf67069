import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiErrorBody, ApiErrorCode } from '@receptivo/shared';
import { DatabaseStatus } from '../database/database-status';
import { ApiException, RetryLaterException } from './api-exception';
import { isDatabaseUnavailable } from './database-errors';
import { describeErrorForLog } from './log-redaction';

const messagesByStatus: Record<number, { code: ApiErrorCode; message: string }> = {
  400: { code: 'VALIDATION_FAILED', message: 'Requisição inválida.' },
  401: { code: 'TOKEN_MISSING', message: 'Entre no sistema para continuar.' },
  403: { code: 'FORBIDDEN', message: 'Você não tem permissão para esta ação.' },
  404: { code: 'NOT_FOUND', message: 'Recurso não encontrado.' },
  409: { code: 'CONFLICT', message: 'A operação conflita com o estado atual.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'O conteúdo enviado é grande demais.' },
  429: { code: 'TOO_MANY_ATTEMPTS', message: 'Muitas tentativas. Aguarde alguns minutos e tente novamente.' },
};

const databaseUnavailable = {
  statusCode: 503,
  code: 'DATABASE_UNAVAILABLE' as const,
  message: 'O banco de dados está indisponível no momento. Tente novamente em instantes.',
};

const internalError = { code: 'INTERNAL_ERROR' as const, message: 'Erro interno do servidor. Tente novamente; se persistir, avise o suporte.' };

/** Errors thrown by Express' body parser carry a status and a type instead of being HttpExceptions. */
interface BodyParserError {
  status: number;
  type: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && typeof (error as BodyParserError).status === 'number';
}

export function toApiError(error: unknown): Omit<ApiErrorBody, 'requestId'> {
  if (error instanceof ApiException) {
    return {
      statusCode: error.statusCode,
      code: error.code,
      message: error.message,
      ...(error.fields && { fields: error.fields }),
      ...(error.existingId && { existingId: error.existingId }),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return { statusCode: status, ...(messagesByStatus[status] ?? (status >= 500 ? internalError : messagesByStatus[400])) };
  }
  if (isBodyParserError(error)) {
    if (error.type === 'entity.parse.failed') return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'O corpo da requisição não é um JSON válido.' };
    if (error.status === 413) return { statusCode: 413, ...messagesByStatus[413] };
    if (error.status < 500) return { statusCode: error.status, ...messagesByStatus[400] };
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailable;
  return { statusCode: 500, ...internalError };
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  constructor(private readonly database: DatabaseStatus) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: string }>();
    const response = context.getResponse<Response>();
    const body = toApiError(error);
    const requestId = request.id === undefined ? undefined : String(request.id);
    // An outage is logged once by DatabaseStatus, not once per request that met it.
    if (body.code === 'DATABASE_UNAVAILABLE') this.database.reportFailure(error);
    // The request id in the text: above info the line carries no request fields of its own. The
    // error without SQL text, parameters or personal data (LGPD).
    else if (body.statusCode >= 500) this.logger.error(`request ${requestId}: ${describeErrorForLog(error)}`);
    if (error instanceof RetryLaterException) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    this.send(request, response, { ...body, ...(requestId && { requestId }) });
  }

  /** Writes the error; a feature bound to another standard's error format (Open311) writes its own. */
  protected send(_request: Request, response: Response, body: ApiErrorBody): void {
    response.status(body.statusCode).json(body);
  }
}
