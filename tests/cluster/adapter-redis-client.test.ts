import { ClosableRedis } from '../../server/src/cluster/redis-streams-io-adapter';
import { type RedisServer, startRedis } from '../support/redis-server';

describe("the Socket.IO adapter's Redis client", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());

  it('a command nobody awaits fails quietly once the client closed (a node stopping), and one awaited still fails', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const client = new ClosableRedis(redis.url, { maxRetriesPerRequest: null });
      expect(await client.ping()).toBe('PONG');
      await client.close();
      // As the adapter publishes a server-side emit: the answer is never looked at.
      void client.publish('receptivo:test', 'told while stopping');
      await expect(client.publish('receptivo:test', 'awaited')).rejects.toThrow('Connection is closed');
      // Node reports an unhandled rejection once the microtasks of the turn that rejected it have run.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
