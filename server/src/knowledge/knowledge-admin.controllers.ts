import { Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Query, type Type } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  categoryInputSchema,
  categoryPatchSchema,
  categorySchema,
  informationInputSchema,
  informationPatchSchema,
  informationSchema,
  noticeInputSchema,
  noticePatchSchema,
  noticeSchema,
  organInputSchema,
  organPatchSchema,
  organSchema,
  type Reorder,
  reorderSchema,
  requestTypeInputSchema,
  requestTypePatchSchema,
  requestTypeSchema,
  scriptTopicInputSchema,
  scriptTopicPatchSchema,
  scriptTopicSchema,
} from '@receptivo/shared';
import { Roles } from '../auth/access.decorators';
import { notFound } from '../common/api-exception';
import { Returns, ValidBody } from '../common/zod-validation';
import type { KnowledgeCollection, KnowledgeRow } from './knowledge-collection';

type AnyCollection = KnowledgeCollection<KnowledgeRow, unknown, unknown>;

interface CollectionRoute {
  path: string;
  /** Provider token of the collection service. */
  token: string;
  noun: string;
  view: z.ZodType;
  input: z.ZodType;
  patch: z.ZodType;
  ordered: boolean;
  /** Lists of informations and request types are asked per category. */
  byCategory: boolean;
}

const categoryFilter = new ParseUUIDPipe({ optional: true, exceptionFactory: () => notFound('Sessão') });

/**
 * The administration routes of one knowledge collection (docs/architecture.md: controllers only translate).
 * Built per collection so each gets its own OpenAPI description from its zod schemas.
 */
function collectionController(route: CollectionRoute): Type<unknown> {
  const validId = new ParseUUIDPipe({ exceptionFactory: () => notFound(route.noun) });

  @ApiTags('knowledge administration')
  @Controller(`knowledge/${route.path}`)
  @Roles('admin', 'supervisor')
  class CollectionController {
    constructor(@Inject(route.token) readonly collection: AnyCollection) {}

    @Get()
    @ApiQuery({ name: 'categoryId', required: false })
    @Returns(z.object({ items: z.array(route.view) }))
    list(@Query('categoryId', categoryFilter) categoryId?: string) {
      return this.collection.list(route.byCategory && categoryId ? { categoryId } : {});
    }

    @Post()
    @Returns(route.view, 201)
    create(@ValidBody(route.input) body: unknown) {
      return this.collection.create(body);
    }

    @Patch(':id')
    @Returns(route.view)
    update(@Param('id', validId) id: string, @ValidBody(route.patch) body: Record<string, unknown>) {
      return this.collection.update(id, body);
    }

    @Delete(':id')
    @HttpCode(204)
    async remove(@Param('id', validId) id: string): Promise<void> {
      await this.collection.remove(id);
    }
  }

  @ApiTags('knowledge administration')
  @Controller(`knowledge/${route.path}`)
  @Roles('admin', 'supervisor')
  class OrderedCollectionController extends CollectionController {
    @Post('order')
    @HttpCode(204)
    async reorder(@ValidBody(reorderSchema) body: Reorder): Promise<void> {
      await this.collection.reorder(body.ids);
    }
  }

  const controller = route.ordered ? OrderedCollectionController : CollectionController;
  const name = route.path.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase());
  Object.defineProperty(controller, 'name', { value: `Knowledge${name}Controller` });
  return controller;
}

export const knowledgeCollectionRoutes: CollectionRoute[] = [
  { path: 'organs', token: 'knowledge:organ', noun: 'Órgão', view: organSchema, input: organInputSchema, patch: organPatchSchema, ordered: false, byCategory: false },
  { path: 'categories', token: 'knowledge:category', noun: 'Sessão', view: categorySchema, input: categoryInputSchema, patch: categoryPatchSchema, ordered: true, byCategory: false },
  { path: 'informations', token: 'knowledge:information', noun: 'Informação', view: informationSchema, input: informationInputSchema, patch: informationPatchSchema, ordered: true, byCategory: true },
  { path: 'request-types', token: 'knowledge:requestType', noun: 'Tipo de solicitação', view: requestTypeSchema, input: requestTypeInputSchema, patch: requestTypePatchSchema, ordered: true, byCategory: true },
  { path: 'script-topics', token: 'knowledge:scriptTopic', noun: 'Tópico do script', view: scriptTopicSchema, input: scriptTopicInputSchema, patch: scriptTopicPatchSchema, ordered: true, byCategory: false },
  { path: 'notices', token: 'knowledge:notice', noun: 'Aviso', view: noticeSchema, input: noticeInputSchema, patch: noticePatchSchema, ordered: false, byCategory: false },
];

export const knowledgeCollectionControllers = knowledgeCollectionRoutes.map(collectionController);
