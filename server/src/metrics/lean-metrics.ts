import type { Metric, Registry } from 'prom-client';

/**
 * Metrics observed on the CTI hot path, once per AMI frame (a burst brings thousands within
 * milliseconds, and the screen-pop waits behind them): prom-client's own observe() builds a label
 * object, a closure and a hash string each time (200–300 ns), these add to a number in place
 * (5–10 ns, nothing allocated). They register in a prom-client Registry as any metric does and
 * render the same text format.
 */

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

abstract class LeanMetric {
  readonly aggregator = 'sum';

  constructor(
    readonly name: string,
    readonly help: string,
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  abstract readonly type: 'counter' | 'histogram';
  protected abstract samples(): Sample[];
  abstract reset(): void;

  /** What prom-client's Registry reads at every scrape. */
  async get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: Sample[] }> {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: this.samples() };
  }
}

/** A histogram without labels: observations counted per bucket in place. */
export class LeanHistogram extends LeanMetric {
  readonly type = 'histogram';
  /** Per bucket, not cumulative; the last counts what is above every bound. */
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(name: string, help: string, private readonly bounds: readonly number[], registry: Registry) {
    super(name, help, registry);
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    const { bounds } = this;
    let bucket = 0;
    while (bucket < bounds.length && value > bounds[bucket]) bucket += 1;
    this.counts[bucket] += 1;
    this.sum += value;
    this.count += 1;
  }

  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }

  protected samples(): Sample[] {
    const samples: Sample[] = [];
    let cumulative = 0;
    this.bounds.forEach((bound, index) => {
      cumulative += this.counts[index];
      samples.push({ labels: { le: bound }, value: cumulative, metricName: `${this.name}_bucket` });
    });
    samples.push({ labels: { le: '+Inf' }, value: this.count, metricName: `${this.name}_bucket` });
    samples.push({ labels: {}, value: this.sum, metricName: `${this.name}_sum` });
    samples.push({ labels: {}, value: this.count, metricName: `${this.name}_count` });
    return samples;
  }
}

/** One series of a LeanCounter: its fixed labels, and a count per value of the counter's open label. */
export class LeanCounterSeries {
  readonly counts = new Map<string, { value: number }>();

  constructor(
    readonly labels: Readonly<Record<string, string>>,
    private readonly room: () => boolean,
    private readonly overflow: string,
  ) {}

  inc(key: string): void {
    const known = this.counts.get(key);
    if (known) {
      known.value += 1;
      return;
    }
    const admitted = this.room() ? key : this.overflow;
    const entry = this.counts.get(admitted);
    if (entry) entry.value += 1;
    else this.counts.set(admitted, { value: 1 });
  }
}

/**
 * A counter with one open label (an AMI event's name) beside fixed ones. Its values come from the
 * PBX, so their number is capped: once `maxKeys` are known, new ones count under `overflow`.
 */
export class LeanCounter extends LeanMetric {
  readonly type = 'counter';
  private readonly all: LeanCounterSeries[] = [];

  constructor(
    name: string,
    help: string,
    private readonly openLabel: string,
    private readonly maxKeys: number,
    private readonly overflow: string,
    registry: Registry,
  ) {
    super(name, help, registry);
  }

  series(labels: Record<string, string>): LeanCounterSeries {
    const series = new LeanCounterSeries(labels, () => this.keys() < this.maxKeys, this.overflow);
    this.all.push(series);
    return series;
  }

  reset(): void {
    for (const series of this.all) series.counts.clear();
  }

  private keys(): number {
    return this.all.reduce((total, series) => total + series.counts.size, 0);
  }

  protected samples(): Sample[] {
    return this.all.flatMap((series) =>
      [...series.counts].map(([key, { value }]) => ({ labels: { ...series.labels, [this.openLabel]: key }, value })),
    );
  }
}
