import type { AgentState, AgentStateName } from '@receptivo/shared';
import type { AnnouncedAgentState } from './call-tracker';

/** An agent as supervisors see it, and since when (ms; null: never seen in a queue). */
export interface BoardView {
  state: AgentStateName;
  reason: string | null;
  since: number | null;
}

interface Entry {
  /** The tracker's word; null until the PBX said anything of this extension. */
  announced: AnnouncedAgentState | null;
  /** When the last answered call ended while its attendance stays open. */
  wrapUpSince: number | null;
  /**
   * Ids of the /cti connections of the extension's user: a connection told twice (a new leader's
   * count, then the connection's own word, retried until a leader heard it) is one desk.
   */
  desks: Set<string>;
  view: BoardView;
}

const OFFLINE = { state: 'offline', reason: null } as const;

/**
 * The desk's rules on top of what the PBX says, without I/O (times are passed in):
 * - wrap_up: the attendance of the agent's last answered call is still open. The PBX holds the agent
 *   with a pause of reason CTI_WRAP_UP_REASON (shown as wrap_up, never as a pause); until that pause
 *   shows, an available agent is shown in wrap-up too. It ends when the attendance is finished, or
 *   CTI_WRAP_UP_MAX_SECONDS after the call ended (0: no maximum); the shell schedules that moment
 *   from wrapUpEndsAt and releases the pause.
 * - offline: every queue membership's device is unavailable (the PBX's word, as the tracker reads
 *   it) or, for supervisors, no desk of the agent's user is connected: an attendant who closed the
 *   Receptivo takes no attendance even if the phone stays in the queue. A call ringing or in
 *   progress is shown as it is, desk or not, because it is happening.
 * The attendant's own desk is told its state without the desk rule: it is connected when it hears it.
 */
export class AgentBoard {
  private readonly entries = new Map<string, Entry>();

  /** `wrapUpReason`: the PBX pause that holds an agent in wrap-up (CTI_WRAP_UP_REASON) shows as wrap_up. */
  constructor(
    private readonly wrapUpMaxMs: number,
    private readonly wrapUpReason: string,
  ) {}

  /** The tracker announced a new PBX state. */
  announce(extension: string, announced: AnnouncedAgentState, now: number): void {
    this.entry(extension).announced = announced;
    this.refresh(extension, now);
  }

  /** The agent's answered call ended; a new call ending restarts the count. */
  startWrapUp(extension: string, now: number): void {
    this.entry(extension).wrapUpSince = now;
    this.refresh(extension, now);
  }

  /** The attendance was finished, or the maximum passed: true when the agent was in wrap-up. */
  endWrapUp(extension: string, now: number): boolean {
    const entry = this.entries.get(extension);
    if (entry?.wrapUpSince == null) return false;
    entry.wrapUpSince = null;
    this.refresh(extension, now);
    return true;
  }

  /** Since when the agent is in wrap-up; null when not. */
  wrapUpSince(extension: string): number | null {
    return this.entries.get(extension)?.wrapUpSince ?? null;
  }

  /** When the wrap-up reaches CTI_WRAP_UP_MAX_SECONDS; null without a wrap-up or a maximum. */
  wrapUpEndsAt(extension: string): number | null {
    const since = this.entries.get(extension)?.wrapUpSince;
    return since == null || this.wrapUpMaxMs === 0 ? null : since + this.wrapUpMaxMs;
  }

  deskConnected(extension: string, socketId: string, now: number): void {
    this.entry(extension).desks.add(socketId);
    this.refresh(extension, now);
  }

  deskDisconnected(extension: string, socketId: string, now: number): void {
    this.entry(extension).desks.delete(socketId);
    this.refresh(extension, now);
  }

  /** Whether a desk of the extension is connected, on any node (as counted here). */
  hasDesk(extension: string): boolean {
    return (this.entries.get(extension)?.desks.size ?? 0) > 0;
  }

  /** No desk is counted any more (a new leader counts them again). */
  forgetDesks(now: number): void {
    for (const [extension, entry] of this.entries) {
      entry.desks.clear();
      this.refresh(extension, now);
    }
  }

  /** agent:state for the attendant's own desk. */
  deskState(extension: string): AgentState {
    const entry = this.entries.get(extension);
    const { state, reason } = entry ? this.withWrapUp(entry) : OFFLINE;
    return reason ? { state, reason } : { state };
  }

  /** The extensions the board heard of (from the PBX or a desk). */
  extensions(): Iterable<string> {
    return this.entries.keys();
  }

  /** What supervisors see of the extension. */
  view(extension: string): Readonly<BoardView> | undefined {
    return this.entries.get(extension)?.view;
  }

  private entry(extension: string): Entry {
    let entry = this.entries.get(extension);
    if (!entry) {
      entry = { announced: null, wrapUpSince: null, desks: new Set(), view: { ...OFFLINE, since: null } };
      this.entries.set(extension, entry);
    }
    return entry;
  }

  private refresh(extension: string, now: number): void {
    const entry = this.entries.get(extension)!;
    const next = this.supervisedState(entry);
    if (next.state === entry.view.state && next.reason === entry.view.reason) return;
    entry.view = { ...next, since: now };
  }

  private withWrapUp({ announced, wrapUpSince }: Entry): AnnouncedAgentState {
    if (!announced) return OFFLINE;
    if (announced.state === 'paused' && announced.reason === this.wrapUpReason) return { state: 'wrap_up', reason: null };
    return announced.state === 'available' && wrapUpSince !== null ? { state: 'wrap_up', reason: null } : announced;
  }

  private supervisedState(entry: Entry): AnnouncedAgentState {
    const own = this.withWrapUp(entry);
    if (own.state === 'ringing' || own.state === 'on_call' || entry.desks.size > 0) return own;
    return OFFLINE;
  }
}
