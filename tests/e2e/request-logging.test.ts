import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../../server/src/testing/test-database';
import { until } from '../../server/src/testing/until';
import { startServer } from '../support/server-process';

/** The built server's request log at `info` and at `warn`, read from its stdout. */
describe('request logging', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-logging-'));
    await chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Signs the seeded attendant in and looks a phone up, naming the request; answers the response and the attendant's id. */
  async function lookUpPhone(url: string, output: () => string, requestId: string): Promise<{ response: Response; userId: string }> {
    const credentials = await readFile(join(dataDir, 'initial-credentials.txt'), 'utf8');
    const attendant = credentials.split('\n').find((line) => line.startsWith('attendant '))!.split(' ');
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: attendant[1], password: attendant[2] }),
    });
    expect(login.status).toBe(200);
    const { token, user } = (await login.json()) as { token: string; user: { id: string } };
    expect(output()).not.toContain(token);
    const response = await fetch(`${url}/api/customers?phone=${encodeURIComponent('+5511987654321')}`, { headers: { Authorization: `Bearer ${token}`, 'x-request-id': requestId } });
    return { response, userId: user.id };
  }

  const requestLines = (output: string) =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>)
      .filter((entry) => entry.msg === 'request completed');

  it("at info: one line per request with method, path and the query's names without their values, status, milliseconds, request id and user id; no token, no phone", async () => {
    const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'info' });
    try {
      const { response, userId } = await lookUpPhone(server.url, server.output, 'trace-info-1');
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe('trace-info-1');
      await until(() => requestLines(server.output()).some((entry) => entry.req?.id === 'trace-info-1'), 'the request line');
      const line = requestLines(server.output()).find((entry) => entry.req?.id === 'trace-info-1')!;
      expect(line).toMatchObject({ level: 30, req: { id: 'trace-info-1', method: 'GET', url: '/api/customers?phone=[redacted]' }, userId, res: { statusCode: 200 } });
      expect(typeof line.responseTime).toBe('number');
      expect(Object.keys(line.req).sort()).toEqual(['id', 'method', 'url']);
      expect(server.output()).not.toContain('987654321');
      expect(server.output()).not.toContain('Bearer');
    } finally {
      await server.stop();
    }
  });

  it('at warn: the request is served with its request id and writes no line', async () => {
    const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'warn' });
    try {
      const { response } = await lookUpPhone(server.url, server.output, 'trace-warn-1');
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe('trace-warn-1');
      const missing = await fetch(`${server.url}/api/nothing-here`, { headers: { 'x-request-id': 'trace-warn-2' } });
      expect(await missing.json()).toMatchObject({ statusCode: 404, requestId: 'trace-warn-2' });
    } finally {
      await server.stop();
    }
    // Stopped: everything the server wrote has been read.
    expect(requestLines(server.output())).toEqual([]);
    expect(server.output()).not.toContain('trace-warn');
  });
});
