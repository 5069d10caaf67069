import { mkdtemp, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { apiErrorSchema, healthSchema } from '@receptivo/shared';
import { type TestApp, startTestApp } from '../testing/test-app';

describe('health, errors, API description and the served UI', () => {
  let server: TestApp;

  beforeAll(async () => {
    const rendererDir = await mkdtemp(join(tmpdir(), 'receptivo-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Receptivo</title><div id="root"></div>');
    await writeFile(join(rendererDir, 'app.js'), 'console.log("app")');
    await writeFile(join(rendererDir, 'autoatendimento.html'), '<!doctype html><title>Autoatendimento</title><div id="portal-root"></div>');
    server = await startTestApp({}, rendererDir);
  });
  afterAll(() => server.close());

  it('reports the database up, CTI off and this node alone (no REDIS_URL) without a token', async () => {
    const response = await server.http.get('/api/health').expect(200);
    expect(healthSchema.parse(response.body)).toEqual({ status: 'ok', database: 'up', cti: 'off', node: `${hostname()}-${process.pid}`, role: 'single' });
  });

  it('answers every error in one shape, with the request id', async () => {
    const unknown = await server.http.get('/api/nothing-here').set('x-request-id', 'trace-42').expect(404);
    expect(apiErrorSchema.parse(unknown.body)).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Recurso não encontrado.',
      requestId: 'trace-42',
    });
    expect(unknown.headers['x-request-id']).toBe('trace-42');

    const malformed = await server.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin",')
      .expect(400);
    expect(apiErrorSchema.parse(malformed.body)).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'O corpo da requisição não é um JSON válido.',
    });
  });

  it('describes the API in OpenAPI at /api/docs, with the zod schemas', async () => {
    const response = await server.http.get('/api/docs/openapi.json').expect(200);
    const paths = response.body.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/auth/me', '/api/users', '/api/users/{id}', '/api/users/{id}/reset-password']),
    );
    const loginBody = paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(loginBody.required).toEqual(['username', 'password']);
    await server.http.get('/api/docs').expect(200).expect('Content-Type', /html/);
  });

  it('sends the browser protections on pages, assets and API answers, and no X-Powered-By', async () => {
    const answers = [await server.http.get('/'), await server.http.get('/app.js'), await server.http.get('/api/health'), await server.http.get('/api/auth/me')];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 401]);
    for (const { headers } of answers) {
      const policy = headers['content-security-policy'];
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("connect-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('upgrade-insecure-requests');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('same-origin');
      expect(headers['x-powered-by']).toBeUndefined();
      expect(headers['content-security-policy']).toContain("style-src 'self';");
    }
    // Swagger UI's inline styles are allowed on its own pages only; its scripts still come from the server.
    const docs = (await server.http.get('/api/docs').expect(200)).headers['content-security-policy'];
    expect(docs).toContain("style-src 'self' 'unsafe-inline';");
    expect(docs).toContain("script-src 'self';");
  });

  it('serves the UI at / and every page path, the portal at /autoatendimento and under it, but not under /api', async () => {
    for (const path of ['/', '/receptivo', '/administracao/usuarios', '/autoatendimento-antigo']) {
      const page = await server.http.get(path).expect(200);
      expect(page.text).toContain('<div id="root">');
    }
    for (const path of ['/autoatendimento', '/autoatendimento/', '/autoatendimento/solicitacoes/123', '/autoatendimento/redefinir-senha']) {
      const page = await server.http.get(path).expect(200).expect('Cache-Control', 'no-cache');
      expect(page.text).toContain('<div id="portal-root">');
    }
    await server.http.get('/app.js').expect(200).expect('Content-Type', /javascript/);
    await server.http.get('/api/unknown').expect(404).expect('Content-Type', /json/);
  });

  it('answers 503 and "database down" when PostgreSQL is gone', async () => {
    await server.app.get(DataSource).destroy();
    const response = await server.http.get('/api/health').expect(503);
    expect(response.body).toEqual({ status: 'degraded', database: 'down', cti: 'off', node: `${hostname()}-${process.pid}`, role: 'single' });
    await server.app.get(DataSource).initialize();
  });
});
