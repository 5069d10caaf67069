import { readFileSync } from 'node:fs';
import type { AmiEvent } from '../cti/call-tracker';

export interface TranscriptMessage {
  /** Seconds since the TCP connect. */
  at: number;
  /** Raw `Key: Value` lines, in order. */
  lines: string[];
}

/** The messages received in a recorded transcript (../shared/fixtures/ami), actions left out. */
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

/**
 * A message shaped as asterisk-manager 0.2 delivers it against Asterisk 22: keys lowercased,
 * a repeated key turned into an array, and VarSet's variable as `{NAME: ''}` beside `value`.
 */
export function toAmiEvent(lines: string[]): AmiEvent {
  const event: AmiEvent = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const key = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    const previous = event[key];
    if (previous === undefined) event[key] = value;
    else event[key] = Array.isArray(previous) ? [...previous, value] : [previous as string, value];
  }
  if (event.event === 'VarSet' && typeof event.variable === 'string') event.variable = { [event.variable]: '' };
  return event;
}
