import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ctiOverviewSchema, healthSchema, issuedPasswordSchema } from '@receptivo/shared';
import { ClusterBroadcast } from '../../server/src/cluster/cluster-broadcast';
import { CtiSockets } from '../../server/src/cti/cti-sockets';
import { CtiDesk } from '../../server/src/testing/cti-desk';
import { type TestApp, bootTestApp } from '../../server/src/testing/test-app';
import { createTestDatabase } from '../../server/src/testing/test-database';
import { until } from '../../server/src/testing/until';
import { type RedisServer, redisCommand, startRedis } from '../support/redis-server';

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
    // The telephony page, asked of node A, shows the attendant's desk on node B connected.
    const admin = { Authorization: `Bearer ${await a.login('admin')}` };
    const deskShown = async () => ctiOverviewSchema.parse((await a.http.get('/api/cti/overview').set(admin).expect(200)).body).agents.some((agent) => agent.user?.id === userId && agent.connected);
    await until(deskShown, 'node A showing the desk on node B');

    a.app.get(CtiSockets).toUser(userId, 'call:ended', { callId: 'sent-by-node-a', reason: 'abandoned' });
    expect(await desk.next('call:ended', (ended) => ended.callId === 'sent-by-node-a')).toEqual({ callId: 'sent-by-node-a', reason: 'abandoned' });
    expect(b.app.get(CtiSockets).namespace?.sockets.size).toBe(1);
    expect(a.app.get(CtiSockets).namespace?.sockets.size).toBe(0);
  });

  it('a user deactivated, reset or demoted on one node is refused at once on the other, which checked it from memory', async () => {
    const [a, b] = nodes;
    const admin = { Authorization: `Bearer ${await a.login('admin')}` };
    const signedInOnB = async (username: string) => {
      const created = issuedPasswordSchema.parse(
        (await a.http.post('/api/users').set(admin).send({ username, name: 'Atendente do Cluster', role: 'attendant' }).expect(201)).body,
      );
      const token = (await b.http.post('/api/auth/login').send({ username, password: created.password }).expect(200)).body.token as string;
      const auth = { Authorization: `Bearer ${token}` };
      await b.http.get('/api/auth/me').set(auth).expect(200);
      return { id: created.user.id, auth };
    };

    const deactivated = await signedInOnB('cluster-one');
    // Node B answers from memory now: a rename behind both servers' backs does not show there.
    await a.app.get(DataSource).query("UPDATE users SET name = 'Renomeado no Banco' WHERE id = $1", [deactivated.id]);
    expect((await b.http.get('/api/auth/me').set(deactivated.auth).expect(200)).body.name).toBe('Atendente do Cluster');
    await a.http.patch(`/api/users/${deactivated.id}`).set(admin).send({ active: false }).expect(200);
    const refused = await b.http.get('/api/auth/me').set(deactivated.auth).expect(401);
    expect(refused.body).toMatchObject({ code: 'TOKEN_INVALID', message: 'Sua sessão foi encerrada. Entre novamente.' });

    const reset = await signedInOnB('cluster-two');
    await a.http.post(`/api/users/${reset.id}/reset-password`).set(admin).expect(201);
    await b.http.get('/api/auth/me').set(reset.auth).expect(401);

    const promoted = await signedInOnB('cluster-three');
    await a.http.patch(`/api/users/${promoted.id}`).set(admin).send({ role: 'supervisor' }).expect(200);
    await b.http.get('/api/auth/me').set(promoted.auth).expect(401);

    const moved = await signedInOnB('cluster-four');
    await a.http.patch(`/api/users/${moved.id}`).set(admin).send({ extension: '4321' }).expect(200);
    expect((await b.http.get('/api/auth/me').set(moved.auth).expect(200)).body.extension).toBe('4321');
  });

  it('login failures are counted for the whole cluster: five spread over the nodes make the account wait on both', async () => {
    const wrong = { username: 'ninguem', password: 'not-the-password' };
    for (let attempt = 0; attempt < 5; attempt++) await nodes[attempt % 2].http.post('/api/auth/login').send(wrong).expect(401);
    for (const node of nodes) {
      const refused = await node.http.post('/api/auth/login').send(wrong).expect(429);
      expect(refused.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect(refused.headers['retry-after']).toMatch(/^[12]$/);
    }
  });

  it('a node that missed the others for a moment (its Redis subscription cut) reads its users from the database again', async () => {
    const [a, b] = nodes;
    const auth = { Authorization: `Bearer ${await b.login('supervisor')}` };
    const { id, name } = (await b.http.get('/api/auth/me').set(auth).expect(200)).body as { id: string; name: string };
    await a.app.get(DataSource).query("UPDATE users SET name = 'Sandra Renomeada' WHERE id = $1", [id]);
    expect((await b.http.get('/api/auth/me').set(auth).expect(200)).body.name).toBe(name);

    // What B would have heard meanwhile is lost: B forgets its copies when it stops hearing, and again when it hears once more.
    const broadcast = b.app.get(ClusterBroadcast);
    const hearing: boolean[] = [];
    const watching = broadcast.hearing$.subscribe((value) => hearing.push(value));
    expect(await redisCommand(redis.port, 'CLIENT KILL TYPE pubsub')).toMatch(/^:[1-9]/);
    await until(() => hearing.includes(false) && broadcast.hearing, 'node B subscribed again');
    watching.unsubscribe();
    expect((await b.http.get('/api/auth/me').set(auth).expect(200)).body.name).toBe('Sandra Renomeada');
  });
});
