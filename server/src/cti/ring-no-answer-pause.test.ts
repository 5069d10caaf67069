import { CtiDesk } from '../testing/cti-desk';
import { type CtiTestApp, startCtiTestApp, transcript } from '../testing/cti-test-app';
import { until } from '../testing/until';
import { RingNoAnswerPause } from './ring-no-answer-pause';

/**
 * Ring-no-answer auto-pause over the wire: abandon-after-ring-noanswer rings 1001 for 8 s without an
 * answer (AgentRingNoAnswer) before the caller gives up. Offered twice, 1001 misses two queue calls
 * in a row, and the PBX gets QueuePause with CTI_RONA_REASON then, not before.
 */
describe('ring-no-answer auto-pause (RONA)', () => {
  let cti: CtiTestApp | undefined;
  let desk: CtiDesk | undefined;
  let supervisor: CtiDesk | undefined;
  afterEach(async () => {
    desk?.close();
    supervisor?.close();
    supervisor = undefined;
    await cti?.close();
  });

  const ronaPauses = () =>
    cti!.ami.actions().filter((action) => String(action.action).toLowerCase() === 'queuepause' && action.paused === 'true' && action.reason === 'Não atendeu');

  it('pauses the attendant in the PBX after the second unanswered queue call in a row; their desk and the supervisors see why', async () => {
    cti = await startCtiTestApp();
    desk = new CtiDesk(cti.url, await cti.server.login('attendant'));
    await desk.connected();
    supervisor = new CtiDesk(cti.url, await cti.server.login('supervisor'));
    await supervisor.connected();

    await cti.ami.replay(transcript('abandon-after-ring-noanswer'), { speed: Infinity });
    await desk.next('call:ended');
    // One miss is under the limit: nothing sent.
    expect(ronaPauses()).toEqual([]);

    await cti.ami.replay(transcript('abandon-after-ring-noanswer'), { speed: Infinity, repetition: 1 });
    await until(() => ronaPauses().length > 0, 'the automatic pause sent to the PBX');
    expect(ronaPauses()).toEqual([expect.objectContaining({ interface: 'Local/1001@agents', paused: 'true', reason: 'Não atendeu' })]);
    expect(await desk.next('agent:state', (state) => state.state === 'paused')).toEqual({ state: 'paused', reason: 'Não atendeu' });
    const board = await supervisor.nextBoard((candidate) => candidate.agents.some((agent) => agent.extension === '1001' && agent.state === 'paused'));
    expect(board.agents.find((agent) => agent.extension === '1001')).toMatchObject({ name: 'Ana Atendente', state: 'paused', reason: 'Não atendeu' });
  });

  it('never pauses with CTI_RONA_LIMIT=0', async () => {
    cti = await startCtiTestApp({ CTI_RONA_LIMIT: '0' });
    desk = new CtiDesk(cti.url, await cti.server.login('attendant'));
    await desk.connected();
    for (const repetition of [0, 1, 2]) {
      await cti.ami.replay(transcript('abandon-after-ring-noanswer'), { speed: Infinity, repetition });
    }
    await until(() => desk!.received.filter((item) => item.event === 'call:ended').length === 3, 'three calls ended');
    expect(ronaPauses()).toEqual([]);
  });
});

describe('RingNoAnswerPause', () => {
  const pauser = (limit: number) => {
    const sent: string[] = [];
    const rona = new RingNoAnswerPause(limit, 'Não atendeu', async (extension, paused, reason) => {
      sent.push(`${extension} ${paused} ${reason}`);
    }, () => undefined);
    return { rona, sent };
  };

  it('counts misses in a row per extension; an answer starts over, and so does the pause', () => {
    const { rona, sent } = pauser(3);
    rona.notAnswered('1001');
    rona.notAnswered('1001');
    rona.answered('1001');
    rona.notAnswered('1001');
    rona.notAnswered('1002');
    rona.notAnswered('1001');
    expect(sent).toEqual([]);
    rona.notAnswered('1001');
    expect(sent).toEqual(['1001 true Não atendeu']);
    rona.notAnswered('1001');
    rona.notAnswered('1001');
    expect(sent).toEqual(['1001 true Não atendeu']);
  });

  it('pauses at the first miss with a limit of 1, and never with 0', () => {
    const one = pauser(1);
    one.rona.notAnswered('1001');
    expect(one.sent).toEqual(['1001 true Não atendeu']);
    const off = pauser(0);
    for (let miss = 0; miss < 5; miss += 1) off.rona.notAnswered('1001');
    expect(off.sent).toEqual([]);
  });
});
