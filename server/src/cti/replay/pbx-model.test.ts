import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type CallMoments, type TranscriptMessage, readTranscript, snapshotFromTranscript, transcriptMoments } from './ami-transcript';
import { AMI_FIXTURES_DIR, AMI_LOAD_FIXTURES_DIR, transcript } from './fixtures';
import { PbxModel } from './pbx-model';
import { queueMemberEvent } from '../../testing/queue-member-event';

const EVERY_TRANSCRIPT = [
  ...readdirSync(AMI_FIXTURES_DIR)
    .filter((name) => name.endsWith('.ami'))
    .map((name) => join(AMI_FIXTURES_DIR, name)),
  ...readdirSync(AMI_LOAD_FIXTURES_DIR)
    .filter((name) => name.endsWith('.ami'))
    .map((name) => join(AMI_LOAD_FIXTURES_DIR, name)),
];

const value = (lines: string[], key: string) => lines.find((line) => line.startsWith(`${key}: `))?.slice(key.length + 2) ?? '';
const withoutActionId = (lines: string[]) => lines.filter((line) => !line.startsWith('ActionID: '));
const ms = (at: number) => Math.round(at * 1000);

/** The model fed every message received before `index`, each at its recorded time. */
function modelBefore(messages: TranscriptMessage[], index: number, model = new PbxModel({ queueStatus: [], channels: [] }, 0), fromIndex = 0): PbxModel {
  for (const message of messages.slice(fromIndex, index)) model.apply(message.lines, ms(message.at));
  return model;
}

/** The model at `at` seconds of a recording: every message received before then taken in. */
function modelAt(messages: TranscriptMessage[], at: number): PbxModel {
  const index = messages.findIndex((message) => message.at >= at);
  return modelBefore(messages, index < 0 ? messages.length : index);
}

/** One pass over a recording: each check sees the model at its moment (the messages before it taken in). */
function walk(messages: TranscriptMessage[], checks: Array<[at: number, check: (model: PbxModel) => void]>): void {
  const model = new PbxModel({ queueStatus: [], channels: [] }, 0);
  const pending = [...checks].sort(([a], [b]) => a - b);
  for (const message of messages) {
    while (pending.length && pending[0][0] <= message.at) pending.shift()![1](model);
    model.apply(message.lines, ms(message.at));
  }
  for (const [, check] of pending) check(model);
}

/** A recorded list answer: where it starts in the transcript and its items, ActionID left out. */
interface RecordedList {
  complete: string;
  start: number;
  at: number;
  items: string[][];
}

function recordedLists(messages: TranscriptMessage[]): RecordedList[] {
  return messages.flatMap((message, index) => {
    const complete = /^Event: (QueueStatusComplete|CoreShowChannelsComplete)$/.exec(message.lines[0])?.[1];
    if (!complete) return [];
    const id = value(message.lines, 'ActionID');
    const start = messages.findIndex((candidate) => candidate.lines[0] === 'Response: Success' && value(candidate.lines, 'ActionID') === id);
    const items = messages.slice(start + 1, index).filter((item) => value(item.lines, 'ActionID') === id);
    return [{ complete, start, at: messages[start].at, items: items.map((item) => withoutActionId(item.lines)) }];
  });
}

/** Durations and waits as whole seconds, to compare within a second. */
function elapsed(lines: string[]): number | undefined {
  const text = value(lines, 'Duration') || value(lines, 'Wait');
  return text === '' ? undefined : text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}
const timeless = (lines: string[]) => lines.filter((line) => !/^(Duration|Wait): /.test(line));

