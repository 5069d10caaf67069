import { readFileSync } from 'node:fs';

export interface TranscriptMessage {
  /** Seconds since the TCP connect. */
  at: number;
  /** Raw `Key: Value` lines, in order. */
  lines: string[];
}

/** The items of the two list actions a client rebuilds state from, as raw message lines without ActionID. */
export interface AmiListSnapshot {
  /** QueueParams, QueueMember and QueueEntry items, in Asterisk's order (each queue's params, members, entries). */
  queueStatus: string[][];
  /** CoreShowChannel items. */
  channels: string[][];
}

/** The messages received in a recorded transcript (tests/fixtures/ami), actions left out. */
export function readTranscript(file: string): TranscriptMessage[] {
  const messages: TranscriptMessage[] = [];
  let current: TranscriptMessage | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const received = /^# <<< \+(\d+\.\d+)/.exec(line);
    if (received) {
      current = { at: Number(received[1]), lines: [] };
      continue;
    }
    if (!current) continue;
    if (line === '') {
      if (current.lines.length) messages.push(current);
      current = undefined;
    } else if (!line.startsWith('#')) {
      current.lines.push(line);
    }
  }
  return messages;
}

const isActionId = (line: string) => /^actionid:/i.test(line);

/**
 * Asterisk's answers to the recorded QueueStatus and CoreShowChannels: the last complete list of
 * each received at or before `at` seconds (by default the end of the recording). A list never
 * asked in the transcript stays empty.
 */
export function snapshotFromTranscript(file: string, at = Infinity): AmiListSnapshot {
  const snapshot: AmiListSnapshot = { queueStatus: [], channels: [] };
  const items = new Map<string, string[][]>();
  for (const message of readTranscript(file)) {
    if (message.at > at) break;
    const actionId = message.lines.find(isActionId)?.replace(/^actionid:\s*/i, '');
    const event = /^Event: (.+)$/.exec(message.lines[0] ?? '')?.[1];
    if (!actionId || !event) continue;
    if (event === 'QueueStatusComplete') snapshot.queueStatus = items.get(actionId) ?? [];
    else if (event === 'CoreShowChannelsComplete') snapshot.channels = items.get(actionId) ?? [];
    else items.set(actionId, [...(items.get(actionId) ?? []), message.lines.filter((line) => !isActionId(line))]);
  }
  return snapshot;
}

/**
 * The recording's wall clock: the epoch ms at which a message `at` seconds after the connect was
 * received, from the SuccessfulAuth's EventTV. Undefined for a transcript without one.
 */
export function recordedClock(messages: TranscriptMessage[]): ((at: number) => number) | undefined {
  const auth = messages.find((message) => message.lines[0] === 'Event: SuccessfulAuth');
  const eventTv = auth?.lines.find((line) => line.startsWith('EventTV: '))?.slice('EventTV: '.length);
  const authMs = eventTv ? Date.parse(eventTv.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
  if (!auth || Number.isNaN(authMs)) return undefined;
  return (at) => authMs + (at - auth.at) * 1000;
}

/** Epoch seconds that app_queue puts in member messages (0: never). */
const EPOCH_FIELDS = /^(LastCall|LastPause|LoginTime): (\d+)$/;

/** Whether a message carries member times that shiftRecordedTimes moves. */
export const hasRecordedTimes = (lines: string[]) => lines.some((line) => EPOCH_FIELDS.test(line));

/** A message with its member times moved by `shiftMs`, so a recorded "just now" reads as now. */
export function shiftRecordedTimes(lines: string[], shiftMs: number): string[] {
  const shift = Math.round(shiftMs / 1000);
  return lines.map((line) => {
    const match = EPOCH_FIELDS.exec(line);
    return match && match[2] !== '0' ? `${match[1]}: ${Number(match[2]) + shift}` : line;
  });
}

/** Channel ids: `<epoch seconds>.<sequence>` in Uniqueid, Linkedid, DestUniqueid, DestLinkedid… */
const CALL_ID_FIELDS = /^(\w*(?:Uniqueid|Linkedid)): (\d+)\./i;

/**
 * A message of the `repetition`-th offer of a recording: its channel ids moved by as many
 * million seconds, so the same calls offered again are new calls with ids of their own.
 */
export function renumberCalls(lines: string[], repetition: number): string[] {
  if (repetition === 0) return lines;
  return lines.map((line) => line.replace(CALL_ID_FIELDS, (_, key: string, seconds: string) => `${key}: ${Number(seconds) + repetition * 1_000_000}.`));
}

/** When the things that matter happened to one call of a transcript (seconds since the connect). */
export interface CallMoments {
  linkedid: string;
  /** The queue and the caller's channel that waited in it (QueueCallerJoin). */
  queue?: string;
  callerChannel?: string;
  callerUniqueid?: string;
  /** Interface of the member who answered (AgentConnect). */
  answeredBy?: string;
  /** The call's first Newchannel. */
  started: number;
  /** QueueCallerJoin. */
  joined?: number;
  /** The first AgentCalled. */
  ringing?: number;
  /** AgentConnect. */
  connected?: number;
  /** AgentComplete. */
  completed?: number;
  /** Hangup of the caller's channel. */
  callerHangup?: number;
  /** The last Hangup of any of the call's channels: nothing of the call is left after it. */
  ended?: number;
}

/** Per call (Linkedid), in the order the calls started: when to stop or kill something by meaning. */
export function transcriptMoments(file: string): CallMoments[] {
  const calls = new Map<string, CallMoments>();
  /** By member interface, the call it is talking in: its AgentComplete may name no channel. */
  const talking = new Map<string, CallMoments>();
  const value = (lines: string[], key: string) => lines.find((line) => line.startsWith(`${key}: `))?.slice(key.length + 2);
  for (const { at, lines } of readTranscript(file)) {
    const event = value(lines, 'Event');
    const linkedid = value(lines, 'Linkedid');
    if (!event || lines.some(isActionId)) continue;
    if (event === 'Newchannel' && linkedid && !calls.has(linkedid)) calls.set(linkedid, { linkedid, started: at });
    // Under load Asterisk tells some AgentCompletes after the caller's channel is gone, without it.
    const call = linkedid ? calls.get(linkedid) : event === 'AgentComplete' ? talking.get(value(lines, 'Interface') ?? '') : undefined;
    if (!call) continue;
    switch (event) {
      case 'QueueCallerJoin':
        call.joined ??= at;
        call.queue ??= value(lines, 'Queue');
        call.callerChannel ??= value(lines, 'Channel');
        call.callerUniqueid ??= value(lines, 'Uniqueid');
        break;
      case 'AgentCalled':
        call.ringing ??= at;
        break;
      case 'AgentConnect':
        call.connected ??= at;
        call.answeredBy ??= value(lines, 'Interface');
        talking.set(value(lines, 'Interface') ?? '', call);
        break;
      case 'AgentComplete':
        call.completed ??= at;
        talking.delete(value(lines, 'Interface') ?? '');
        break;
      case 'Hangup':
        if (value(lines, 'Uniqueid') === call.callerUniqueid) call.callerHangup = at;
        call.ended = at;
        break;
    }
  }
  return [...calls.values()];
}
