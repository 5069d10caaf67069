import { Module } from '@nestjs/common';
import { DeadlineAlertsService } from './deadline-alerts';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  providers: [ReportsService, DeadlineAlertsService],
})
export class ReportsModule {}
