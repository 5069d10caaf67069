import { retryDelay } from './draft-queue';

export interface ConnectivityState {
  /** False since a call found the server out of reach, until one reaches it again. */
  online: boolean;
}

/**
 * Whether the server answers, as the API client sees it on every call. Once a call fails to reach
 * it, `probe` (a health check through the same client) runs with backoff until one gets through,
 * so the desk learns the server is back even when the attendant does nothing.
 */
export class Connectivity {
  private state: ConnectivityState = { online: true };
  private failures = 0;
  private active = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly probe: () => Promise<unknown>) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ConnectivityState => this.state;

  readonly report = (reachable: boolean): void => {
    if (reachable) {
      this.failures = 0;
      clearTimeout(this.timer);
      this.timer = undefined;
      if (!this.state.online) this.set({ online: true });
      return;
    }
    this.failures++;
    if (this.state.online) this.set({ online: false });
    this.scheduleProbe();
  };

  /** Probes again after stop(), if the server was out of reach. */
  resume(): void {
    this.active = true;
    if (!this.state.online) this.scheduleProbe();
  }

  stop(): void {
    this.active = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleProbe(): void {
    if (!this.active || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // The client reports the outcome; a failed probe schedules the next one through report().
      this.probe().catch(() => undefined);
    }, retryDelay(this.failures));
  }

  private set(state: ConnectivityState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
