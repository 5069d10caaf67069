import { Catch } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiErrorBody } from '@receptivo/shared';
import { ApiExceptionFilter } from '../common/api-exception.filter';
import { sendOpen311Errors } from './open311-format';

/**
 * Errors of the Open311 routes in the standard's format (`<errors><error><code/><description/>`), in
 * the format the path asked for; logged and classified like every other API error.
 */
@Catch()
export class Open311ErrorFilter extends ApiExceptionFilter {
  protected override send(request: Request, response: Response, body: ApiErrorBody): void {
    sendOpen311Errors(request, response, body);
  }
}
