import { join } from 'node:path';
import { readEnvironment } from '../config/environment';
import { readTranscript, toAmiEvent } from '../testing/ami-transcript';
import { type CallEffect, type CallTrackerState, createCallTracker, emptyCallTrackerState } from './call-tracker';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'ami');
const defaults = readEnvironment({});
const track = createCallTracker({ agentPattern: new RegExp(defaults.CTI_AGENT_PATTERN), uraFields: defaults.CTI_URA_FIELDS });

/** Replays a recorded transcript through the tracker, the clock following the recording. */
function replay(name: string): { effects: CallEffect[]; state: CallTrackerState } {
  let state = emptyCallTrackerState;
  const effects: CallEffect[] = [];
  for (const message of readTranscript(join(FIXTURES, `${name}.ami`))) {
    const result = track(state, toAmiEvent(message.lines), message.at * 1000);
    state = result.state;
    effects.push(...result.effects);
  }
  return { effects, state };
}

const brief = (effects: CallEffect[]) =>
  effects.map((effect) => {
    switch (effect.type) {
      case 'ringing':
        return `ringing ${effect.extension} ${effect.call.callerNumber}`;
      case 'answered':
        return `answered ${effect.extension} wait ${effect.waitSeconds}s`;
      case 'ring_stopped':
        return `ring_stopped ${effect.extension} ${effect.reason}`;
      case 'ended':
        return `ended ${effect.reason}${effect.answeredBy ? ` by ${effect.answeredBy}` : ''}`;
    }
  });

describe('call tracker on the recorded Asterisk transcripts', () => {
  it('inbound-answered: rings 1001, answered there, ends with the talk time; nothing left open', () => {
    const { effects, state } = replay('inbound-answered');
    expect(brief(effects)).toEqual(['ringing 1001 11987654321', expect.stringMatching(/^answered 1001 wait \d+s$/), 'ended hangup by 1001']);
    const ringing = effects[0] as Extract<CallEffect, { type: 'ringing' }>;
    expect(ringing.call).toMatchObject({ callerName: 'Maria Silva', queue: 'atendimento' });
    expect(ringing.call.ura).toMatchObject({ document: '12345678909', option: '2' });
    const ended = effects[2] as Extract<CallEffect, { type: 'ended' }>;
    expect(ended.talkSeconds).toBeGreaterThanOrEqual(4);
    expect(ended.talkSeconds).toBeLessThanOrEqual(7);
    expect(state.calls.size).toBe(0);
  });

  it('abandon-early: rings 1002, then the caller gives up', () => {
    const { effects, state } = replay('abandon-early');
    expect(brief(effects)).toEqual(['ringing 1002 21998765432', 'ring_stopped 1002 abandoned', 'ended abandoned']);
    expect(state.calls.size).toBe(0);
  });

  it('abandon-after-ring-noanswer: 1001 does not answer, 1002 rings, the caller gives up', () => {
    const { effects } = replay('abandon-after-ring-noanswer');
    expect(brief(effects)).toEqual([
      'ringing 1001 31991112233',
      'ring_stopped 1001 not_answered',
      'ringing 1002 31991112233',
      'ring_stopped 1002 abandoned',
      'ended abandoned',
    ]);
  });

  it('two-simultaneous-calls: two calls told apart by Linkedid, one per agent', () => {
    const { effects, state } = replay('two-simultaneous-calls');
    const byCall = new Map<string, string[]>();
    for (const effect of effects) {
      const id = 'call' in effect ? effect.call.id : effect.callId;
      byCall.set(id, [...(byCall.get(id) ?? []), brief([effect])[0]]);
    }
    const calls = [...byCall.values()].map((list) => list.map((line) => line.replace(/wait \d+s/, 'wait')));
    expect(calls).toEqual(
      expect.arrayContaining([
        ['ringing 1001 11955554444', 'answered 1001 wait', 'ended hangup by 1001'],
        ['ringing 1002 41988887777', 'answered 1002 wait', 'ended hangup by 1002'],
      ]),
    );
    const ringing = effects.filter((effect): effect is Extract<CallEffect, { type: 'ringing' }> => effect.type === 'ringing');
    expect(Object.fromEntries(ringing.map((effect) => [effect.call.callerName, effect.call.ura.document]))).toEqual({
      'Carlos Souza': '52998224725',
      'Beatriz Lima': '39053344705',
    });
    expect(state.calls.size).toBe(0);
  });

  it('ura-data: the URA fields from the channel variables and the UserEvent, by CTI_URA_FIELDS', () => {
    const { effects } = replay('ura-data');
    const ringing = effects.find((effect): effect is Extract<CallEffect, { type: 'ringing' }> => effect.type === 'ringing')!;
    expect(ringing.call.ura).toEqual({ document: '71428793860', option: '4', protocol: expect.stringMatching(/^\d+$/) });
    expect(ringing.call.callerNumber).toBe('11912345678');

    const custom = createCallTracker({
      agentPattern: /^Local\/(\d+)/,
      uraFields: { URA_CPF: 'document', URA_SEGMENTO: 'segment' },
    });
    let state = emptyCallTrackerState;
    let seen: CallEffect[] = [];
    for (const message of readTranscript(join(FIXTURES, 'ura-data.ami'))) {
      const result = custom(state, toAmiEvent(message.lines), message.at * 1000);
      state = result.state;
      seen = [...seen, ...result.effects];
    }
    const customRinging = seen.find((effect): effect is Extract<CallEffect, { type: 'ringing' }> => effect.type === 'ringing')!;
    expect(customRinging.call.ura).toEqual({ document: '71428793860', segment: 'PREMIUM' });
  });

  it('never changes the state it was given', () => {
    const { state } = replay('inbound-answered');
    const before = track(state, toAmiEvent(['Event: QueueCallerJoin', 'Linkedid: 1.0', 'Uniqueid: 1.1', 'Queue: q', 'CallerIDNum: 11999990000']), 0);
    expect(state.calls.size).toBe(0);
    const after = track(before.state, toAmiEvent(['Event: AgentCalled', 'Linkedid: 1.0', 'Interface: PJSIP/2001', 'Queue: q']), 1000);
    expect(before.state.calls.get('1.0')?.ringing).toEqual([]);
    expect(after.state.calls.get('1.0')?.ringing).toEqual(['2001']);
  });
});
