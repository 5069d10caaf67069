import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, type StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type CancelRequest,
  type ChangeRequestStatus,
  type ComplaintRequest,
  type ReiterateRequest,
  type Request,
  type RestartRequest,
  cancelRequestSchema,
  changeRequestStatusSchema,
  complaintRequestSchema,
  formatProtocol,
  reiterateRequestSchema,
  requestSchema,
  restartRequestSchema,
} from '@receptivo/shared';
import { AnyRole, CurrentUser, Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { notFound } from '../common/api-exception';
import { Clock } from '../common/clock';
import { download } from '../common/download';
import { Returns, ReturnsFile, ValidBody, ZodValidationPipe } from '../common/zod-validation';
import { AuditedCustomerRead } from '../customer-access/audited-customer-read';
import { customerDocumentFor } from '../customers/customer-view';
import { AttachmentStore } from './attachment-store';
import { AttachmentUploadInterceptor, reiterateBody } from './attachment-upload';
import { ensureOrganAccess } from './request-access';
import { RequestLifecycleService, type UploadedFile } from './request-lifecycle.service';
import { requestPdf } from './request-pdf';
import { RequestViews } from './request-views';

const requestId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Solicitação') });
const attachmentId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Anexo') });


@ApiTags('requests')
@Controller('requests')
export class RequestsController {
  constructor(
    private readonly views: RequestViews,
    private readonly lifecycle: RequestLifecycleService,
    private readonly store: AttachmentStore,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  @AnyRole()
  @AuditedCustomerRead('request')
  @Returns(requestSchema)
  async get(@Param('id', requestId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Request> {
    await this.ensureVisible(id, user);
    return customerDocumentFor(user.role, await this.views.get(id));
  }

  @Post(':id/reiterate')
  @Roles('attendant', 'supervisor', 'admin')
  @HttpCode(200)
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: reiterateBody })
  @Returns(requestSchema)
  reiterate(
    @Param('id', requestId) id: string,
    @Body(new ZodValidationPipe(reiterateRequestSchema)) body: ReiterateRequest,
    @UploadedFiles() files: UploadedFile[] | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Request> {
    return this.lifecycle.reiterate(id, body, files ?? [], user);
  }

  @Post(':id/complaint')
  @Roles('attendant', 'supervisor', 'admin')
  @HttpCode(200)
  @Returns(requestSchema)
  complain(@Param('id', requestId) id: string, @ValidBody(complaintRequestSchema) body: ComplaintRequest, @CurrentUser() user: AuthenticatedUser): Promise<Request> {
    return this.lifecycle.complain(id, body, user);
  }

  @Post(':id/restart')
  @Roles('attendant', 'supervisor', 'admin')
  @HttpCode(200)
  @Returns(requestSchema)
  restart(@Param('id', requestId) id: string, @ValidBody(restartRequestSchema) body: RestartRequest, @CurrentUser() user: AuthenticatedUser): Promise<Request> {
    return this.lifecycle.restart(id, body, user);
  }

  @Post(':id/cancel')
  @Roles('attendant', 'supervisor', 'admin')
  @HttpCode(200)
  @Returns(requestSchema)
  cancel(@Param('id', requestId) id: string, @ValidBody(cancelRequestSchema) body: CancelRequest, @CurrentUser() user: AuthenticatedUser): Promise<Request> {
    return this.lifecycle.cancel(id, body, user);
  }

  @Post(':id/resend-email')
  @AnyRole()
  @HttpCode(200)
  @Returns(requestSchema)
  resendEmail(@Param('id', requestId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Request> {
    return this.lifecycle.resendEmail(id, user);
  }

  @Post(':id/status')
  @Roles('backoffice')
  @HttpCode(200)
  @Returns(requestSchema)
  changeStatus(
    @Param('id', requestId) id: string,
    @ValidBody(changeRequestStatusSchema) body: ChangeRequestStatus,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Request> {
    return this.lifecycle.changeStatus(id, body, user);
  }

  @Get(':id/attachments/:attachmentId')
  @AnyRole()
  @AuditedCustomerRead('request')
  @ReturnsFile('application/octet-stream')
  async attachment(
    @Param('id', requestId) id: string,
    @Param('attachmentId', attachmentId) fileId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    await this.ensureVisible(id, user);
    const file = await this.views.attachment(id, fileId);
    return download(response, file.fileName, file.contentType, await this.store.read(id, file.id), file.size);
  }

  @Get(':id/pdf')
  @AnyRole()
  @AuditedCustomerRead('request')
  @ReturnsFile('application/pdf')
  async pdf(@Param('id', requestId) id: string, @CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    await this.ensureVisible(id, user);
    const request = customerDocumentFor(user.role, await this.views.get(id));
    const pdf = await requestPdf(request, this.clock.now());
    return download(response, `solicitacao-${formatProtocol(request.protocol)}.pdf`, 'application/pdf', pdf, pdf.length);
  }

  private async ensureVisible(id: string, user: AuthenticatedUser): Promise<void> {
    if (user.role === 'backoffice') ensureOrganAccess(user, await this.views.organOf(id));
  }
}
