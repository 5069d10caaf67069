import { Module } from '@nestjs/common';
import { RequestsModule } from '../requests/requests.module';
import { AttendancesController } from './attendances.controller';
import { AttendanceEvents } from './attendance-events';
import { AttendanceSearch } from './attendance-search';
import { CustomerHistoryController } from './customer-history.controller';
import { AttendancesService } from './attendances.service';
import { CallerHistoryLookup } from './caller-history';
import { CallStarts } from './call-starts';
import { RequestRegistration } from './request-registration';
import { WebAttendances } from './web-attendances';

@Module({
  imports: [RequestsModule],
  controllers: [AttendancesController, CustomerHistoryController],
  providers: [AttendancesService, AttendanceEvents, AttendanceSearch, RequestRegistration, WebAttendances, CallerHistoryLookup, CallStarts],
  exports: [AttendancesService, AttendanceEvents, AttendanceSearch, WebAttendances, CallerHistoryLookup, CallStarts],
})
export class AttendancesModule {}
