import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Settings } from '../config/settings';

type RequestWithId = IncomingMessage & { id?: string; originalUrl?: string };

/**
 * The caller's x-request-id (a URA or a proxy may set it) or a new one, on the request and the
 * response, so one request is traceable end to end: error bodies and log lines carry it. Apart from
 * logging, which may be off.
 */
export function assignRequestId(request: RequestWithId, response: ServerResponse, next: () => void): void {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  request.id = id;
  response.setHeader('x-request-id', id);
  next();
}

/** The path alone: query strings carry personal data (`/api/customers?phone=`, `?document=`). */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * One line per request at `info` and below (method, path, status, milliseconds, request id), built
 * from a few fields rather than pino's whole request with its headers. Above `info` no such line is
 * written, so the middleware, which builds a child logger per request, is not installed at all;
 * logs written during a request then lack its fields, and name the request id themselves when
 * they need it.
 */
export function loggerParams(level: Settings['LOG_LEVEL']): Params {
  const linePerRequest = level === 'info' || level === 'debug' || level === 'trace';
  return {
    pinoHttp: {
      level,
      // Raw request and response to the serializers below: pino's own wrappers copy every header first.
      wrapSerializers: false,
      serializers: {
        req: (request: RequestWithId) => ({ id: request.id, method: request.method, url: pathOf(request.originalUrl ?? request.url ?? '') }),
        res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
      },
      // Whatever a future serializer or log call lets through of these, never their values.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    ...(!linePerRequest && { forRoutes: [] }),
  };
}
