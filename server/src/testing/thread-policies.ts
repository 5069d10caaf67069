import { readFileSync, readdirSync } from 'node:fs';

/** Linux's numbers for the scheduling policies /proc shows. */
export const SCHED_OTHER = 0;
export const SCHED_BATCH = 3;
export const SCHED_IDLE = 5;

/** Each thread of a process and its scheduling policy, from /proc/<pid>/task/<tid>/stat. */
export function threadPolicies(pid: number): Map<number, number> {
  return new Map(
    readdirSync(`/proc/${pid}/task`).map((thread) => {
      const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
      // The 41st field; the command name (2nd) may hold spaces, so count from its closing parenthesis.
      return [Number(thread), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38])];
    }),
  );
}
