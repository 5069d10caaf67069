import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { type QueuesSnapshot, agentStates, apiErrorSchema, ctiStates, healthSchema } from '@receptivo/shared';
import { freePort } from '../common/free-port';
import { readTranscript } from '../cti/replay/ami-transcript';
import { MailQueue } from '../mail/mail-queue';
import { CtiDesk } from '../testing/cti-desk';
import { type CtiTestApp, startCtiTestApp, transcript } from '../testing/cti-test-app';
import { type PrometheusFamilies as Families, type PrometheusSample as Sample, parsePrometheusText as parse } from '../testing/prometheus-text';
import { type TestApp, startTestApp } from '../testing/test-app';
import { until } from '../testing/until';

const TOKEN = 'prometheus-scrapes-with-this-token-0123456789';
const NODE = 'metrics-node';
const REPLAYED = ['two-simultaneous-calls', 'abandon-early'];
const DASHBOARD = join(__dirname, '..', '..', '..', 'docs', 'grafana-dashboard.json');

/** The samples of a family whose labels include these. */
function samples(families: Families, name: string, labels: Record<string, string> = {}): Sample[] {
  const family = families.get(name);
  if (!family) throw new Error(`${name} is not exposed; exposed: ${[...families.keys()].join(', ')}`);
  return family.metrics.filter((sample) => Object.entries(labels).every(([label, value]) => sample.labels?.[label] === value));
}

/** The one value of a counter or gauge series. */
function valueOf(families: Families, name: string, labels: Record<string, string> = {}): number {
  const found = samples(families, name, labels);
  if (found.length !== 1) throw new Error(`${name} ${JSON.stringify(labels)}: ${found.length} series, ${JSON.stringify(families.get(name)?.metrics)}`);
  return Number(found[0].value);
}

const histogramCount = (families: Families, name: string, labels: Record<string, string> = {}) =>
  samples(families, name, labels).reduce((total, sample) => total + Number(sample.count), 0);

/** How many events of that name the replayed recordings send (what the replay server sends: not the recording client's own traffic). */
function eventsInRecordings(name: string): number {
  return REPLAYED.flatMap((recording) => readTranscript(transcript(recording))).filter(
    (message) => message.lines[0] === `Event: ${name}` && !message.lines.some((line) => /^actionid:/i.test(line)),
  ).length;
}

