import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { type PortalKnowledgeResults, portalKnowledgeQuerySchema, portalKnowledgeResultsSchema } from '@receptivo/shared';
import type { Request } from 'express';
import type { z } from 'zod';
import { Public } from '../auth/access.decorators';
import { clientAddress } from '../common/client-address';
import { Returns, ZodValidationPipe } from '../common/zod-validation';
import { PortalCatalogService } from './portal-catalog';

/** Informações: the knowledge base's published texts, open to anyone, signed in or not. */
@ApiTags('portal')
@Controller('portal/knowledge')
export class PortalKnowledgeController {
  constructor(private readonly catalogs: PortalCatalogService) {}

  @Get()
  @Public()
  @ApiQuery({ name: 'q', required: false, description: 'Words to search for; none lists every published information' })
  @Returns(portalKnowledgeResultsSchema)
  search(
    @Query(new ZodValidationPipe(portalKnowledgeQuerySchema)) query: z.output<typeof portalKnowledgeQuerySchema>,
    @Req() request: Request,
  ): Promise<PortalKnowledgeResults> {
    return this.catalogs.informations(query.q, clientAddress(request));
  }
}
