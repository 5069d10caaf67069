import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, catchError, concatMap, from, of } from 'rxjs';
import { type ApiErrorBody, IDEMPOTENT_REPLAY_HEADER, idempotencyKeySchema } from '@receptivo/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/api-exception';
import { toApiError } from '../common/api-exception.filter';
import { IdempotencyStore, requestHash } from './idempotency-store';

/**
 * Runs once per user and Idempotency-Key the routes marked @Idempotent(), which binds it to them.
 * Refusals (4xx) are stored like successes, so a repetition answers alike; a server failure (5xx)
 * releases the key, so the desk's next attempt runs the operation for real.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly store: IdempotencyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: AuthenticatedUser }>();
    const response = http.getResponse<Response>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();

    const parsed = idempotencyKeySchema.safeParse(header);
    if (!parsed.success) {
      const message = parsed.error.issues[0].message;
      throw new ApiException(400, 'VALIDATION_FAILED', message, { 'Idempotency-Key': message });
    }
    const key = parsed.data;
    if (!request.user) throw new Error(`@Idempotent() needs an authenticated route: ${request.method} ${request.path}`);
    const userId = request.user.id;

    const claim = await this.store.claim(userId, key, { method: request.method, path: request.path, requestHash: requestHash(request.body) });
    if (claim.kind === 'replay') {
      const { status, body } = claim.response;
      response.setHeader(IDEMPOTENT_REPLAY_HEADER, 'true');
      if (status >= 400) {
        const refusal = body as ApiErrorBody;
        throw new ApiException(status, refusal.code, refusal.message, refusal.fields);
      }
      response.status(status);
      return of(body);
    }

    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        // The work is done: a failure to record it must not turn the answer into an error.
        await this.store.complete(userId, key, { status: response.statusCode, body }).catch((error: unknown) => this.logger.error(error));
        return body;
      }),
      catchError((error: unknown) =>
        from(
          (async () => {
            const refusal = toApiError(error);
            const settle = refusal.statusCode < 500 ? this.store.complete(userId, key, { status: refusal.statusCode, body: refusal }) : this.store.release(userId, key);
            await settle.catch((failure: unknown) => this.logger.error(failure));
            throw error;
          })(),
        ),
      ),
    );
  }
}
