import type {
  Attendance,
  CustomerSummary,
  FinishAttendance,
  LinkCustomer,
  RegisterInformation,
  RegisterRequest,
  Request,
  StartAttendance,
} from '@receptivo/shared';
import { ApiError, describeError, isUnreachable } from '../api/client';
import { isLocalAttendance, randomId } from './ids';

/** One write of an attendance, with what the desk shows of it until the server confirms it. */
export type DraftOperation =
  | { kind: 'start'; body: Required<StartAttendance> }
  | { kind: 'link-customer'; body: LinkCustomer; customer: CustomerSummary }
  | { kind: 'register-information'; body: RegisterInformation; title: string }
  | { kind: 'register-request'; body: RegisterRequest; typeName: string }
  | { kind: 'finish'; body: Required<FinishAttendance> };
export type DraftKind = DraftOperation['kind'];
/** The server answers a request registration with the request, anything else with the attendance. */
export type DraftAnswer<Kind extends DraftKind = DraftKind> = Kind extends 'register-request' ? Request : Attendance;

export interface DraftEntry {
  /** Also the Idempotency-Key: however often it is sent, the server registers it once. */
  key: string;
  /** The server's id, or a local one (`local-…`) until the attendance's start is confirmed. */
  attendanceId: string;
  /** Null until the server numbers an attendance started offline. */
  attendanceProtocol: string | null;
  operation: DraftOperation;
  createdAt: string;
  /** The server's refusal, in its words; the entry then waits for the attendant to retry or discard it. */
  refusal: string | null;
}

/** An operation the server confirmed after it had waited in the queue, to tell the attendant. */
export interface DraftConfirmation {
  key: string;
  kind: DraftKind;
  /** The request's protocol for a request; the attendance's for anything else. */
  protocol: string;
  /** The customer's name, the information's title or the request type, when the kind has one. */
  label: string | null;
}

export interface DraftState {
  /** In the order they were made; sent in that order. */
  entries: DraftEntry[];
  /** Local attendance id → the server's attendance, once its start is confirmed. */
  started: Record<string, StartedAttendance>;
  confirmations: DraftConfirmation[];
  /**
   * The attendance the desk showed last (null: none open), to show again while the server cannot be
   * asked for it; absent until the desk has shown anything.
   */
  lastAttendance?: Attendance | null;
}

/** Which attendance an operation belongs to: its id (local until started) and protocol ('' until numbered). */
export interface AttendanceRef {
  id: string;
  protocol: string;
}

/** An attendance started on this desk, with when the attendant started it (its timer counts from there). */
export interface StartedAttendance extends AttendanceRef {
  startedAt?: string;
}

export const emptyDraftState: DraftState = { entries: [], started: {}, confirmations: [] };

export interface DraftStorage {
  read(): DraftState;
  /** Throws when the state could not be kept (storage full or denied). */
  write(state: DraftState): void;
}

export interface DraftSnapshot extends DraftState {
  sending: boolean;
  /** Keys of entries whose maker still waits for the outcome (just made, being sent): not yet kept for later. */
  awaited: ReadonlySet<string>;
  /** The last change could not be written to this computer: reloading the page would lose it. */
  unsaved: boolean;
}

/** Sends one entry; `attendanceId` is the server's id (null for a start). Throws ApiError or NetworkError. */
export type DraftSender = (entry: DraftEntry, attendanceId: string | null) => Promise<DraftAnswer>;

export type DraftSubmission<Kind extends DraftKind> =
  | { state: 'sent'; answer: DraftAnswer<Kind> }
  /** Kept to be sent later: the server is out of reach, or an earlier entry of the attendance was refused. */
  | { state: 'queued'; entry: DraftEntry };

export interface DraftSent {
  entry: DraftEntry;
  /** The attendance's server id (for a start, the one just given). */
  attendanceId: string;
  answer: DraftAnswer;
}

interface Waiter {
  entry: DraftEntry;
  resolve(submission: DraftSubmission<DraftKind>): void;
  reject(error: unknown): void;
}

/** 1 s after the first failure, doubling up to 20 s: a server back is noticed quickly without hammering one that is not. */
export function retryDelay(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(failures - 1, 0), 20_000);
}

/** Worth sending again later: no answer, a server failure, a busy server, or a session to renew first. */
function isTransient(error: unknown): boolean {
  if (isUnreachable(error)) return true;
  return error instanceof ApiError && (error.statusCode >= 500 || error.statusCode === 401 || error.statusCode === 408 || error.statusCode === 429);
}

