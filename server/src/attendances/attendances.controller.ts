import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  type Attendance,
  type CurrentAttendance,
  type FinishAttendance,
  type LinkCustomer,
  type RegisterInformation,
  type Request,
  type StartAttendance,
  attendanceSchema,
  currentAttendanceSchema,
  finishAttendanceSchema,
  linkCustomerSchema,
  registerInformationSchema,
  registerRequestSchema,
  requestSchema,
  startAttendanceSchema,
} from '@receptivo/shared';
import { CurrentUser, Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { notFound } from '../common/api-exception';
import { Returns, ValidBody } from '../common/zod-validation';
import { AttendancesService } from './attendances.service';

const attendanceId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Atendimento') });

@ApiTags('attendances')
@Controller('attendances')
@Roles('attendant', 'supervisor', 'admin')
export class AttendancesController {
  constructor(private readonly attendances: AttendancesService) {}

  @Post()
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
  @Returns(attendanceSchema)
  get(@Param('id', attendanceId) id: string): Promise<Attendance> {
    return this.attendances.get(id);
  }

  @Put(':id/customer')
  @Returns(attendanceSchema)
  linkCustomer(@Param('id', attendanceId) id: string, @ValidBody(linkCustomerSchema) body: LinkCustomer): Promise<Attendance> {
    return this.attendances.linkCustomer(id, body.customerId);
  }

  @Post(':id/informations')
  @Returns(attendanceSchema, 201)
  registerInformation(@Param('id', attendanceId) id: string, @ValidBody(registerInformationSchema) body: RegisterInformation): Promise<Attendance> {
    return this.attendances.registerInformation(id, body.informationId);
  }

  @Post(':id/requests')
  @Returns(requestSchema, 201)
  registerRequest(
    @Param('id', attendanceId) id: string,
    @ValidBody(registerRequestSchema) body: z.output<typeof registerRequestSchema>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Request> {
    return this.attendances.registerRequest(id, body, user);
  }

  @Post(':id/finish')
  @HttpCode(200)
  @Returns(attendanceSchema)
  finish(@Param('id', attendanceId) id: string, @ValidBody(finishAttendanceSchema) body: Required<FinishAttendance>): Promise<Attendance> {
    return this.attendances.finish(id, body);
  }
}
