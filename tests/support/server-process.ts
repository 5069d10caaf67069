import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../server/src/common/free-port';

export const ROOT = join(__dirname, '..', '..');
const SERVER_ENTRY = join(ROOT, 'server', 'dist', 'main.js');

/** The Node flags `npm start` runs the server with (package.json's start script), so the tests run it the same way. */
export const SERVER_NODE_FLAGS: string[] = (() => {
  const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const flags = /\bnode((?: --\S+)*) server\/dist\/main\.js/.exec(start);
  if (!flags) throw new Error(`npm start does not run node server/dist/main.js: ${start}`);
  return flags[1].trim().split(' ').filter(Boolean);
})();

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed so far, stdout and stderr. */
  output(): string;
  /** Milliseconds from spawn to the ready line. */
  readyAfterMs: number;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /**
   * Once stopped, the same server again: same environment (database, DATA_DIR) and port, so a page
   * left open keeps its origin and its storage.
   */
  startAgain(): Promise<ServerProcess>;
}

export interface StartOptions {
  /** A free one when unset. */
  port?: number;
  timeoutMs?: number;
}

/** Runs the built server (`node server/dist/main.js`) as `npm start` does, and waits for it to be ready. */
export async function startServer(environment: Record<string, string>, { port: chosenPort, timeoutMs = 30_000 }: StartOptions = {}): Promise<ServerProcess> {
  const port = chosenPort ?? (await freePort());
  const startedAt = Date.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', PORT: String(port), ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // 'close', not 'exit': by then everything the server wrote has been read into output().
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      if (output.includes('Receptivo ready at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before ready:\n${output}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    readyAfterMs: Date.now() - startedAt,
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    startAgain() {
      if (child.exitCode === null && child.signalCode === null) throw new Error('startAgain: stop the server first');
      return startServer(environment, { port, timeoutMs });
    },
  };
}

/** Runs the server expecting it to refuse to start; returns its exit code and output. */
export function runServerToExit(environment: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Pids of running processes whose command line mentions `text` (read from /proc, no tools needed). */
export function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (commandLine.includes(text)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
