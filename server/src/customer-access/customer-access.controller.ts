import { Controller, Get, applyDecorators, Param, ParseUUIDPipe, Query, Res, type StreamableFile } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  type CustomerAccessList,
  type CustomerDataReport,
  customerAccessCsv,
  customerAccessListSchema,
  customerAccessQuerySchema,
  customerDataReportSchema,
} from '@receptivo/shared';
import { Roles } from '../auth/access.decorators';
import { notFound } from '../common/api-exception';
import { Clock } from '../common/clock';
import { download } from '../common/download';
import { Returns, ReturnsFile, ZodValidationPipe } from '../common/zod-validation';
import { AuditedCustomerRead } from './audited-customer-read';
import { CustomerAccessLog } from './customer-access-log';
import { CustomerDataReports } from './customer-data-report';

type AccessQuery = z.output<typeof customerAccessQuerySchema>;

const FilterDocs = () =>
  applyDecorators(
    ApiQuery({ name: 'customerId', required: false }),
    ApiQuery({ name: 'document', required: false, description: "the customer's whole CPF/CNPJ, with or without mask" }),
    ApiQuery({ name: 'userId', required: false }),
    ApiQuery({ name: 'from', required: false, description: 'first day (YYYY-MM-DD, Brasília)' }),
    ApiQuery({ name: 'to', required: false, description: 'last day (YYYY-MM-DD, Brasília), included' }),
  );

/** The access audit (LGPD), for admins: who read which customer's data. */
@ApiTags('customer-access')
@Controller('customer-access')
@Roles('admin')
export class CustomerAccessController {
  constructor(
    private readonly log: CustomerAccessLog,
    private readonly clock: Clock,
  ) {}

  @Get()
  @FilterDocs()
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @Returns(customerAccessListSchema)
  list(@Query(new ZodValidationPipe(customerAccessQuerySchema)) query: AccessQuery): Promise<CustomerAccessList> {
    return this.log.list(query);
  }

  /** Every access matching the filters (no paging), as CSV for Excel in pt-BR. */
  @Get('csv')
  @FilterDocs()
  @ReturnsFile('text/csv')
  async csv(@Query(new ZodValidationPipe(customerAccessQuerySchema)) query: AccessQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { items } = await this.log.list({ ...query, pageSize: null });
    const body = Buffer.from(customerAccessCsv(items), 'utf8');
    const day = this.clock.now().toISOString().slice(0, 10);
    return download(response, `acessos-a-dados-de-clientes-${day}.csv`, 'text/csv; charset=utf-8', body, body.length);
  }
}

/** LGPD access request: everything held about one customer. */
@ApiTags('customers')
@Controller('customers')
@Roles('admin')
export class CustomerDataReportController {
  constructor(private readonly reports: CustomerDataReports) {}

  @Get(':id/data-report')
  @AuditedCustomerRead()
  @Returns(customerDataReportSchema)
  report(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound('Cliente') })) id: string): Promise<CustomerDataReport> {
    return this.reports.build(id);
  }
}
