import { type TestApp, startTestApp } from '../../server/src/testing/test-app';
import { until } from '../../server/src/testing/until';
import { type RedisServer, redisCommand, startRedis } from '../support/redis-server';

/** The login protection's counts in Redis (REDIS_URL), and in the node's memory while Redis is away. */
describe('login failures counted in Redis', () => {
  let redis: RedisServer;
  let server: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    server = await startTestApp({ REDIS_URL: redis.url, JWT_SECRET: 'a-cluster-wide-secret-of-at-least-32-characters' });
  });
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
  });

  const wrong = (username: string) => server.http.post('/api/auth/login').send({ username, password: 'not-the-password' });

  it('keeps an account failure in Redis, and forgets it at the next success', async () => {
    const { username } = server.credentials.attendant;
    await wrong(username).expect(401);
    expect(await redisCommand(redis.port, `EXISTS receptivo:login:account-failures:${username}`)).toBe(':1');
    await server.http.post('/api/auth/login').send(server.credentials.attendant).expect(200);
    expect(await redisCommand(redis.port, `EXISTS receptivo:login:account-failures:${username}`)).toBe(':0');
  });

  it('goes on counting in memory while Redis is away: the owner signs in, a guesser is made to wait', async () => {
    redis.kill();
    await until(async () => (await redisCommand(redis.port, 'PING', 200).catch(() => 'away')) === 'away', 'Redis gone');
    await server.http.post('/api/auth/login').send(server.credentials.supervisor).expect(200);
    for (let attempt = 1; attempt <= 5; attempt++) await wrong('ninguem').expect(401);
    const refused = await wrong('ninguem').expect(429);
    expect(refused.headers['retry-after']).toMatch(/^[12]$/);
  });
});
