import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Settings } from '../config/settings';
import { REDACTED, describeErrorForLog, redactQueryValues, scrubPersonalData, sensitiveLogPaths } from './log-redaction';

type RequestWithId = IncomingMessage & { id?: string; originalUrl?: string; user?: { id: string } };

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

/**
 * One line per request at `info` and below (method, path with the query's values redacted, status,
 * milliseconds, request id, the signed-in user's id), built from a few fields rather than pino's
 * whole request with its headers. Above `info` no such line is written, so the middleware, which
 * builds a child logger per request, is not installed at all; logs written during a request then
 * lack its fields, and name the request id themselves when they need it.
 */
export function loggerParams(level: Settings['LOG_LEVEL']): Params {
  const linePerRequest = level === 'info' || level === 'debug' || level === 'trace';
  return {
    pinoHttp: {
      level,
      // Raw request and response to the serializers below: pino's own wrappers copy every header first.
      wrapSerializers: false,
      serializers: {
        req: (request: RequestWithId) => ({ id: request.id, method: request.method, url: redactQueryValues(request.originalUrl ?? request.url ?? '') }),
        res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
        // An error logged as an object (logger.error(error), a 500's line) loses its SQL text,
        // parameters and personal data like one logged as text.
        err: (error: unknown) => ({ type: error instanceof Error ? error.name : typeof error, message: describeErrorForLog(error) }),
      },
      // Read again when the response ends: by then the access guard has put the user on the request.
      customProps: (request: IncomingMessage) => {
        const { user } = request as RequestWithId;
        return user ? { userId: user.id } : {};
      },
      // Every logger of the server writes through this pino instance: whatever a log call passes
      // under a sensitive key, and whatever personal data its message text holds, never shows.
      redact: { paths: sensitiveLogPaths(), censor: REDACTED },
      hooks: {
        logMethod(args, write) {
          write.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubPersonalData(arg) : arg)) as Parameters<typeof write>);
        },
      },
    },
    ...(!linePerRequest && { forRoutes: [] }),
  };
}
