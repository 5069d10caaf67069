// docs/architecture.md, Targets: `npm start` to ready ≤ 20 s on a first run (embedded database created), ≤ 5 s after.
// Measures the built server from spawn to its ready line, on a new DATA_DIR and on restarts.
const { spawn } = require('node:child_process');
const { chmodSync, mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { printTable, summarize } = require('./table');

const entry = join(__dirname, '..', 'server', 'dist', 'main.js');

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function timeToReady(dataDir) {
  const port = await freePort();
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ms = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('Receptivo ready at')) resolve(Number(process.hrtime.bigint() - startedAt) / 1e6);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.removeAllListeners('exit');
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGINT');
  });
  return ms;
}

async function run({ firstRuns = 3, restarts = 5 } = {}) {
  const first = [];
  const again = [];
  for (let round = 0; round < firstRuns; round++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'receptivo-bench-'));
    chmodSync(dataDir, 0o755);
    try {
      first.push(await timeToReady(dataDir));
      if (round === 0) for (let restart = 0; restart < restarts; restart++) again.push(await timeToReady(dataDir));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const row = (name, samples, target) => {
    const { n, p50, p99, max } = summarize(samples);
    return { measure: name, runs: n, 'p50 ms': p50.toFixed(0), 'p99 ms': p99.toFixed(0), 'max ms': max.toFixed(0), target };
  };
  printTable([row('first start (new DATA_DIR)', first, '≤ 20000 ms'), row('restart', again, '≤ 5000 ms')]);
}

module.exports = { run };
