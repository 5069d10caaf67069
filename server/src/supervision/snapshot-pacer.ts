/**
 * Paces the supervisors' updates: the first change after a quiet spell is sent as soon as the events
 * at hand are taken (setImmediate: a burst read from one TCP chunk goes out as one), and later
 * changes at most once per `intervalMs`, so a busy PBX costs a few updates a second however
 * many events it sends, and no change waits longer than `intervalMs` to be seen.
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
      const immediate = setImmediate(fire);
      this.cancel = () => clearImmediate(immediate);
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
