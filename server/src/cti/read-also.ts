import { userEventNameIn } from './call-tracker';

/**
 * What features besides the tracker read from the AMI (CtiService.readAlso), told at the frame door
 * from an event's name and raw text: events by name, and UserEvents by the name they give themselves
 * (the tracker reads only the URA's; call-backs read their own).
 */
export class ReadAlso {
  private readonly events = new Set<string>();
  private readonly userEvents = new Set<string>();

  add(events: Iterable<string>, userEvents: Iterable<string> = []): void {
    for (const event of events) this.events.add(event);
    for (const name of userEvents) this.userEvents.add(name);
  }

  reads(event: string, frame: string): boolean {
    return this.events.has(event) || (event === 'UserEvent' && this.userEvents.has(userEventNameIn(frame) ?? ''));
  }
}
