// Child process of supervision.bench.js: the 20 supervisors, on their own event loop, so the bench's
// AMI writes and bookkeeping do not delay them. Each is a minimal Socket.IO client (Engine.IO 4 over a
// WebSocket) that stamps every queues:snapshot frame as it arrives (wall clock, ms) and parses none:
// parsing 100 KB twenty times per snapshot would measure this process, not the server. Supervisor 0
// keeps its frames, read at the end. Argument: JSON {url, tokens}. Messages: {ready} then, asked
// {report: queues}, {arrivals: ms[][], frames: [{at, answered: {queue: n}}]}.
const { performance } = require('node:perf_hooks');
const WebSocket = require('ws');

const SNAPSHOT_FRAME = Buffer.from('42/cti,["queues:snapshot"');
const now = () => performance.timeOrigin + performance.now();

function supervisor(url, token, keep) {
  const arrivals = [];
  const frames = [];
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  const ready = new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      if (data.subarray(0, SNAPSHOT_FRAME.length).equals(SNAPSHOT_FRAME)) {
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
    const frames = first.frames.map((frame, index) => {
      const snapshot = JSON.parse(frame.subarray('42/cti,'.length).toString())[1];
      const answered = Object.fromEntries(queues.map((queue) => [queue, snapshot.queues.find((item) => item.queue === queue)?.answered ?? 0]));
      return { at: first.arrivals[index], answered, agents: snapshot.agents.length, queues: snapshot.queues.length, bytes: frame.length };
    });
    process.send({ arrivals: supervisors.map((socket) => socket.arrivals), frames });
    for (const socket of supervisors) socket.close();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
