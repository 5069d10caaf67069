import { type AmiReplayServer, startAmiReplayServer } from '../../server/src/cti/replay/ami-replay-server';
import { idleQueue } from '../../server/src/testing/cti-test-app';

const PBX_LOGIN = { username: 'receptivo', secret: 'cluster' };

/** The replayed PBX of a test cluster: queue `atendimento`, attendants 1001 and 1002 idle. */
export function startClusterPbx(): Promise<AmiReplayServer> {
  return startAmiReplayServer({ ...PBX_LOGIN, refusalDelayMs: 0, snapshot: idleQueue() });
}

/** What every node of a test cluster is given alike (README "Running several nodes"): Redis, the JWT secret, the PBX. */
export function clusterEnvironment(redisUrl: string, pbx: AmiReplayServer): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    JWT_SECRET: 'a-cluster-wide-secret-of-at-least-32-characters',
    AMI_HOST: '127.0.0.1',
    AMI_PORT: String(pbx.port),
    AMI_USER: PBX_LOGIN.username,
    AMI_SECRET: PBX_LOGIN.secret,
  };
}
