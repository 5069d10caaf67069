import { Module } from '@nestjs/common';
import { ProtocolSearch } from './protocol-search';
import { RequestViews } from './request-views';
import { RequestsController } from './requests.controller';

@Module({
  controllers: [RequestsController],
  providers: [RequestViews, ProtocolSearch],
  exports: [RequestViews],
})
export class RequestsModule {}
