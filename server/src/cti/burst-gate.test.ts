import { BurstGate } from './burst-gate';

describe('BurstGate', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Resolves `gate.after()` and notes the fake time it resolved at. */
  function waitOn(gate: BurstGate): { at: number | undefined } {
    const started = Date.now();
    const seen: { at: number | undefined } = { at: undefined };
    void gate.after().then(() => (seen.at = Date.now() - started));
    return seen;
  }

  it('lets the work go once the PBX has been silent for the quiet time', async () => {
    const gate = new BurstGate(2, 50);
    const seen = waitOn(gate);
    // A burst: data every millisecond for 10 ms, the last at 9.
    for (let elapsed = 0; elapsed < 10; elapsed += 1) {
      gate.handled();
      await jest.advanceTimersByTimeAsync(1);
    }
    expect(seen.at).toBeUndefined();
    await jest.advanceTimersByTimeAsync(2);
    expect(seen.at).toBe(11);
  });

  it('lets it go at the cap when the PBX never pauses, and every waiter of that round with it', async () => {
    const gate = new BurstGate(2, 50);
    const first = waitOn(gate);
    await jest.advanceTimersByTimeAsync(1);
    gate.handled();
    const second = waitOn(gate);
    for (let elapsed = 1; elapsed < 80; elapsed += 1) {
      gate.handled();
      await jest.advanceTimersByTimeAsync(1);
    }
    expect(first.at).toBe(50);
    expect(second.at).toBe(49);
  });

  it('goes at once after the quiet time when nothing is read, and starts a new round afterwards', async () => {
    const gate = new BurstGate(2, 50);
    gate.handled();
    const first = waitOn(gate);
    await jest.advanceTimersByTimeAsync(2);
    expect(first.at).toBe(2);
    const next = waitOn(gate);
    await jest.advanceTimersByTimeAsync(1);
    gate.handled();
    await jest.advanceTimersByTimeAsync(2);
    expect(next.at).toBe(3);
  });
});

describe('BurstGate in a busy event loop', () => {
  /** Handling a chunk: the event loop's thread is busy, as it is with a burst's 140 frames. */
  function handleFor(ms: number): void {
    const until = performance.now() + ms;
    while (performance.now() < until);
  }

  it('sees no pause between chunks that each take longer than the quiet time to handle', async () => {
    const gate = new BurstGate(2, 50);
    let releasedAt: number | undefined;
    void gate.after().then(() => (releasedAt = performance.now()));
    const releasedBeforeChunk: boolean[] = [];
    let lastHandledAt = 0;
    for (let chunk = 0; chunk < 5; chunk += 1) {
      // The next chunk comes on a later turn of the loop, after its timers.
      await new Promise(setImmediate);
      releasedBeforeChunk.push(releasedAt !== undefined);
      handleFor(3);
      // Stamped before the gate stamps it: the gate's 2 ms count from no earlier.
      lastHandledAt = performance.now();
      gate.handled();
    }
    expect(releasedBeforeChunk).toEqual([false, false, false, false, false]);
    await new Promise<void>((resolve) => void gate.after().then(resolve));
    expect(releasedAt! - lastHandledAt).toBeGreaterThanOrEqual(2);
  });
});
