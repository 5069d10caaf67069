import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AmiReplayServer, startAmiReplayServer } from '../../server/src/cti/replay/ami-replay-server';
import { idleQueue } from '../../server/src/testing/cti-test-app';
import { createTestDatabase } from '../../server/src/testing/test-database';
import { type RedisServer, startRedis } from './redis-server';

const PBX_LOGIN = { username: 'receptivo', secret: 'cluster' };

/** What every node of a test cluster shares: Redis, one database and DATA_DIR, the replayed PBX. */
export interface ClusterParts {
  redis: RedisServer;
  /** Queue `atendimento`, attendants 1001 and 1002 idle. */
  ami: AmiReplayServer;
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  dataDir: string;
  /** What every node is given alike (README "Running several nodes"): Redis, the JWT secret, the PBX. */
  environment: Record<string, string>;
  /** Stops and deletes all of it; the nodes are stopped before. */
  stop(): Promise<void>;
}

export async function startClusterParts(name: string): Promise<ClusterParts> {
  const redis = await startRedis();
  const ami = await startAmiReplayServer({ ...PBX_LOGIN, refusalDelayMs: 0, snapshot: idleQueue() });
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), `receptivo-${name}-`));
  return {
    redis,
    ami,
    database,
    dataDir,
    environment: {
      REDIS_URL: redis.url,
      JWT_SECRET: 'a-cluster-wide-secret-of-at-least-32-characters',
      AMI_HOST: '127.0.0.1',
      AMI_PORT: String(ami.port),
      AMI_USER: PBX_LOGIN.username,
      AMI_SECRET: PBX_LOGIN.secret,
    },
    async stop() {
      await ami.close();
      await redis.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
