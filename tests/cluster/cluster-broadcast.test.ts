import { type Socket, connect } from 'node:net';
import { ConfigService } from '@nestjs/config';
import { ClusterBroadcast, TELL_WAIT_MS } from '../../server/src/cluster/cluster-broadcast';
import type { Settings } from '../../server/src/config/settings';
import { until } from '../../server/src/testing/until';
import { type RedisServer, redisCommand, startRedis } from '../support/redis-server';

/** Two nodes' broadcasts on one real Redis (Debian's redis-server). */
describe('ClusterBroadcast', () => {
  let redis: RedisServer;
  let nodes: ClusterBroadcast[] = [];
  let silent: Socket | undefined;

  const node = async () => {
    const broadcast = new ClusterBroadcast(new ConfigService({ REDIS_URL: redis.url }) as ConfigService<Settings, true>);
    await broadcast.onModuleInit();
    nodes.push(broadcast);
    return broadcast;
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    silent?.destroy();
    silent = undefined;
    for (const broadcast of nodes) await broadcast.onApplicationShutdown();
    nodes = [];
  });
  afterAll(() => redis?.stop());

  it('resolves a tell once every other node has run its handler; the teller does not run its own', async () => {
    const [a, b, c] = [await node(), await node(), await node()];
    const heard: string[] = [];
    a.on<string>('user', (id) => heard.push(`a ${id}`));
    b.on<string>('user', (id) => heard.push(`b ${id}`));
    c.on<string>('user', (id) => heard.push(`c ${id}`));
    expect([a, b, c].every((broadcast) => broadcast.hearing)).toBe(true);

    const started = Date.now();
    await a.tell('user', 'u-1');
    expect(heard.sort()).toEqual(['b u-1', 'c u-1']);
    expect(Date.now() - started).toBeLessThan(TELL_WAIT_MS / 2);
  });

  it('waits for a receiver that never confirms only TELL_WAIT_MS, and the others still hear', async () => {
    const [a, b] = [await node(), await node()];
    let heardByB = 0;
    b.on('user', () => (heardByB += 1));
    // A subscriber that is no node: PUBLISH counts it, it never confirms.
    silent = connect({ host: '127.0.0.1', port: redis.port });
    silent.write('SUBSCRIBE receptivo:broadcast\r\n');
    await new Promise((resolve) => silent!.once('data', resolve));

    const started = Date.now();
    await a.tell('user', 'u-2');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(TELL_WAIT_MS - 10);
    expect(waited).toBeLessThan(TELL_WAIT_MS + 500);
    expect(heardByB).toBe(1);
  });

  it('says it stops hearing when its subscription is cut, and hears again once subscribed anew', async () => {
    const [a, b] = [await node(), await node()];
    const hearing: boolean[] = [];
    b.hearing$.subscribe((value) => hearing.push(value));
    expect(await redisCommand(redis.port, 'CLIENT KILL TYPE pubsub')).toMatch(/^:[1-9]/);
    await until(() => hearing.includes(false) && b.hearing, 'b subscribed again');
    let heard = false;
    b.on('user', () => (heard = true));
    await until(() => a.hearing, 'a subscribed again');
    await a.tell('user', 'u-3');
    expect(heard).toBe(true);
  });

  it('tells nobody and hears everything when alone (no REDIS_URL)', async () => {
    const alone = new ClusterBroadcast(new ConfigService({}) as ConfigService<Settings, true>);
    await alone.onModuleInit();
    expect(alone.hearing).toBe(true);
    await alone.tell('user', 'u-4');
    await alone.onApplicationShutdown();
  });
});
