/**
 * Lets work that can wait a little (a desk's status line) wait for the PBX to pause, so it is not
 * done between the chunks of a burst, ahead of the screen-pops those chunks bring: in
 * `npm run bench -- cti` the desks' `agent:state` writes were a sixth of the server's work among a
 * 10× burst's 40 AgentCalled. `after()` resolves once nothing has come off the PBX socket for
 * `quietMs`, or `maxMs` after it was first asked, so a PBX that never pauses delays it no more.
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

  /** Something came off the PBX socket: the quiet starts over. Nothing to do while no one waits. */
  read(): void {
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