/** Only a desk still showing an attendance by its local id needs the mapping: the last few are plenty. */
function keepLast(started: DraftState['started']): DraftState['started'] {
  return Object.fromEntries(Object.entries(started).slice(-20));
}

function confirmationOf(entry: DraftEntry, answer: DraftAnswer): DraftConfirmation {
  const { key, operation } = entry;
  switch (operation.kind) {
    case 'register-request':
      return { key, kind: operation.kind, protocol: answer.protocol, label: operation.typeName };
    case 'link-customer':
      return { key, kind: operation.kind, protocol: answer.protocol, label: operation.customer.name };
    case 'register-information':
      return { key, kind: operation.kind, protocol: answer.protocol, label: operation.title };
    case 'start':
    case 'finish':
      return { key, kind: operation.kind, protocol: answer.protocol, label: null };
  }
}

/**
 * The attendance writes of one user, kept in storage until the server confirms them. Every write
 * goes through here, online or not, so the order is one: entries are sent first to last, each with
 * its key as Idempotency-Key. An unreachable server stops the round and a later one resumes it
 * (backoff); a refusal is kept with the server's message and holds back the rest of its attendance
 * until the attendant retries or discards it. Nothing is dropped without the attendant's say.
 */
export class DraftQueue {
  private state: DraftState;
  private snapshot: DraftSnapshot;
  private sending = false;
  private unsaved = false;
  /** Set and cleared synchronously, so a flush asked for while a round ends starts a new one. */
  private busy = false;
  private round: Promise<void> = Promise.resolve();
  private retrying = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly waiters = new Map<string, Waiter>();
  private readonly listeners = new Set<() => void>();
  private readonly sentListeners = new Set<(sent: DraftSent) => void>();

  constructor(
    private readonly storage: DraftStorage,
    private readonly send: DraftSender,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.state = storage.read();
    this.snapshot = this.makeSnapshot();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): DraftSnapshot => this.snapshot;

  /** Called for every entry the server confirmed, whether it was just made or waited. */
  onSent(listener: (sent: DraftSent) => void): () => void {
    this.sentListeners.add(listener);
    return () => this.sentListeners.delete(listener);
  }

  /** Sends what waits now, and again with backoff after the server was out of reach. */
  start(): void {
    this.retrying = true;
    void this.flush();
  }

  /** No more retries; what is stored stays for the next start. */
  stop(): void {
    this.retrying = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /**
   * Keeps the operation and sends it after whatever waits before it. Answers the server's answer
   * when it arrived now, or `queued`; a refusal of the operation just made is thrown (ApiError) and
   * not kept, since the attendant is there to correct it.
   */
  submit<Operation extends DraftOperation>(attendance: AttendanceRef, operation: Operation): Promise<DraftSubmission<Operation['kind']>> {
    const { id, protocol } = this.resolve(attendance);
    const entry: DraftEntry = {
      key: randomId(),
      attendanceId: id,
      attendanceProtocol: isLocalAttendance(id) ? null : protocol,
      operation,
      createdAt: this.now().toISOString(),
      refusal: null,
    };
    const submission = new Promise<DraftSubmission<DraftKind>>((resolve, reject) => this.waiters.set(entry.key, { entry, resolve, reject }));
    this.mutate((state) => ({ ...state, entries: [...state.entries, entry] }));
    void this.flush();
    return submission as Promise<DraftSubmission<Operation['kind']>>;
  }

  /** Sends the entries that can go, in order, until none is left or the server is out of reach. */
  flush(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      this.round = this.run();
    }
    return this.round;
  }

  /** The attendant asks to send a refused entry again (e.g. after fixing what the server named). */
  retry(key: string): Promise<void> {
    this.mutate((state) => ({ ...state, entries: state.entries.map((entry) => (entry.key === key ? { ...entry, refusal: null } : entry)) }));
    this.failures = 0;
    return this.flush();
  }

  /** The attendant gives an entry up; giving up a start gives up everything of that attendance. */
  discard(key: string): void {
    this.mutate((state) => {
      const entry = state.entries.find((item) => item.key === key);
      if (!entry) return state;
      const whole = entry.operation.kind === 'start';
      return { ...state, entries: state.entries.filter((item) => item.key !== key && !(whole && item.attendanceId === entry.attendanceId)) };
    });
    void this.flush();
  }

  dismissConfirmations(): void {
    this.mutate((state) => ({ ...state, confirmations: [] }));
  }

  remember(attendance: Attendance | null): void {
    if (JSON.stringify(attendance) === JSON.stringify(this.state.lastAttendance)) return;
    this.mutate((state) => ({ ...state, lastAttendance: attendance }));
  }

