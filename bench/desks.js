// Child process of the CTI benches: the desks, on their own event loop. Each desk is a minimal
// Socket.IO client (Engine.IO 4 over a WebSocket, as bench/supervision-clients.js) that stamps each
// call:ringing and call:answered frame as it arrives (bench/clock.js, ms) and parses only its callId:
// 500 full clients decoding every frame in one process would queue the pops of a burst behind one
// another and measure this process, where real desks each have a machine of their own.
// Desk i connects to node i mod n, as round robin spreads them; when its connection drops or is
// refused it goes to the next node after 100 ms, as the load balancer would send it.
// Argument: JSON {urls, desks: [{extension, token}]}. Messages: {ready: true}, then batches
// {arrivals: [{type: 'pop' | 'answered', callId, extension, at}]} every 10 ms while there are any.
const WebSocket = require('ws');
const { machineMs: now } = require('./clock');
const STAMPED = [
  ['pop', '42/cti,["call:ringing"'],
  ['answered', '42/cti,["call:answered"'],
];
const CALL_ID = /"callId":"([^"]+)"/;
let arrivals = [];

function desk(urls, { extension, token }, index) {
  let node = index % urls.length;
  return new Promise((ready) => {
    const connect = () => {
      const ws = new WebSocket(`${urls[node].replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
      let gone = false;
      const moveOn = () => {
        if (gone) return;
        gone = true;
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        node = (node + 1) % urls.length;
        setTimeout(connect, 100);
      };
      ws.on('message', (data) => {
        const at = now();
        const text = data.toString();
        const stamped = STAMPED.find(([, prefix]) => text.startsWith(prefix));
        if (stamped) arrivals.push({ type: stamped[0], callId: CALL_ID.exec(text)?.[1], extension, at });
        else if (text === '2') ws.send('3');
        else if (text.startsWith('0')) ws.send(`40/cti,${JSON.stringify({ token, shownPops: [] })}`);
        else if (text.startsWith('40/cti')) ready();
        else if (text.startsWith('44/cti')) moveOn();
      });
      ws.on('close', moveOn);
      ws.on('error', moveOn);
    };
    connect();
  });
}

async function main() {
  const { urls, desks } = JSON.parse(process.argv[2]);
  await Promise.all(desks.map((one, index) => desk(urls, one, index)));
  process.send({ ready: true });
  setInterval(() => {
    if (arrivals.length === 0) return;
    process.send({ arrivals });
    arrivals = [];
  }, 10);
  process.on('disconnect', () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
