import { type AmiEvent, text } from '../cti/call-tracker';

export interface QueueStatsConfig {
  /** SUPERVISION_SERVICE_LEVEL_SECONDS: an answer within this many seconds in queue is in service level. */
  serviceLevelSeconds: number;
  /** SUPERVISION_WINDOW_MINUTES, in ms: counts and averages cover this rolling window. */
  windowMs: number;
}

/** The figures of one queue at a moment; see queueFiguresSchema for the formulas. */
export interface QueueCounts {
  queue: string;
  waiting: number;
  longestWaitMs: number | null;
  answered: number;
  abandoned: number;
  answeredWithinServiceLevel: number;
  serviceLevelPercent: number | null;
  averageWaitSeconds: number | null;
  averageTalkSeconds: number | null;
}

/** Answers and abandons of one queue since these stats began (a counter never goes down, unlike the window's figures). */
export interface QueueTotals {
  answered: number;
  answeredWithinServiceLevel: number;
  abandoned: number;
}

/** Values in time order; those older than the window leave from the front as time passes. */
class WindowedSeries {
  private readonly times: number[] = [];
  private readonly values: number[] = [];
  private head = 0;
  total = 0;

  push(at: number, value: number): void {
    this.times.push(at);
    this.values.push(value);
    this.total += value;
  }

  dropBefore(since: number): void {
    while (this.head < this.times.length && this.times[this.head] < since) {
      this.total -= this.values[this.head];
      this.head += 1;
    }
    // Compacted now and then, so a busy day does not keep every sample in memory.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.values.splice(0, this.head);
      this.head = 0;
    }
  }

  get count(): number {
    return this.times.length - this.head;
  }

  get oldest(): number | null {
    return this.head < this.times.length ? this.times[this.head] : null;
  }
}

interface QueueRecord {
  /** Callers in the queue by Uniqueid → when they joined, in join order (the first waits longest). */
  waiting: Map<string, number>;
  /** Per answer: seconds in queue (AgentConnect HoldTime). */
  answered: WindowedSeries;
  /** Per answer: 1 when within the service level, else 0. */
  withinServiceLevel: WindowedSeries;
  /** Per abandon: 1. */
  abandoned: WindowedSeries;
  /** Per completed call: talk seconds (AgentComplete TalkTime). */
  talk: WindowedSeries;
  totals: QueueTotals;
}

const seconds = (value: AmiEvent[string] | undefined): number | null => {
  const raw = text(value);
  const parsed = Number(raw);
  return raw !== null && Number.isFinite(parsed) && parsed >= 0 ? parsed : null;
};
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** The AMI events QueueStats.apply reads. */
export const QUEUE_STATS_EVENTS = ['QueueCallerJoin', 'QueueCallerLeave', 'QueueCallerAbandon', 'AgentConnect', 'AgentComplete'];

/**
 * Per-queue figures folded from Asterisk's queue events, without I/O (times are passed in):
 * QueueCallerJoin / QueueCallerLeave keep who waits now; AgentConnect (HoldTime) counts an answer
 * and its wait; QueueCallerAbandon an abandon; AgentComplete (TalkTime) a talk time. Counts and
 * averages cover the last `windowMs` (a rolling window, never reset at midnight). Events missed
 * while the AMI link was down are not counted; who waits is taken again from QueueStatus.
 */
export class QueueStats {
  private readonly queues = new Map<string, QueueRecord>();

  constructor(private readonly config: QueueStatsConfig) {}

