import type { CtiTapEntry } from '@receptivo/shared';
import { parseFrame } from './ami-frame-reader';
import { type AmiEvent, text } from './call-tracker';

interface RecordedEvent {
  seq: number;
  at: number;
  /** Parsed, or the raw text of an event dropped at the door (parsed only when listed). */
  event: AmiEvent | string;
}

/**
 * The last AMI events, kept in memory for the telephony admin's live tap. Recording is on the
 * ingestion hot path, so it only keeps the event in a ring (events dropped at the door as their raw
 * text); entries are parsed and shaped when listed.
 */
export class EventTap {
  private readonly ring: RecordedEvent[] = [];
  private seq = 0;

  constructor(private readonly capacity: number) {}

  /** `at` in epoch ms. */
  record(event: AmiEvent | string, at: number): void {
    this.seq += 1;
    this.ring[this.seq % this.capacity] = { seq: this.seq, at, event };
  }

  /** Newest first; `filter` matches the event name, the linkedid or any field value, any case. */
  list(filter: string | undefined, limit: number): CtiTapEntry[] {
    const needle = filter?.trim().toLowerCase();
    const result: CtiTapEntry[] = [];
    for (let seq = this.seq; seq > Math.max(0, this.seq - this.capacity) && result.length < limit; seq--) {
      const entry = toEntry(this.ring[seq % this.capacity]);
      if (!needle || matches(entry, needle)) result.push(entry);
    }
    return result;
  }
}

function toEntry({ seq, at, event: recorded }: RecordedEvent): CtiTapEntry {
  const event = typeof recorded === 'string' ? parseFrame(recorded) : recorded;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'event' || (key === 'response' && !event.event)) continue;
    fields[key] = Array.isArray(value)
      ? value.join(' | ')
      : typeof value === 'object'
        ? Object.entries(value).map(([name, assigned]) => `${name}=${assigned}`).join(', ')
        : value;
  }
  // Answers to actions (Pong, list starts) have no Event: they show as their Response.
  return { seq, at: new Date(at).toISOString(), event: text(event.event) ?? `Response: ${text(event.response) ?? '?'}`, linkedid: text(event.linkedid), fields };
}

function matches(entry: CtiTapEntry, needle: string): boolean {
  if (entry.event.toLowerCase().includes(needle) || entry.linkedid?.includes(needle)) return true;
  return Object.values(entry.fields).some((value) => value.toLowerCase().includes(needle));
}
