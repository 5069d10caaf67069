import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvironment } from './environment';
import { resolveSettings } from './settings';

describe('settings', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-settings-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const resolveWith = (environment: Record<string, string>) =>
    resolveSettings(readEnvironment({ DATA_DIR: dataDir, ...environment }), 'postgres://localhost/receptivo');

  it('runs as a single node by default, named after the host and the process', async () => {
    const settings = await resolveWith({});
    expect(settings.clusterMode).toBe(false);
    expect(settings.REDIS_URL).toBeUndefined();
    expect(settings.nodeName).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    expect(settings.nodeName.endsWith(`-${process.pid}`)).toBe(true);
    expect(settings.nodeName.startsWith(hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 10))).toBe(true);
  });

  it('is a cluster node with REDIS_URL, signing with the shared JWT_SECRET under its NODE_NAME', async () => {
    const secret = 's'.repeat(40);
    const settings = await resolveWith({ REDIS_URL: 'redis://127.0.0.1:6379', JWT_SECRET: secret, NODE_NAME: 'node-a' });
    expect(settings).toMatchObject({ clusterMode: true, REDIS_URL: 'redis://127.0.0.1:6379', jwtSecret: secret, nodeName: 'node-a' });
  });
});
