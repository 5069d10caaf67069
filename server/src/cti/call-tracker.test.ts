import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvironment } from '../config/environment';
import { readTranscript, toAmiEvent } from '../testing/ami-transcript';
import { type AmiSnapshot, createSnapshotReconciler } from './call-snapshot';
import { type AmiEvent, type CallEffect, CallTracker, type CallTrackerState, trackerReads } from './call-tracker';
import { AMI_FIXTURES_DIR, AMI_LOAD_FIXTURES_DIR } from './replay/fixtures';

const defaults = readEnvironment({});
const config = { agentPattern: new RegExp(defaults.CTI_AGENT_PATTERN), uraFields: defaults.CTI_URA_FIELDS };
const tracker = () => new CallTracker(config);
/** One event into the tracker: what it says, and the tracker as the event left it. */
const track = (state: CallTracker, event: AmiEvent, now: number) => ({ effects: state.track(event, now), state });
const reconcileWith = createSnapshotReconciler(config);
/** A rebuild: what it says, and the tracker as it left it. */
const reconcile = (state: CallTracker, snapshot: AmiSnapshot, now: number) => ({ effects: reconcileWith(state, snapshot, now), state });

type CallOnlyEffect = Exclude<CallEffect, { type: 'agent_state' }>;
const callEffects = (effects: CallEffect[]) => effects.filter((effect): effect is CallOnlyEffect => effect.type !== 'agent_state');
const agentStates = (effects: CallEffect[]) =>
  effects.flatMap((effect) => (effect.type === 'agent_state' ? [`${effect.extension} ${effect.state}${effect.reason ? ` (${effect.reason})` : ''}`] : []));

/** Replays a recorded transcript through the tracker, the clock following the recording. */
function replay(name: string, untilEvent?: string): { effects: CallEffect[]; state: CallTracker } {
  const state = tracker();
  const effects: CallEffect[] = [];
  const messages = readTranscript(join(AMI_FIXTURES_DIR, `${name}.ami`));
  const stop = untilEvent ? messages.findIndex((message) => message.lines[0] === `Event: ${untilEvent}`) : messages.length - 1;
  for (const message of messages.slice(0, stop + 1)) {
    effects.push(...state.track(toAmiEvent(message.lines), message.at * 1000));
  }
  return { effects, state };
}

