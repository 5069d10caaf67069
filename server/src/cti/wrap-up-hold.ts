import type { AgentBoard } from './agent-board';

/** What the wrap-up needs of the PBX: the member's pause now, and QueuePause. */
export interface WrapUpPbx {
  /** The member's pause reason ('' for none given), null when not paused, undefined when in no queue. */
  pauseOf(extension: string): string | null | undefined;
  setPaused(extension: string, paused: boolean, reason?: string): Promise<void>;
}

/**
 * Wrap-up held in the PBX: when an answered call ends the member is paused with reason
 * CTI_WRAP_UP_REASON, so the queue does not ring an attendant still writing up the last call, until
 * the attendance is finished or CTI_WRAP_UP_MAX_SECONDS pass; then it is unpaused, unless the
 * attendant chose a pause of their own meanwhile (that pause is theirs to end). An agent in no queue
 * keeps the desk's wrap-up only. Times are passed in; the timer that ends a wrap-up is kept here.
 */
export class WrapUpHold {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Members we paused for wrap-up: `sent` until the PBX shows that pause, then `held`. */
  private readonly holds = new Map<string, 'sent' | 'held'>();

  constructor(
    private readonly board: AgentBoard,
    private readonly pbx: WrapUpPbx,
    private readonly reason: string,
    private readonly now: () => number,
    /** The agent's state may have changed (wrap-up ended by the timer or by the PBX). */
    private readonly changed: (extension: string) => void,
    private readonly warn: (message: string) => void,
  ) {}

  /** The answered call ended at `endedAt`. False when the maximum has already passed (nothing held). */
  start(extension: string, endedAt: number): boolean {
    this.board.startWrapUp(extension, endedAt);
    if (!this.schedule(extension)) return false;
    const pause = this.pbx.pauseOf(extension);
    if (pause === this.reason) this.holds.set(extension, 'held');
    else if (pause === null) this.pause(extension);
    return true;
  }

  /** Ends the wrap-up (attendance finished, maximum reached); true when the agent was in wrap-up. */
  end(extension: string): boolean {
    clearTimeout(this.timers.get(extension));
    this.timers.delete(extension);
    const inWrapUp = this.board.endWrapUp(extension, this.now());
    const held = this.holds.delete(extension);
    if (held) {
      this.pbx.setPaused(extension, false).catch((error: unknown) => this.warn(`não foi possível retomar o ramal ${extension} após o pós-atendimento: ${String(error)}`));
    }
    return inWrapUp || held;
  }

  /** The PBX told a new state of the member: our pause showed, or was replaced or released by someone. */
  pbxChanged(extension: string): void {
    const hold = this.holds.get(extension);
    if (!hold) return;
    const pause = this.pbx.pauseOf(extension);
    if (pause === this.reason) {
      this.holds.set(extension, 'held');
    } else if (pause !== null && pause !== undefined) {
      // The attendant's own pause: theirs to end, the wrap-up no longer unpauses them.
      this.holds.delete(extension);
    } else if (hold === 'held') {
      // Unpaused from the desk ([Retomar]) or the PBX: the attendant takes calls again.
      this.holds.delete(extension);
      clearTimeout(this.timers.get(extension));
      this.timers.delete(extension);
      if (this.board.endWrapUp(extension, this.now())) this.changed(extension);
    }
  }

  /** True while a wrap-up of ours is kept for the extension (in memory: not after a restart). */
  holding(extension: string): boolean {
    return this.holds.has(extension) || this.board.wrapUpSince(extension) !== null;
  }

  /**
   * After a restart: the PBX holds the member with the wrap-up pause since `pausedSince`. An
   * attendant whose attendance is still open stays in wrap-up for what is left of the maximum;
   * one who finished it while the server was down is unpaused now.
   */
  restore(extension: string, pausedSince: number, attendanceOpen: boolean): void {
    this.holds.set(extension, 'held');
    if (!attendanceOpen) {
      this.end(extension);
      return;
    }
    this.board.startWrapUp(extension, pausedSince);
    this.schedule(extension);
  }

  /** A wrap-up the PBX does not hold yet (the pause was lost with the link): pause again. */
  rehold(extension: string): void {
    if (this.board.wrapUpSince(extension) !== null && !this.holds.has(extension) && this.pbx.pauseOf(extension) === null) this.pause(extension);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Arms the timer of the maximum; ends the wrap-up at once (false) when it has passed. */
  private schedule(extension: string): boolean {
    clearTimeout(this.timers.get(extension));
    this.timers.delete(extension);
    const endsAt = this.board.wrapUpEndsAt(extension);
    if (endsAt === null) return true;
    const left = endsAt - this.now();
    if (left <= 0) {
      if (this.end(extension)) this.changed(extension);
      return false;
    }
    this.timers.set(
      extension,
      setTimeout(() => {
        // The attendance may stay open: the agent takes calls again all the same.
        if (this.end(extension)) this.changed(extension);
      }, left),
    );
    return true;
  }

  private pause(extension: string): void {
    this.holds.set(extension, 'sent');
    this.pbx.setPaused(extension, true, this.reason).catch((error: unknown) => {
      if (this.holds.get(extension) === 'sent') this.holds.delete(extension);
      this.warn(`não foi possível pausar o ramal ${extension} para o pós-atendimento: ${String(error)}`);
    });
  }
}
