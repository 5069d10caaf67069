import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { toApiError } from '../common/api-exception.filter';
import { OPEN311_ROOT } from '../common/route-prefix';
import { sendOpen311Errors } from './open311-format';

/**
 * Open311 clients post form-urlencoded bodies (`attribute[code]=value`, `attribute[code][]=a` for a
 * list: the extended parser reads both), some JSON. Parsed here, before the API's own JSON parser, so
 * a body that cannot be read is refused in the standard's error format.
 */
export function parseOpen311Bodies(app: NestExpressApplication): void {
  app.use(
    `/${OPEN311_ROOT}`,
    express.urlencoded({ extended: true, limit: '100kb', parameterLimit: 200 }),
    express.json({ limit: '100kb' }),
    (error: unknown, request: Request, response: Response, next: NextFunction) => {
      if (!error) return next();
      sendOpen311Errors(request, response, toApiError(error));
    },
  );
}
