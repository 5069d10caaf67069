import { healthSchema } from '@receptivo/shared';
import { type AmiReplayServer, startAmiReplayServer } from './replay/ami-replay-server';
import { type TestApp, startTestApp } from '../testing/test-app';

async function healthUntil(server: TestApp, cti: string): Promise<void> {
  for (let waited = 0; waited < 8000; waited += 100) {
    const health = healthSchema.parse((await server.http.get('/api/health')).body);
    if (health.cti === cti) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`health never reported cti ${cti}`);
}

describe('CTI state in health', () => {
  let ami: AmiReplayServer;
  beforeAll(async () => {
    ami = await startAmiReplayServer({ username: 'receptivo', secret: 's3cret' });
  });
  afterAll(() => ami.close());

  it('reports connected once logged in to the AMI of AMI_HOST', async () => {
    const server = await startTestApp({ AMI_HOST: '127.0.0.1', AMI_PORT: String(ami.port), AMI_USER: 'receptivo', AMI_SECRET: 's3cret' });
    try {
      await healthUntil(server, 'connected');
    } finally {
      await server.close();
    }
  });

  it('reports login_refused for a wrong secret', async () => {
    const server = await startTestApp({ AMI_HOST: '127.0.0.1', AMI_PORT: String(ami.port), AMI_USER: 'receptivo', AMI_SECRET: 'errado' });
    try {
      await healthUntil(server, 'login_refused');
    } finally {
      await server.close();
    }
  });
});