describe('GET /metrics after a replayed moment of the call center', () => {
  let cti: CtiTestApp;
  let server: TestApp;
  const desks: CtiDesk[] = [];

  const scrape = async (): Promise<Families> => {
    const response = await server.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(response.text);
  };
  const desk = async (token: string) => {
    const connected = new CtiDesk(cti.url, token);
    desks.push(connected);
    await connected.connected();
    return connected;
  };

  beforeAll(async () => {
    // Nobody listens there: every e-mail fails and waits to be tried again.
    cti = await startCtiTestApp({ METRICS_TOKEN: TOKEN, NODE_NAME: NODE, SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
    server = cti.server;
  });
  afterAll(async () => {
    for (const connected of desks) connected.close();
    await cti.close();
  });

  it('every metric is there, with the figures the desks and the supervisor saw', async () => {
    // The PBX restarts once: the link logs in again.
    cti.ami.dropConnections();
    await until(() => cti.ami.actions().filter((action) => String(action.action).toLowerCase() === 'login').length === 2, 'a second login');
    await until(async () => healthSchema.parse((await server.http.get('/api/health')).body).cti === 'connected', 'the link back');

    const admin = await server.login('admin');
    const created = await server.http
      .post('/api/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: 'joana', name: 'Joana Ramal 1002', role: 'attendant', extension: '1002' })
      .expect(201);
    const joanaToken = (await server.http.post('/api/auth/login').send({ username: 'joana', password: created.body.password }).expect(200)).body.token;
    const attendant = await desk(await server.login('attendant'));
    const joana = await desk(joanaToken);
    const supervisor = await desk(await server.login('supervisor'));
    const both = (board: QueuesSnapshot, state: string) => ['1001', '1002'].every((extension) => board.agents.find((agent) => agent.extension === extension)?.state === state);
    await supervisor.nextBoard((board) => both(board, 'available'));

    const replayed = [];
    for (const recording of REPLAYED) replayed.push(await cti.ami.replay(transcript(recording), 10));
    await attendant.next('call:answered');
    await joana.next('call:answered');
    await joana.next('call:ended', (ended) => ended.reason === 'abandoned');
    const board = await supervisor.nextBoard((candidate) => candidate.queues[0]?.abandoned === 1 && candidate.queues[0].answered === 2 && both(candidate, 'wrap_up'));

    await server.http.get('/api/requests/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${admin}`).expect(404);
    await server.http.get('/api/nada-aqui').expect(404);
    await server.app.get(DataSource).query('SELECT * FROM tabela_que_nao_existe').catch(() => undefined);
    await server.app.get(MailQueue).enqueue({ to: 'cidadao@example.com', subject: 'Protocolo 2026-000001', text: 'Seu protocolo foi registrado.' });
    let families = await scrape();
    await until(
      async () => {
        families = await scrape();
        return valueOf(families, 'receptivo_mail_send_failures_total') >= 1 && valueOf(families, 'receptivo_mail_queue_depth', { state: 'retrying' }) === 1;
      },
      'the failed e-mail waiting to be tried again',
      20_000,
      200,
    );

    // Every series says which node it comes from and its role.
    for (const family of families.values()) {
      for (const sample of family.metrics) expect({ family: family.name, node: sample.labels?.node, role: sample.labels?.role }).toEqual({ family: family.name, node: NODE, role: 'single' });
    }

    // The PBX link.
    for (const state of ctiStates) expect(valueOf(families, 'receptivo_ami_link_state', { state })).toBe(state === 'connected' ? 1 : 0);
    expect(valueOf(families, 'receptivo_ami_reconnections_total')).toBe(1);
    const read = (type: string) => valueOf(families, 'receptivo_ami_events_received_total', { type, outcome: 'read' });
    for (const type of ['AgentCalled', 'AgentConnect', 'QueueCallerJoin', 'QueueCallerAbandon']) expect({ type, read: read(type) }).toEqual({ type, read: eventsInRecordings(type) });
    const received = samples(families, 'receptivo_ami_events_received_total');
    expect(received.filter((sample) => sample.labels?.outcome === 'dropped').length).toBeGreaterThan(0);
    expect(received.reduce((total, sample) => total + Number(sample.value), 0)).toBeGreaterThanOrEqual(replayed.reduce((total, sent) => total + sent, 0));
    // Each event read is handled once.
    const readTotal = received.filter((sample) => sample.labels?.outcome === 'read').reduce((total, sample) => total + Number(sample.value), 0);
    expect(histogramCount(families, 'receptivo_cti_event_processing_seconds')).toBe(readTotal);

    // One pop latency per call:ringing the desks got, one answer latency per call:answered.
    const got = (event: string) => [attendant, joana].reduce((total, one) => total + one.received.filter((item) => item.event === event).length, 0);
    expect(got('call:ringing')).toBe(eventsInRecordings('AgentCalled'));
    const [pops] = samples(families, 'receptivo_cti_pop_latency_seconds');
    expect(Number(pops.count)).toBe(got('call:ringing'));
    expect(Number(pops.buckets!['+Inf'])).toBe(Number(pops.count));
    expect(Number(pops.sum) / Number(pops.count)).toBeGreaterThan(0);
    expect(Number(pops.sum) / Number(pops.count)).toBeLessThan(1);
    const [answers] = samples(families, 'receptivo_cti_answer_to_attendance_seconds');
    expect(Number(answers.count)).toBe(got('call:answered'));
    expect(Number(answers.count)).toBe(2);
    expect(Number(answers.sum)).toBeGreaterThan(0);

    // Who is connected to this node.
    expect(valueOf(families, 'receptivo_cti_desks_connected')).toBe(2);
    expect(valueOf(families, 'receptivo_cti_supervisors_connected')).toBe(1);

    // The queue as the supervisor's board shows it, and its counters.
    const queue = { queue: 'atendimento' };
    expect(valueOf(families, 'receptivo_queue_calls_waiting', queue)).toBe(board.queues[0].waiting);
    expect(valueOf(families, 'receptivo_queue_longest_wait_seconds', queue)).toBe(0);
    expect(valueOf(families, 'receptivo_queue_calls_answered_total', queue)).toBe(2);
    expect(valueOf(families, 'receptivo_queue_calls_answered_within_service_level_total', queue)).toBe(board.queues[0].answeredWithinServiceLevel);
    expect(valueOf(families, 'receptivo_queue_calls_abandoned_total', queue)).toBe(1);
    expect(valueOf(families, 'receptivo_queue_service_level_ratio', queue)).toBeCloseTo(board.queues[0].serviceLevelPercent! / 100, 3);
    for (const state of agentStates) {
      expect({ state, agents: valueOf(families, 'receptivo_agents', { state }) }).toEqual({ state, agents: board.agents.filter((agent) => agent.state === state).length });
    }

    // HTTP by route pattern, never by path.
    expect(histogramCount(families, 'receptivo_http_request_duration_seconds', { method: 'GET', route: '/api/requests/:id', status: '404' })).toBe(1);
    expect(histogramCount(families, 'receptivo_http_request_duration_seconds', { method: 'POST', route: '/api/users', status: '201' })).toBe(1);
    expect(histogramCount(families, 'receptivo_http_request_duration_seconds', { route: 'unmatched', status: '404' })).toBe(1);
    expect(histogramCount(families, 'receptivo_http_request_duration_seconds', { route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(histogramCount(families, 'receptivo_http_request_duration_seconds', { route: '/api/health', status: '200' })).toBeGreaterThanOrEqual(2);
    const routes = new Set(samples(families, 'receptivo_http_request_duration_seconds').map((sample) => sample.labels?.route));
    for (const route of routes) expect(route).toMatch(/^(unmatched|\/metrics|\/api(\/(:?[a-z-]+))+)$/);

    // The database, the mail queue, the Node process.
    expect(valueOf(families, 'receptivo_db_up')).toBe(1);
    expect(valueOf(families, 'receptivo_db_query_errors_total', { kind: 'other' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(families, 'receptivo_db_pool_max')).toBe(20);
    const pooled = valueOf(families, 'receptivo_db_pool_connections', { state: 'busy' }) + valueOf(families, 'receptivo_db_pool_connections', { state: 'idle' });
    expect(pooled).toBeGreaterThanOrEqual(1);
    expect(pooled).toBeLessThanOrEqual(20);
    expect(valueOf(families, 'receptivo_db_pool_waiting')).toBe(0);
    expect(valueOf(families, 'receptivo_mail_queue_depth', { state: 'waiting' })).toBe(0);
    expect(valueOf(families, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(10e6);
    expect(valueOf(families, 'nodejs_heap_size_total_bytes')).toBeGreaterThanOrEqual(valueOf(families, 'nodejs_heap_size_used_bytes'));
    expect(valueOf(families, 'process_resident_memory_bytes')).toBeGreaterThan(valueOf(families, 'nodejs_heap_size_used_bytes'));
    // The figures of one window, in order (a negative delay is clamped to 0, so only the order and the bound tell).
    const [p50, p99, max] = ['p50', 'p99', 'max'].map((lag) => valueOf(families, `nodejs_eventloop_lag_${lag}_seconds`));
    expect(p50).toBeLessThanOrEqual(p99);
    expect(p99).toBeLessThanOrEqual(max);
    expect(max).toBeLessThan(5);
    expect(valueOf(families, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(Math.abs(valueOf(families, 'process_start_time_seconds') - (Date.now() / 1000 - process.uptime()))).toBeLessThan(2);

    // The Grafana dashboard draws only what the server exposes.
    const exposed = new Set(
      [...families.values()].flatMap((family) => (family.type === 'HISTOGRAM' ? ['_bucket', '_sum', '_count'].map((suffix) => family.name + suffix) : [family.name])),
    );
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { title: string; panels: { title: string; targets?: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
    expect(exprs.length).toBeGreaterThan(10);
    const named = new Set(exprs.flatMap((expr) => expr.match(/\b(receptivo|nodejs|process)_[a-z0-9_]+/g) ?? []));
    expect([...named].filter((name) => !exposed.has(name))).toEqual([]);
    // …and shows every family of the server's own.
    const undrawn = [...families.keys()].filter((name) => name.startsWith('receptivo_') && !['', '_bucket', '_sum', '_count'].some((suffix) => named.has(name + suffix)));
    expect(undrawn).toEqual([]);
  });

  it('asks for METRICS_TOKEN: none or a wrong one is refused 401 in the API error shape', async () => {
    const missing = await server.http.get('/metrics').expect(401);
    expect(apiErrorSchema.parse(missing.body)).toMatchObject({ statusCode: 401, code: 'TOKEN_MISSING', message: expect.stringContaining('METRICS_TOKEN'), requestId: expect.any(String) });
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(missing.text).not.toContain('receptivo_');

    const wrong = await server.http.get('/metrics').set('Authorization', `Bearer ${TOKEN.slice(0, -1)}x`).expect(401);
    expect(apiErrorSchema.parse(wrong.body)).toMatchObject({ code: 'TOKEN_INVALID', message: 'Token das métricas inválido.' });
    const shorter = await server.http.get('/metrics').set('Authorization', 'Bearer abc').expect(401);
    expect(shorter.body.code).toBe('TOKEN_INVALID');
    // A session token of the API is no metrics token.
    const session = await server.http.get('/metrics').set('Authorization', `Bearer ${await server.login('admin')}`).expect(401);
    expect(session.body.code).toBe('TOKEN_INVALID');
    const basic = await server.http.get('/metrics').set('Authorization', `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}`).expect(401);
    expect(basic.body.code).toBe('TOKEN_MISSING');

    const head = await server.http.head('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(head.headers['content-type']).toMatch(/^text\/plain/);
    // Refusals are counted like any request, under the route's pattern.
    const families = parse((await server.http.get('/metrics').set('Authorization', `bearer ${TOKEN}`).expect(200)).text);
    expect(histogramCount(families, 'receptivo_http_request_duration_seconds', { route: '/metrics', status: '401' })).toBe(5);
  });
});

describe('where GET /metrics is served', () => {
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'receptivo-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Receptivo</title><div id="root"></div>');
  });
  afterAll(() => rm(rendererDir, { recursive: true, force: true }));

  it('without METRICS_TOKEN nor METRICS_PORT nowhere: 404 in the API error shape, never the pages', async () => {
    const server = await startTestApp({}, rendererDir);
    try {
      const response = await server.http.get('/metrics').expect(404);
      expect(apiErrorSchema.parse(response.body)).toMatchObject({ code: 'NOT_FOUND' });
      expect(response.text).not.toContain('receptivo_');
      // The pages' fallback still answers every other path.
      expect((await server.http.get('/atendimento').expect(200)).text).toContain('<div id="root">');
    } finally {
      await server.close();
    }
  });

  it('METRICS_PORT: on that port alone (open without METRICS_TOKEN), 404 on the main port; closed with the server', async () => {
    const port = await freePort();
    const server = await startTestApp({ METRICS_PORT: String(port) }, rendererDir);
    const metricsUrl = `http://127.0.0.1:${port}`;
    try {
      const main = await server.http.get('/metrics').expect(404);
      expect(apiErrorSchema.parse(main.body)).toMatchObject({ code: 'NOT_FOUND' });

      const response = await fetch(`${metricsUrl}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const families = parse(await response.text());
      expect(valueOf(families, 'receptivo_db_up')).toBe(1);
      // No PBX configured: the link is off; the main port's requests are counted, the metrics port's are not.
      expect(valueOf(families, 'receptivo_ami_link_state', { state: 'off' })).toBe(1);
      expect(histogramCount(families, 'receptivo_http_request_duration_seconds', { route: 'unmatched', status: '404' })).toBe(1);
      expect(samples(families, 'receptivo_http_request_duration_seconds', { route: '/metrics' })).toEqual([]);

      for (const path of ['/', '/api/health', '/metrics/extra']) {
        const other = await fetch(`${metricsUrl}${path}`);
        expect({ path, status: other.status }).toEqual({ path, status: 404 });
        expect(apiErrorSchema.parse(await other.json())).toMatchObject({ code: 'NOT_FOUND' });
      }
    } finally {
      await server.close();
    }
    await expect(fetch(`${metricsUrl}/metrics`)).rejects.toThrow();
  });
});
