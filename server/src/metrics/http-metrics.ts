import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';

/** What `route` says of a request no route answered: renderer files, the pages' fallback, 404s. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Methods named as they are; anything else is one label, so a client cannot add series. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * How long HTTP requests take, by method, route and status. The route is Express' pattern
 * (`/api/requests/:id`), never the path, whose ids and query would make a series per request.
 */
@Injectable()
export class HttpMetrics {
  private readonly durations: Histogram<'method' | 'route' | 'status'>;

  constructor(metrics: MetricsRegistry) {
    this.durations = new Histogram({
      name: 'receptivo_http_request_duration_seconds',
      help: 'HTTP requests from arrival to the end of the answer, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
  }

  /** Express middleware, installed before any other: the time covers the whole request. */
  readonly timeRequests = (request: Request, response: Response, next: NextFunction): void => {
    const startedAt = performance.now();
    response.once('finish', () => {
      const method = KNOWN_METHODS.has(request.method) ? request.method : 'OTHER';
      this.durations.observe({ method, route: routeOf(request), status: String(response.statusCode) }, (performance.now() - startedAt) / 1000);
    });
    next();
  };
}

/** The pattern of the route that answered; Express leaves it on the request once it matched. */
function routeOf(request: Request): string {
  const path: unknown = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : UNMATCHED_ROUTE;
}
