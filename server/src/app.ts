import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { UserChanges } from './auth/user-changes';
import { RedisStreamsIoAdapter } from './cluster/redis-streams-io-adapter';
import { toApiError } from './common/api-exception.filter';
import { assignRequestId } from './common/request-logging';
import { API_PREFIX, OPEN311_ROOT, PORTAL_PATH, UNPREFIXED_ROUTES } from './common/route-prefix';
import { securityHeaders } from './common/security-headers';
import type { Settings } from './config/settings';
import { SeedRunner } from './database/seeding/seed-runner';
import { HttpMetrics } from './metrics/http-metrics';
import { METRICS_PATH, MetricsEndpoint } from './metrics/metrics-endpoint';
import { parseOpen311Bodies } from './open311/open311-bodies';

export const RENDERER_DIR = resolve(__dirname, '../../renderer/dist');

/** Paths of the API (/api, Open311's /open311/v2): never a file, never a page. */
const isApiPath = (path: string) => path.startsWith(`/${API_PREFIX}/`) || path === `/${API_PREFIX}` || path.startsWith(`/${OPEN311_ROOT}/`);


/** The citizens' self-service portal: its own page (and bundle) for this path and every path under it. */
const isPortalPage = (path: string) => path === PORTAL_PATH || path.startsWith(`${PORTAL_PATH}/`);

/**
 * Serves the built renderer with the SPA fallback, so a browser on the server is the whole app: the
 * portal's page under /autoatendimento, the desk's everywhere else.
 */
function serveRenderer(app: NestExpressApplication, rendererDir: string): void {
  const deskPage = join(rendererDir, 'index.html');
  const portalPage = join(rendererDir, 'autoatendimento.html');
  const assets = express.static(rendererDir, { index: false, maxAge: '1h' });
  // No API path is a file: API requests skip the fs.stat a static lookup costs.
  app.use((request: Request, response: Response, next: NextFunction) => (isApiPath(request.path) ? next() : assets(request, response, next)));
  app.use((request: Request, response: Response, next: NextFunction) => {
    // /metrics is never a page: where it is not served (METRICS_PORT, or off) it answers 404.
    const isPage = request.method === 'GET' && !isApiPath(request.path) && !request.path.startsWith('/socket.io') && request.path !== METRICS_PATH;
    if (!isPage) return next();
    const page = isPortalPage(request.path) ? portalPage : deskPage;
    if (!existsSync(page)) {
      response.status(503).type('text/plain').send('A interface do Receptivo não foi compilada. Rode: npm run build');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(page);
  });
}

function describeApi(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Receptivo API')
      .setDescription('HTTP API of the Receptivo attendance desk (docs/http-api.md). Errors: {statusCode, code, message}.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}

/** `GET /metrics` on the main port, outside the /api prefix, when MetricsEndpoint says it is served there. */
function serveMetrics(app: NestExpressApplication): void {
  const endpoint = app.get(MetricsEndpoint);
  if (!endpoint.onMainPort) return;
  // An Express route (not a Nest one): it leaves the pattern on the request for the HTTP metrics, and answers HEAD too.
  (app.getHttpAdapter().getInstance() as express.Express).get(METRICS_PATH, (request: Request, response: Response) => void endpoint.serve(request, response));
}

/**
 * Parses JSON bodies ourselves so a malformed body gets the API's error shape and a precise
 * message; Nest's own parser turns it into an anonymous 400.
 */
function parseJsonBodies(app: NestExpressApplication): void {
  app.use(express.json({ limit: '1mb' }));
  app.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (!error) return next();
    const body = toApiError(error);
    response.status(body.statusCode).json(body);
  });
}

/** Builds the whole server (also used by the integration tests), migrated and seeded, not listening. */
export async function createApp(settings: Settings, rendererDir = RENDERER_DIR): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  if (settings.REDIS_URL) app.useWebSocketAdapter(new RedisStreamsIoAdapter(app, settings.REDIS_URL));
  // X-Forwarded-For is believed only from the configured proxies; otherwise request.ip is the socket's peer.
  app.set('trust proxy', settings.TRUSTED_PROXIES.length > 0 ? settings.TRUSTED_PROXIES : false);
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  app.use(app.get(HttpMetrics).timeRequests);
  app.use(assignRequestId);
  app.use(securityHeaders());
  serveMetrics(app);
  parseOpen311Bodies(app);
  parseJsonBodies(app);
  describeApi(app);
  serveRenderer(app, rendererDir);
  await app.init();
  // Seeds write users behind UsersService's back: caches of users start over, on every node.
  if ((await app.get(SeedRunner).run()).length > 0) await app.get(UserChanges).changed();
  return app;
}
