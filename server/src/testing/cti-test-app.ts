import type { AddressInfo } from 'node:net';
import { healthSchema } from '@receptivo/shared';
import { type AmiReplayServer, type AmiReplayServerOptions, startAmiReplayServer } from '../cti/replay/ami-replay-server';
import { snapshotFromTranscript } from '../cti/replay/ami-transcript';
import { transcript } from '../cti/replay/fixtures';
import { type TestApp, startTestApp } from './test-app';
import { until } from './until';

export { transcript };

/** Both members present and available, no channel up: the end of agent-pause-status. */
export const idleQueue = () => snapshotFromTranscript(transcript('agent-pause-status'));

export interface CtiTestApp {
  ami: AmiReplayServer;
  server: TestApp;
  /** Where desks connect their Socket.IO clients. */
  url: string;
  close(): Promise<void>;
}

/** The real server listening on 127.0.0.1 and logged in to an AMI replay server with the idle queue (or `pbx`'s snapshot and manager user). */
export async function startCtiTestApp(
  environment: Record<string, string> = {},
  pbx: Pick<AmiReplayServerOptions, 'snapshot' | 'managerUser'> = {},
): Promise<CtiTestApp> {
  const credentials = { username: 'receptivo', secret: 's3cret' };
  const ami = await startAmiReplayServer({ ...credentials, refusalDelayMs: 0, snapshot: idleQueue(), ...pbx });
  const server = await startTestApp({
    AMI_HOST: '127.0.0.1',
    AMI_PORT: String(ami.port),
    AMI_USER: credentials.username,
    AMI_SECRET: credentials.secret,
    ...environment,
  });
  await server.app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.app.getHttpServer().address() as AddressInfo).port}`;
  await until(async () => healthSchema.parse((await server.http.get('/api/health')).body).cti === 'connected', 'the AMI link');
  return {
    ami,
    server,
    url,
    async close() {
      await server.close();
      await ami.close();
    },
  };
}
