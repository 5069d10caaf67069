import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Whether a process with this pid exists (a zombie counts until its parent reaps it). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postmaster's pid and port while it runs (postmaster.pid: pid on line 1, port on line 4), or undefined. */
export async function runningPostmaster(clusterDir: string): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && isRunning(pid) && Number.isInteger(port) ? { pid, port } : undefined;
}
