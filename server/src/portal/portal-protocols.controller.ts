import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type PortalProtocols, type PortalRequest, portalProtocolsSchema, portalRequestSchema } from '@receptivo/shared';
import { Citizen, CurrentCitizen } from '../auth/access.decorators';
import type { AuthenticatedCitizen } from '../auth/citizen-sessions';
import { notFound } from '../common/api-exception';
import { Returns } from '../common/zod-validation';
import { PortalProtocolsService } from './portal-protocols';

/** Meus protocolos: the signed-in citizen's own attendances and requests. */
@ApiTags('portal')
@Controller('portal')
@Citizen()
export class PortalProtocolsController {
  constructor(private readonly protocols: PortalProtocolsService) {}

  @Get('protocols')
  @Returns(portalProtocolsSchema)
  list(@CurrentCitizen() citizen: AuthenticatedCitizen): Promise<PortalProtocols> {
    return this.protocols.of(citizen.customerId);
  }

  @Get('requests/:id')
  @Returns(portalRequestSchema)
  request(
    @CurrentCitizen() citizen: AuthenticatedCitizen,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound('Solicitação') })) id: string,
  ): Promise<PortalRequest> {
    return this.protocols.request(citizen.customerId, id);
  }
}
