import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Socket } from 'socket.io';
import type { CtiAck } from '@receptivo/shared';

/**
 * Client events one /cti socket may send: a desk pauses, resumes or asks for the queues' board now
 * and then, so twenty in ten seconds is far beyond any person's clicks and leaves room for a burst
 * of reconnections; a flood (issue 15: 10,000 agent:pause) is refused before any handler runs.
 */
export const CLIENT_EVENT_LIMIT = { points: 20, duration: 10 };

export const rateLimited: CtiAck = {
  ok: false,
  error: { code: 'RATE_LIMITED', message: 'Muitas ações em pouco tempo. Aguarde alguns segundos e tente novamente.' },
};

/**
 * Counts each client event of the socket (in memory: the limit is per socket, which lives on one
 * node); the excess is answered in its acknowledgement with RATE_LIMITED and never handled.
 */
export function limitClientEvents(socket: Socket, limiter: RateLimiterMemory): void {
  socket.use((event, next) => {
    limiter.consume(socket.id).then(
      () => next(),
      (refusal: unknown) => {
        if (!(refusal instanceof RateLimiterRes)) {
          next(refusal instanceof Error ? refusal : new Error(String(refusal)));
          return;
        }
        const ack: unknown = event.at(-1);
        if (typeof ack === 'function') ack(rateLimited);
      },
    );
  });
}
