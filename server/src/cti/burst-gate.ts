/**
 * Lets work that can wait a little (a desk's status line) wait for the PBX to pause, so it is not
 * done between the chunks of a burst, ahead of the screen-pops those chunks bring: in
 * `npm run bench -- cti` the desks' `agent:state` writes were a sixth of the server's work among a
 * 10× burst's 40 AgentCalled. `after()` resolves once nothing has come off the PBX socket for
 * `quietMs` after the last of it was handled, or `maxMs` after it was first asked, so a PBX that
 * never pauses delays it no more. Node has no such primitive; two timers, armed only while someone
 * waits, make it.
 */
export class BurstGate {
  private waiting: Array<() => void> = [];
  private quiet: NodeJS.Timeout | undefined;
  private cap: NodeJS.Timeout | undefined;
  private handledAt = -Infinity;

  constructor(
    private readonly quietMs: number,
    private readonly maxMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** What came off the PBX socket is handled: the quiet starts over. */
  handled(): void {
    this.handledAt = this.now();
    this.quiet?.refresh();
  }

  after(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (this.waiting.length > 1) return;
      this.quiet = setTimeout(this.quietOver, this.quietMs);
      this.cap = setTimeout(this.release, this.maxMs);
    });
  }

  /**
   * A timer counts from the start of the event loop's turn that armed or refreshed it: after a chunk
   * handled for longer than `quietMs` it expired before the loop read the next chunk, already waiting
   * in the socket, and the desks' states went out between a 10× burst's chunks. The clock decides.
   */
  private readonly quietOver = (): void => {
    const left = this.handledAt + this.quietMs - this.now();
    if (left > 0) this.quiet = setTimeout(this.quietOver, left);
    else this.release();
  };

  private readonly release = (): void => {
    clearTimeout(this.quiet);
    clearTimeout(this.cap);
    this.quiet = undefined;
    this.cap = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  };
}
