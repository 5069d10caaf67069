import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor, SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { type Observable, catchError, mergeMap } from 'rxjs';
import { SCREEN_HEADER } from '@receptivo/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Clock } from '../common/clock';
import { CustomerAccessLog, type ReadThrough } from './customer-access-log';

const AUDITED_CUSTOMER_READ = 'receptivo:audited-customer-read';

/** A screen name as the renderer sends it; anything else in the header is dropped, not stored. */
const screenOf = (header: string | string[] | undefined): string | null => {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.replace(/[^\p{L}\p{N} ._:/-]/gu, '').trim().slice(0, 80) || null;
};

/**
 * Records the audited reads. The INSERT starts with the read and runs beside it, so the answer waits
 * for it only when it is slower than the read. A read whose record could not be written fails (and
 * the log says why) rather than hand out data nobody will know was seen; a read that fails or is
 * refused (404, 403) takes its record back.
 */
@Injectable()
export class CustomerReadAudit implements NestInterceptor {
  private readonly logger = new Logger(CustomerReadAudit.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly log: CustomerAccessLog,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const through = this.reflector.get<ReadThrough>(AUDITED_CUSTOMER_READ, context.getHandler());
    const request = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>();
    const recorded: Promise<{ ids: string[] } | { failure: unknown }> = this.log
      .record({
        through,
        id: String(request.params.id),
        user: { id: request.user.id, name: request.user.name },
        route: `${request.method} ${(request.route as { path: string }).path}`,
        screen: screenOf(request.headers[SCREEN_HEADER.toLowerCase()]),
        at: this.clock.now(),
      })
      .then(
        (ids) => ({ ids }),
        (failure: unknown) => ({ failure }),
      );
    return next.handle().pipe(
      mergeMap(async (body) => {
        const outcome = await recorded;
        if ('failure' in outcome) {
          this.logger.error(`access audit: ${through} ${String(request.params.id)} read refused, its record could not be written: ${String(outcome.failure)}`);
          throw outcome.failure;
        }
        return body;
      }),
      catchError(async (error: unknown) => {
        const outcome = await recorded;
        // An id that is no uuid or names nothing failed the INSERT: nothing to take back.
        if ('ids' in outcome) {
          await this.log
            .withdraw(outcome.ids)
            .catch((failure: unknown) => this.logger.error(`access audit: a refused read of ${through} ${String(request.params.id)} stays recorded: ${String(failure)}`));
        }
        throw error;
      }),
    );
  }
}

/**
 * The route shows a customer's data: each successful call goes to the access audit. Its `:id` is
 * the customer's, or (`through`) an attendance's or a request's, whose customer is the one read.
 * The audit is bound to these routes alone (see @Idempotent() for why not globally).
 */
export const AuditedCustomerRead = (through: ReadThrough = 'customer') =>
  applyDecorators(SetMetadata(AUDITED_CUSTOMER_READ, through), UseInterceptors(CustomerReadAudit));
