import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/** One series: a counter's or gauge's value, or a histogram's buckets (cumulative, by `le`), count and sum, as the text has them. */
export interface PrometheusSample {
  labels?: Record<string, string>;
  value?: string;
  buckets?: Record<string, string>;
  count?: string;
  sum?: string;
}

export interface PrometheusFamily {
  name: string;
  help: string;
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: PrometheusSample[];
}

export type PrometheusFamilies = Map<string, PrometheusFamily>;

const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;

/**
 * The families of a /metrics answer by name, read with parse-prometheus-text-format. That parser
 * folds every series of a histogram into one and drops their labels (it handles a histogram
 * without labels only), and every series here has labels (node, role): histograms are read as
 * their `_bucket`, `_sum` and `_count` lines and put back together per label set.
 */
export function parsePrometheusText(text: string): PrometheusFamilies {
  const histograms = new Map<string, string>();
  const asUntyped = text.replace(/^# TYPE (\S+) histogram$/gm, (_line, name: string) => {
    histograms.set(name, '');
    return `# TYPE ${name} untyped`;
  });
  const families: PrometheusFamilies = new Map();
  for (const family of parsePrometheusTextFormat(asUntyped)) {
    const known = families.get(family.name);
    if (known) known.metrics.push(...family.metrics);
    else families.set(family.name, { ...family, metrics: [...family.metrics] });
  }
  for (const name of histograms.keys()) {
    const series = new Map<string, PrometheusSample & { labels: Record<string, string> }>();
    const seriesOf = (labels: Record<string, string> = {}) => {
      const { le: _bound, ...rest } = labels;
      const key = JSON.stringify(Object.entries(rest).sort());
      if (!series.has(key)) series.set(key, { labels: rest, buckets: {} });
      return series.get(key)!;
    };
    for (const sample of families.get(`${name}_bucket`)?.metrics ?? []) seriesOf(sample.labels).buckets![sample.labels!.le] = sample.value!;
    for (const sample of families.get(`${name}_sum`)?.metrics ?? []) seriesOf(sample.labels).sum = sample.value;
    for (const sample of families.get(`${name}_count`)?.metrics ?? []) seriesOf(sample.labels).count = sample.value;
    for (const suffix of HISTOGRAM_SUFFIXES) families.delete(name + suffix);
    families.set(name, { name, help: families.get(name)?.help ?? '', type: 'HISTOGRAM', metrics: [...series.values()] });
  }
  return families;
}
