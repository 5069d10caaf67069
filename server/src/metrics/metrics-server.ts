import { type Server, createServer } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Settings } from '../config/settings';
import { METRICS_PATH, MetricsEndpoint, answerError } from './metrics-endpoint';

const notFound = { statusCode: 404, code: 'NOT_FOUND', message: 'Recurso não encontrado.' } as const;

/**
 * METRICS_PORT: a small HTTP server of its own on HOST that answers `GET /metrics` and nothing
 * else, so a firewall can open it to Prometheus alone. Started with the app, closed with it.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | undefined;
  private readonly port: number | undefined;
  private readonly host: string;

  constructor(
    private readonly endpoint: MetricsEndpoint,
    config: ConfigService<Settings, true>,
  ) {
    this.port = config.get('METRICS_PORT', { infer: true });
    this.host = config.get('HOST', { infer: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.port === undefined) return;
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://metrics').pathname;
      if (path === METRICS_PATH && (request.method === 'GET' || request.method === 'HEAD')) void this.endpoint.serve(request, response);
      else answerError(request, response, notFound);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`GET ${METRICS_PATH} on http://${this.host}:${this.port} only${this.endpoint.guarded ? ', with Authorization: Bearer METRICS_TOKEN' : ''}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
