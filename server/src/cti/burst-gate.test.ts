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
