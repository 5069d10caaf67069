import { Module } from '@nestjs/common';
import { RequestsModule } from '../requests/requests.module';
import { AttendancesController } from './attendances.controller';
import { AttendanceEvents } from './attendance-events';
import { AttendancesService } from './attendances.service';

@Module({
  imports: [RequestsModule],
  controllers: [AttendancesController],
  providers: [AttendancesService, AttendanceEvents],
  exports: [AttendancesService, AttendanceEvents],
})
export class AttendancesModule {}
