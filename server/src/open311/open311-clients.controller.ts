import { Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type CreateOpen311Client,
  type IssuedOpen311Key,
  type Open311Client,
  type Open311ClientList,
  type UpdateOpen311Client,
  createOpen311ClientSchema,
  issuedOpen311KeySchema,
  open311ClientListSchema,
  open311ClientSchema,
  updateOpen311ClientSchema,
} from '@receptivo/shared';
import { CurrentUser, Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { notFound } from '../common/api-exception';
import { Returns, ValidBody } from '../common/zod-validation';
import { Open311ClientsService } from './open311-clients.service';

const validId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Aplicativo') });

/** Administration of the applications that may post Open311 requests (Administração › Aplicativos Open311). */
@ApiTags('open311-clients')
@Controller('open311-clients')
@Roles('admin')
export class Open311ClientsController {
  constructor(private readonly clients: Open311ClientsService) {}

  @Get()
  @Returns(open311ClientListSchema)
  list(): Promise<Open311ClientList> {
    return this.clients.list();
  }

  @Post()
  @Returns(issuedOpen311KeySchema, 201)
  create(@ValidBody(createOpen311ClientSchema) body: CreateOpen311Client, @CurrentUser() admin: AuthenticatedUser): Promise<IssuedOpen311Key> {
    return this.clients.create(body, admin);
  }

  @Patch(':id')
  @Returns(open311ClientSchema)
  update(@Param('id', validId) id: string, @ValidBody(updateOpen311ClientSchema) body: UpdateOpen311Client): Promise<Open311Client> {
    return this.clients.update(id, body);
  }
}