const brief = (effects: CallEffect[]) =>
  callEffects(effects).map((effect) => {
    switch (effect.type) {
      case 'caller_known':
        return `caller_known ${effect.call.callerNumber} ${effect.call.ura.document ?? '-'}`;
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
    expect(brief(effects)).toEqual(['caller_known 11987654321 12345678909', 'ringing 1001 11987654321', expect.stringMatching(/^answered 1001 wait \d+s$/), 'ended hangup by 1001']);
    expect(callEffects(effects)[0]).toMatchObject({ type: 'caller_known', call: { callerNumber: '11987654321', ura: { document: '12345678909' } } });
    const ringing = callEffects(effects)[1] as Extract<CallEffect, { type: 'ringing' }>;
    expect(ringing.call).toMatchObject({ callerName: 'Maria Silva', queue: 'atendimento' });
    expect(ringing.call.ura).toMatchObject({ document: '12345678909', option: '2' });
    const ended = callEffects(effects)[3] as Extract<CallEffect, { type: 'ended' }>;
    expect(ended.talkSeconds).toBeGreaterThanOrEqual(4);
    expect(ended.talkSeconds).toBeLessThanOrEqual(7);
    expect(state.calls.size).toBe(0);
  });

  it('burst-40-calls: every customer lookup starts with the URA data, before the caller joins the queue, once per call', () => {
    const state = tracker();
    const known = new Map<string, number>();
    const joinedBeforeKnown: string[] = [];
    for (const message of readTranscript(join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami'))) {
      const event = toAmiEvent(message.lines);
      if (event.event === 'QueueCallerJoin' && !known.has(String(event.linkedid))) joinedBeforeKnown.push(String(event.linkedid));
      for (const effect of state.track(event, message.at * 1000)) if (effect.type === 'caller_known') known.set(effect.call.id, (known.get(effect.call.id) ?? 0) + 1);
    }
    expect(known.size).toBe(40);
    expect(joinedBeforeKnown).toEqual([]);
    expect([...known.values()].every((times) => times === 1)).toBe(true);
    // Every call ended: no lookup is kept for a call that is gone.
    expect(state.calls.size).toBe(0);
  });

  it('a caller who hangs up in the URA ends without a pop, and a changed document is looked up again', () => {
    const ura = (variable: string, value: string) => ['Event: VarSet', 'Linkedid: 9.1', 'Uniqueid: 9.1', 'Channel: PJSIP/trunk-9', 'CallerIDNum: 11912345678', `Variable: ${variable}`, `Value: ${value}`];
    const state = tracker();
    const seen: CallEffect[] = [];
    for (const lines of [ura('URA_CPF', '12345678909'), ura('URA_OPCAO', '2'), ura('URA_CPF', '98765432100'), ['Event: Hangup', 'Linkedid: 9.1', 'Uniqueid: 9.1', 'Cause: 16']]) {
      seen.push(...state.track(toAmiEvent(lines), 0));
    }
    expect(brief(seen)).toEqual(['caller_known 11912345678 12345678909', 'caller_known 11912345678 98765432100', 'ended abandoned']);
    expect(state.calls.size).toBe(0);
  });

  it('keeps each extension’s lines (calls ringing there, answered there) in step with the calls, event by event', () => {
    const recordings = [...readdirSync(AMI_FIXTURES_DIR).map((file) => join(AMI_FIXTURES_DIR, file)), join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami')].filter((file) => file.endsWith('.ami'));
    for (const file of recordings) {
      const state = tracker();
      let busiest = 0;
      for (const message of readTranscript(file)) {
        state.track(toAmiEvent(message.lines), message.at * 1000);
        const counted = new Map<string, { ringing: number; answered: number }>();
        for (const call of state.calls.values()) {
          for (const extension of call.ringing) counted.set(extension, { ringing: (counted.get(extension)?.ringing ?? 0) + 1, answered: counted.get(extension)?.answered ?? 0 });
          if (call.answeredBy) counted.set(call.answeredBy, { ringing: counted.get(call.answeredBy)?.ringing ?? 0, answered: (counted.get(call.answeredBy)?.answered ?? 0) + 1 });
        }
        expect(Object.fromEntries(state.lines)).toEqual(Object.fromEntries(counted));
        busiest = Math.max(busiest, state.lines.size);
      }
      expect(busiest).toBeGreaterThan(0);
      expect(state.lines.size).toBe(0);
    }
  });

  it('abandon-early: rings 1002, then the caller gives up', () => {
    const { effects, state } = replay('abandon-early');
    expect(brief(effects)).toEqual(['caller_known 21998765432 98765432100', 'ringing 1002 21998765432', 'ring_stopped 1002 abandoned', 'ended abandoned']);
    expect(state.calls.size).toBe(0);
  });

  it('abandon-after-ring-noanswer: 1001 does not answer, 1002 rings, the caller gives up', () => {
    const { effects } = replay('abandon-after-ring-noanswer');
    expect(brief(effects)).toEqual([
      'caller_known 31991112233 11144477735',
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
    for (const effect of callEffects(effects)) {
      const id = 'call' in effect ? effect.call.id : effect.callId;
      byCall.set(id, [...(byCall.get(id) ?? []), brief([effect])[0]]);
    }
    const calls = [...byCall.values()].map((list) => list.map((line) => line.replace(/wait \d+s/, 'wait')));
    expect(calls).toEqual(
      expect.arrayContaining([
        ['caller_known 11955554444 52998224725', 'ringing 1001 11955554444', 'answered 1001 wait', 'ended hangup by 1001'],
        ['caller_known 41988887777 39053344705', 'ringing 1002 41988887777', 'answered 1002 wait', 'ended hangup by 1002'],
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

    const custom = new CallTracker({
      agentPattern: /^Local\/(\d+)/,
      uraFields: { URA_CPF: 'document', URA_SEGMENTO: 'segment' },
    });
    const seen: CallEffect[] = [];
    for (const message of readTranscript(join(AMI_FIXTURES_DIR, 'ura-data.ami'))) seen.push(...custom.track(toAmiEvent(message.lines), message.at * 1000));
    const customRinging = seen.find((effect): effect is Extract<CallEffect, { type: 'ringing' }> => effect.type === 'ringing')!;
    expect(customRinging.call.ura).toEqual({ document: '71428793860', segment: 'PREMIUM' });
  });

  it('URA fields also come from the channel variables manager.conf attaches to events (ChanVariable)', () => {
    const joined = track(
      tracker(),
      { ...toAmiEvent(['Event: QueueCallerJoin', 'Linkedid: 3.1', 'Uniqueid: 3.1', 'Queue: q', 'CallerIDNum: 11999990000']), chanvariable: { URA_CPF: '12345678909', OTHER: 'x' } },
      0,
    );
    const called = track(
      joined.state,
      { ...toAmiEvent(['Event: AgentCalled', 'Linkedid: 3.1', 'Interface: PJSIP/2001', 'Queue: q']), chanvariable: { __URA_PROTOCOLO: '2026000123' } },
      1000,
    );
    expect(called.effects[0]).toMatchObject({ type: 'ringing', call: { ura: { document: '12345678909', protocol: '2026000123' } } });
  });

  it('hands out calls that later events leave as they were (records are replaced, never changed)', () => {
    const { state } = replay('inbound-answered');
    const joined = state.track(toAmiEvent(['Event: QueueCallerJoin', 'Linkedid: 1.0', 'Uniqueid: 1.1', 'Queue: q', 'CallerIDNum: 11999990000']), 0);
    const known = joined.find((effect): effect is Extract<CallEffect, { type: 'caller_known' }> => effect.type === 'caller_known')!;
    const called = state.track(toAmiEvent(['Event: AgentCalled', 'Linkedid: 1.0', 'Interface: PJSIP/2001', 'Queue: q']), 1000);
    const ringing = called.find((effect): effect is Extract<CallEffect, { type: 'ringing' }> => effect.type === 'ringing')!;
    state.track(toAmiEvent(['Event: AgentConnect', 'Linkedid: 1.0', 'Interface: PJSIP/2001', 'Queue: q', 'HoldTime: 1']), 2000);
    expect(known.call.ringing).toEqual([]);
    expect(ringing.call).toMatchObject({ ringing: ['2001'], answeredBy: null });
    expect(state.calls.get('1.0')).toMatchObject({ ringing: [], answeredBy: '2001' });
    expect(state.calls.get('1.0')).not.toBe(ringing.call);
  });

  it('agent states follow the calls and the pauses', () => {
    expect(agentStates(replay('inbound-answered').effects)).toEqual(['1001 ringing', '1001 on_call', '1001 available']);
    expect(agentStates(replay('abandon-after-ring-noanswer').effects)).toEqual([
      '1001 ringing',
      '1001 available',
      '1002 ringing',
      '1002 available',
    ]);
    expect(agentStates(replay('agent-pause-status').effects)).toEqual([
      '1001 paused (Intervalo)',
      '1002 ringing',
      '1002 on_call',
      '1002 available',
      '1001 available',
    ]);
    const { state } = replay('agent-pause-status');
    expect(state.agents.get('1001')).toMatchObject({ name: 'Atendente 1001', interface: 'Local/1001@agents' });
  });

  it('a member whose device is unavailable is offline, and a call still beats a pause', () => {
    const member = (status: string, paused: string) =>
      toAmiEvent(['Event: QueueMemberStatus', 'Queue: q', 'MemberName: Ana', 'Interface: PJSIP/2001', `Status: ${status}`, `Paused: ${paused}`, 'PausedReason: Almoço', 'InCall: 0']);
    const state = tracker();
    const seen: CallEffect[] = [];
    for (const event of [
      member('5', '0'),
      member('1', '1'),
      toAmiEvent(['Event: DialBegin', 'Linkedid: 9.1', 'Uniqueid: 9.1', 'Channel: PJSIP/trunk-1', 'CallerIDNum: 1133334444', 'DestChannel: PJSIP/2001-0001']),
      member('1', '1'),
    ]) {
      seen.push(...state.track(event, 0));
    }
    expect(agentStates(seen)).toEqual(['2001 offline', '2001 paused (Almoço)', '2001 ringing']);
  });

  it('a call dialed straight to an extension rings, is answered there and ends with the talk time', () => {
    const events = [
      [0, ['Event: DialBegin', 'Linkedid: 7.1', 'Uniqueid: 7.1', 'Channel: PJSIP/trunk-0001', 'CallerIDNum: 1133334444', 'CallerIDName: Loja', 'DestChannel: PJSIP/2001-0002']],
      [3000, ['Event: DialEnd', 'Linkedid: 7.1', 'Uniqueid: 7.1', 'Channel: PJSIP/trunk-0001', 'DestChannel: PJSIP/2001-0002', 'DialStatus: ANSWER']],
      [63000, ['Event: Hangup', 'Linkedid: 7.1', 'Uniqueid: 7.1', 'Channel: PJSIP/trunk-0001', 'Cause: 16']],
    ] as const;
    const state = tracker();
    const seen: CallEffect[] = [];
    for (const [at, lines] of events) {
      seen.push(...state.track(toAmiEvent([...lines]), at));
    }
    expect(brief(seen)).toEqual(['caller_known 1133334444 -', 'ringing 2001 1133334444', 'answered 2001 wait 3s', 'ended hangup by 2001']);
    expect(seen.find((effect) => effect.type === 'ended')).toMatchObject({ talkSeconds: 60 });

    const unanswered = track(tracker(), toAmiEvent([...events[0][1]]), 0);
    const noAnswer = track(
      unanswered.state,
      toAmiEvent(['Event: DialEnd', 'Linkedid: 7.1', 'Uniqueid: 7.1', 'DestChannel: PJSIP/2001-0002', 'DialStatus: NOANSWER']),
      20_000,
    );
    expect(brief(noAnswer.effects)).toEqual(['ring_stopped 2001 not_answered']);
  });

  it('the dials a queue makes to its members are not taken for direct calls', () => {
    const { effects } = replay('inbound-answered');
    expect(brief(effects).filter((line) => line.startsWith('ringing'))).toEqual(['ringing 1001 11987654321']);
  });
});

describe('the door: what the tracker reads, told from the raw text', () => {
  const environment = readEnvironment({});
  const config = { agentPattern: new RegExp(environment.CTI_AGENT_PATTERN), uraFields: environment.CTI_URA_FIELDS };
  const reads = trackerReads(config);
  const TRACKED = new Set(['UserEvent', 'QueueCallerJoin', 'AgentCalled', 'AgentRingNoAnswer', 'AgentConnect', 'DialBegin', 'DialEnd', 'QueueCallerAbandon', 'AgentComplete', 'Hangup', 'QueueMemberStatus', 'QueueMemberPause', 'QueueMemberAdded', 'QueueMemberRemoved', 'QueueMemberPenalty']);

  it('agrees, on every event of every recording, with what the parsed event says', () => {
    const files = [...readdirSync(AMI_FIXTURES_DIR).map((file) => join(AMI_FIXTURES_DIR, file)), join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami')].filter((file) => file.endsWith('.ami'));
    let varSetsRead = 0;
    for (const file of files) {
      for (const { lines } of readTranscript(file)) {
        if (!lines[0]?.startsWith('Event: ')) continue;
        const event = toAmiEvent(lines);
        const variable = typeof event.variable === 'object' && !Array.isArray(event.variable) ? Object.keys(event.variable)[0] : String(event.variable ?? '');
        const expected =
          typeof event.chanvariable === 'object' ||
          (event.event === 'VarSet'
            ? variable.replace(/^_+/, '') in config.uraFields
            : event.event === 'UserEvent'
              ? String(event.userevent).toUpperCase() === 'URA'
              : TRACKED.has(String(event.event)));
        if (event.event === 'VarSet' && expected) varSetsRead += 1;
        expect([lines[0], reads(String(event.event), `${lines.join('\r\n')}\r\n\r\n`)]).toEqual([lines[0], expected]);
      }
    }
    expect(varSetsRead).toBeGreaterThan(0);
  });

  it('asked with the state, drops what would change nothing in it: every recording tracks the same, the burst with far fewer events', () => {
    const files = [...readdirSync(AMI_FIXTURES_DIR).map((file) => join(AMI_FIXTURES_DIR, file)), join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami')].filter((file) => file.endsWith('.ami'));
    for (const file of files) {
      const events = readTranscript(file).filter(({ lines }) => lines[0]?.startsWith('Event: '));
      const outcome = (admits: (name: string, frame: string, state: CallTrackerState) => boolean) => {
        const state = tracker();
        const effects: CallEffect[] = [];
        const read: Record<string, number> = {};
        for (const { lines, at } of events) {
          const name = lines[0].slice('Event: '.length);
          if (!admits(name, `${lines.join('\r\n')}\r\n\r\n`, state)) continue;
          read[name] = (read[name] ?? 0) + 1;
          effects.push(...state.track(toAmiEvent(lines), at * 1000));
        }
        return { effects, state, read };
      };
      const everything = outcome(() => true);
      const withoutState = outcome((name, frame) => reads(name, frame));
      const withState = outcome(reads);
      expect([file, withState.effects]).toEqual([file, everything.effects]);
      expect([file, withState.state]).toEqual([file, everything.state]);
      if (!file.includes('burst')) continue;
      // Asterisk sets each URA variable again on every channel of the call, and dials each member the queue rings.
      expect(withState.read.VarSet).toBeLessThan(withoutState.read.VarSet / 3);
      expect(withState.read.DialBegin ?? 0).toBe(0);
      expect(withState.read.DialEnd ?? 0).toBe(0);
      // The URA sets its variables before it sends them again in its UserEvent.
      expect([withoutState.read.UserEvent, withState.read.UserEvent ?? 0]).toEqual([40, 0]);
    }
  });

  it('reads a URA UserEvent that brings a value or the caller ID its call lacks, and no other UserEvent', () => {
    const userEvent = (headers: string[], name = 'URA') =>
      ['Event: UserEvent', 'Channel: PJSIP/trunk-1', 'CallerIDNum: 11987654321', 'CallerIDName: Maria', 'Linkedid: 1.1', `UserEvent: ${name}`, ...headers, ''].join('\r\n');
    const known = track(tracker(), toAmiEvent(userEvent(['CPF: 12345678909', 'Opcao: 2']).split('\r\n').filter(Boolean)), 0).state;
    expect(known.calls.get('1.1')).toMatchObject({ callerNumber: '11987654321', callerName: 'Maria', ura: { document: '12345678909', option: '2' } });
    expect(reads('UserEvent', userEvent(['CPF: 12345678909', 'Opcao: 2']), known)).toBe(false);
    expect(reads('UserEvent', userEvent(['cpf: 12345678909']), known)).toBe(false);
    expect(reads('UserEvent', userEvent(['CPF: 12345678909', 'Opcao: 3']), known)).toBe(true);
    expect(reads('UserEvent', userEvent(['Protocolo: 2026120400001']), known)).toBe(true);
    // Written so that the raw text cannot tell what the parsed event holds: read, as before.
    expect(reads('UserEvent', userEvent(['CPF : 98765432100']), known)).toBe(true);
    expect(reads('UserEvent', userEvent(['CPF: 12345678909', 'CPF: 98765432100']), known)).toBe(true);
    expect(reads('UserEvent', userEvent(['CPF: 12345678909']), tracker())).toBe(true);
    const nameless = track(tracker(), toAmiEvent(userEvent(['CPF: 12345678909']).replace('CallerIDName: Maria', 'CallerIDName: ').split('\r\n').filter(Boolean)), 0).state;
    expect(nameless.calls.get('1.1')?.callerName).toBeNull();
    expect(reads('UserEvent', userEvent(['CPF: 12345678909']), nameless)).toBe(true);
    expect(reads('UserEvent', userEvent(['CPF: 12345678909'], 'ura'))).toBe(true);
    expect(reads('UserEvent', userEvent(['Id: 7', 'Result: ANSWER'], 'ReceptivoCallback'))).toBe(false);
  });

  it('asked with the state, still reads a URA variable that changes its call, or that brings the caller ID it lacks', () => {
    const varSet = (value: string, callerName = '') =>
      ['Event: VarSet', 'Channel: Local/1001@agents-1;1', 'CallerIDNum: 11987654321', `CallerIDName: ${callerName}`, 'Linkedid: 1.1', 'Variable: __URA_CPF', `Value: ${value}`, ''].join('\r\n');
    const known = track(tracker(), toAmiEvent(varSet('12345678909').split('\r\n').filter(Boolean)), 0).state;
    expect(known.calls.get('1.1')).toMatchObject({ callerNumber: '11987654321', callerName: null, ura: { document: '12345678909' } });
    expect(reads('VarSet', varSet('12345678909'), known)).toBe(false);
    expect(reads('VarSet', varSet('98765432100'), known)).toBe(true);
    expect(reads('VarSet', varSet('12345678909', 'Maria'), known)).toBe(true);
    expect(reads('VarSet', varSet('12345678909'), tracker())).toBe(true);
  });

  it('a URA variable is read through its inheritance prefixes, not when it only begins another name, with either line ending', () => {
    const varSet = (variable: string, end = '\r\n') => ['Event: VarSet', 'Channel: PJSIP/trunk-1', `Variable: ${variable}`, 'Value: 12345678909', ''].join(end);
    expect(reads('VarSet', varSet('URA_CPF'))).toBe(true);
    expect(reads('VarSet', varSet('__URA_CPF'))).toBe(true);
    expect(reads('VarSet', varSet('URA_CPF', '\n'))).toBe(true);
    expect(reads('VarSet', varSet('URA_CPFX'))).toBe(false);
    expect(reads('VarSet', varSet('MIXMONITOR_FILENAME'))).toBe(false);
    expect(reads('VarSet', 'Event: VarSet\r\nVariable: URA_CPF')).toBe(true);
    expect(reads('Newexten', 'Event: Newexten\r\nChannel: PJSIP/trunk-1\r\nChanVariable: URA_CPF=12345678909\r\n')).toBe(true);
  });
});

describe('rebuilding the state from QueueStatus and CoreShowChannels after a reconnect', () => {
  const queueMemberLines = (extension: string, paused = '0', reason = '') =>
    ['Event: QueueMember', 'Queue: atendimento', `Name: Atendente ${extension}`, `Location: Local/${extension}@agents`, 'Status: 1', `Paused: ${paused}`, `PausedReason: ${reason}`, 'InCall: 0'];
  const queueMember = (extension: string, paused = '0', reason = '') => toAmiEvent(queueMemberLines(extension, paused, reason));

  it('a call that vanished while the link was down ends, and the ringing pop goes with it', () => {
    const ringing = replay('inbound-answered', 'AgentCalled');
    expect(ringing.state.calls.size).toBe(1);
    const result = reconcile(ringing.state, { queueStatus: [queueMember('1001'), queueMember('1002')], channels: [] }, 60_000);
    expect(brief(result.effects)).toEqual(['ring_stopped 1001 abandoned', 'ended abandoned']);
    expect(agentStates(result.effects)).toEqual(['1001 available', '1002 available']);
    expect(result.state.calls.size).toBe(0);
  });

  it('an answered call that ended while the link was down is closed with its talk time up to the member\'s LastCall', () => {
    const talking = replay('inbound-answered', 'AgentConnect');
    const callId = [...talking.state.calls.keys()][0];
    const answeredAt = talking.state.calls.get(callId)!.answeredAt!;
    const withLastCall = (lastCall: number) => [
      toAmiEvent([...queueMemberLines('1001'), `LastCall: ${lastCall}`]),
      queueMember('1002'),
    ];
    // Hung up 7 s after the answer; noticed a minute later.
    const ended = reconcile(talking.state, { queueStatus: withLastCall(Math.ceil(answeredAt / 1000) + 7), channels: [] }, answeredAt + 60_000);
    expect(ended.effects.find((effect) => effect.type === 'ended')).toMatchObject({ callId, reason: 'hangup', answeredBy: '1001', talkSeconds: 7 });
    // The PBX has no later call end of that member: the time noticed is all we know.
    const unknown = reconcile(replay('inbound-answered', 'AgentConnect').state, { queueStatus: withLastCall(0), channels: [] }, answeredAt + 60_000);
    expect(unknown.effects.find((effect) => effect.type === 'ended')).toMatchObject({ talkSeconds: 60 });
  });

  it('an answer missed while the link was down is announced from the agent channel bridged with the caller', () => {
    const ringing = replay('inbound-answered', 'AgentCalled');
    const callId = [...ringing.state.calls.keys()][0];
    const channel = (name: string, uniqueid: string, application: string, bridge: string) =>
      toAmiEvent(['Event: CoreShowChannel', `Channel: ${name}`, 'ChannelState: 6', `Uniqueid: ${uniqueid}`, `Linkedid: ${callId}`, `Application: ${application}`, `BridgeId: ${bridge}`]);
    const result = reconcile(
      ringing.state,
      {
        queueStatus: [queueMember('1001'), queueMember('1002')],
        channels: [
          channel('Local/08007770100@entrada-00000001;2', 'x.2', 'Queue', 'b-1'),
          channel('Local/1001@agents-00000003;1', 'x.3', 'AppQueue', 'b-1'),
          channel('Local/1001@agents-00000003;2', 'x.4', 'Wait', ''),
        ],
      },
      60_000,
    );
    expect(brief(result.effects)).toEqual([expect.stringMatching(/^answered 1001 wait \d+s$/)]);
    expect(agentStates(result.effects)).toEqual(['1001 on_call', '1002 available']);
    expect(result.state.calls.get(callId)?.answeredBy).toBe('1001');
  });

  it('a caller already waiting is tracked and queued for its lookup, pauses come from QueueMember, and nothing fires twice', () => {
    const snapshot = {
      queueStatus: [
        queueMember('1001', '1', 'Intervalo'),
        queueMember('1002'),
        toAmiEvent(['Event: QueueEntry', 'Queue: atendimento', 'Uniqueid: 50.2', 'CallerIDNum: 51977776666', 'CallerIDName: Roberto Alves', 'Wait: 4']),
      ],
      channels: [toAmiEvent(['Event: CoreShowChannel', 'Channel: PJSIP/trunk-1', 'Uniqueid: 50.2', 'Linkedid: 50.1'])],
    };
    const first = reconcile(tracker(), snapshot, 100_000);
    expect(agentStates(first.effects)).toEqual(['1001 paused (Intervalo)', '1002 available']);
    // Its customer is looked up now, before any agent rings.
    expect(brief(first.effects)).toEqual(['caller_known 51977776666 -']);
    expect(first.state.calls.get('50.1')).toMatchObject({ queue: 'atendimento', callerNumber: '51977776666', joinedAt: 96_000 });
    expect(reconcile(first.state, snapshot, 101_000).effects).toEqual([]);

    const called = track(first.state, toAmiEvent(['Event: AgentCalled', 'Linkedid: 50.1', 'Interface: Local/1002@agents', 'Queue: atendimento']), 102_000);
    expect(called.effects[0]).toMatchObject({ type: 'ringing', extension: '1002', waitSeconds: 6, call: { callerName: 'Roberto Alves' } });
  });

  it('the recorded QueueStatus and CoreShowChannels answers rebuild what the events had built', () => {
    const messages = readTranscript(join(AMI_FIXTURES_DIR, 'agent-pause-status.ami')).map((message) => toAmiEvent(message.lines));
    const items = (actionid: string) => messages.filter((message) => message.actionid === actionid && message.event);
    const duringCall = replay('agent-pause-status', 'CoreShowChannelsComplete');
    const statusDuringCall = messages.filter((message) => message.event === 'QueueMember' && message.incall === '1');
    expect(statusDuringCall.length).toBeGreaterThan(0);
    const channelsList = items(String(messages.find((message) => message.event === 'CoreShowChannel')?.actionid));
    const queueList = items(String(statusDuringCall[0].actionid));
    // A restart: nothing tracked, the call in conversation is taken from its bridged channels.
    const rebuilt = reconcile(tracker(), { queueStatus: queueList, channels: channelsList.filter((item) => item.event === 'CoreShowChannel') }, 0);
    expect(agentStates(rebuilt.effects)).toEqual(['1001 paused (Intervalo)', '1002 on_call']);
    expect(brief(rebuilt.effects)).toEqual(['answered 1002 wait 0s']);
    expect(rebuilt.state.calls.get('1795849050.26')).toMatchObject({
      answeredBy: '1002',
      callerNumber: '51977776666',
      callerName: 'Roberto Alves',
      queue: 'atendimento',
      callerUniqueid: '1795849050.27',
    });
    expect([...duringCall.state.calls.values()].map((call) => call.answeredBy)).toEqual(['1002']);
    const reconciled = reconcile(duringCall.state, { queueStatus: queueList, channels: channelsList.filter((item) => item.event === 'CoreShowChannel') }, 0);
    expect(callEffects(reconciled.effects)).toEqual([]);
  });
});
