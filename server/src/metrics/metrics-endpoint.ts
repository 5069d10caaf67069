import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ApiErrorBody } from '@receptivo/shared';
import { describeErrorForLog } from '../common/log-redaction';
import type { Settings } from '../config/settings';
import { MetricsRegistry } from './metrics-registry';

export const METRICS_PATH = '/metrics';

type Refusal = Omit<ApiErrorBody, 'requestId'>;

const tokenMissing: Refusal = {
  statusCode: 401,
  code: 'TOKEN_MISSING',
  message: 'Informe o token das métricas no cabeçalho Authorization: Bearer <METRICS_TOKEN>.',
};
const tokenInvalid: Refusal = { statusCode: 401, code: 'TOKEN_INVALID', message: 'Token das métricas inválido.' };
const renderFailed: Refusal = { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Não foi possível coletar as métricas agora. Tente novamente.' };

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` in the Prometheus text format (docs/operations.md). Where: on METRICS_PORT alone
 * when it is set (MetricsServer), else on the main port when METRICS_TOKEN is set, else nowhere: an
 * open endpoint on the port citizens reach through the proxy would tell anyone the call center's
 * load. METRICS_TOKEN, when set, is asked for wherever it is served, compared in constant time.
 */
@Injectable()
export class MetricsEndpoint implements OnApplicationBootstrap {
  private readonly logger = new Logger('Metrics');
  /** SHA-256 of METRICS_TOKEN: digests of equal length, so timingSafeEqual tells nothing of the token's length either. */
  private readonly tokenDigest: Buffer | undefined;
  private readonly port: number | undefined;

  constructor(
    private readonly metrics: MetricsRegistry,
    config: ConfigService<Settings, true>,
  ) {
    const token = config.get('METRICS_TOKEN', { infer: true });
    this.tokenDigest = token === undefined ? undefined : digest(token);
    this.port = config.get('METRICS_PORT', { infer: true });
  }

  /** Served on PORT beside the API: only with a token and no port of its own. */
  get onMainPort(): boolean {
    return this.port === undefined && this.tokenDigest !== undefined;
  }

  /** Where it is served (MetricsServer says so for METRICS_PORT once it listens). */
  onApplicationBootstrap(): void {
    if (this.onMainPort) this.logger.log(`GET ${METRICS_PATH} on the main port, with Authorization: Bearer METRICS_TOKEN`);
    else if (this.port === undefined) this.logger.log(`GET ${METRICS_PATH} is off: set METRICS_TOKEN (served on the main port) or METRICS_PORT (a port of its own)`);
  }

  /** Whether METRICS_TOKEN is asked for. */
  get guarded(): boolean {
    return this.tokenDigest !== undefined;
  }

  /** Answers one scrape: the token first, then every metric collected now. */
  async serve(request: IncomingMessage & { id?: unknown }, response: ServerResponse): Promise<void> {
    const refusal = this.refusal(request.headers.authorization);
    if (refusal) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return answerError(request, response, refusal);
    }
    let text: string;
    try {
      text = await this.metrics.render();
    } catch (error) {
      this.logger.error(`${METRICS_PATH}: ${describeErrorForLog(error)}`);
      return answerError(request, response, renderFailed);
    }
    response.statusCode = 200;
    response.setHeader('Content-Type', this.metrics.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.end(request.method === 'HEAD' ? undefined : text);
  }

  private refusal(authorization: string | undefined): Refusal | undefined {
    if (!this.tokenDigest) return undefined;
    const token = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
    if (!token) return tokenMissing;
    return timingSafeEqual(digest(token), this.tokenDigest) ? undefined : tokenInvalid;
  }
}

/** The API's one error shape, written without Nest (the metrics port has none). */
export function answerError(request: IncomingMessage & { id?: unknown }, response: ServerResponse, error: Refusal): void {
  const body: ApiErrorBody = { ...error, ...(typeof request.id === 'string' && { requestId: request.id }) };
  response.statusCode = error.statusCode;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(JSON.stringify(body));
}
