import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';

/** The event-loop delay figures cover this long a window, whoever scrapes and how often. */
const LAG_WINDOW_MS = 10_000;

interface LagFigures {
  p50: number;
  p99: number;
  max: number;
}

/** How often the monitor samples, in ms; each sample is that interval plus the delay. */
const RESOLUTION_MS = 10;

/** A sample as the delay alone: the monitor reports the whole interval between its timer's runs (10 ms on an idle loop). */
const delaySeconds = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS) / 1000;

/**
 * The Node process under the server: event-loop delay (from perf_hooks' monitor, over the last
 * 10-second window) and memory, under the names prom-client's default metrics use, so the usual
 * Node.js dashboards read them. Not prom-client's collectDefaultMetrics: its monitor and GC
 * observer can never be stopped, and every app a test process starts would leave them running.
 */
@Injectable()
export class NodeRuntimeMetrics implements OnModuleDestroy {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private readonly rotation: NodeJS.Timeout;
  /** The last complete window; until there is one, the window so far. */
  private lastWindow: LagFigures | undefined;

  constructor(metrics: MetricsRegistry) {
    this.delay.enable();
    this.rotation = setInterval(() => {
      this.lastWindow = this.figures();
      this.delay.reset();
    }, LAG_WINDOW_MS).unref();
    const registers = [metrics.registry];
    // As prom-client's own collectors: the first gauge of a group sets the others from one read per
    // scrape (the Registry collects and reads each metric in turn, in the order they registered).
    const lag = () => this.lastWindow ?? this.figures();
    new Gauge({
      name: 'nodejs_eventloop_lag_p50_seconds',
      help: 'Event-loop delay, median over the last 10 s.',
      registers,
      collect() {
        const { p50, p99, max } = lag();
        this.set(p50);
        lagP99.set(p99);
        lagMax.set(max);
      },
    });
    const lagP99 = new Gauge({ name: 'nodejs_eventloop_lag_p99_seconds', help: 'Event-loop delay, 99th percentile over the last 10 s.', registers });
    const lagMax = new Gauge({ name: 'nodejs_eventloop_lag_max_seconds', help: 'Event-loop delay, maximum over the last 10 s.', registers });
    new Gauge({
      name: 'nodejs_heap_size_used_bytes',
      help: 'V8 heap in use.',
      registers,
      collect() {
        const memory = process.memoryUsage();
        this.set(memory.heapUsed);
        heapTotal.set(memory.heapTotal);
        external.set(memory.external);
        resident.set(memory.rss);
      },
    });
    const heapTotal = new Gauge({ name: 'nodejs_heap_size_total_bytes', help: 'V8 heap allocated.', registers });
    const external = new Gauge({ name: 'nodejs_external_memory_bytes', help: 'Memory of C++ objects bound to JavaScript (buffers).', registers });
    const resident = new Gauge({ name: 'process_resident_memory_bytes', help: 'Resident set size of the process.', registers });
    new Counter({
      name: 'process_cpu_seconds_total',
      help: 'CPU time of the process, user and system.',
      registers,
      collect() {
        const { user, system } = process.cpuUsage();
        this.reset();
        this.inc((user + system) / 1e6);
      },
    });
    const startedAt = Math.round(Date.now() / 1000 - process.uptime());
    new Gauge({ name: 'process_start_time_seconds', help: 'When the process started, in Unix seconds.', registers }).set(startedAt);
  }

  onModuleDestroy(): void {
    clearInterval(this.rotation);
    this.delay.disable();
  }

  private figures(): LagFigures {
    // No sample yet (a window shorter than the resolution): the monitor answers about 0 for each.
    return { p50: delaySeconds(this.delay.percentile(50)), p99: delaySeconds(this.delay.percentile(99)), max: delaySeconds(this.delay.max) };
  }
}
