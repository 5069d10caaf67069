import type { Redis } from 'ioredis';

/**
 * ioredis reconnects by itself, and an 'error' with no listener would end the process: a Redis away
 * is told once per kind of error (not at every retry), and again after it was back.
 */
export function warnOncePerError<Client extends Redis>(redis: Client, warn: (message: string) => void): Client {
  let lastError = '';
  redis.on('error', (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    warn(error.message);
  });
  redis.on('ready', () => (lastError = ''));
  return redis;
}

/** Closes once the commands already sent are answered (QUIT), or after `waitMs` when Redis does not answer. */
export async function quitWithin(redis: Redis, waitMs: number): Promise<void> {
  const gaveUp = new Promise<void>((resolve) => setTimeout(resolve, waitMs).unref());
  await Promise.race([redis.quit().then(() => undefined, () => undefined), gaveUp]);
  redis.disconnect();
}
