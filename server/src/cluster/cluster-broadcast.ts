import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import { BehaviorSubject, filter, firstValueFrom, timeout } from 'rxjs';
import type { Settings } from '../config/settings';
import { quitWithin, warnOncePerError } from './redis-connection';

/** Longest a teller waits for the other nodes to confirm; a node that has not by then is told in the log. */
export const TELL_WAIT_MS = 1_000;
/** Longest a starting node waits to hear the others; it serves meanwhile without trusting copies. */
const FIRST_HEARING_WAIT_MS = 2_000;

const CHANNEL = 'receptivo:broadcast';
const ackChannel = (nodeId: string) => `receptivo:broadcast:ack:${nodeId}`;

interface Envelope {
  id: string;
  from: string;
  topic: string;
  payload: unknown;
}

interface Pending {
  /** Subscribers that received the message (the teller's own among them), known once Redis answers the PUBLISH. */
  expected?: number;
  acknowledged: number;
  done(): void;
}

/**
 * Tells every node of the cluster something and waits until each has handled it, so a change made
 * on one node holds on all of them before its HTTP response leaves (issue 17: a deactivated user is
 * refused everywhere at once). Redis pub/sub on two connections of its own: PUBLISH answers how many
 * nodes received the message, and each confirms on the teller's own channel once its handler ran.
 * Alone (no REDIS_URL) there is nobody else to tell.
 *
 * Pub/sub keeps nothing for a node that is not listening, so `hearing$` says whether this node hears
 * the others now; whoever caches what other nodes change must not trust a copy across a gap.
 */
@Injectable()
export class ClusterBroadcast implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Cluster');
  /** Random, not NODE_NAME: two processes given the same name must not read each other's confirmations. */
  private readonly nodeId = randomUUID();
  private readonly redisUrl: string | undefined;
  private readonly handlers = new Map<string, (payload: unknown) => void>();
  private readonly pending = new Map<string, Pending>();
  private subscriber: Redis | undefined;
  private publisher: Redis | undefined;
  /** True while messages of the other nodes reach this one (always when alone). */
  readonly hearing$: BehaviorSubject<boolean>;

  constructor(config: ConfigService<Settings, true>) {
    this.redisUrl = config.get('REDIS_URL', { infer: true });
    this.hearing$ = new BehaviorSubject(this.redisUrl === undefined);
  }

  get hearing(): boolean {
    return this.hearing$.value;
  }

  /** One handler per topic, run for messages told by the other nodes (the teller handles its own). */
  on<Payload>(topic: string, handler: (payload: Payload) => void): void {
    this.handlers.set(topic, handler as (payload: unknown) => void);
  }

  /** Resolves once every other node has handled the message, or after TELL_WAIT_MS; never rejects. */
  async tell(topic: string, payload: unknown): Promise<void> {
    if (!this.publisher) return;
    const id = randomUUID();
    const pending: Pending = { acknowledged: 0, done: () => undefined };
    const confirmed = new Promise<boolean>((resolve) => (pending.done = () => resolve(true)));
    this.pending.set(id, pending);
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), TELL_WAIT_MS)));
    const envelope: Envelope = { id, from: this.nodeId, topic, payload };
    this.publisher.publish(CHANNEL, JSON.stringify(envelope)).then(
      (receivers) => this.settle(id, (entry) => (entry.expected = receivers)),
      (error: unknown) => this.logger.warn(`broadcast ${topic}: ${error instanceof Error ? error.message : String(error)}`),
    );
    const inTime = await Promise.race([confirmed, gaveUp]);
    clearTimeout(timer);
    this.pending.delete(id);
    if (!inTime) {
      this.logger.warn(`broadcast ${topic}: ${pending.acknowledged} of ${pending.expected ?? 'an unknown number of'} receivers confirmed within ${TELL_WAIT_MS} ms`);
    }
  }

  async onModuleInit(): Promise<void> {
    if (!this.redisUrl) return;
    const options = { maxRetriesPerRequest: null, autoResubscribe: false, keepAlive: 5_000 };
    this.publisher = this.connection(new Redis(this.redisUrl, options));
    const subscriber = this.connection(new Redis(this.redisUrl, options));
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, text: string) => this.received(channel, text));
    // Subscribed again by hand on every connection, so "hearing" starts only once Redis confirmed it.
    subscriber.on('ready', () => {
      subscriber.subscribe(CHANNEL, ackChannel(this.nodeId)).then(
        () => !this.hearing && this.hearing$.next(true),
        (error: unknown) => this.logger.warn(`broadcast: subscribing failed (${error instanceof Error ? error.message : String(error)})`),
      );
    });
    subscriber.on('close', () => {
      if (this.hearing) this.hearing$.next(false);
    });
    // Subscribed before the server answers requests, when Redis allows: copies are kept from the first request.
    await firstValueFrom(this.hearing$.pipe(filter(Boolean), timeout(FIRST_HEARING_WAIT_MS))).catch(() =>
      this.logger.warn(`broadcast: not subscribed after ${FIRST_HEARING_WAIT_MS} ms; what caches other nodes' changes reads the database until then`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const connections = [this.subscriber, this.publisher];
    this.subscriber = this.publisher = undefined;
    for (const connection of connections) {
      if (!connection) continue;
      connection.removeAllListeners('close');
      // QUIT waits in the offline queue while Redis is away: only a connected client is asked, for a second at most.
      if (connection.status === 'ready') await quitWithin(connection, 1_000);
      else connection.disconnect();
    }
  }

  private received(channel: string, text: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      return;
    }
    if (channel !== CHANNEL) {
      this.settle(envelope.id, (pending) => (pending.acknowledged += 1));
      return;
    }
    if (envelope.from !== this.nodeId) {
      try {
        this.handlers.get(envelope.topic)?.(envelope.payload);
      } catch (error) {
        // Not confirmed: the teller waits its TELL_WAIT_MS and says so.
        this.logger.error(`broadcast ${envelope.topic}: ${error instanceof Error ? error.stack : String(error)}`);
        return;
      }
    }
    // The teller's own subscriber confirms too: PUBLISH counts it among the receivers.
    void this.publisher?.publish(ackChannel(envelope.from), JSON.stringify({ id: envelope.id })).catch(() => undefined);
  }

  private settle(id: string, update: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    update(pending);
    if (pending.expected !== undefined && pending.acknowledged >= pending.expected) pending.done();
  }

  private connection(redis: Redis): Redis {
    return warnOncePerError(redis, (message) => this.logger.warn(`broadcast, Redis: ${message}`));
  }
}
