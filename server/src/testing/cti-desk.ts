import { type Socket, io } from 'socket.io-client';
import {
  type CtiClientToServerEvents,
  type CtiHandshake,
  type CtiServerToClientEvents,
  type QueuesDelta,
  type QueuesFeed,
  type QueuesSnapshot,
  ctiServerEventSchemas,
  emptyQueuesFeed,
  queuesFeedReducer,
} from '@receptivo/shared';

type CtiClient = Socket<CtiServerToClientEvents, CtiClientToServerEvents>;
type Received = { event: keyof CtiServerToClientEvents; payload: unknown; at: number };

/**
 * A desk connected to /cti, recording every event it receives, each parsed by its shared schema.
 * A supervisor's desk also follows the queues' board as the renderer does (queuesFeedReducer),
 * asking for the whole board again (queues:resend) at a gap.
 */
export class CtiDesk {
  readonly received: Received[] = [];
  readonly socket: CtiClient;
  /** The queues' board after each queues:snapshot or queues:delta that changed it, and when. */
  readonly boards: { board: QueuesSnapshot; at: number }[] = [];
  /** The answers to the queues:resend this desk sent. */
  readonly resends: unknown[] = [];
  /** How many of the next queues:delta to lose on purpose (recorded in `received`, not applied), as a dropped frame. */
  dropDeltas = 0;
  private queues: QueuesFeed = emptyQueuesFeed;

  constructor(url: string, token: string) {
    // As the desk does: each handshake names the pops still on screen, so a restarted server ends those that are over.
    this.socket = io(`${url}/cti`, {
      auth: (send) => send({ token, shownPops: this.shownPops() } satisfies CtiHandshake),
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 200,
    });
    for (const event of Object.keys(ctiServerEventSchemas) as (keyof CtiServerToClientEvents)[]) {
      this.socket.on(event, (payload: unknown) => {
        const item = { event, payload: ctiServerEventSchemas[event].parse(payload), at: Date.now() };
        this.received.push(item);
        this.followQueues(item);
      });
    }
  }

  /** The first board (received so far or later) that the predicate accepts. */
  async nextBoard(predicate: (board: QueuesSnapshot) => boolean, timeoutMs = 10_000): Promise<QueuesSnapshot> {
    return poll(
      () => this.boards.find((item) => predicate(item.board))?.board,
      () => `no such board within ${timeoutMs} ms; the last: ${JSON.stringify(this.boards.at(-1)?.board)}`,
      timeoutMs,
    );
  }

  private followQueues({ event, payload, at }: Received): void {
    if (event === 'queues:delta' && this.dropDeltas > 0) {
      this.dropDeltas -= 1;
      return;
    }
    const before = this.queues;
    if (event === 'queues:snapshot') this.queues = queuesFeedReducer(before, { type: 'snapshot', snapshot: payload as QueuesSnapshot, now: at });
    else if (event === 'queues:delta') this.queues = queuesFeedReducer(before, { type: 'delta', delta: payload as QueuesDelta, now: at });
    else return;
    if (this.queues.board && this.queues.board !== before.board) this.boards.push({ board: this.queues.board, at });
    if (this.queues.resend !== 'due') return;
    this.queues = queuesFeedReducer(this.queues, { type: 'resend-asked' });
    void this.socket.emitWithAck('queues:resend').then((answer) => {
      this.resends.push(answer);
      if (!answer.ok) this.queues = queuesFeedReducer(this.queues, { type: 'resend-failed' });
    });
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
    const found = await poll(
      () => this.received.find((item) => item.event === event && predicate(item.payload as never)),
      () => `no ${event} within ${timeoutMs} ms; received ${JSON.stringify(this.received.map((item) => item.event))}`,
      timeoutMs,
    );
    return found.payload as never;
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

  /**
   * Call before what should end the session: resolves once the server disconnects this desk, with
   * the session:ended received before it (undefined if none) and socket.io's disconnect reason.
   */
  sessionEnd(): Promise<{ reason: unknown; disconnect: string }> {
    return new Promise((resolve) => {
      this.socket.once('disconnect', (disconnect) => resolve({ reason: this.received.find((item) => item.event === 'session:ended')?.payload, disconnect }));
    });
  }

  states(): string[] {
    return this.received.filter((item) => item.event === 'agent:state').map((item) => (item.payload as { state: string }).state);
  }

  close(): void {
    this.socket.close();
  }
}

/** What `find` finds, checked every 20 ms; after `timeoutMs` an error that says what was missed. */
async function poll<Found>(find: () => Found | undefined, missed: () => string, timeoutMs: number): Promise<Found> {
  for (let waited = 0; waited < timeoutMs; waited += 20) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(missed());
}
