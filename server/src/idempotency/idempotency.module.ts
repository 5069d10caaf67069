import { Global, Module } from '@nestjs/common';
import { IdempotencyStore } from './idempotency-store';

/** One store for every @Idempotent() route, whatever its feature: the interceptor each binds is made in the route's own module. */
@Global()
@Module({
  providers: [IdempotencyStore],
  exports: [IdempotencyStore],
})
export class IdempotencyModule {}
