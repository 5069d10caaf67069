// Child process of the CTI benches: the desks, on their own event loop, so the bench's own work does
// not delay them. Desk i connects to node i mod n, as round robin spreads them; when its connection
// drops or is refused it goes to the next node after 100 ms, as the load balancer would send it.
// Each call:ringing and call:answered is stamped on arrival (wall clock, ms) and told to the bench.
// Argument: JSON {urls, desks: [{extension, token}]}.
// Messages: {ready: true}, then {pop: {callId, extension, at}} and {answered: {callId, extension, at}}.
const { performance } = require('node:perf_hooks');
const { io } = require('socket.io-client');

const now = () => performance.timeOrigin + performance.now();

function desk(urls, { extension, token }, index) {
  let node = index % urls.length;
  return new Promise((ready) => {
    const connect = () => {
      const socket = io(`${urls[node]}/cti`, { auth: { token, shownPops: [] }, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.on('call:ringing', (pop) => process.send({ pop: { callId: pop.callId, extension, at: now() } }));
      socket.on('call:answered', (answered) => process.send({ answered: { callId: answered.callId, extension, at: now() } }));
      socket.once('connect', () => ready());
      const moveOn = () => {
        socket.removeAllListeners();
        socket.close();
        node = (node + 1) % urls.length;
        setTimeout(connect, 100);
      };
      socket.once('connect_error', moveOn);
      socket.once('disconnect', (reason) => reason !== 'io client disconnect' && moveOn());
    };
    connect();
  });
}

async function main() {
  const { urls, desks } = JSON.parse(process.argv[2]);
  await Promise.all(desks.map((one, index) => desk(urls, one, index)));
  process.send({ ready: true });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
