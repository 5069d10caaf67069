import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { SCHED_BATCH, SCHED_IDLE, SCHED_OTHER, threadPolicies } from '../testing/thread-policies';
import { helperThreadsUnder } from './helper-threads';

// The built module (npm test builds first), in a process of its own: the threads are the process's.
const BUILT = join(__dirname, '..', '..', 'dist', 'common', 'helper-threads.js');

/**
 * A Node that lists its threads, puts its helper threads under SCHED_BATCH, then hands libuv's pool
 * a job (which starts the pool), says so with the threads it had before and what the call returned,
 * and waits for its stdin to close while its threads are read.
 */
const CHILD = `
const { readdirSync, stat } = require('node:fs');
const { helperThreadsUnder } = require(${JSON.stringify(BUILT)});
const before = readdirSync('/proc/self/task').map(Number);
const result = helperThreadsUnder('batch');
stat('/', () => process.stdout.write(JSON.stringify({ before, result }) + '\\n'));
process.stdin.resume();
`;

interface Report {
  main: number;
  before: number[];
  result: { changed: number } | { skipped: string };
  after: Map<number, number>;
}

async function run(environment: NodeJS.ProcessEnv): Promise<Report> {
  const child = spawn(process.execPath, ['-e', CHILD], { env: environment, stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    const { before, result } = JSON.parse(line.toString()) as Pick<Report, 'before' | 'result'>;
    return { main: child.pid!, before, result, after: threadPolicies(child.pid!) };
  } finally {
    child.stdin!.end();
    await once(child, 'close');
  }
}

describe('helperThreadsUnder', () => {
  it("puts the threads Node starts with under SCHED_BATCH, and leaves the main thread and libuv's pool as they are", async () => {
    const { main, before, result, after } = await run(process.env);
    const helpers = before.filter((thread) => thread !== main);
    expect(helpers.length).toBeGreaterThanOrEqual(4);
    expect(result).toEqual({ changed: helpers.length });
    expect(after.get(main)).toBe(SCHED_OTHER);
    for (const thread of helpers) expect({ thread, policy: after.get(thread) }).toEqual({ thread, policy: SCHED_BATCH });
    const pool = [...after.keys()].filter((thread) => !before.includes(thread));
    expect(pool.length).toBeGreaterThan(0);
    for (const thread of pool) expect({ thread, policy: after.get(thread) }).toEqual({ thread, policy: SCHED_OTHER });
  });

  it("puts another process's helper threads under SCHED_IDLE, not its main thread, when given its pid", async () => {
    // Running JavaScript: the threads Node starts with are all there.
    const child = spawn(process.execPath, ['-e', "process.stdout.write('up'); process.stdin.resume()"], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await once(child.stdout!, 'data');
      const result = helperThreadsUnder('idle', child.pid!);
      const after = threadPolicies(child.pid!);
      expect(after.size).toBeGreaterThanOrEqual(5);
      expect(result).toEqual({ changed: after.size - 1 });
      expect(after.get(child.pid!)).toBe(SCHED_OTHER);
      for (const [thread, policy] of after) if (thread !== child.pid) expect({ thread, policy }).toEqual({ thread, policy: SCHED_IDLE });
    } finally {
      child.stdin!.end();
      await once(child, 'close');
    }
  });

  it('without chrt, says why and changes nothing', async () => {
    const { result, after } = await run({ PATH: '/nonexistent' });
    expect(result).toEqual({ skipped: expect.stringContaining('chrt') });
    expect(new Set(after.values())).toEqual(new Set([SCHED_OTHER]));
  });
});
