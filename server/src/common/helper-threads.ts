import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/**
 * Keeps the main thread from being preempted by its own helpers: the threads the process has before
 * it starts any work (V8's platform workers, which compile optimized code and help the garbage
 * collector, and Node's delayed-task and inspector threads) are put under Linux's SCHED_BATCH. A
 * thread under it does not preempt the running one when it wakes; it waits for the next tick or a
 * free core. It keeps its nice level, so its share of a busy core is the main thread's.
 *
 * Why: with `perf sched` during the supervision bench, a V8 worker woke on the main thread's core and
 * ran 4.2 ms there while the main thread, runnable and halfway through a supervisors' update, waited,
 * and the other core stayed idle.
 *
 * Why not SCHED_IDLE, used before (or nice 19): the main thread waits for its helpers, in glibc's
 * pthread_cond_signal when it hands V8 a task and when the collector joins them. On a host whose
 * every core was busy, helpers that barely ran held the main thread up to 1.8 s at a time
 * (docs/architecture.md, Process model); under SCHED_BATCH, 14 ms at most.
 *
 * libuv's pool threads are created later, by the main thread, and keep its policy: they hash
 * passwords and read files for requests. Call this first, before anything uses the pool. Node has no
 * binding for sched_setscheduler; util-linux's chrt (part of every Debian) sets the policy, one thread
 * at a time. A thread may be put under SCHED_BATCH or SCHED_IDLE without privilege.
 *
 * `idle` and `pid`: the CTI bench puts its load's helpers (another process of the same user) under
 * SCHED_IDLE, where a load held back by them only shows as a fake PBX behind the pace.
 */
export function helperThreadsUnder(policy: 'batch' | 'idle', pid = process.pid): { changed: number } | { skipped: string } {
  if (process.platform !== 'linux') return { skipped: 'not Linux' };
  const helpers = readdirSync(`/proc/${pid}/task`).filter((thread) => thread !== String(pid));
  try {
    for (const thread of helpers) execFileSync('chrt', [`--${policy}`, '--pid', '0', thread], { stdio: 'ignore' });
  } catch (error) {
    // A thread that ended meanwhile or no chrt: the process runs as before, only without this.
    return { skipped: `chrt: ${(error as Error).message}` };
  }
  return { changed: helpers.length };
}
