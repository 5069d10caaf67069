declare module 'parse-prometheus-text-format' {
  /** One series as parse-prometheus-text-format 1.1 gives it (values as the text had them). */
  interface ParsedSample {
    labels?: Record<string, string>;
    value?: string;
    /** Histograms: cumulative count per upper bound (`le`), with `+Inf`. */
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }

  interface ParsedFamily {
    name: string;
    help: string;
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
    metrics: ParsedSample[];
  }

  function parsePrometheusTextFormat(text: string): ParsedFamily[];
  export = parsePrometheusTextFormat;
}
