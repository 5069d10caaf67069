/**
 * Work kept in order per key (a call's pop is never overtaken by its own end; an agent's states go
 * out in the order they happened), different keys in parallel. A failure is reported and the chain
 * goes on with the next piece of work.
 */
export class OrderedWork {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly failed: (key: string, error: unknown) => void) {}

  /** Nothing runs or waits for this key: work done now keeps the order. */
  idle(key: string): boolean {
    return !this.chains.has(key);
  }

  run(key: string, work: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(key) ?? Promise.resolve()).then(work).catch((error: unknown) => this.failed(key, error));
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    return next;
  }
}
