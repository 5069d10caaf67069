import { Body, Controller, Get, Param, type PipeTransform, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type Open311Format,
  type Open311NewRequest,
  type Open311RequestsQuery,
  open311NewRequestSchema,
  open311RequestsQuerySchema,
} from '@receptivo/shared';
import { ClientApp, Public } from '../auth/access.decorators';
import { ApiException } from '../common/api-exception';
import { OPEN311_ROOT } from '../common/route-prefix';
import { ZodValidationPipe } from '../common/zod-validation';
import { CurrentClientApp, Open311ApiKeyGuard } from './open311-api-key.guard';
import { Open311Catalog } from './open311-catalog';
import type { Open311ClientApp } from './open311-clients.service';
import { Open311ErrorFilter } from './open311-error.filter';
import { asOpen311Format, sendOpen311, splitFormat } from './open311-format';
import { Open311RequestListing } from './open311-request-listing';
import { Open311Submission } from './open311-submission';

const notServed = () => new ApiException(404, 'NOT_FOUND', 'Recurso não encontrado: use services ou requests, terminados em .json ou .xml.');

/** `services.json` → `json`; any other extension is no resource of the standard. */
class FormatPipe implements PipeTransform<string, Open311Format> {
  transform(format: string): Open311Format {
    const known = asOpen311Format(format);
    if (!known) throw notServed();
    return known;
  }
}

/** `2026.000123-4.json` (a protocol's own dots included) → the name and its format. */
class NamedResourcePipe implements PipeTransform<string, { name: string; format: Open311Format }> {
  transform(file: string): { name: string; format: Open311Format } {
    const { name, format } = splitFormat(file);
    if (!format || !name) throw notServed();
    return { name, format };
  }
}

/**
 * Open311 GeoReport v2 (docs/http-api.md, Open311) at /open311/v2, outside /api: the standard fixes
 * its paths, its field names and its error format, so it has its own OpenAPI-free description.
 */
@ApiExcludeController()
@Controller(OPEN311_ROOT)
@UseFilters(Open311ErrorFilter)
export class Open311Controller {
  constructor(
    private readonly catalog: Open311Catalog,
    private readonly listing: Open311RequestListing,
    private readonly submission: Open311Submission,
  ) {}

  @Get('services.:format')
  @Public()
  async services(@Param('format', FormatPipe) format: Open311Format, @Res() response: Response): Promise<void> {
    sendOpen311(response, format, { root: 'services', body: await this.catalog.services() });
  }

  @Get('services/:file')
  @Public()
  async serviceDefinition(@Param('file', NamedResourcePipe) file: { name: string; format: Open311Format }, @Res() response: Response): Promise<void> {
    sendOpen311(response, file.format, { root: 'service_definition', body: await this.catalog.definition(file.name) });
  }

  @Get('requests.:format')
  @Public()
  async requests(
    @Param('format', FormatPipe) format: Open311Format,
    @Query(new ZodValidationPipe(open311RequestsQuerySchema)) query: Open311RequestsQuery,
    @Res() response: Response,
  ): Promise<void> {
    sendOpen311(response, format, { root: 'service_requests', body: await this.listing.list(query) });
  }

  @Get('requests/:file')
  @Public()
  async request(@Param('file', NamedResourcePipe) file: { name: string; format: Open311Format }, @Res() response: Response): Promise<void> {
    sendOpen311(response, file.format, { root: 'service_requests', body: [await this.listing.get(file.name)] });
  }

  /** Only a registered application posts, by its api_key; a person's data it sends is not read. */
  @Post('requests.:format')
  @ClientApp(Open311ApiKeyGuard)
  async create(
    @Param('format', FormatPipe) format: Open311Format,
    @Body(new ZodValidationPipe(open311NewRequestSchema)) body: Open311NewRequest,
    @CurrentClientApp() client: Open311ClientApp,
    @Res() response: Response,
  ): Promise<void> {
    sendOpen311(response, format, { root: 'service_requests', body: [await this.submission.submit(body, client)] }, 201);
  }

  /** Anything else under /open311/v2 is answered in the standard's error format, not the API's. */
  @Get('*path')
  @Public()
  unknownRead(): never {
    throw notServed();
  }

  @Post('*path')
  @Public()
  unknownWrite(): never {
    throw notServed();
  }
}
