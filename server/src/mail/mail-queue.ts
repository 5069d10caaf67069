import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { describeErrorForLog } from '../common/log-redaction';
import type { Settings } from '../config/settings';
import { START_LOCKS, underStartLock } from '../database/migrate';
import { type MailMessage, MailSealer, type SealedMail } from './mail-message';
import { type MailTransport, createMailTransport } from './mail-transport';

const QUEUE = 'mail';

/**
 * Outgoing mail is a job in PostgreSQL (pg-boss): enqueued in the same request that decides to
 * send it, sent by a worker, retried with backoff while the SMTP server is down, kept across restarts.
 */
@Injectable()
export class MailQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MailQueue.name);
  private readonly boss: PgBoss;
  private readonly sealer: MailSealer;
  private readonly transport: MailTransport;
  private readonly retryDelaySeconds: number;
  /** Attempts to send that failed on this node since it started (each is tried again later). */
  private failedSends = 0;

  constructor(
    config: ConfigService<Settings, true>,
    private readonly dataSource: DataSource,
  ) {
    this.boss = new PgBoss({
      connectionString: config.get('databaseUrl', { infer: true }),
      schema: 'pgboss',
      max: 4,
      // Sent mail is kept a week for support questions ("did the citizen get it?").
      archiveCompletedAfterSeconds: 7 * 24 * 3600,
    });
    this.boss.on('error', (error) => this.logger.error(`mail queue: ${describeErrorForLog(error)}`));
    this.sealer = new MailSealer(config.get('jwtSecret', { infer: true }));
    this.transport = createMailTransport(config.get('SMTP_URL', { infer: true }), config.get('DATA_DIR', { infer: true }));
    this.retryDelaySeconds = config.get('MAIL_RETRY_DELAY_SECONDS', { infer: true });
  }

  async onModuleInit(): Promise<void> {
    // pg-boss 10 creates a queue without a lock: nodes starting together deadlock on its partition.
    await underStartLock(this.dataSource, START_LOCKS.mailQueue, async () => {
      await this.boss.start();
      await this.boss.createQueue(QUEUE, {
        name: QUEUE,
        retryLimit: 12,
        retryDelay: this.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: 120,
      });
    });
    await this.boss.work<SealedMail>(QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
      try {
        await this.transport.send(this.sealer.open(job.data));
      } catch (error) {
        this.failedSends += 1;
        throw error;
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
    this.transport.close();
  }

  get sendFailures(): number {
    return this.failedSends;
  }

  /** Messages not sent yet: waiting for their first try, and waiting to be tried again after a failure. */
  async depth(): Promise<{ waiting: number; retrying: number }> {
    const [waiting, unsent] = await Promise.all([this.boss.getQueueSize(QUEUE, { before: 'retry' }), this.boss.getQueueSize(QUEUE, { before: 'active' })]);
    return { waiting, retrying: unsent - waiting };
  }

  /**
   * Returns the job id; the message is sent (and retried) in the background. Given the caller's
   * transaction, the job is written in it: committed together with the change it reports, or not at all.
   */
  async enqueue(message: MailMessage, transaction?: EntityManager): Promise<string> {
    const db = transaction && { executeSql: async (text: string, values: unknown[]) => ({ rows: await transaction.query(text, values) }) };
    const id = await this.boss.send(QUEUE, this.sealer.seal(message), db ? { db } : {});
    if (!id) throw new Error('mail queue refused the message');
    return id;
  }
}
