import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, type StreamableFile } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  type Attendance,
  type AttendanceSearchResult,
  type CurrentAttendance,
  type FinishAttendance,
  type LinkCustomer,
  type RegisterInformation,
  type Request,
  type StartAttendance,
  attendanceSchema,
  attendanceSearchQuerySchema,
  attendanceSearchResultSchema,
  currentAttendanceSchema,
  finishAttendanceSchema,
  formatProtocol,
  linkCustomerSchema,
  registerInformationSchema,
  registerRequestSchema,
  requestSchema,
  startAttendanceSchema,
} from '@receptivo/shared';
import { CurrentUser, Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { notFound } from '../common/api-exception';
import { Clock } from '../common/clock';
import { download } from '../common/download';
import { Returns, ReturnsFile, ValidBody, ZodValidationPipe } from '../common/zod-validation';
import { AuditedCustomerRead } from '../customer-access/audited-customer-read';
import { customerDocumentFor } from '../customers/customer-view';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { attendancePdf } from './attendance-pdf';
import { AttendanceSearch } from './attendance-search';
import { AttendancesService } from './attendances.service';

const attendanceId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Atendimento') });

@ApiTags('attendances')
@Controller('attendances')
@Roles('attendant', 'supervisor', 'admin')
export class AttendancesController {
  constructor(
    private readonly attendances: AttendancesService,
    private readonly searches: AttendanceSearch,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('attendant', 'supervisor', 'admin', 'backoffice')
  @ApiQuery({ name: 'q', required: false, description: 'attendance or request protocol (with or without separators), or keywords' })
  @ApiQuery({ name: 'organId', required: false })
  @ApiQuery({ name: 'status', required: false, description: 'request status' })
  @ApiQuery({ name: 'channel', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'first day (YYYY-MM-DD, Brasília), by the attendance start' })
  @ApiQuery({ name: 'to', required: false, description: 'last day (YYYY-MM-DD, Brasília), included' })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @Returns(attendanceSearchResultSchema)
  search(
    @Query(new ZodValidationPipe(attendanceSearchQuerySchema)) query: z.output<typeof attendanceSearchQuerySchema>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttendanceSearchResult> {
    return this.searches.search(query, user);
  }

  @Post()
  @Idempotent()
  @Returns(attendanceSchema, 201)
  start(@ValidBody(startAttendanceSchema) body: Required<StartAttendance>, @CurrentUser() user: AuthenticatedUser): Promise<Attendance> {
    return this.attendances.start(body.channel, user);
  }

  @Get('current')
  @Returns(currentAttendanceSchema)
  current(@CurrentUser() user: AuthenticatedUser): Promise<CurrentAttendance> {
    return this.attendances.current(user);
  }

  @Get(':id')
  @Roles('attendant', 'supervisor', 'admin', 'backoffice')
  @AuditedCustomerRead('attendance')
  @Returns(attendanceSchema)
  async get(@Param('id', attendanceId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Attendance> {
    return customerDocumentFor(user.role, await this.attendances.view(id, user));
  }

  @Get(':id/pdf')
  @Roles('attendant', 'supervisor', 'admin', 'backoffice')
  @AuditedCustomerRead('attendance')
  @ReturnsFile('application/pdf')
  async pdf(@Param('id', attendanceId) id: string, @CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const attendance = customerDocumentFor(user.role, await this.attendances.view(id, user));
    const pdf = await attendancePdf(attendance, this.clock.now());
    return download(response, `atendimento-${formatProtocol(attendance.protocol)}.pdf`, 'application/pdf', pdf, pdf.length);
  }

  @Put(':id/customer')
  @Idempotent()
  @Returns(attendanceSchema)
  linkCustomer(@Param('id', attendanceId) id: string, @ValidBody(linkCustomerSchema) body: LinkCustomer, @CurrentUser() user: AuthenticatedUser): Promise<Attendance> {
    return this.attendances.linkCustomer(id, body.customerId, user);
  }

  @Post(':id/informations')
  @Idempotent()
  @Returns(attendanceSchema, 201)
  registerInformation(
    @Param('id', attendanceId) id: string,
    @ValidBody(registerInformationSchema) body: RegisterInformation,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Attendance> {
    return this.attendances.registerInformation(id, body.informationId, user);
  }

  @Post(':id/requests')
  @Idempotent()
  @Returns(requestSchema, 201)
  registerRequest(
    @Param('id', attendanceId) id: string,
    @ValidBody(registerRequestSchema) body: z.output<typeof registerRequestSchema>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Request> {
    return this.attendances.registerRequest(id, body, user);
  }

  @Post(':id/finish')
  @Idempotent()
  @HttpCode(200)
  @Returns(attendanceSchema)
  finish(
    @Param('id', attendanceId) id: string,
    @ValidBody(finishAttendanceSchema) body: Required<FinishAttendance>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Attendance> {
    return this.attendances.finish(id, body, user);
  }

  /** A supervisor takes an open attendance over from its holder (recorded in its history). */
  @Post(':id/takeover')
  @Roles('supervisor')
  @Idempotent()
  @HttpCode(200)
  @Returns(attendanceSchema)
  takeOver(@Param('id', attendanceId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Attendance> {
    return this.attendances.takeOver(id, user);
  }
}
