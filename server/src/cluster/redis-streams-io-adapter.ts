import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { type Command, Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { quitWithin, warnOncePerError } from './redis-connection';

/**
 * The adapter duplicates our client for its stream readers and leaves them blocked in XREAD until
 * their block time ends after a close; keeping the copies lets a shutdown end them at once.
 */
export class ClosableRedis extends Redis {
  private readonly copies: Redis[] = [];

  /**
   * The adapter publishes server-side emits (a desk's goodbye told to the leader) and ignores the
   * answer: a PUBLISH failing because Redis is away, or because this client closed while a node was
   * stopping, would be an unhandled rejection, which ends the process. Callers that await a command
   * still see its failure; an ignored one is only not fatal (the 'error' event logs Redis away).
   */
  override sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    command.promise.catch(() => undefined);
    return super.sendCommand(command, stream);
  }

  override duplicate(override?: Parameters<Redis['duplicate']>[0]): Redis {
    const copy = super.duplicate(override);
    this.copies.push(copy);
    return copy;
  }

  /**
   * Ends the stream readers at once, and this client once the commands already sent are answered:
   * closing sockets persists their sessions (a SET each), which a desk needs to recover its session
   * on another node, and whose rejection would otherwise crash the process on its way out. A Redis
   * that does not answer within 2 s is not waited for.
   */
  async close(): Promise<void> {
    for (const copy of this.copies) copy.disconnect();
    await quitWithin(this, 2_000);
  }
}

/**
 * Socket.IO over Redis Streams in cluster mode (REDIS_URL): a room emit on any node reaches the
 * sockets of every node, and connection state recovery works across nodes (a desk back within two
 * minutes on another node still gets what it missed), which the Postgres adapter would not give.
 */
export class RedisStreamsIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Cluster');
  private readonly redis: ClosableRedis;

  constructor(app: INestApplicationContext, redisUrl: string) {
    super(app);
    this.redis = warnOncePerError(new ClosableRedis(redisUrl, { maxRetriesPerRequest: null }), (message) => this.logger.warn(`Redis: ${message}`));
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, { ...options, adapter: createAdapter(this.redis) } as ServerOptions);
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await this.redis.close();
  }
}
