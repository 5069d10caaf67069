// Self-test of the cluster test parts: Debian's redis-server and nginx, started on free loopback ports,
// stopped by pid, leaving no process and no folder behind.
import { existsSync, readFileSync } from 'node:fs';
import { type Server as HttpServer, createServer, get } from 'node:http';
import { join } from 'node:path';
import { Server as SocketServer } from 'socket.io';
import { io as connectSocket } from 'socket.io-client';
import { freePort } from '../../server/src/common/free-port';
import { isRunning } from '../../server/src/database/postmaster';
import { until } from '../../server/src/testing/until';
import { type Nginx, childrenOf, clusterSite, startNginx } from '../support/nginx';
import { pingRedis, startRedis } from '../support/redis-server';
import { ROOT, processesMentioning } from '../support/server-process';
import { systemBinary } from '../support/system-binary';

/** A stand-in for a server node: names itself over HTTP and answers a Socket.IO event. */
interface Node {
  name: string;
  port: number;
  /** Forwarded-for headers of the HTTP requests it served. */
  forwardedFor: string[];
  close(): Promise<void>;
}

async function startNode(name: string): Promise<Node> {
  const port = await freePort();
  const forwardedFor: string[] = [];
  const http: HttpServer = createServer((request, response) => {
    forwardedFor.push(String(request.headers['x-forwarded-for']));
    response.setHeader('content-type', 'text/plain');
    response.end(name);
  });
  const sockets = new SocketServer(http, { transports: ['websocket'] });
  sockets.on('connection', (socket) => socket.on('whoami', (answer: (node: string) => void) => answer(name)));
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  return {
    name,
    port,
    forwardedFor,
    // Drops open websockets as a dying process would (no Socket.IO disconnect packet), then stops listening.
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets.sockets.sockets.values()) socket.conn.close();
        sockets.close(() => resolve());
      }),
  };
}

/** One request on a connection of its own: a kept-alive one may be closed by a worker that nginx reloaded. */
function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: HTTP ${response.statusCode}`))));
    }).on('error', reject);
  });
}

it('a missing binary fails naming the Debian package to install', () => {
  expect(() => systemBinary('receptivo-no-such-daemon', 'receptivo-daemon')).toThrow('apt-get install receptivo-daemon');
});

describe('redis-server', () => {
  it('answers PING on its loopback port and is gone, with its folder, after stop', async () => {
    const redis = await startRedis();
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await pingRedis(redis.port)).toBe('+PONG');
      expect(existsSync(redis.dir)).toBe(true);
      // redis-server retitles itself `redis-server 127.0.0.1:<port>`.
      expect(processesMentioning(`redis-server 127.0.0.1:${redis.port}`)).toEqual([redis.pid]);
    } finally {
      await redis.stop();
    }
    expect(isRunning(redis.pid)).toBe(false);
    expect(processesMentioning(`redis-server 127.0.0.1:${redis.port}`)).toEqual([]);
    expect(existsSync(redis.dir)).toBe(false);
    await expect(pingRedis(redis.port)).rejects.toThrow();
  });

  it('a kill -9 stops answering at once; stop() still cleans up', async () => {
    const redis = await startRedis();
    try {
      redis.kill('SIGKILL');
      await until(() => !isRunning(redis.pid), 'redis-server to die');
      await expect(pingRedis(redis.port)).rejects.toThrow();
    } finally {
      await redis.stop();
    }
    expect(existsSync(redis.dir)).toBe(false);
  });
});

describe('nginx in front of two nodes', () => {
  let nodes: Node[] = [];
  let nginx: Nginx | undefined;

  afterEach(async () => {
    await nginx?.stop();
    await Promise.all(nodes.map((node) => node.close()));
    nginx = undefined;
    nodes = [];
  });

  it('spreads requests and websockets over the nodes, skips a stopped node, and stops without leftovers', async () => {
    nodes = [await startNode('a'), await startNode('b')];
    nginx = await startNginx(nodes.map((node) => node.port));
    const workers = childrenOf(nginx.pid);
    expect(workers.length).toBeGreaterThan(0);
    expect(processesMentioning(nginx.prefix)).toEqual([nginx.pid]);

    const served: string[] = [];
    for (let request = 0; request < 6; request++) served.push(await fetchText(`${nginx.url}/who`));
    expect(served.filter((name) => name === 'a')).toHaveLength(3);
    expect(served.filter((name) => name === 'b')).toHaveLength(3);
    expect(nodes[0].forwardedFor[0]).toBe('127.0.0.1');

    // Two desks on the websocket transport only, as the renderer connects: one lands on each node.
    const desks = [0, 1].map(() => connectSocket(nginx!.url, { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 }));
    try {
      const whoami = (desk: (typeof desks)[number]) => desk.timeout(2_000).emitWithAck('whoami') as Promise<string>;
      await until(() => desks.every((desk) => desk.connected), 'both desks to connect through nginx');
      expect(desks.map((desk) => desk.io.engine.transport.name)).toEqual(['websocket', 'websocket']);
      const first = await Promise.all(desks.map(whoami));
      expect(first.sort()).toEqual(['a', 'b']);

      await nodes[0].close();
      nodes = [nodes[1]];
      const afterStop: string[] = [];
      for (let request = 0; request < 4; request++) afterStop.push(await fetchText(`${nginx.url}/who`));
      expect(afterStop).toEqual(['b', 'b', 'b', 'b']);
      // The desk that was on node a reconnects through nginx and lands on b.
      await until(async () => (await Promise.all(desks.map((desk) => (desk.connected ? whoami(desk) : 'down')))).every((name) => name === 'b'), 'both desks to answer from b');
    } finally {
      for (const desk of desks) desk.disconnect();
    }

    const { pid, prefix } = nginx;
    await nginx.stop();
    expect(isRunning(pid)).toBe(false);
    expect(workers.filter(isRunning)).toEqual([]);
    expect(processesMentioning(prefix)).toEqual([]);
    expect(existsSync(prefix)).toBe(false);
  });

  it('setUpstreams reloads nginx onto other nodes', async () => {
    nodes = [await startNode('a'), await startNode('b')];
    nginx = await startNginx([nodes[0].port]);
    expect(await fetchText(`${nginx.url}/who`)).toBe('a');
    await nginx.setUpstreams([nodes[1].port]);
    const served: string[] = [];
    for (let request = 0; request < 3; request++) served.push(await fetchText(`${nginx.url}/who`));
    expect(served).toEqual(['b', 'b', 'b']);
  });

  it('docs/cluster-nginx.conf is the configuration the tests run', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'cluster-nginx.conf'), 'utf8');
    const listen = /^\s*listen (.+);$/m.exec(doc)?.[1];
    const upstreams = [...doc.matchAll(/^\s*server (\S+) max_fails/gm)].map((match) => match[1]);
    expect(listen).toBeDefined();
    expect(upstreams.length).toBeGreaterThan(1);
    // The doc is a comment header, a blank line, then exactly the generated text.
    expect(doc.slice(doc.indexOf('\n\n') + 2)).toBe(clusterSite({ listen: listen!, upstreams }));
  });
});
