import { Controller, Get, Query, Res, type StreamableFile, applyDecorators } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type DeadlineAlerts,
  type Report,
  type ReportCsvQuery,
  type ReportQuery,
  deadlineAlertsSchema,
  reportCsv,
  reportCsvFileName,
  reportCsvQuerySchema,
  reportGroupings,
  reportQuerySchema,
  reportSchema,
  reportSections,
  reportTables,
} from '@receptivo/shared';
import { Roles } from '../auth/access.decorators';
import { download } from '../common/download';
import { Returns, ReturnsFile, ZodValidationPipe } from '../common/zod-validation';
import { DeadlineAlertsService } from './deadline-alerts';
import { ReportsService } from './reports.service';

const PeriodQuery = () =>
  applyDecorators(
    ApiQuery({ name: 'from', required: true, description: 'first day (YYYY-MM-DD, Brasília)' }),
    ApiQuery({ name: 'to', required: true, description: 'last day (YYYY-MM-DD, Brasília), included; 366 days at most' }),
    ApiQuery({
      name: 'groupBy',
      required: false,
      enum: reportGroupings,
      description: 'rows over time by day, week (Monday to Sunday) or month; by default day up to 31 days, week up to 186, month beyond',
    }),
  );

@ApiTags('reports')
@Controller('reports')
@Roles('supervisor', 'admin')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly alerts: DeadlineAlertsService,
  ) {}

  @Get()
  @PeriodQuery()
  @Returns(reportSchema)
  report(@Query(new ZodValidationPipe(reportQuerySchema)) query: ReportQuery): Promise<Report> {
    return this.reports.build(query);
  }

  /** One table of the report as CSV for Excel in pt-BR (see reportCsv). */
  @Get('csv')
  @PeriodQuery()
  @ApiQuery({ name: 'section', required: true, enum: reportSections })
  @ReturnsFile('text/csv')
  async csv(@Query(new ZodValidationPipe(reportCsvQuerySchema)) query: ReportCsvQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const report = await this.reports.build(query);
    const body = Buffer.from(reportCsv(reportTables(report)[query.section]), 'utf8');
    return download(response, reportCsvFileName(query.section, query.from, query.to), 'text/csv; charset=utf-8', body, body.length);
  }

  @Get('deadline-alerts')
  @Returns(deadlineAlertsSchema)
  deadlineAlerts(): Promise<DeadlineAlerts> {
    return this.alerts.list();
  }
}
