import { readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/src/common/free-port';
import { until } from '../../server/src/testing/until';
import { spawnWatched, systemBinary } from './system-binary';

export interface SiteOptions {
  /** nginx `listen` value: `80`, `127.0.0.1:8080`… */
  listen: string;
  /** `host:port` of every server node. */
  upstreams: readonly string[];
}

const indent = (lines: readonly string[], spaces: number) => lines.map((line) => ' '.repeat(spaces) + line).join('\n');

/** Headers every proxied request carries; repeated per location because proxy_set_header inherits only when a level sets none. */
const FORWARDED_HEADERS = [
  'proxy_set_header Host $host;',
  'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  'proxy_set_header X-Forwarded-Proto $scheme;',
  'proxy_set_header Upgrade $http_upgrade;',
  'proxy_set_header Connection $connection_upgrade;',
];

/**
 * The load balancer in front of a cluster, as the http-level text of a conf.d file. docs/cluster-nginx.conf is this text
 * for an example cluster (tests/cluster/harness.test.ts keeps them equal), so the tests run what the README shows.
 */
export function clusterSite({ listen, upstreams }: SiteOptions): string {
  return `# Socket.IO upgrades its connection to a websocket: pass the upgrade on; other requests close as usual.
map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
}

# Round robin: desks connect with the websocket transport only, so no sticky sessions are needed.
# A node that refuses connections or times out is left out for 2 s, then tried again.
upstream receptivo {
${indent(
  upstreams.map((address) => `server ${address} max_fails=1 fail_timeout=2s;`),
  4,
)}
}

server {
    listen ${listen};

    # Request attachments are up to 10 MB; the multipart envelope adds a little.
    client_max_body_size 11m;

    proxy_http_version 1.1;
    # The next node takes the request when a node refuses the connection (process down) or does not
    # accept it in 2 s (host gone). A request a node received is never sent twice: nginx retries POST
    # and PATCH only when they were not sent.
    proxy_connect_timeout 2s;
    proxy_next_upstream error timeout;

    location /socket.io/ {
        proxy_pass http://receptivo;
${indent(FORWARDED_HEADERS, 8)}
        # A desk's websocket lives all day; Socket.IO pings every 25 s, so silence this long means a dead link.
        proxy_read_timeout 1h;
        proxy_send_timeout 1h;
    }

    location / {
        proxy_pass http://receptivo;
${indent(FORWARDED_HEADERS, 8)}
    }
}
`;
}

export interface NginxConfigOptions {
  port: number;
  /** Ports of server nodes on 127.0.0.1. */
  upstreams: readonly number[];
  /** nginx's prefix folder (-p): pid, temp folders. */
  prefix: string;
  /** `user` directive value, needed when the master runs as root; none otherwise. */
  workerUser?: string;
}

/** A whole nginx.conf for a test: the cluster site on 127.0.0.1, everything else inside the prefix. */
export function nginxConfig({ port, upstreams, prefix, workerUser }: NginxConfigOptions): string {
  const temp = (name: string) => join(prefix, 'temp', name);
  return `${workerUser ? `user ${workerUser};\n` : ''}worker_processes 1;
worker_rlimit_nofile 8192;
pid ${join(prefix, 'nginx.pid')};
error_log stderr warn;
# On a reload, workers still holding websockets of the old configuration give up after 5 s.
worker_shutdown_timeout 5s;

events {
    worker_connections 4096;
}

http {
    access_log off;
    client_body_temp_path ${temp('client_body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};

${indent(clusterSite({ listen: `127.0.0.1:${port}`, upstreams: upstreams.map((upstream) => `127.0.0.1:${upstream}`) }).split('\n'), 4).replace(/[ ]+$/gm, '')}
}
`;
}

/** An nginx of Debian's package in the foreground, load-balancing 127.0.0.1:port over server nodes. */
export interface Nginx {
  url: string;
  port: number;
  /** The master's pid (workers are its children). */
  pid: number;
  /** Its prefix folder (configuration, pid, temp folders), deleted by stop(). */
  prefix: string;
  /** Everything nginx printed so far (its error log goes to stderr). */
  output(): string;
  /**
   * Rewrites the upstream list and reloads (SIGHUP); resolves once only workers of the new configuration run, so every
   * request is balanced over these ports. Old workers holding websockets close them within 5 s (worker_shutdown_timeout).
   */
  setUpstreams(upstreams: readonly number[]): Promise<void>;
  /** Fast shutdown (SIGTERM: open websockets are closed), waits for the master, deletes the prefix. Safe to call twice. */
  stop(): Promise<void>;
}

/** Runs as root: workers then need an unprivileged user, and the prefix must be reachable by it. */
function unprivilegedWorkerUser(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const hasGroup = (name: string) => readFileSync('/etc/group', 'utf8').split('\n').some((line) => line.startsWith(`${name}:`));
  return hasGroup('nogroup') ? 'nobody nogroup' : 'nobody nobody';
}

/** Pids whose parent is `pid` (the master's workers), read from /proc/<pid>/stat. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name in parentheses may hold spaces: the parent pid is the 2nd field after it.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startNginx(upstreams: readonly number[], { timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<Nginx> {
  const binary = systemBinary('nginx', 'nginx');
  const prefix = await mkdtemp(join(tmpdir(), 'receptivo-nginx-'));
  // mkdtemp makes it 0700; as root, the workers (nobody) must reach the temp folders nginx creates inside.
  await chmod(prefix, 0o755);
  await mkdir(join(prefix, 'temp'));
  const port = await freePort();
  const configFile = join(prefix, 'nginx.conf');
  const workerUser = unprivilegedWorkerUser();
  await writeFile(configFile, nginxConfig({ port, upstreams, prefix, workerUser }));

  // -e: the error log before the configuration is read (Debian's default is /var/log/nginx, not ours).
  const daemon = spawnWatched(binary, ['-p', prefix, '-c', configFile, '-e', 'stderr', '-g', 'daemon off;'], prefix);
  const { child, output, running } = daemon;

  const nginx: Nginx = {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    prefix,
    output,
    async setUpstreams(ports) {
      const before = new Set(childrenOf(child.pid!));
      await writeFile(configFile, nginxConfig({ port, upstreams: ports, prefix, workerUser }));
      child.kill('SIGHUP');
      // Old workers keep serving their open keep-alive connections until they exit. A configuration nginx refuses
      // leaves them running: the timeout then names it, with the log.
      await until(
        () => {
          const workers = childrenOf(child.pid!);
          return workers.length > 0 && workers.every((pid) => !before.has(pid));
        },
        `nginx to reload with upstreams ${ports.join(', ')}:\n${output()}`,
        timeoutMs,
      );
    },
    async stop() {
      await daemon.stop();
      await rm(prefix, { recursive: true, force: true });
    },
  };

  try {
    const started = Date.now();
    // The master binds the port before it forks its workers: ready once both are there (a connection
    // accepted earlier waits for the first worker; a test that looked for workers right away found none).
    while (!(await accepts(port)) || childrenOf(child.pid!).length === 0) {
      if (!running()) throw new Error(`nginx exited before listening:\n${output()}`);
      if (Date.now() - started > timeoutMs) throw new Error(`nginx not serving on ${port} (listening, with a worker) after ${timeoutMs} ms:\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (!running()) throw new Error(`nginx exited after binding:\n${output()}`);
  } catch (error) {
    await nginx.stop();
    throw error;
  }
  return nginx;
}
