import { type Server, type Socket, createServer } from 'node:net';
import { freePort } from '../common/free-port';
import { readTranscript } from './ami-transcript';

export interface AmiTestServer {
  port: number;
  /** Sockets logged in now. */
  sessions(): number;
  /** Sends the received messages of a recorded transcript to every logged-in session, `speed` times faster. */
  replay(transcriptFile: string, speed?: number): Promise<void>;
  /** Stops answering Ping (a hung Asterisk whose socket stays open). */
  muteHeartbeat(): void;
  close(): Promise<void>;
}

const CRLF = '\r\n';
const message = (lines: string[]) => `${lines.join(CRLF)}${CRLF}${CRLF}`;

/** An AMI endpoint on 127.0.0.1 speaking the real protocol, for the asterisk-manager client. */
export async function startAmiTestServer(credentials: { username: string; secret: string }, port?: number): Promise<AmiTestServer> {
  const sessions = new Set<Socket>();
  const sockets = new Set<Socket>();
  let answerPing = true;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      sessions.delete(socket);
    });
    socket.on('error', () => undefined);
    socket.write(`Asterisk Call Manager/11.0.0${CRLF}`);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf(`${CRLF}${CRLF}`)) >= 0) {
        const action = Object.fromEntries(
          buffer
            .slice(0, end)
            .split(CRLF)
            .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
        );
        buffer = buffer.slice(end + 4);
        const id = `ActionID: ${action.actionid}`;
        switch (action.action?.toLowerCase()) {
          case 'login':
            if (action.username === credentials.username && action.secret === credentials.secret) {
              sessions.add(socket);
              socket.write(message(['Response: Success', id, 'Message: Authentication accepted']));
            } else {
              // As Asterisk 22 does: an error response, then the connection closes.
              socket.end(message(['Response: Error', id, 'Message: Authentication failed']));
            }
            break;
          case 'ping':
            if (answerPing) socket.write(message(['Response: Success', id, 'Ping: Pong', `Timestamp: ${Date.now() / 1000}`]));
            break;
          default:
            socket.write(message(['Response: Success', id, 'Message: Accepted']));
        }
      }
    });
  });
  const listenPort = port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    port: listenPort,
    sessions: () => sessions.size,
    muteHeartbeat: () => {
      answerPing = false;
    },
    async replay(transcriptFile, speed = 20) {
      let previous = 0;
      // Only events: the recorded answers belonged to the recording client's own actions.
      for (const recorded of readTranscript(transcriptFile).filter((item) => item.lines[0]?.startsWith('Event:'))) {
        const wait = ((recorded.at - previous) * 1000) / speed;
        previous = recorded.at;
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        for (const socket of sessions) socket.write(message(recorded.lines));
      }
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
