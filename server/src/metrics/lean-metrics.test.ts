import { Registry } from 'prom-client';
import { parsePrometheusText } from '../testing/prometheus-text';
import { LeanCounter, LeanHistogram } from './lean-metrics';

describe('lean metrics (the CTI hot path) in the Prometheus text format', () => {
  it('a histogram counts each value in the first bucket whose bound it does not pass, cumulatively, with +Inf, sum and count', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ node: 'n1' });
    const histogram = new LeanHistogram('pop_seconds', 'Pops.', [0.001, 0.01], registry);
    for (const value of [0.0005, 0.001, 0.002, 0.5]) histogram.observe(value);
    const [series] = parsePrometheusText(await registry.metrics()).get('pop_seconds')!.metrics;
    expect(series).toEqual({ labels: { node: 'n1' }, buckets: { '0.001': '2', '0.01': '3', '+Inf': '4' }, sum: '0.5035', count: '4' });
  });

  it('a counter keeps a series per name up to its cap, then counts new names as one', async () => {
    const registry = new Registry();
    const counter = new LeanCounter('events_total', 'Events.', 'type', 3, 'other', registry);
    const read = counter.series({ outcome: 'read' });
    const dropped = counter.series({ outcome: 'dropped' });
    for (const type of ['AgentCalled', 'AgentCalled', 'Hangup']) read.inc(type);
    dropped.inc('Newexten');
    // The cap is reached: names never seen before count as "other"; those known go on counting.
    for (const type of ['Bogus1', 'Bogus2', 'Newexten']) dropped.inc(type);
    read.inc('Hangup');
    const values = parsePrometheusText(await registry.metrics())
      .get('events_total')!
      .metrics.map((sample) => [sample.labels!.outcome, sample.labels!.type, Number(sample.value)]);
    expect(values).toEqual([
      ['read', 'AgentCalled', 2],
      ['read', 'Hangup', 2],
      ['dropped', 'Newexten', 2],
      ['dropped', 'other', 2],
    ]);
  });
});
