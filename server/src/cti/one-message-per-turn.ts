import { type ServerOptions, WebSocketServer } from 'ws';

/**
 * The WebSocket server under Socket.IO (its `wsEngine` option), handling one incoming message of a
 * connection per event-loop turn (ws `allowSynchronousEvents: false`). By default ws handles every
 * message of a TCP read at once: a socket sending 10,000 events in a burst (issue 15) kept the loop
 * for seconds, even with each event refused at once, and /api/health waited that long. One at a
 * time, other requests take their turn between two messages of the flood.
 */
export class OneMessagePerTurn extends WebSocketServer {
  constructor(options: ServerOptions) {
    super({ ...options, allowSynchronousEvents: false });
  }
}
