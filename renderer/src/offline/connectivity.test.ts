import { Connectivity } from './connectivity';

afterEach(() => jest.useRealTimers());

test('a call that misses the server turns it offline and probes with backoff until one reaches it', async () => {
  jest.useFakeTimers();
  let up = false;
  const connectivity: Connectivity = new Connectivity(async () => connectivity.report(up));
  const seen: boolean[] = [];
  connectivity.subscribe(() => seen.push(connectivity.getSnapshot().online));

  connectivity.report(true);
  expect(seen).toEqual([]);
  connectivity.report(false);
  expect(connectivity.getSnapshot()).toEqual({ online: false });
  expect(seen).toEqual([false]);

  // Probes 1 s after the failure, then 2 s, then 4 s after each one that failed.
  await jest.advanceTimersByTimeAsync(999);
  expect(jest.getTimerCount()).toBe(1);
  await jest.advanceTimersByTimeAsync(1);
  await jest.advanceTimersByTimeAsync(2000);
  expect(connectivity.getSnapshot().online).toBe(false);
  up = true;
  await jest.advanceTimersByTimeAsync(3999);
  expect(connectivity.getSnapshot().online).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  expect(connectivity.getSnapshot()).toEqual({ online: true });
  expect(seen).toEqual([false, true]);
  expect(jest.getTimerCount()).toBe(0);

  // Stopped (the app closed), no probe runs; resumed, it probes again.
  connectivity.report(false);
  connectivity.stop();
  expect(jest.getTimerCount()).toBe(0);
  connectivity.resume();
  expect(jest.getTimerCount()).toBe(1);
  await jest.advanceTimersByTimeAsync(1000);
  expect(connectivity.getSnapshot().online).toBe(true);
});
