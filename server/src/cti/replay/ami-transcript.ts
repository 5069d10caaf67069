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
