import { Controller, Get, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { type KnowledgeGaps, type KnowledgeGapsQuery, knowledgeGapsQuerySchema, knowledgeGapsSchema, knowledgeSearchSources, maxKnowledgeGaps } from '@receptivo/shared';
import { Roles } from '../auth/access.decorators';
import { Returns, ZodValidationPipe } from '../common/zod-validation';
import { KnowledgeGapsReport } from './knowledge-gaps';

/** Lacunas da base: the terms to write informations for, kept by those who keep the knowledge base. */
@ApiTags('knowledge administration')
@Controller('knowledge/gaps')
@Roles('admin', 'supervisor')
export class KnowledgeGapsController {
  constructor(private readonly report: KnowledgeGapsReport) {}

  @Get()
  @ApiQuery({ name: 'from', required: true, description: 'first day (YYYY-MM-DD, Brasília)' })
  @ApiQuery({ name: 'to', required: true, description: 'last day (YYYY-MM-DD, Brasília), included; 366 days at most' })
  @ApiQuery({ name: 'source', required: false, enum: knowledgeSearchSources, description: 'desk or portal searches only; both when absent' })
  @ApiQuery({ name: 'limit', required: false, description: `terms listed, 1–${maxKnowledgeGaps}; 50 when absent` })
  @Returns(knowledgeGapsSchema)
  list(@Query(new ZodValidationPipe(knowledgeGapsQuerySchema)) query: KnowledgeGapsQuery): Promise<KnowledgeGaps> {
    return this.report.list(query);
  }
}
