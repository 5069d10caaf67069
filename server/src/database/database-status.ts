import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Observable, Subject, filter, firstValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../common/database-errors';

const PROBE_EVERY_MS = 500;
const PROBE_TIMEOUT_MS = 2000;

/**
 * Whether the database answers. Any part of the server that fails on the database reports the
 * failure here; a connection-class failure marks it down and starts probing `SELECT 1` until it
 * answers again. Work that needs the database can wait for it (`whenUp`) instead of failing.
 */
@Injectable()
export class DatabaseStatus implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private readonly changes = new Subject<boolean>();
  /** Each change: false when the database goes down, true when it answers again (not the current state: read isUp). */
  readonly changes$: Observable<boolean> = this.changes.asObservable();
  private up = true;
  private downSince = 0;
  private probeTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  // The DataSource is looked up when probing: its own options send pool errors here (DatabaseModule).
  constructor(private readonly moduleRef: ModuleRef) {}

  get isUp(): boolean {
    return this.up;
  }

  /** Resolves at once when the database is up, else when it answers again. */
  async whenUp(): Promise<void> {
    if (this.up) return;
    await firstValueFrom(this.changes$.pipe(filter((up) => up)));
  }

  /** True when `error` says the database is unreachable; then it is marked down until a probe answers. */
  reportFailure(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (this.up && !this.stopped) {
      this.up = false;
      this.downSince = Date.now();
      this.logger.warn(`database unavailable (${error instanceof Error ? error.message : String(error)}); probing it every ${PROBE_EVERY_MS} ms`);
      this.changes.next(false);
      this.scheduleProbe();
    }
    return true;
  }

  /**
   * Runs work that needs the database, waiting through an outage (probed here) and trying again as
   * often as it takes, so nothing is lost while PostgreSQL is away. Other failures are thrown.
   */
  async throughOutages<T>(work: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (!this.reportFailure(error)) throw error;
        await this.whenUp();
      }
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.probeTimer);
  }

  private scheduleProbe(): void {
    this.probeTimer = setTimeout(() => void this.probe(), PROBE_EVERY_MS);
  }

  private async probe(): Promise<void> {
    const answered = await this.answers();
    if (this.stopped) return;
    if (!answered) return this.scheduleProbe();
    this.up = true;
    // Warn like the outage did: whoever saw that line must see this one.
    this.logger.warn(`database answers again after ${Date.now() - this.downSince} ms`);
    this.changes.next(true);
  }

  private async answers(): Promise<boolean> {
    const timeout = new Promise<false>((resolve) => setTimeout(resolve, PROBE_TIMEOUT_MS, false).unref());
    const query = this.moduleRef
      .get(DataSource, { strict: false })
      .query('SELECT 1')
      .then(
        () => true,
        () => false,
      );
    return Promise.race([query, timeout]);
  }
}
