import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/**
 * Leaves the main thread its core: the threads the process has before it starts any work (V8's
 * platform workers, which compile optimized code and help the garbage collector, and Node's
 * delayed-task and inspector threads) are put under Linux's SCHED_IDLE. They then run on a core
 * nothing else wants, and give way as soon as the main thread wakes.
 *
 * Why: with `perf sched` during the supervision bench, a V8 worker woke on the main thread's core and
 * ran 4.2 ms there while the main thread, runnable and halfway through a supervisors' update, waited,
 * and the other core stayed idle. Such stalls were the slowest pops and updates of a run.
 *
 * libuv's pool threads are created later, by the main thread, and keep its policy: they hash passwords
 * and read files for requests. Call this first, before anything uses the pool.
 *
 * Node has no binding for sched_setscheduler; util-linux's chrt (part of every Debian) sets the policy,
 * one thread at a time. Lowering a thread's own policy needs no privilege. `pid`: another process of
 * the same user (the CTI bench lowers its load's helpers this way).
 */
export function idleHelperThreads(pid = process.pid): { lowered: number } | { skipped: string } {
  if (process.platform !== 'linux') return { skipped: 'not Linux' };
  const helpers = readdirSync(`/proc/${pid}/task`).filter((thread) => thread !== String(pid));
  try {
    for (const thread of helpers) execFileSync('chrt', ['--idle', '--pid', '0', thread], { stdio: 'ignore' });
  } catch (error) {
    // A thread that ended meanwhile or no chrt: the server runs as before, only without this.
    return { skipped: `chrt: ${(error as Error).message}` };
  }
  return { lowered: helpers.length };
}