  /** Takes one AMI event; true when a figure changed. */
  apply(event: AmiEvent, now: number): boolean {
    const queue = text(event.queue);
    if (!queue) return false;
    switch (event.event) {
      case 'QueueCallerJoin': {
        const uniqueid = text(event.uniqueid);
        if (!uniqueid) return false;
        this.record(queue).waiting.set(uniqueid, now);
        return true;
      }
      case 'QueueCallerLeave':
        return this.queues.get(queue)?.waiting.delete(text(event.uniqueid) ?? '') ?? false;
      case 'QueueCallerAbandon': {
        const record = this.record(queue);
        record.waiting.delete(text(event.uniqueid) ?? '');
        record.abandoned.push(now, 1);
        record.totals.abandoned += 1;
        return true;
      }
      case 'AgentConnect': {
        const record = this.record(queue);
        const held = seconds(event.holdtime) ?? 0;
        const within = held <= this.config.serviceLevelSeconds ? 1 : 0;
        record.answered.push(now, held);
        record.withinServiceLevel.push(now, within);
        record.totals.answered += 1;
        record.totals.answeredWithinServiceLevel += within;
        return true;
      }
      case 'AgentComplete': {
        const talked = seconds(event.talktime);
        if (talked === null) return false;
        this.record(queue).talk.push(now, talked);
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * After a (re)connect: who waits now comes from QueueStatus (QueueEntry with its Wait seconds);
   * QueueParams names queues with nobody in them. The window's counts are kept.
   */
  reconcile(queueStatus: readonly AmiEvent[], now: number): void {
    const entries: { queue: string; uniqueid: string; joinedAt: number }[] = [];
    for (const item of queueStatus) {
      const queue = text(item.queue);
      if (!queue) continue;
      this.record(queue);
      const uniqueid = text(item.uniqueid);
      if (item.event === 'QueueEntry' && uniqueid) entries.push({ queue, uniqueid, joinedAt: now - (seconds(item.wait) ?? 0) * 1000 });
    }
    for (const record of this.queues.values()) record.waiting.clear();
    entries.sort((a, b) => a.joinedAt - b.joinedAt);
    for (const entry of entries) this.record(entry.queue).waiting.set(entry.uniqueid, entry.joinedAt);
  }

  /** The queues heard of, by name. */
  queueNames(): Iterable<string> {
    return this.queues.keys();
  }

  figures(queue: string, now: number): QueueCounts {
    const record = this.queues.get(queue);
    if (!record) return { ...emptyCounts, queue };
    const since = now - this.config.windowMs;
    for (const series of [record.answered, record.withinServiceLevel, record.abandoned, record.talk]) series.dropBefore(since);
    const firstJoined = record.waiting.values().next();
    const answered = record.answered.count;
    const abandoned = record.abandoned.count;
    const within = record.withinServiceLevel.total;
    return {
      queue,
      waiting: record.waiting.size,
      longestWaitMs: firstJoined.done ? null : Math.max(0, now - firstJoined.value),
      answered,
      abandoned,
      answeredWithinServiceLevel: within,
      serviceLevelPercent: answered + abandoned === 0 ? null : oneDecimal((within / (answered + abandoned)) * 100),
      averageWaitSeconds: answered === 0 ? null : oneDecimal(record.answered.total / answered),
      averageTalkSeconds: record.talk.count === 0 ? null : oneDecimal(record.talk.total / record.talk.count),
    };
  }

  /** The queue's answers and abandons since these stats began. */
  totals(queue: string): Readonly<QueueTotals> {
    return this.queues.get(queue)?.totals ?? { answered: 0, answeredWithinServiceLevel: 0, abandoned: 0 };
  }

  /** When the oldest sample leaves the window, changing the figures with no event: null when none is kept. */
  nextExpiry(): number | null {
    let oldest: number | null = null;
    for (const record of this.queues.values()) {
      for (const series of [record.answered, record.abandoned, record.talk]) {
        const at = series.oldest;
        if (at !== null && (oldest === null || at < oldest)) oldest = at;
      }
    }
    return oldest === null ? null : oldest + this.config.windowMs;
  }

  private record(queue: string): QueueRecord {
    let record = this.queues.get(queue);
    if (!record) {
      record = {
        waiting: new Map(),
        answered: new WindowedSeries(),
        withinServiceLevel: new WindowedSeries(),
        abandoned: new WindowedSeries(),
        talk: new WindowedSeries(),
        totals: { answered: 0, answeredWithinServiceLevel: 0, abandoned: 0 },
      };
      this.queues.set(queue, record);
    }
    return record;
  }
}

const emptyCounts: Omit<QueueCounts, 'queue'> = {
  waiting: 0,
  longestWaitMs: null,
  answered: 0,
  abandoned: 0,
  answeredWithinServiceLevel: 0,
  serviceLevelPercent: null,
  averageWaitSeconds: null,
  averageTalkSeconds: null,
};
