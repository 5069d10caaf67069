import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { type Observable, mergeMap } from 'rxjs';
import { SCREEN_HEADER } from '@receptivo/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Clock } from '../common/clock';
import { CustomerAccessLog } from './customer-access-log';

const AUDITED_CUSTOMER_READ = 'receptivo:audited-customer-read';

/** The route reads the data of the customer whose id is its `:id`: each call goes to the access audit. */
export const AuditedCustomerRead = () => SetMetadata(AUDITED_CUSTOMER_READ, true);

/** A screen name as the renderer sends it; anything else in the header is dropped, not stored. */
const screenOf = (header: string | string[] | undefined): string | null => {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.replace(/[^\p{L}\p{N} ._:/-]/gu, '').trim().slice(0, 80) || null;
};

/**
 * Records the audited reads. The INSERT starts with the read and runs beside it, so the answer waits
 * for it only when it is slower than the read; a read whose record could not be written fails (and
 * the log says why) rather than hand out data nobody will know was seen.
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
    if (!this.reflector.get<boolean>(AUDITED_CUSTOMER_READ, context.getHandler())) return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>();
    const customerId = String(request.params.id);
    const recorded = this.log
      .record({
        customerId,
        user: { id: request.user.id, name: request.user.name },
        route: `${request.method} ${(request.route as { path: string }).path}`,
        screen: screenOf(request.headers[SCREEN_HEADER.toLowerCase()]),
        at: this.clock.now(),
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    return next.handle().pipe(
      mergeMap(async (body) => {
        // Reached only when the read succeeded: a customer that does not exist answered 404 and its failed INSERT is moot.
        const failure = await recorded;
        if (failure) {
          this.logger.error({ err: failure, customerId }, 'customer read not recorded in the access audit; the read is refused');
          throw failure;
        }
        return body;
      }),
    );
  }
}
