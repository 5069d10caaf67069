import { type CanActivate, type ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { forbidden } from '../common/api-exception';
import { type Open311ClientApp, Open311ClientsService } from './open311-clients.service';

type ClientRequest = Request & { open311Client?: Open311ClientApp };

/** The api_key as the standard sends it (a POST parameter), or in the query string as some clients do. */
function apiKeyOf(request: Request): string | undefined {
  const fromBody: unknown = (request.body as Record<string, unknown> | undefined)?.api_key;
  const given = fromBody ?? request.query.api_key;
  return typeof given === 'string' ? given : undefined;
}

/** Admits a request that carries the api_key of an active client application, and tells the route which. */
@Injectable()
export class Open311ApiKeyGuard implements CanActivate {
  constructor(private readonly clients: Open311ClientsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ClientRequest>();
    const client = await this.clients.authenticate(apiKeyOf(request));
    if (!client) {
      throw forbidden('api_key ausente, inválida ou de um aplicativo desativado: peça uma chave à administração do serviço.');
    }
    request.open311Client = client;
    return true;
  }
}

/** The client application the route's api_key belongs to (set by Open311ApiKeyGuard). */
export const CurrentClientApp = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Open311ClientApp => context.switchToHttp().getRequest<ClientRequest>().open311Client!,
);
