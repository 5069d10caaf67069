import Manager from 'asterisk-manager';
import type { CtiState } from '@receptivo/shared';
import { type FrameDoor, connectWithFastReader } from './ami-frame-reader';
import type { AmiEvent } from './call-tracker';

export interface AmiLinkOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** A Ping goes out this often; no answer within actionTimeoutMs means the link is dead. */
  heartbeatMs: number;
  actionTimeoutMs: number;
  /** After a drop the first attempt is immediate; later ones wait twice as long each time, up to this. */
  maxBackoffMs: number;
  /** A refused login (wrong secret) is tried again after this long. */
  refusedRetryMs: number;
  /** How long a connected socket may stay silent before the login is given up (a frozen PBX). */
  loginTimeoutMs: number;
}

/** The first wait after a failed attempt; doubles up to maxBackoffMs. */
const FIRST_BACKOFF_MS = 250;

const ACTION_ID = /^ActionID:/im;

/**
 * A frozen PBX is noticed within heartbeatMs + actionTimeoutMs (4.5 s); a PBX back after a drop is
 * reached within maxBackoffMs (reconnecting to a refusing port costs nothing, so the cap is short).
 * A login waits longer than an action: a PBX thawed while the login waits answers it at once.
 */
export const defaultAmiTimings = { heartbeatMs: 2_000, actionTimeoutMs: 2_500, maxBackoffMs: 1_500, refusedRetryMs: 30_000, loginTimeoutMs: 10_000 };

export interface AmiLinkHandlers {
  onEvent(event: AmiEvent): void;
  /**
   * Whether an event is read at all, from its name and raw text (FrameDoor): the others go to
   * onDropped unparsed. Items of list actions (they carry an ActionID) are always read.
   */
  admits?(event: string, frame: string, channelVariables: boolean): boolean;
  onDropped?(frame: string, event: string): void;
  /** An answer to an action (Pong, login, list start…): no call event, but the admin's tap shows it. */
  onResponse?(response: AmiEvent): void;
  /** A frame that is no AMI event or response (garbage on the wire): skipped, never fatal. */
  onSkipped(reason: string, frame: AmiEvent): void;
  onState(state: Exclude<CtiState, 'off'>): void;
  /** Called after every successful login, so state can be rebuilt (QueueStatus, CoreShowChannels). */
  onConnected?(): void;
  /** Every message of what came off the PBX socket at once is handled. */
  onHandled?(): void;
}

/**
 * The one connection to Asterisk's AMI. It owns what asterisk-manager leaves to callers: a
 * heartbeat, action timeouts, reconnection with capped backoff (the library's own keepConnected
 * grows to 60 s and never stops on a wrong secret), and telling a refused login apart.
 */
export class AmiLink {
  private manager: ReturnType<typeof Manager> | undefined;
  private state: Exclude<CtiState, 'off'> = 'reconnecting';
  /** The wait before the next attempt: 0 right after a drop. */
  private backoffMs = 0;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;
  /**
   * performance.now() when the last chunk came off the PBX socket: while an event is handled, when
   * it was read (events are handled as they are read, before the next chunk is).
   */
  readAt = 0;
  /** List actions (QueueStatus, CoreShowChannels) collecting their items until `EventList: Complete`. */
  private readonly lists = new Map<string, { items: AmiEvent[]; done: (items: AmiEvent[]) => void; fail: (error: Error) => void }>();

  constructor(
    private readonly options: AmiLinkOptions,
    private readonly handlers: AmiLinkHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Resolves once the PBX connection is closed (1 s at most): a node handing the link over waits for it. */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    const closed = this.drop();
    // Started again later, its first login is announced as a new connection.
    this.state = 'reconnecting';
    this.backoffMs = 0;
    return closed;
  }

  get currentState(): Exclude<CtiState, 'off'> {
    return this.state;
  }

