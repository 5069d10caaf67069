import { Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type PortalCatalog, type PortalRequest, portalCatalogSchema, portalNewRequestSchema, portalRequestSchema } from '@receptivo/shared';
import type { z } from 'zod';
import { WebAttendances } from '../attendances/web-attendances';
import { Citizen, CurrentCitizen } from '../auth/access.decorators';
import type { AuthenticatedCitizen } from '../auth/citizen-sessions';
import { Returns, ValidBody } from '../common/zod-validation';
import { PortalCatalogService } from './portal-catalog';
import { PortalProtocolsService } from './portal-protocols';

/** Nova solicitação: the request types a citizen may register, and the registration itself (channel web). */
@ApiTags('portal')
@Controller('portal')
@Citizen()
export class PortalRequestsController {
  constructor(
    private readonly catalogs: PortalCatalogService,
    private readonly web: WebAttendances,
    private readonly protocols: PortalProtocolsService,
  ) {}

  @Get('catalog')
  @Returns(portalCatalogSchema)
  catalog(): Promise<PortalCatalog> {
    return this.catalogs.catalog();
  }

  @Post('requests')
  @Returns(portalRequestSchema, 201)
  async register(
    @CurrentCitizen() citizen: AuthenticatedCitizen,
    @ValidBody(portalNewRequestSchema) body: z.output<typeof portalNewRequestSchema>,
  ): Promise<PortalRequest> {
    const { requestId } = await this.web.registerRequest(body, { via: 'portal', customerId: citizen.customerId });
    return this.protocols.request(citizen.customerId, requestId);
  }
}
