import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthSchema } from '@receptivo/shared';
import { CtiSockets } from '../../server/src/cti/cti-sockets';
import { CtiDesk } from '../../server/src/testing/cti-desk';
import { type TestApp, bootTestApp } from '../../server/src/testing/test-app';
import { createTestDatabase } from '../../server/src/testing/test-database';
import { until } from '../../server/src/testing/until';
import { type RedisServer, startRedis } from '../support/redis-server';

/** Two nodes on one PostgreSQL and one Redis (Debian's redis-server): one leader, sockets shared. */
describe('cluster mode: two nodes with REDIS_URL', () => {
  let redis: RedisServer;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let nodes: TestApp[] = [];
  const urls: string[] = [];
  let desk: CtiDesk | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-cluster-'));
    const environment = { REDIS_URL: redis.url, JWT_SECRET: 'a-cluster-wide-secret-of-at-least-32-characters' };
    for (const name of ['node-a', 'node-b']) {
      // One after the other: the first creates and seeds the database (initial credentials in DATA_DIR).
      const node = await bootTestApp(database.url, dataDir, { ...environment, NODE_NAME: name });
      await node.app.listen(0, '127.0.0.1');
      urls.push(`http://127.0.0.1:${(node.app.getHttpServer().address() as AddressInfo).port}`);
      nodes.push(node);
    }
  });
  afterAll(async () => {
    desk?.close();
    for (const node of nodes) await node.close();
    nodes = [];
    await redis?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const health = async (node: TestApp) => healthSchema.parse((await node.http.get('/api/health').expect(200)).body);

  it('one node leads, the other follows, each says which it is', async () => {
    await until(async () => (await Promise.all(nodes.map(health))).some((answer) => answer.role === 'leader'), 'a leader');
    const answers = await Promise.all(nodes.map(health));
    expect(answers.map(({ node, role }) => ({ node, role })).sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { node: expect.stringMatching(/^node-[ab]$/), role: 'follower' },
      { node: expect.stringMatching(/^node-[ab]$/), role: 'leader' },
    ]);
    expect(new Set(answers.map((answer) => answer.node)).size).toBe(2);
  });

  it('a desk connected to one node receives what another node sends it, and is seen by every node', async () => {
    const [a, b] = nodes;
    const token = await a.login('attendant');
    const userId = (await a.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200)).body.id as string;
    // Signed in on node A, connected to node B: one secret, one session.
    desk = new CtiDesk(urls[1], token);
    await desk.connected();
    await until(async () => (await a.app.get(CtiSockets).connectedUsers()).has(userId), 'node A seeing the desk on node B');

    a.app.get(CtiSockets).toUser(userId, 'call:ended', { callId: 'sent-by-node-a', reason: 'abandoned' });
    expect(await desk.next('call:ended', (ended) => ended.callId === 'sent-by-node-a')).toEqual({ callId: 'sent-by-node-a', reason: 'abandoned' });
    expect(b.app.get(CtiSockets).namespace?.sockets.size).toBe(1);
    expect(a.app.get(CtiSockets).namespace?.sockets.size).toBe(0);
  });

  it('login attempts are counted for the whole cluster: spread over the nodes, the eleventh is refused', async () => {
    const wrong = { username: 'ninguem', password: 'not-the-password' };
    for (let attempt = 0; attempt < 10; attempt++) await nodes[attempt % 2].http.post('/api/auth/login').send(wrong).expect(401);
    const refused = await nodes[0].http.post('/api/auth/login').send(wrong).expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });
});
