import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type AbandonedCall,
  type AbandonedCallback,
  type AbandonedList,
  type AbandonedQuery,
  abandonedCallSchema,
  abandonedCallbackSchema,
  abandonedListSchema,
  abandonedQuerySchema,
} from '@receptivo/shared';
import { CurrentUser, Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { notFound } from '../common/api-exception';
import { Returns, ValidBody, ZodValidationPipe } from '../common/zod-validation';
import { AbandonedCalls } from './abandoned-calls';
import { CallBacks } from './call-backs';

const abandonedId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Chamada abandonada') });

/** Chamadas abandonadas: the callers to call back, for supervisors. */
@ApiTags('supervision')
@Controller('supervision/abandoned')
@Roles('supervisor', 'admin')
export class AbandonedCallsController {
  constructor(
    private readonly abandoned: AbandonedCalls,
    private readonly callBacks: CallBacks,
  ) {}

  @Get()
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'done', 'all'] })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @Returns(abandonedListSchema)
  list(@Query(new ZodValidationPipe(abandonedQuerySchema)) query: AbandonedQuery): Promise<AbandonedList> {
    return this.abandoned.list(query);
  }

  @Post(':id/callback')
  @HttpCode(200)
  @Returns(abandonedCallSchema)
  callBack(@Param('id', abandonedId) id: string, @ValidBody(abandonedCallbackSchema) body: AbandonedCallback, @CurrentUser() user: AuthenticatedUser): Promise<AbandonedCall> {
    return this.callBacks.callBack(id, body.extension, user.id);
  }

  @Post(':id/done')
  @HttpCode(200)
  @Returns(abandonedCallSchema)
  done(@Param('id', abandonedId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<AbandonedCall> {
    return this.abandoned.markDone(id, user.id);
  }
}