  /** The server's attendance for one started here, once known; any other as it is. */
  resolve(attendance: AttendanceRef): AttendanceRef {
    return this.state.started[attendance.id] ?? attendance;
  }

  /** Takes what another window of the same browser wrote. */
  reload(): void {
    if (this.unsaved) return;
    this.state = this.storage.read();
    this.publish();
  }

  private async run(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.setSending(true);
    let unreachable = false;
    try {
      for (let entry = this.nextSendable(); entry; entry = this.nextSendable()) {
        if (!(await this.attempt(entry))) {
          unreachable = true;
          break;
        }
      }
    } finally {
      this.busy = false;
      // Whoever waits on an entry not sent in this round learns it is kept for later.
      for (const waiter of this.waiters.values()) waiter.resolve({ state: 'queued', entry: waiter.entry });
      this.waiters.clear();
      this.setSending(false);
      if (unreachable && this.retrying) this.retryTimer = setTimeout(() => void this.flush(), retryDelay(this.failures));
    }
  }

  /** The first entry not held back by a refusal earlier in its attendance. */
  private nextSendable(): DraftEntry | undefined {
    const held = new Set<string>();
    for (const entry of this.state.entries) {
      if (held.has(entry.attendanceId)) continue;
      // A refused entry, or a local attendance whose start is not before it, holds back what follows.
      if (entry.refusal !== null || (isLocalAttendance(entry.attendanceId) && entry.operation.kind !== 'start')) {
        held.add(entry.attendanceId);
        continue;
      }
      return entry;
    }
    return undefined;
  }

  /** False when the server was out of reach: the round stops there. */
  private async attempt(entry: DraftEntry): Promise<boolean> {
    let answer: DraftAnswer;
    try {
      answer = await this.send(entry, entry.operation.kind === 'start' ? null : entry.attendanceId);
    } catch (error) {
      if (isTransient(error)) {
        this.failures++;
        return false;
      }
      this.refuse(entry, error);
      return true;
    }
    this.failures = 0;
    this.confirm(entry, answer);
    return true;
  }

  private confirm(entry: DraftEntry, answer: DraftAnswer): void {
    const waiter = this.waiters.get(entry.key);
    this.waiters.delete(entry.key);
    const { operation } = entry;
    const attendance: AttendanceRef =
      operation.kind === 'register-request'
        ? { id: (answer as Request).attendanceId, protocol: (answer as Request).attendanceProtocol }
        : { id: (answer as Attendance).id, protocol: (answer as Attendance).protocol };
    const localId = operation.kind === 'start' ? entry.attendanceId : null;
    this.mutate((state) => {
      // Another window of the same browser may have sent it first.
      if (!state.entries.some((item) => item.key === entry.key)) return state;
      const entries = state.entries.filter((item) => item.key !== entry.key);
      return {
        ...state,
        entries: localId
          ? entries.map((item) => (item.attendanceId === localId ? { ...item, attendanceId: attendance.id, attendanceProtocol: attendance.protocol } : item))
          : entries,
        started: localId ? keepLast({ ...state.started, [localId]: { ...attendance, startedAt: entry.createdAt } }) : state.started,
        confirmations: waiter ? state.confirmations : [...state.confirmations, confirmationOf(entry, answer)],
      };
    });
    for (const listener of this.sentListeners) listener({ entry, attendanceId: attendance.id, answer });
    waiter?.resolve({ state: 'sent', answer });
  }

  private refuse(entry: DraftEntry, error: unknown): void {
    const waiter = this.waiters.get(entry.key);
    if (waiter) {
      this.waiters.delete(entry.key);
      this.mutate((state) => ({ ...state, entries: state.entries.filter((item) => item.key !== entry.key) }));
      waiter.reject(error);
      return;
    }
    const refusal = describeError(error);
    this.mutate((state) => ({ ...state, entries: state.entries.map((item) => (item.key === entry.key ? { ...item, refusal } : item)) }));
  }

  /** Changes the stored state, starting from what storage holds (another window may have written). */
  private mutate(change: (state: DraftState) => DraftState): void {
    this.state = change(this.unsaved ? this.state : this.storage.read());
    try {
      this.storage.write(this.state);
      this.unsaved = false;
    } catch {
      this.unsaved = true;
    }
    this.publish();
  }

  private setSending(sending: boolean): void {
    if (this.sending === sending) return;
    this.sending = sending;
    this.publish();
  }

  private makeSnapshot(): DraftSnapshot {
    return { ...this.state, sending: this.sending, awaited: new Set(this.waiters.keys()), unsaved: this.unsaved };
  }

  private publish(): void {
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}
