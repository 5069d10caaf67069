// HTTP overhead per request (issue 17): an authenticated trivial route and a customer lookup by
// phone on the demo data, one request at a time and from 50 connections at once, through the
// built server on loopback. What the framework, the user check and the logging cost, not the data.
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { startPostgres, startServer } = require('./harness');
const { printTable, summarize } = require('./table');

const SEQUENTIAL = Number(process.env.BENCH_HTTP_REQUESTS ?? 3_000);
const CONNECTIONS = 50;
const CONCURRENT_EACH = Number(process.env.BENCH_HTTP_EACH ?? 100);
const fixed = (value) => (Number.isFinite(value) ? value.toFixed(2) : '—');

function get(agent, url, token) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(url, { agent, headers: { Authorization: `Bearer ${token}` } }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${url}: HTTP ${response.statusCode}`))));
      })
      .on('error', reject);
  });
}

async function sequential(url, token) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let warm = 0; warm < 200; warm++) await get(agent, url, token);
  const samples = [];
  const started = performance.now();
  for (let request = 0; request < SEQUENTIAL; request++) samples.push(await get(agent, url, token));
  agent.destroy();
  return { samples, perSecond: SEQUENTIAL / ((performance.now() - started) / 1000) };
}

async function concurrent(url, token) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const samples = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let request = 0; request < CONCURRENT_EACH; request++) samples.push(await get(agent, url, token));
    }),
  );
  const perSecond = samples.length / ((performance.now() - started) / 1000);
  agent.destroy();
  return { samples, perSecond };
}

async function run() {
  const postgres = await startPostgres();
  const server = await startServer({ DATABASE_URL: postgres.url });
  try {
    const routes = [
      ['GET /api/auth/me', `${server.url}/api/auth/me`],
      ['GET /api/customers?phone= (demo customer)', `${server.url}/api/customers?phone=${encodeURIComponent('+5511987654321')}`],
    ];
    const rows = [];
    for (const [name, url] of routes) {
      for (const [how, measure] of [
        ['one at a time', sequential],
        [`${CONNECTIONS} connections`, concurrent],
      ]) {
        const { samples, perSecond } = await measure(url, server.token);
        const { n, p50, p99 } = summarize(samples);
        rows.push({ route: name, load: how, requests: n, 'p50 ms': fixed(p50), 'p99 ms': fixed(p99), 'requests/s': Math.round(perSecond) });
      }
    }
    printTable(rows);
  } finally {
    await server.stop();
    await postgres.stop();
  }
}

module.exports = { run };
