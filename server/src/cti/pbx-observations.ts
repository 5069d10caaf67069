import { Injectable } from '@nestjs/common';
import { CtiMetrics } from './cti-metrics';

/** The wiring check weighs this many of the last calls that rang. */
const RECENT_CALLS = 20;
const PRIVILEGE = /^Privilege: ([^\r\n]*)/m;

/**
 * What the PBX link has heard since it connected, for the PBX wiring check: how many events of each
 * name (the difference of the metrics' counters since the connection: they are counted once, there),
 * the event classes they belong to (the Privilege header, read once per event name), and which URA
 * fields the last calls brought.
 */
@Injectable()
export class PbxObservations {
  private baseline = new Map<string, number>();
  private readonly named = new Set<string>();
  private readonly eventClasses = new Set<string>();
  private readonly calls: { id: string; uraFields: string[] }[] = [];

  constructor(private readonly metrics: CtiMetrics) {}

  /** A new connection: what the PBX sends now may differ (a reload, another manager user). */
  reset(): void {
    this.baseline = this.metrics.eventCounts();
    this.named.clear();
    this.eventClasses.clear();
    this.calls.length = 0;
  }

  /** Every frame at the door: its classes, the first time its event name comes. */
  heard(event: string, frame: string): void {
    if (this.named.has(event)) return;
    this.named.add(event);
    for (const name of PRIVILEGE.exec(frame)?.[1].split(',') ?? []) {
      const eventClass = name.trim();
      if (eventClass && eventClass !== 'all') this.eventClasses.add(eventClass);
    }
  }

  /** A call rang at a desk: the URA fields it brought (the first ring of each call counts). */
  rang(callId: string, uraFields: string[]): void {
    if (this.calls.some((call) => call.id === callId)) return;
    this.calls.push({ id: callId, uraFields });
    if (this.calls.length > RECENT_CALLS) this.calls.shift();
  }

  /** Events heard since the connection, by name. */
  get events(): ReadonlyMap<string, number> {
    const since = new Map<string, number>();
    for (const [type, count] of this.metrics.eventCounts()) {
      const heard = count - (this.baseline.get(type) ?? 0);
      if (heard > 0) since.set(type, heard);
    }
    return since;
  }

  get classes(): ReadonlySet<string> {
    return this.eventClasses;
  }

  get recentCalls(): { uraFields: string[] }[] {
    return this.calls.map((call) => ({ uraFields: [...call.uraFields] }));
  }
}
