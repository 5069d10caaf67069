import { Injectable } from '@nestjs/common';

/** The wiring check weighs this many of the last calls that rang. */
const RECENT_CALLS = 20;
const PRIVILEGE = /^Privilege: ([^\r\n]*)/m;

/**
 * What the PBX link has heard since it connected, for the PBX wiring check: how many events of
 * each name (those the door drops too), the event classes they belong to, and which URA fields
 * the last calls brought. Kept cheap for the event path: a counter per event, and the Privilege
 * header read once per event name.
 */
@Injectable()
export class PbxObservations {
  private readonly counts = new Map<string, number>();
  private readonly eventClasses = new Set<string>();
  private readonly calls: { id: string; uraFields: string[] }[] = [];

  /** A new connection: what the PBX sends now may differ (a reload, another manager user). */
  reset(): void {
    this.counts.clear();
    this.eventClasses.clear();
    this.calls.length = 0;
  }

  heard(event: string, frame: string): void {
    const count = this.counts.get(event);
    this.counts.set(event, (count ?? 0) + 1);
    if (count !== undefined) return;
    for (const name of PRIVILEGE.exec(frame)?.[1].split(',') ?? []) if (name.trim() && name.trim() !== 'all') this.eventClasses.add(name.trim());
  }

  /** A call rang at a desk: the URA fields it brought (the first ring of each call counts). */
  rang(callId: string, uraFields: string[]): void {
    if (this.calls.some((call) => call.id === callId)) return;
    this.calls.push({ id: callId, uraFields });
    if (this.calls.length > RECENT_CALLS) this.calls.shift();
  }

  get events(): ReadonlyMap<string, number> {
    return this.counts;
  }

  get classes(): ReadonlySet<string> {
    return this.eventClasses;
  }

  get recentCalls(): { uraFields: string[] }[] {
    return this.calls.map((call) => ({ uraFields: [...call.uraFields] }));
  }
}
