import { Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { describeErrorForLog } from '../common/log-redaction';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { MailQueue } from './mail-queue';

/** A scrape does not wait longer than this for the queue's counts (the database may be away). */
const DEPTH_TIMEOUT_MS = 2_000;

/**
 * The mail queue at each scrape: messages not sent yet (the queue lives in PostgreSQL, so every
 * node reports the same depth) and this node's failed attempts. While the database does not answer
 * the depth is left out rather than the scrape failing.
 */
@Injectable()
export class MailMetrics {
  private readonly logger = new Logger(MailMetrics.name);

  constructor(metrics: MetricsRegistry, queue: MailQueue) {
    const registers = [metrics.registry];
    const logger = this.logger;
    new Gauge({
      name: 'receptivo_mail_queue_depth',
      help: 'E-mails not sent yet: waiting for their first try, or retrying after a failure. The same on every node (one queue in PostgreSQL).',
      labelNames: ['state'],
      registers,
      async collect() {
        this.reset();
        try {
          const { waiting, retrying } = await withTimeout(queue.depth(), DEPTH_TIMEOUT_MS);
          this.set({ state: 'waiting' }, waiting);
          this.set({ state: 'retrying' }, retrying);
        } catch (error) {
          logger.warn(`mail queue depth not read: ${describeErrorForLog(error)}`);
        }
      },
    });
    new Counter({
      name: 'receptivo_mail_send_failures_total',
      help: 'Attempts to send an e-mail that failed on this node (the SMTP server refused or was away); each is tried again later.',
      registers,
      collect() {
        this.reset();
        this.inc(queue.sendFailures);
      },
    });
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([work, new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
