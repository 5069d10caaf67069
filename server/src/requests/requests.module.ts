import { Module } from '@nestjs/common';
import { AttachmentStore } from './attachment-store';
import { BackofficeController } from './backoffice.controller';
import { BackofficeRequests } from './backoffice-requests';
import { ProtocolSearch } from './protocol-search';
import { RequestLifecycleService } from './request-lifecycle.service';
import { RequestViews } from './request-views';
import { RequestsController } from './requests.controller';

@Module({
  controllers: [RequestsController, BackofficeController],
  providers: [RequestViews, ProtocolSearch, RequestLifecycleService, AttachmentStore, BackofficeRequests],
  exports: [RequestViews, RequestLifecycleService],
})
export class RequestsModule {}
