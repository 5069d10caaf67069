import type { CtiTapEntry } from '@receptivo/shared';
import { type AmiEvent, text } from './call-tracker';

/** The last AMI events, kept in memory for the telephony admin's live tap. */
export class EventTap {
  private readonly entries: CtiTapEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity: number) {}

  record(event: AmiEvent, at: Date): void {
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(event)) {
      if (key === 'event') continue;
      fields[key] = Array.isArray(value)
        ? value.join(' | ')
        : typeof value === 'object'
          ? Object.entries(value).map(([name, assigned]) => `${name}=${assigned}`).join(', ')
          : value;
    }
    this.entries.push({ seq: ++this.seq, at: at.toISOString(), event: String(event.event), linkedid: text(event.linkedid), fields });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Newest first; `filter` matches the event name, the linkedid or any field value, any case. */
  list(filter: string | undefined, limit: number): CtiTapEntry[] {
    const needle = filter?.trim().toLowerCase();
    const result: CtiTapEntry[] = [];
    for (let index = this.entries.length - 1; index >= 0 && result.length < limit; index--) {
      const entry = this.entries[index];
      if (!needle || matches(entry, needle)) result.push(entry);
    }
    return result;
  }
}

function matches(entry: CtiTapEntry, needle: string): boolean {
  if (entry.event.toLowerCase().includes(needle) || entry.linkedid?.includes(needle)) return true;
  return Object.values(entry.fields).some((value) => value.toLowerCase().includes(needle));
}
