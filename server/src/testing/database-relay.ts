import { type Server, type Socket, connect, createServer } from 'node:net';

/**
 * A TCP relay in front of the test PostgreSQL, to give one server an outage without stopping the
 * PostgreSQL that every other test shares. A hand-made relay because no library offers a cut switch.
 */
export interface DatabaseRelay {
  /** `targetUrl` with the relay's address. */
  url: string;
  /** An outage: open connections are reset, new ones refused. */
  cut(): Promise<void>;
  /** From now on connections are accepted and never answered (a host stuck at start); those open are reset. */
  stall(): void;
  /** Back to relaying, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startDatabaseRelay(targetUrl: string): Promise<DatabaseRelay> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let stalled = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (stalled) return;
    const upstream = connect(Number(target.port), target.hostname);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const port = (server.address() as { port: number }).port;
  const resetAll = () => {
    for (const socket of sockets) socket.resetAndDestroy();
  };
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      resetAll();
      await closed;
    },
    stall() {
      stalled = true;
      resetAll();
    },
    async restore() {
      stalled = false;
      resetAll();
      if (!server.listening) await listen(port);
    },
    async close() {
      resetAll();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
