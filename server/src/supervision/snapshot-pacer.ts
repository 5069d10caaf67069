/**
 * Paces the supervisors' updates: the first change after a quiet spell is sent as soon as the events
 * at hand are taken, and later changes at most once per `intervalMs`, so a busy PBX costs a few
 * updates a second however many events it sends, and no change waits longer than `intervalMs` to be
 * seen. "At hand": a process.nextTick, which runs once every event of the TCP chunk being read is
 * handled (the reader hands them over as it reads them), so a burst goes out as one update — and before the
 * promise work those events started (an answered call's attendance: TypeORM's synchronous part of a
 * transaction held a microtask send back ~1 ms) and the other I/O of the loop (setImmediate: 1–3 ms).
 */
export class SnapshotPacer {
  private cancel: (() => void) | undefined;
  private lastSentAt = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly send: () => void,
  ) {}

  changed(): void {
    if (this.cancel) return;
    const fire = () => {
      this.cancel = undefined;
      this.lastSentAt = Date.now();
      this.send();
    };
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      let cancelled = false;
      process.nextTick(() => cancelled || fire());
      this.cancel = () => (cancelled = true);
    } else {
      const timer = setTimeout(fire, wait);
      this.cancel = () => clearTimeout(timer);
    }
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}