  /** Sends an action; rejects when the link is down (the library would hold it silently) or on timeout. */
  action(action: Record<string, unknown>): Promise<AmiEvent> {
    const manager = this.manager;
    if (!manager || this.state !== 'connected') return Promise.reject(new Error('AMI desconectado'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`AMI não respondeu a ${String(action.action)}`)), this.options.actionTimeoutMs);
      manager.action(action, (error, response) => {
        clearTimeout(timer);
        if (error) reject(new Error(String(error.message ?? 'AMI recusou a ação')));
        else resolve(response);
      });
    });
  }

  /**
   * Sends a list action and collects its items: asterisk-manager answers only the `EventList:
   * start` response and leaves the items and the `…Complete` event to the event stream.
   */
  list(action: Record<string, unknown>): Promise<AmiEvent[]> {
    const manager = this.manager;
    if (!manager || this.state !== 'connected') return Promise.reject(new Error('AMI desconectado'));
    return new Promise((resolve, reject) => {
      let actionId = '';
      const timer = setTimeout(() => {
        this.lists.delete(actionId);
        reject(new Error(`AMI não respondeu a ${String(action.action)}`));
      }, this.options.actionTimeoutMs);
      actionId = manager.action(action, (error) => {
        if (!error) return;
        clearTimeout(timer);
        this.lists.delete(actionId);
        reject(new Error(String(error.message ?? 'AMI recusou a ação')));
      });
      this.lists.set(actionId, {
        items: [],
        done: (items) => {
          clearTimeout(timer);
          resolve(items);
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  private receive(event: AmiEvent): void {
    const list = typeof event.actionid === 'string' ? this.lists.get(event.actionid) : undefined;
    if (list) {
      if (String(event.eventlist).toLowerCase() === 'complete') {
        this.lists.delete(event.actionid as string);
        list.done(list.items);
      } else {
        list.items.push(event);
      }
      return;
    }
    this.handlers.onEvent(event);
  }

  private connect(): void {
    // No port here: the library would connect at once; we connect below to own the login.
    const manager = Manager(undefined, this.options.host, this.options.username, this.options.secret, true);
    this.manager = manager;
    // Events come from the reader as they are read (onEvent below); an event the library still hands
    // over is one that also carries a Response (OriginateResponse).
    const receive = (event: AmiEvent) => {
      if (this.manager !== manager) return;
      // Called from the socket's reader or the library's process.nextTick: a throw would end the whole server.
      try {
        this.receive(event);
      } catch (error) {
        this.handlers.onSkipped(`erro ao tratar ${String(event.event)}: ${String(error)}`, event);
      }
    };
    manager.on('managerevent', receive);
    // asterisk-manager also hands every answer to an action over as 'asterisk' (it has no Event).
    manager.on('asterisk', (frame) => {
      if (this.manager !== manager) return;
      if (typeof frame.response === 'string') this.handlers.onResponse?.(frame);
      else this.handlers.onSkipped('quadro sem Event nem Response', frame);
    });
    manager.on('response', (response) => {
      if (this.manager === manager && response.response === 'Error' && /authentication failed/i.test(String(response.message))) {
        this.loginRefused();
      }
    });
    manager.on('error', () => undefined);
    manager.on('close', () => {
      if (this.manager === manager) this.lost();
    });
    const { admits, onDropped } = this.handlers;
    const door: FrameDoor | undefined = admits && {
      // Items of a list action carry its ActionID; looked for only while one is pending (not in every frame).
      admits: (event, frame, channelVariables) => admits(event, frame, channelVariables) || (this.lists.size > 0 && ACTION_ID.test(frame)),
      dropped: (frame, event) => onDropped?.(frame, event),
    };
    connectWithFastReader(manager, this.options.port, this.options.host, () => {
      // Stopped or dropped while connecting (a leader handing over, a node stopping): no login on a closed link.
      if (this.manager !== manager) return;
      // A frozen PBX accepts the TCP connection (the kernel does) but never answers the login.
      const silent = setTimeout(() => {
        if (this.manager === manager) this.lost();
      }, this.options.loginTimeoutMs);
      manager.once('close', () => clearTimeout(silent));
      manager.login((error) => {
        clearTimeout(silent);
        if (error || this.manager !== manager) return;
        // The PBX answered: the next drop starts over with an immediate attempt.
        this.backoffMs = 0;
        this.setState('connected');
        this.startHeartbeat();
        this.handlers.onConnected?.();
      });
    }, {
      door,
      onRead: () => {
        this.readAt = performance.now();
      },
      onHandled: () => this.handlers.onHandled?.(),
      onEvent: receive,
      onInvalid: (invalidKey, event) => {
        if (this.manager === manager) this.handlers.onSkipped(`cabeçalho inválido ${JSON.stringify(invalidKey.slice(0, 40))}`, event);
      },
    });
  }

  private startHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      this.action({ action: 'Ping' }).catch(() => {
        // No Pong: the socket may look open while Asterisk is gone. Start over.
        if (this.state === 'connected') this.lost();
      });
    }, this.options.heartbeatMs);
  }

  private lost(): void {
    void this.drop();
    if (this.stopped) return;
    if (this.state !== 'login_refused') this.setState('reconnecting');
    this.scheduleRetry(this.backoffMs);
    this.backoffMs = Math.min(Math.max(this.backoffMs * 2, FIRST_BACKOFF_MS), this.options.maxBackoffMs);
  }

  private loginRefused(): void {
    void this.drop();
    this.setState('login_refused');
    if (!this.stopped) this.scheduleRetry(this.options.refusedRetryMs);
  }

  private scheduleRetry(delayMs: number): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.connect(), delayMs);
  }

  /** Resolves once the dropped connection is closed, or after 1 s. */
  private drop(): Promise<void> {
    clearInterval(this.heartbeat);
    // A list cut short by a lost link is no snapshot: the next connection asks again.
    for (const list of this.lists.values()) list.fail(new Error('AMI desconectado'));
    this.lists.clear();
    const manager = this.manager;
    this.manager = undefined;
    if (!manager?.isConnected()) {
      manager?.disconnect();
      return Promise.resolve();
    }
    const closed = new Promise<void>((resolve) => {
      const gaveUp = setTimeout(resolve, 1_000);
      manager.once('close', () => {
        clearTimeout(gaveUp);
        resolve();
      });
    });
    manager.disconnect();
    return closed;
  }

  private setState(state: Exclude<CtiState, 'off'>): void {
    if (state === this.state) return;
    this.state = state;
    this.handlers.onState(state);
  }
}
