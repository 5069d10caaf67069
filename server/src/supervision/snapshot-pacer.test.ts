import { SnapshotPacer } from './snapshot-pacer';

describe('snapshot pacer', () => {
  // process.nextTick stays real: the first change goes out in one, once the events at hand are handled.
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick'] }));
  /** Once the ticks queued so far have run. */
  const ticked = () => new Promise((resolve) => process.nextTick(resolve));
  afterEach(() => jest.useRealTimers());

  it('sends the first change at once, folds a burst into one send per interval, and never holds a change longer than it', async () => {
    const sent: number[] = [];
    const started = Date.now();
    const pacer = new SnapshotPacer(150, () => sent.push(Date.now() - started));

    pacer.changed();
    pacer.changed();
    expect(sent).toEqual([]);
    await ticked();
    expect(sent).toEqual([0]);

    // 1000 changes a second for 1 s: one send every 150 ms.
    for (let ms = 1; ms <= 1000; ms++) {
      jest.advanceTimersByTime(1);
      pacer.changed();
    }
    jest.advanceTimersByTime(150);
    expect(sent).toEqual([0, 150, 300, 450, 600, 750, 900, 1050]);

    // Quiet again: the next change goes out at once.
    jest.advanceTimersByTime(5000);
    pacer.changed();
    await ticked();
    expect(sent.at(-1)).toBe(6150);
    pacer.stop();
  });

  it('stop cancels a pending send, at once or paced', async () => {
    const send = jest.fn();
    const pacer = new SnapshotPacer(150, send);
    pacer.changed();
    pacer.stop();
    await ticked();
    expect(send).not.toHaveBeenCalled();
    pacer.changed();
    await ticked();
    expect(send).toHaveBeenCalledTimes(1);
    pacer.changed();
    pacer.stop();
    jest.runAllTimers();
    expect(send).toHaveBeenCalledTimes(1);
  });
});
