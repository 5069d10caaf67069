import type { AmiEvent } from '../cti/call-tracker';

// The reader ships with the AMI replay tool; tests import both from here.
export { readTranscript, type TranscriptMessage } from '../cti/replay/ami-transcript';

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
