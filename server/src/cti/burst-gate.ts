/**
 * Lets work that can wait a little (a desk's status line) wait for the PBX to pause, so it is not
 * done between the chunks of a burst, ahead of the screen-pops those chunks bring: in
 * `npm run bench -- cti` the desks' `agent:state` writes were a sixth of the server's work among a
 * 10× burst's 40 AgentCalled. `after()` resolves once nothing has come off the PBX socket for
 * `quietMs` after the last of it was handled, or `maxMs` after it was first asked, so a PBX that
 * never pauses delays it no more. Counted from a read's start instead, the quiet ran out while a
 * read of a 10× burst was handled (1–3.5 ms), before the next one, already waiting, was read.
 * Node has no such primitive; two timers, armed only while someone waits, make it.
 */
export class BurstGate {
  private waiting: Array<() => void> = [];
  private quiet: NodeJS.Timeout | undefined;
  private cap: NodeJS.Timeout | undefined;

  constructor(
    private readonly quietMs: number,
    private readonly maxMs: number,
  ) {}

  /** What came off the PBX socket is handled: the quiet starts over. Nothing to do while no one waits. */
  handled(): void {
    this.quiet?.refresh();
  }

  after(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (this.waiting.length > 1) return;
      this.quiet = setTimeout(this.release, this.quietMs);
      this.cap = setTimeout(this.release, this.maxMs);
    });
  }

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
