import { UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from '@receptivo/shared';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * The route honours an `Idempotency-Key` header (optional): the first call with a key runs and its
 * response (success or refusal) is stored per user; the same call with the same key and body gets
 * that response again without running. For authenticated routes only, since keys belong to a user.
 * The interceptor is bound to these routes alone: as a global one it cost every request of the API
 * its rxjs plumbing, a quarter of the requests a node answers per second (npm run bench -- http).
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description: 'A key of 8 to 100 characters (a UUID); sending the call again with it never registers twice. Kept 7 days.',
    }),
  );
