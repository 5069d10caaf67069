import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  type CancelRequest,
  type ComplaintRequest,
  type PortalProtocols,
  type PortalRequest,
  type ReiterateRequest,
  type RestartRequest,
  cancelRequestSchema,
  complaintRequestSchema,
  portalProtocolsSchema,
  portalRequestSchema,
  reiterateRequestSchema,
  restartRequestSchema,
} from '@receptivo/shared';
import { Citizen, CurrentCitizen } from '../auth/access.decorators';
import type { AuthenticatedCitizen } from '../auth/citizen-sessions';
import { notFound } from '../common/api-exception';
import { Returns, ValidBody, ZodValidationPipe } from '../common/zod-validation';
import { AttachmentUploadInterceptor, reiterateBody } from '../requests/attachment-upload';
import { RequestLifecycleService, type UploadedFile } from '../requests/request-lifecycle.service';
import { PortalProtocolsService } from './portal-protocols';

const requestId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Solicitação') });
const requester = (citizen: AuthenticatedCitizen) => ({ citizenId: citizen.customerId });

/**
 * Meus protocolos: the signed-in citizen's own attendances and requests, and the actions the desk
 * offers on a request (the same service and rules), each marked in the timeline as done on the portal.
 */
@ApiTags('portal')
@Controller('portal')
@Citizen()
export class PortalProtocolsController {
  constructor(
    private readonly protocols: PortalProtocolsService,
    private readonly lifecycle: RequestLifecycleService,
  ) {}

  @Get('protocols')
  @Returns(portalProtocolsSchema)
  list(@CurrentCitizen() citizen: AuthenticatedCitizen): Promise<PortalProtocols> {
    return this.protocols.of(citizen.customerId);
  }

  @Get('requests/:id')
  @Returns(portalRequestSchema)
  request(@CurrentCitizen() citizen: AuthenticatedCitizen, @Param('id', requestId) id: string): Promise<PortalRequest> {
    return this.protocols.request(citizen.customerId, id);
  }

  @Post('requests/:id/reiterate')
  @HttpCode(200)
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: reiterateBody })
  @Returns(portalRequestSchema)
  async reiterate(
    @CurrentCitizen() citizen: AuthenticatedCitizen,
    @Param('id', requestId) id: string,
    @Body(new ZodValidationPipe(reiterateRequestSchema)) body: ReiterateRequest,
    @UploadedFiles() files: UploadedFile[] | undefined,
  ): Promise<PortalRequest> {
    return this.protocols.asSeenByCitizen(await this.lifecycle.reiterate(id, body, files ?? [], requester(citizen)));
  }

  @Post('requests/:id/complaint')
  @HttpCode(200)
  @Returns(portalRequestSchema)
  async complain(@CurrentCitizen() citizen: AuthenticatedCitizen, @Param('id', requestId) id: string, @ValidBody(complaintRequestSchema) body: ComplaintRequest): Promise<PortalRequest> {
    return this.protocols.asSeenByCitizen(await this.lifecycle.complain(id, body, requester(citizen)));
  }

  @Post('requests/:id/restart')
  @HttpCode(200)
  @Returns(portalRequestSchema)
  async restart(@CurrentCitizen() citizen: AuthenticatedCitizen, @Param('id', requestId) id: string, @ValidBody(restartRequestSchema) body: RestartRequest): Promise<PortalRequest> {
    return this.protocols.asSeenByCitizen(await this.lifecycle.restart(id, body, requester(citizen)));
  }

  @Post('requests/:id/cancel')
  @HttpCode(200)
  @Returns(portalRequestSchema)
  async cancel(@CurrentCitizen() citizen: AuthenticatedCitizen, @Param('id', requestId) id: string, @ValidBody(cancelRequestSchema) body: CancelRequest): Promise<PortalRequest> {
    return this.protocols.asSeenByCitizen(await this.lifecycle.cancel(id, body, requester(citizen)));
  }
}
