import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

// Debian puts daemons such as nginx in /usr/sbin, which a non-root PATH often lacks.
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** Absolute path of an executable of a Debian package; fails naming the package to install. */
export function systemBinary(name: string, debianPackage: string): string {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  throw new Error(`${name} is not installed (looked in ${dirs.join(', ')}): apt-get install ${debianPackage} (.ci/run does)`);
}

export interface WatchedProcess {
  child: ChildProcess;
  /** Everything it printed, and why it could not start. */
  output(): string;
  exited: Promise<void>;
  running(): boolean;
  /** SIGTERM, SIGKILL after 10 s, and waits for the exit. */
  stop(): Promise<void>;
}

/** Runs a daemon in the foreground with its output kept for the test's error messages. */
export function spawnWatched(binary: string, args: string[], cwd: string): WatchedProcess {
  const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let spawnFailed = false;
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  child.once('error', (error) => {
    spawnFailed = true;
    output += error.message;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => !spawnFailed && child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    exited,
    running,
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => running() && child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
    },
  };
}
