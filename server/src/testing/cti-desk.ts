import { type Socket, io } from 'socket.io-client';
import { type CtiClientToServerEvents, type CtiHandshake, type CtiServerToClientEvents, ctiServerEventSchemas } from '@receptivo/shared';

type CtiClient = Socket<CtiServerToClientEvents, CtiClientToServerEvents>;
type Received = { event: keyof CtiServerToClientEvents; payload: unknown; at: number };

/** A desk connected to /cti, recording every event it receives, each parsed by its shared schema. */
export class CtiDesk {
  readonly received: Received[] = [];
  readonly socket: CtiClient;

  constructor(url: string, token: string) {
    // As the desk does: each handshake names the pops still on screen, so a restarted server ends those that are over.
    this.socket = io(`${url}/cti`, {
      auth: (send) => send({ token, shownPops: this.shownPops() } satisfies CtiHandshake),
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 200,
    });
    for (const event of Object.keys(ctiServerEventSchemas) as (keyof CtiServerToClientEvents)[]) {
      this.socket.on(event, (payload: unknown) => this.received.push({ event, payload: ctiServerEventSchemas[event].parse(payload), at: Date.now() }));
    }
  }

  async connected(): Promise<void> {
    if (this.socket.connected) return;
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  /** Waits for the first event of that name (received so far or later) that the predicate accepts. */
  async next<Event extends keyof CtiServerToClientEvents>(
    event: Event,
    predicate: (payload: Parameters<CtiServerToClientEvents[Event]>[0]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Parameters<CtiServerToClientEvents[Event]>[0]> {
    for (let waited = 0; waited < timeoutMs; waited += 20) {
      const found = this.received.find((item) => item.event === event && predicate(item.payload as never));
      if (found) return found.payload as never;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no ${event} within ${timeoutMs} ms; received ${JSON.stringify(this.received.map((item) => item.event))}`);
  }

  /** Calls popped and not ended since, as a desk shows them. */
  shownPops(): string[] {
    const shown = new Set<string>();
    for (const { event, payload } of this.received) {
      const callId = (payload as { callId?: string }).callId;
      if (event === 'call:ringing' && callId) shown.add(callId);
      else if ((event === 'call:ended' || event === 'call:answered') && callId) shown.delete(callId);
    }
    return [...shown];
  }

  states(): string[] {
    return this.received.filter((item) => item.event === 'agent:state').map((item) => (item.payload as { state: string }).state);
  }

  close(): void {
    this.socket.close();
  }
}