describe('PBX model', () => {
  it('answers every QueueStatus and CoreShowChannels recorded during a call as Asterisk did at that moment', () => {
    const messages = readTranscript(transcript('agent-pause-status'));
    const lists = recordedLists(messages);
    expect(lists.map((list) => list.complete)).toEqual([
      'QueueStatusComplete',
      'QueueStatusComplete',
      'CoreShowChannelsComplete',
      'QueueStatusComplete',
      'QueueStatusComplete',
      'CoreShowChannelsComplete',
    ]);
    // The members as they were before the call (the first answer); everything after comes from the events.
    const [seed, ...later] = lists;
    const seededAfter = messages.findIndex((message) => message.lines[0] === 'Event: QueueStatusComplete') + 1;
    const seedMs = ms(messages[seededAfter - 1].at);
    for (const list of later) {
      const model = modelBefore(messages, list.start, new PbxModel({ queueStatus: seed.items, channels: [] }, seedMs), seededAfter);
      const answer = list.complete === 'QueueStatusComplete' ? model.queueStatus({}, ms(list.at)) : model.coreShowChannels(ms(list.at));
      const byChannel = (items: string[][]) => [...items].sort((a, b) => value(a, 'Channel').localeCompare(value(b, 'Channel')));
      expect(byChannel(answer).map(timeless)).toEqual(byChannel(list.items).map(timeless));
      byChannel(answer).forEach((item, index) => {
        const recorded = elapsed(byChannel(list.items)[index]);
        if (recorded !== undefined) expect(Math.abs(elapsed(item)! - recorded)).toBeLessThanOrEqual(1);
      });
    }
    // What was asked during the call is there: the waiting caller, then the four channels of the bridged call.
    expect(later.flatMap((list) => list.items.map((item) => item[0]))).toEqual(expect.arrayContaining(['Event: QueueEntry', 'Event: CoreShowChannel']));
    expect(later.find((list) => list.complete === 'CoreShowChannelsComplete')!.items).toHaveLength(4);
  });

  it('answers every recorded Getvar, the caller’s URA variables and the ones the agent’s channel inherited', () => {
    const file = transcript('ura-data');
    const messages = readTranscript(file);
    // The actions are comments in the transcript: `# >>>` blocks with Channel and Variable.
    const asked = [...readFileSync(file, 'utf8').matchAll(/^# Action: Getvar\n# ActionID: (\S+)\n# Channel: (.+)\n# Variable: (.+)$/gm)];
    expect(asked).toHaveLength(8);
    for (const [, id, channel, variable] of asked) {
      const answerIndex = messages.findIndex((message) => value(message.lines, 'ActionID') === id);
      const answer = messages[answerIndex].lines;
      expect(modelBefore(messages, answerIndex).getvar(channel, variable)).toEqual({ value: value(answer, 'Value') });
      expect(value(answer, 'Variable')).toBe(variable);
    }
    expect(asked.some((match) => match[2].startsWith('Local/1001@agents'))).toBe(true);
  });

  it('reads an unset variable as empty, refuses an unknown channel or no variable as manager.c does', () => {
    const messages = readTranscript(transcript('ura-data'));
    const moments = transcriptMoments(transcript('ura-data'))[0];
    const model = modelAt(messages, moments.joined! + 0.001);
    expect(model.getvar(moments.callerChannel!, 'NEVER_SET')).toEqual({ value: '' });
    expect(model.getvar('PJSIP/9999-00000001', 'URA_CPF')).toEqual({ error: 'No such channel' });
    expect(model.getvar(moments.callerChannel!, '')).toEqual({ error: 'No variable specified' });
    // Gone with its Hangup.
    expect(modelAt(messages, moments.ended! + 0.001).getvar(moments.callerChannel!, 'URA_CPF')).toEqual({ error: 'No such channel' });
  });

  describe.each(EVERY_TRANSCRIPT.map((file) => [file.split('/').at(-1)!, file]))('%s', (_name, file) => {
    const messages = readTranscript(file);
    const calls = transcriptMoments(file);

    it('leaves no channel and no waiting caller once the whole recording is replayed', () => {
      const model = modelBefore(messages, messages.length);
      expect(calls.length).toBeGreaterThan(0);
      expect(model.coreShowChannels(ms(messages.at(-1)!.at))).toEqual([]);
      expect(model.queueStatus({}, ms(messages.at(-1)!.at)).filter((item) => item[0] === 'Event: QueueEntry')).toEqual([]);
    });

    it('lists each waiting caller with its position while it waits, and mid-call the caller and the agent share a bridge and a Linkedid', () => {
      const waitingWhile = (call: CallMoments) => (call.joined! + (call.connected ?? call.callerHangup!)) / 2;
      const waiting = (call: CallMoments) => (model: PbxModel) => {
        const entries = model.queueStatus({ queue: call.queue }, ms(waitingWhile(call))).filter((item) => item[0] === 'Event: QueueEntry');
        expect(entries.map((item) => value(item, 'Uniqueid'))).toContain(call.callerUniqueid);
        expect(entries.map((item) => value(item, 'Position'))).toEqual(entries.map((_item, index) => String(index + 1)));
      };
      // Under load Asterisk may tell AgentComplete after the caller's Hangup: the talk ends at the first.
      const talkingWhile = (call: CallMoments) => (call.connected! + Math.min(call.completed!, call.callerHangup!)) / 2;
      const talking = (call: CallMoments) => (model: PbxModel) => {
        const channels = model.coreShowChannels(ms(talkingWhile(call)));
        const caller = channels.find((item) => value(item, 'Uniqueid') === call.callerUniqueid)!;
        const agent = channels.find((item) => value(item, 'Channel').startsWith(`${call.answeredBy}-`) && value(item, 'Channel').endsWith(';1'))!;
        expect(value(caller, 'BridgeId')).not.toBe('');
        expect(value(agent, 'BridgeId')).toBe(value(caller, 'BridgeId'));
        expect(value(agent, 'Linkedid')).toBe(call.linkedid);
        expect(value(caller, 'Linkedid')).toBe(call.linkedid);
        // The member's leg runs the queue's outgoing line; no longer waiting, the caller is no entry.
        expect([value(agent, 'Application'), value(agent, 'ApplicationData')]).toEqual(['AppQueue', '(Outgoing Line)']);
        expect(model.queueStatus({}, ms(talkingWhile(call))).some((item) => value(item, 'Uniqueid') === call.callerUniqueid)).toBe(false);
        expect(model.getvar(value(agent, 'Channel'), 'URA_CPF')).toEqual(model.getvar(value(caller, 'Channel'), 'URA_CPF'));
      };
      walk(
        messages,
        calls.flatMap((call): Array<[number, (model: PbxModel) => void]> => [
          [waitingWhile(call), waiting(call)],
          ...(call.connected === undefined ? [] : [[talkingWhile(call), talking(call)] as [number, (model: PbxModel) => void]]),
        ]),
      );
    });
  });

  it('orders the moments of every call of a recording, an AgentComplete told without its channel included', () => {
    const [first, second] = transcriptMoments(transcript('two-simultaneous-calls'));
    for (const call of [first, second]) {
      expect(call.started).toBeLessThan(call.joined!);
      expect(call.joined).toBeLessThanOrEqual(call.ringing!);
      expect(call.ringing).toBeLessThan(call.connected!);
      expect(call.connected).toBeLessThan(call.completed!);
      expect(call.completed).toBeLessThanOrEqual(call.ended!);
      expect(call.callerHangup).toBeLessThanOrEqual(call.ended!);
    }
    expect(first.linkedid).not.toBe(second.linkedid);
    expect([first.answeredBy, second.answeredBy].sort()).toEqual(['Local/1001@agents', 'Local/1002@agents']);
    const [abandoned] = transcriptMoments(transcript('abandon-early'));
    expect(abandoned.queue).toBe('atendimento');
    expect([abandoned.connected, abandoned.completed]).toEqual([undefined, undefined]);
    expect(abandoned.callerHangup).toBeGreaterThan(abandoned.ringing!);
    const burst = transcriptMoments(join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami'));
    expect(burst).toHaveLength(40);
    expect(burst.filter((call) => call.completed !== undefined && call.completed > call.connected!)).toHaveLength(40);
  });

  it('follows members: added, penalty, paused, in a call, removed; a queue’s counters follow its calls', () => {
    const idle = snapshotFromTranscript(transcript('agent-pause-status'));
    const model = new PbxModel(idle, 0);
    const member = (name: string) => model.queueStatus({ member: name }, 0).find((item) => item[0] === 'Event: QueueMember');
    const params = () => model.queueStatus({}, 0)[0];
    const event = (name: string, fields: Record<string, string>) => queueMemberEvent(name, { memberInterface: 'PJSIP/1003', name: 'Atendente 1003', ...fields });
    model.apply(event('QueueMemberAdded', {}), 0);
    expect(member('PJSIP/1003')).toEqual([
      'Event: QueueMember',
      'Queue: atendimento',
      'Name: Atendente 1003',
      'Location: PJSIP/1003',
      'StateInterface: PJSIP/1003',
      'Membership: dynamic',
      'Penalty: 0',
      'CallsTaken: 0',
      'LastCall: 0',
      'LastPause: 0',
      'LoginTime: 1795849000',
      'InCall: 0',
      'Status: 1',
      'Paused: 0',
      'PausedReason: ',
      'Wrapuptime: 0',
    ]);
    // Duplicate keys in one event: the first one counts, as Asterisk's own come first.
    model.apply(event('QueueMemberPenalty', { Penalty: '3' }).filter((line) => line !== 'Penalty: 0'), 0);
    expect(member('Atendente 1003')).toContain('Penalty: 3');
    model.apply(['Event: AgentConnect', 'Queue: atendimento', 'Interface: PJSIP/1003'], 0);
    expect(member('PJSIP/1003')).toContain('InCall: 1');
    const completed = Number(value(params(), 'Completed'));
    model.apply(['Event: AgentComplete', 'Queue: atendimento', 'Interface: PJSIP/1003', 'Reason: caller'], 0);
    expect(member('PJSIP/1003')).toContain('InCall: 0');
    expect(value(params(), 'Completed')).toBe(String(completed + 1));
    model.apply(['Event: QueueCallerAbandon', 'Queue: atendimento', 'Position: 1'], 0);
    expect(value(params(), 'Abandoned')).toBe(String(Number(value(idle.queueStatus[0], 'Abandoned')) + 1));
    expect(model.memberships('pjsip/1003')).toHaveLength(1);
    model.apply(event('QueueMemberRemoved', {}), 0);
    expect(member('PJSIP/1003')).toBeUndefined();
    expect(model.memberships('PJSIP/1003')).toEqual([]);
    expect(model.queueStatus({}, 0).map((item) => item[0])).toEqual(['Event: QueueParams', 'Event: QueueMember', 'Event: QueueMember']);
  });
});
