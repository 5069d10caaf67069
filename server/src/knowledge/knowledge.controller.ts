import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  type CategoryTree,
  type ChangeFeed,
  type ChangeFeedQuery,
  type CurrentNotices,
  type Information,
  type OrganOptionList,
  type ScriptList,
  type SearchQuery,
  type SearchResponse,
  categoryTreeSchema,
  changeFeedQuerySchema,
  changeFeedSchema,
  currentNoticesSchema,
  formSchemaSchema,
  informationSchema,
  organOptionListSchema,
  scriptListSchema,
  searchQuerySchema,
  searchResponseSchema,
} from '@receptivo/shared';
import { AnyRole, CurrentUser, Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { notFound } from '../common/api-exception';
import { Returns, ValidBody, ZodValidationPipe } from '../common/zod-validation';
import { ChangeFeedService } from './change-feed.service';
import { assertRenderableFormSchema } from './form-schema';
import { KnowledgeReadService } from './knowledge-read.service';
import { SearchService } from './search.service';

const formSchemaBody = z.object({ formSchema: formSchemaSchema });

@ApiTags('knowledge')
@Controller()
@AnyRole()
export class KnowledgeController {
  constructor(
    private readonly read: KnowledgeReadService,
    private readonly searchService: SearchService,
    private readonly feed: ChangeFeedService,
  ) {}

  @Get('categories')
  @Returns(categoryTreeSchema)
  categories(): Promise<CategoryTree> {
    return this.read.categoryTree();
  }

  @Get('organs')
  @Returns(organOptionListSchema)
  organs(): Promise<OrganOptionList> {
    return this.read.organOptions();
  }

  @Get('informations/:id')
  @Returns(informationSchema)
  information(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound('Informação') })) id: string): Promise<Information> {
    return this.read.information(id);
  }

  @Get('scripts')
  @Returns(scriptListSchema)
  scripts(): Promise<ScriptList> {
    return this.read.scriptTopics();
  }

  @Get('notices/current')
  @Returns(currentNoticesSchema)
  currentNotices(): Promise<CurrentNotices> {
    return this.read.currentNotices();
  }

  @Get('search')
  @ApiQuery({ name: 'q', required: false, description: 'Busca geral: words, numbers or protocols' })
  @ApiQuery({ name: 'keyword', required: false, description: 'Palavra-chave: registered keywords' })
  @ApiQuery({ name: 'limit', required: false })
  @Returns(searchResponseSchema)
  search(@Query(new ZodValidationPipe(searchQuerySchema)) query: SearchQuery, @CurrentUser() user: AuthenticatedUser): Promise<SearchResponse> {
    return this.searchService.search(query, user);
  }

  @Get('knowledge/changes')
  @ApiQuery({ name: 'since', required: false, description: 'the `version` of the previous page; 0 for everything' })
  @ApiQuery({ name: 'limit', required: false })
  @Returns(changeFeedSchema)
  changes(@Query(new ZodValidationPipe(changeFeedQuerySchema)) query: ChangeFeedQuery): Promise<ChangeFeed> {
    return this.feed.changesSince(query);
  }

  @Post('knowledge/form-schema/validate')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  @Returns(z.object({ valid: z.literal(true) }))
  validateFormSchema(@ValidBody(formSchemaBody) body: z.infer<typeof formSchemaBody>): { valid: true } {
    assertRenderableFormSchema(body.formSchema);
    return { valid: true };
  }
}
