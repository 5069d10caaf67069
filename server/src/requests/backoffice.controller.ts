import { Controller, Get, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { type BackofficeList, backofficeListSchema, backofficeQuerySchema } from '@receptivo/shared';
import type { z } from 'zod';
import { CurrentUser, Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Returns, ZodValidationPipe } from '../common/zod-validation';
import { BackofficeRequests } from './backoffice-requests';

@ApiTags('backoffice')
@Controller('backoffice')
@Roles('backoffice')
export class BackofficeController {
  constructor(private readonly requests: BackofficeRequests) {}

  @Get('requests')
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'request or attendance protocol (with or without separators), or customer name' })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @Returns(backofficeListSchema)
  list(
    @Query(new ZodValidationPipe(backofficeQuerySchema)) query: z.output<typeof backofficeQuerySchema>,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<BackofficeList> {
    return this.requests.list(query, user);
  }
}
