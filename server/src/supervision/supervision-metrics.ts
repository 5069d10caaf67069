import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { type QueueFigures, agentStates } from '@receptivo/shared';
import { MetricsRegistry } from '../metrics/metrics-registry';
import type { QueueTotals } from './queue-stats';
import { SupervisionService } from './supervision.service';

type Figures = NonNullable<ReturnType<SupervisionService['figuresNow']>>;

/**
 * The supervisors' figures for Prometheus, read at each scrape from what SupervisionService keeps
 * (nothing is done per event for them): per queue the callers waiting, the longest wait, the
 * service level over SUPERVISION_WINDOW_MINUTES, answers and abandons as counters; the agents per
 * state. Only where the PBX is heard (single node or leader); a follower has no such series.
 */
@Injectable()
export class SupervisionMetrics {
  /** The figures of the scrape under way: every metric's collect runs in one turn, the board is built once. */
  private scrape: { figures: Figures | null } | undefined;

  constructor(
    metrics: MetricsRegistry,
    private readonly supervision: SupervisionService,
  ) {
    const registers = [metrics.registry];
    const figuresNow = () => this.figures();
    type Read = (queue: QueueFigures, totals: Readonly<QueueTotals>) => number | null;
    const eachQueue = (read: Read, write: (queue: string, value: number) => void) => {
      const figures = figuresNow();
      for (const queue of figures?.board.queues ?? []) {
        const value = read(queue, figures!.totals(queue.queue));
        if (value !== null) write(queue.queue, value);
      }
    };
    const gaugeOf = (read: Read) =>
      function collect(this: Gauge<'queue'>): void {
        this.reset();
        eachQueue(read, (queue, value) => this.set({ queue }, value));
      };
    const counterOf = (read: Read) =>
      function collect(this: Counter<'queue'>): void {
        this.reset();
        eachQueue(read, (queue, value) => this.inc({ queue }, value));
      };
    const labelNames = ['queue'] as const;
    new Gauge({
      name: 'receptivo_queue_calls_waiting',
      help: 'Callers waiting in the queue now.',
      labelNames,
      registers,
      collect: gaugeOf((queue) => queue.waiting),
    });
    new Gauge({
      name: 'receptivo_queue_longest_wait_seconds',
      help: 'How long the caller waiting longest has waited (0 when nobody waits).',
      labelNames,
      registers,
      collect: gaugeOf((queue) => (queue.longestWaitMs ?? 0) / 1000),
    });
    new Gauge({
      name: 'receptivo_queue_service_level_ratio',
      help: 'Answered within SUPERVISION_SERVICE_LEVEL_SECONDS ÷ (answered + abandoned) over SUPERVISION_WINDOW_MINUTES, as supervisors see it; absent without calls in the window.',
      labelNames,
      registers,
      collect: gaugeOf((queue) => (queue.serviceLevelPercent === null ? null : queue.serviceLevelPercent / 100)),
    });
    new Counter({
      name: 'receptivo_queue_calls_answered_total',
      help: 'Calls answered from the queue (AgentConnect) since this node began hearing the PBX.',
      labelNames,
      registers,
      collect: counterOf((_queue, totals) => totals.answered),
    });
    new Counter({
      name: 'receptivo_queue_calls_answered_within_service_level_total',
      help: 'Calls answered within SUPERVISION_SERVICE_LEVEL_SECONDS in the queue.',
      labelNames,
      registers,
      collect: counterOf((_queue, totals) => totals.answeredWithinServiceLevel),
    });
    new Counter({
      name: 'receptivo_queue_calls_abandoned_total',
      help: 'Callers who hung up while waiting in the queue (QueueCallerAbandon).',
      labelNames,
      registers,
      collect: counterOf((_queue, totals) => totals.abandoned),
    });
    new Gauge({
      name: 'receptivo_agents',
      help: 'Agents by state as supervisors see them (available, ringing, on_call, paused, wrap_up, offline).',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        const agents = figuresNow()?.board.agents;
        if (!agents) return;
        for (const state of agentStates) this.set({ state }, agents.filter((agent) => agent.state === state).length);
      },
    });
  }

  private figures(): Figures | null {
    if (!this.scrape) {
      this.scrape = { figures: this.supervision.figuresNow() };
      queueMicrotask(() => (this.scrape = undefined));
    }
    return this.scrape.figures;
  }
}
