import { join } from 'node:path';
import type { CtiState } from '@receptivo/shared';
import { snapshotFromTranscript } from './replay/ami-transcript';
import { type AmiReplayServer, startAmiReplayServer } from './replay/ami-replay-server';
import { AmiLink, defaultAmiTimings } from './ami-link';
import type { AmiEvent } from './call-tracker';
import { until } from '../testing/until';
import { AMI_FIXTURES_DIR } from './replay/fixtures';

const credentials = { username: 'receptivo', secret: 's3cret' };
const timings = { heartbeatMs: 200, actionTimeoutMs: 200, maxBackoffMs: 1000, refusedRetryMs: 1000, loginTimeoutMs: 3000 };

describe('AMI link over TCP with the real asterisk-manager client', () => {
  let server: AmiReplayServer;
  let link: AmiLink;
  let states: CtiState[];
  let events: AmiEvent[];
  let connections: number;
  let skipped: string[];
  let responses: AmiEvent[];

  const open = (port: number, secret = credentials.secret, linkTimings = timings) => {
    states = [];
    events = [];
    skipped = [];
    responses = [];
    connections = 0;
    link = new AmiLink(
      { host: '127.0.0.1', port, username: credentials.username, secret, ...linkTimings },
      {
        onEvent: (event) => events.push(event),
        onSkipped: (reason) => skipped.push(reason),
        onResponse: (response) => responses.push(response),
        onState: (state) => states.push(state),
        onConnected: () => (connections += 1),
      },
    );
    link.start();
  };

  beforeEach(async () => {
    server = await startAmiReplayServer(credentials);
  });
  afterEach(async () => {
    await link?.stop();
    await server.close();
  });

  it('stopped while connecting, it never logs in and leaves the console quiet; stop() resolves once closed', async () => {
    const console$ = jest.spyOn(console, 'log');
    try {
      open(server.port);
      await link.stop();
      // Another link reaches the PBX meanwhile: the first one's connection had every chance to finish.
      const other = new AmiLink(
        { host: '127.0.0.1', port: server.port, ...credentials, ...timings },
        { onEvent: () => undefined, onSkipped: () => undefined, onState: () => undefined },
      );
      other.start();
      await server.untilLoggedIn();
      await other.stop();
      expect(server.actions().filter((action) => String(action.action).toLowerCase() === 'login')).toHaveLength(1);
      expect(console$).not.toHaveBeenCalled();
      expect(states).toEqual([]);
    } finally {
      console$.mockRestore();
    }
  });

  it('logs in, keeps a heartbeat, and delivers the replayed call events as asterisk-manager parses them', async () => {
    open(server.port);
    await until(() => link.currentState === 'connected');
    expect(connections).toBe(1);
    await server.replay(join(AMI_FIXTURES_DIR, 'inbound-answered.ami'), 50);
    await until(() => events.some((event) => event.event === 'AgentComplete'));
    const called = events.find((event) => event.event === 'AgentCalled')!;
    expect(called).toMatchObject({ linkedid: '1795848992.0', interface: 'Local/1001@agents', calleridnum: '11987654321' });
    await expect(link.action({ action: 'Ping' })).resolves.toMatchObject({ ping: 'Pong' });
  });

  it('reports a refused login instead of retrying silently', async () => {
    open(server.port, 'wrong');
    await until(() => link.currentState === 'login_refused');
    expect(states).toEqual(['login_refused']);
    expect(server.sessions()).toBe(0);
  });

  it('goes to reconnecting when Asterisk goes away and back to connected when it returns', async () => {
    open(server.port);
    await until(() => link.currentState === 'connected');
    const port = server.port;
    await server.close();
    await until(() => link.currentState === 'reconnecting');
    await expect(link.action({ action: 'QueueStatus' })).rejects.toThrow('AMI desconectado');
    server = await startAmiReplayServer({ ...credentials, port });
    await until(() => link.currentState === 'connected');
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
    expect(connections).toBe(2);
  });

  it('with the production timings, a PBX that stops answering (socket still open) is found dead within 5 s', async () => {
    open(server.port, credentials.secret, defaultAmiTimings);
    await until(() => link.currentState === 'connected');
    server.muteHeartbeat();
    const mutedAt = Date.now();
    await until(() => states.includes('reconnecting'), 'reconnecting', 6_000);
    const noticedAfterMs = Date.now() - mutedAt;
    expect(noticedAfterMs).toBeLessThanOrEqual(5_000);
    // Its login is answered: the link comes back, and the next drop is tried again at once.
    await until(() => connections === 2);
  });

  it('retries at once after a drop, caps the wait while the PBX is away, and starts over once it answers', async () => {
    open(server.port, credentials.secret, { ...timings, maxBackoffMs: 4_000 });
    await until(() => link.currentState === 'connected');
    const port = server.port;
    await server.close();
    // Refused attempts at 0, 250, 500, 1000, 2000 ms… the wait grows towards the cap.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    server = await startAmiReplayServer({ ...credentials, port });
    await until(() => link.currentState === 'connected', 'back once the PBX answers', 5_000);
    // The PBX answered: a drop now is retried at once, not after the grown wait.
    const droppedAt = Date.now();
    server.dropConnections();
    await until(() => connections === 3, 'reconnected', 5_000);
    expect(Date.now() - droppedAt).toBeLessThan(1_000);
  });

  it('skips malformed frames with a reason, keeps the link, and collects list actions to their end', async () => {
    open(server.port);
    await until(() => link.currentState === 'connected');
    await server.sendRaw('garbage line\r\n\u0000\u00ff binary\r\n\r\n');
    await server.sendRaw('Response Follows without colon\r\n\r\n');
    await until(() => skipped.length >= 2);
    expect(skipped[0]).toMatch(/cabeçalho inválido|sem Event nem Response/);
    // An event with a header name no PBX sends is skipped each time, among events whose names are all valid.
    const odd = 'Event: Newchannel\r\nLinkedid: 1.1\r\nBad Key!: x\r\n\r\n';
    await server.sendRaw(`Event: Newchannel\r\nLinkedid: 1.0\r\n\r\n${odd}Event: Newchannel\r\nLinkedid: 1.2\r\n\r\n${odd}`);
    await until(() => skipped.length >= 4);
    expect(skipped.slice(2)).toEqual(['cabeçalho inválido "bad key!"', 'cabeçalho inválido "bad key!"']);
    expect(events.filter((event) => event.event === 'Newchannel').map((event) => event.linkedid)).toEqual(['1.0', '1.2']);
    skipped.splice(2);
    // Answers to actions are no malformed frames: the login, Pongs and list starts never show here.
    await link.action({ action: 'Ping' });
    await link.list({ action: 'CoreShowChannels' });
    expect(skipped).toHaveLength(2);
    expect(responses.map((response) => response.ping ?? response.eventlist ?? response.message)).toEqual(
      expect.arrayContaining(['Authentication accepted', 'Pong', 'start']),
    );
    expect(link.currentState).toBe('connected');

    server.setSnapshot(snapshotFromTranscript(join(AMI_FIXTURES_DIR, 'agent-pause-status.ami')));
    const items = await link.list({ action: 'QueueStatus' });
    expect(items.map((item) => item.event)).toEqual(['QueueParams', 'QueueMember', 'QueueMember']);
    expect(events.filter((event) => event.event === 'QueueMember')).toEqual([]);
  });
});
