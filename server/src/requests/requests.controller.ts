import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Request, requestSchema } from '@receptivo/shared';
import { AnyRole } from '../auth/access.decorators';
import { notFound } from '../common/api-exception';
import { Returns } from '../common/zod-validation';
import { RequestViews } from './request-views';

@ApiTags('requests')
@Controller('requests')
@AnyRole()
export class RequestsController {
  constructor(private readonly views: RequestViews) {}

  @Get(':id')
  @Returns(requestSchema)
  get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound('Solicitação') })) id: string): Promise<Request> {
    return this.views.get(id);
  }
}
