import { type AmiReplayServer, startAmiReplayServer } from '../../server/src/cti/replay/ami-replay-server';
import { snapshotFromTranscript } from '../../server/src/cti/replay/ami-transcript';
import { transcript } from '../../server/src/cti/replay/fixtures';
import { type DeskFixture, startDesk } from './shell-fixture';

export { transcript };

export interface CtiDeskFixture extends DeskFixture {
  /** The fake Asterisk the server is logged in to: queue `atendimento`, 1001 and 1002 idle. */
  ami: AmiReplayServer;
}

/** The built server with CTI on, logged in to an AMI replay server, and Chromium. */
export async function startCtiDesk(): Promise<CtiDeskFixture> {
  const credentials = { username: 'receptivo', secret: 'e2e-secret' };
  const ami = await startAmiReplayServer({ ...credentials, refusalDelayMs: 0, snapshot: snapshotFromTranscript(transcript('agent-pause-status')) });
  const desk = await startDesk({ AMI_HOST: '127.0.0.1', AMI_PORT: String(ami.port), AMI_USER: credentials.username, AMI_SECRET: credentials.secret }).catch(
    async (error: unknown) => {
      await ami.close();
      throw error;
    },
  );
  return {
    ...desk,
    ami,
    async close() {
      await desk.close();
      await ami.close();
    },
  };
}
