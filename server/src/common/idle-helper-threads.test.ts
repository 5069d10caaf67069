import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

// The built module (npm test builds first), in a process of its own: the threads are the process's.
const BUILT = join(__dirname, '..', '..', 'dist', 'common', 'idle-helper-threads.js');

/** Linux's numbers for the policies in /proc/<pid>/task/<tid>/stat (its 41st field). */
const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

/**
 * A Node that lowers its helper threads, then hands libuv's pool a job (which starts the pool), and
 * reports the threads it had before, what the call said, and every thread's policy after.
 */
const CHILD = `
const { readdirSync, readFileSync, stat } = require('node:fs');
const { idleHelperThreads } = require(${JSON.stringify(BUILT)});
const policies = () => Object.fromEntries(readdirSync('/proc/self/task').map((thread) => {
  const fields = readFileSync('/proc/self/task/' + thread + '/stat', 'utf8');
  return [thread, Number(fields.slice(fields.lastIndexOf(')') + 2).split(' ')[38])];
}));
const before = Object.keys(policies());
const result = idleHelperThreads();
stat('/', () => process.stdout.write(JSON.stringify({ main: String(process.pid), before, result, after: policies() })));
`;

interface Report {
  main: string;
  before: string[];
  result: { lowered: number } | { skipped: string };
  after: Record<string, number>;
}

async function run(environment: NodeJS.ProcessEnv): Promise<Report> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD], { env: environment });
  return JSON.parse(stdout) as Report;
}

describe('idleHelperThreads', () => {
  it("puts the threads Node starts with under SCHED_IDLE, and leaves the main thread and libuv's pool as they are", async () => {
    const { main, before, result, after } = await run(process.env);
    const helpers = before.filter((thread) => thread !== main);
    expect(helpers.length).toBeGreaterThanOrEqual(4);
    expect(result).toEqual({ lowered: helpers.length });
    expect(after[main]).toBe(SCHED_OTHER);
    for (const thread of helpers) expect({ thread, policy: after[thread] }).toEqual({ thread, policy: SCHED_IDLE });
    const pool = Object.keys(after).filter((thread) => !before.includes(thread));
    expect(pool.length).toBeGreaterThan(0);
    for (const thread of pool) expect({ thread, policy: after[thread] }).toEqual({ thread, policy: SCHED_OTHER });
  });

  it('without chrt, says why and changes nothing', async () => {
    const { result, after } = await run({ PATH: '/nonexistent' });
    expect(result).toEqual({ skipped: expect.stringContaining('chrt') });
    expect(new Set(Object.values(after))).toEqual(new Set([SCHED_OTHER]));
  });
});
