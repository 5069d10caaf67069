import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { ctiStates } from '@receptivo/shared';
import { LeanCounter, type LeanCounterSeries, LeanHistogram } from '../metrics/lean-metrics';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { CtiSockets } from './cti-sockets';
import { CtiStatus } from './cti-status';

/** Asterisk names a couple of hundred events; a PBX sending more names than this counts the rest as one. */
const MAX_EVENT_TYPES = 300;
const OTHER_EVENT_TYPE = 'other';

/** Pop and answer latencies: a pop takes milliseconds (the target is 5 ms), an attendance waits for the database. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** One AMI event is handled in microseconds. */
const PROCESSING_BUCKETS = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05];

const sinceSeconds = (startedAt: number) => (performance.now() - startedAt) / 1000;

/**
 * The CTI's figures (docs/operations.md): what the PBX link does, how long the server takes from an
 * AMI event to what the desk sees, and the /cti connections on this node. The call path reports
 * here as it goes (cheap: lean-metrics.ts); the rest is read at each scrape.
 */
@Injectable()
export class CtiMetrics {
  private readonly eventsRead: LeanCounterSeries;
  private readonly eventsDropped: LeanCounterSeries;
  private readonly processing: LeanHistogram;
  private readonly pops: LeanHistogram;
  private readonly answers: LeanHistogram;
  private readonly reconnections: Counter;
  private logins = 0;

  constructor(metrics: MetricsRegistry, status: CtiStatus, sockets: CtiSockets) {
    const { registry } = metrics;
    const events = new LeanCounter(
      'receptivo_ami_events_received_total',
      'AMI events received, by event name; outcome "read" when handled, "dropped" when set aside unparsed at the door.',
      'type',
      MAX_EVENT_TYPES,
      OTHER_EVENT_TYPE,
      registry,
    );
    this.eventsRead = events.series({ outcome: 'read' });
    this.eventsDropped = events.series({ outcome: 'dropped' });
    this.processing = new LeanHistogram(
      'receptivo_cti_event_processing_seconds',
      'Handling one AMI event read: the call tracker and what its effects do at once (screen-pops sent, queue figures).',
      PROCESSING_BUCKETS,
      registry,
    );
    this.pops = new LeanHistogram(
      'receptivo_cti_pop_latency_seconds',
      'From reading an AgentCalled off the PBX socket to emitting its call:ringing to the desk.',
      LATENCY_BUCKETS,
      registry,
    );
    this.answers = new LeanHistogram(
      'receptivo_cti_answer_to_attendance_seconds',
      'From reading an AgentConnect off the PBX socket to the attendance started and call:answered emitted.',
      LATENCY_BUCKETS,
      registry,
    );
    this.reconnections = new Counter({
      name: 'receptivo_ami_reconnections_total',
      help: 'Logins to the PBX after the first one of this process: each follows a lost link (or this node leading again).',
      registers: [registry],
    });
    new Gauge({
      name: 'receptivo_ami_link_state',
      help: 'The PBX link: 1 for its current state (off, connected, reconnecting, login_refused), 0 for the others. A follower runs no link.',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        for (const state of ctiStates) this.set({ state }, status.state === state ? 1 : 0);
      },
    });
    new Gauge({
      name: 'receptivo_cti_desks_connected',
      help: '/cti connections to this node of users with an extension (desks).',
      registers: [registry],
      collect() {
        this.set(countLocal(sockets, (data) => Boolean(data.extension)));
      },
    });
    new Gauge({
      name: 'receptivo_cti_supervisors_connected',
      help: '/cti connections to this node of supervisors and admins.',
      registers: [registry],
      collect() {
        this.set(countLocal(sockets, (data) => data.supervisor === true));
      },
    });
  }

  /** An AMI event parsed and handed to the tracker. */
  eventRead(type: unknown): void {
    this.eventsRead.inc(typeof type === 'string' ? type : OTHER_EVENT_TYPE);
  }

  /** An AMI event set aside at the door without being parsed. */
  eventDropped(type: string): void {
    this.eventsDropped.inc(type);
  }

  /** Events received so far, by name, read or dropped: the wiring check takes the difference since a connection. */
  eventCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const series of [this.eventsRead, this.eventsDropped]) {
      for (const [type, { value }] of series.counts) counts.set(type, (counts.get(type) ?? 0) + value);
    }
    return counts;
  }

  /** `startedAt`: performance.now() when its handling began. */
  eventHandled(startedAt: number): void {
    this.processing.observe(sinceSeconds(startedAt));
  }

  /** A call:ringing emitted for an AgentCalled read at `readAt` (performance.now()). */
  popSent(readAt: number): void {
    this.pops.observe(sinceSeconds(readAt));
  }

  /** A call:answered emitted, its attendance started, for an AgentConnect read at `readAt`. */
  attendanceStarted(readAt: number): void {
    this.answers.observe(sinceSeconds(readAt));
  }

  /** The PBX accepted a login. */
  linkConnected(): void {
    this.logins += 1;
    if (this.logins > 1) this.reconnections.inc();
  }
}

/** Sockets connected to this node (not the cluster's) whose data the test accepts. */
function countLocal(sockets: CtiSockets, test: (data: { extension?: string; supervisor?: boolean }) => boolean): number {
  let count = 0;
  for (const socket of sockets.namespace?.sockets.values() ?? []) if (test(socket.data ?? {})) count += 1;
  return count;
}
