// Child process of supervision.bench.js: the 20 supervisors, on their own event loop, so the bench's
// AMI writes and bookkeeping do not delay them. Each is a minimal Socket.IO client (Engine.IO 4 over a
// WebSocket) that stamps every queues:snapshot (the whole board, on connecting) and queues:delta (what
// changed since the update before) frame as it arrives (bench/clock.js, ms) and parses none: parsing them
// twenty times per update would measure this process, not the server. Supervisor 0 keeps its frames,
// folded at the end into its board after each (the renderer's queuesFeedReducer). Argument: JSON
// {url, tokens}. Messages: {ready} then, asked {report: queues},
// {arrivals: ms[][], frames: [{at, kind, answered: {queue: n}, agents, queues, bytes}]}.
const WebSocket = require('ws');
const { emptyQueuesFeed, queuesFeedReducer } = require('@receptivo/shared');

const FRAME_PREFIX = '42/cti,';
const UPDATE_FRAMES = ['snapshot', 'delta'].map((kind) => ({ kind, prefix: Buffer.from(`${FRAME_PREFIX}["queues:${kind}"`) }));
const { machineMs: now } = require('./clock');
const updateKind = (data) => UPDATE_FRAMES.find(({ prefix }) => data.subarray(0, prefix.length).equals(prefix))?.kind;

function supervisor(url, token, keep) {
  const arrivals = [];
  const frames = [];
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  const ready = new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      if (updateKind(data)) {
        arrivals.push(now());
        if (keep) frames.push(data);
        return;
      }
      const text = data.toString();
      if (text === '2') ws.send('3');
      else if (text.startsWith('0')) ws.send(`40/cti,${JSON.stringify({ token })}`);
      else if (text.startsWith('40/cti')) resolve();
      else if (text.startsWith('44/cti')) reject(new Error(`/cti refused a supervisor: ${text}`));
    });
    ws.on('error', reject);
  });
  return { ready, arrivals, frames, close: () => ws.close() };
}

async function main() {
  const { url, tokens } = JSON.parse(process.argv[2]);
  const supervisors = tokens.map((token, index) => supervisor(url, token, index === 0));
  await Promise.all(supervisors.map((socket) => socket.ready));
  process.send({ ready: true });
  process.on('message', ({ report: queues }) => {
    const [first] = supervisors;
    let feed = emptyQueuesFeed;
    const frames = first.frames.flatMap((frame, index) => {
      const kind = updateKind(frame);
      const payload = JSON.parse(frame.subarray(FRAME_PREFIX.length).toString())[1];
      const at = first.arrivals[index];
      feed = queuesFeedReducer(feed, kind === 'snapshot' ? { type: 'snapshot', snapshot: payload, now: at } : { type: 'delta', delta: payload, now: at });
      // Never asked for again here: a gap means the server lost an update.
      if (feed.resend !== 'none') throw new Error(`supervisor 0 missed an update before the ${kind} seq ${payload.seq}`);
      const { board } = feed;
      // Deltas to the room before this supervisor's own snapshot show it nothing.
      if (!board) return [];
      const answered = Object.fromEntries(queues.map((queue) => [queue, board.queues.find((item) => item.queue === queue)?.answered ?? 0]));
      return [{ at, kind, answered, agents: board.agents.length, queues: board.queues.length, bytes: frame.length }];
    });
    process.send({ arrivals: supervisors.map((socket) => socket.arrivals), frames });
    for (const socket of supervisors) socket.close();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
