import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/src/common/free-port';
import { spawnWatched, systemBinary } from './system-binary';

/** A `redis-server` of Debian's package, on 127.0.0.1 and a free port, with no persistence. */
export interface RedisServer {
  /** For REDIS_URL. */
  url: string;
  port: number;
  pid: number;
  /** Its working folder (--dir), deleted by stop(). */
  dir: string;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM (SIGKILL after 10 s), waits for the exit, deletes its folder. Safe to call twice. */
  stop(): Promise<void>;
  /** Sends a signal to the server (SIGKILL when unset), as a fault test does; stop() still cleans up. */
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Sends one inline command (`PING`, `CLIENT KILL TYPE pubsub`) and answers the first reply line.
 * Two lines of RESP need no client library.
 */
export function redisCommand(port: number, command: string, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no ${command} reply from 127.0.0.1:${port} in ${timeoutMs} ms`)));
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.split('\r\n')[0]);
      }
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`connection to 127.0.0.1:${port} closed before a ${command} reply`)));
  });
}

/** `+PONG` when the server is up. */
export const pingRedis = (port: number, timeoutMs = 1_000): Promise<string> => redisCommand(port, 'PING', timeoutMs);

export async function startRedis({ timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<RedisServer> {
  const binary = systemBinary('redis-server', 'redis-server');
  const dir = await mkdtemp(join(tmpdir(), 'receptivo-redis-'));
  const port = await freePort();
  // Options on the command line instead of a config file: the folder only receives what redis writes.
  const daemon = spawnWatched(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'no', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--logfile', ''],
    dir,
  );
  const { child, output, running } = daemon;

  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    dir,
    output,
    async stop() {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
    kill(signal = 'SIGKILL') {
      child.kill(signal);
    },
  };

  try {
    const started = Date.now();
    for (;;) {
      if (!running()) throw new Error(`redis-server exited before answering PING:\n${output()}`);
      const reply = await pingRedis(port).catch(() => '');
      if (reply === '+PONG') break;
      if (Date.now() - started > timeoutMs) throw new Error(`redis-server did not answer PING in ${timeoutMs} ms:\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
