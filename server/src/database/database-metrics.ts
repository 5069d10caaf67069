import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Pool } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { DataSource, QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../common/database-errors';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { DatabaseStatus } from './database-status';

/** SQLSTATE class 23: the database refused a statement by a rule of the schema (unique, foreign key…). */
const INTEGRITY_CONSTRAINT = /^23/;

/**
 * The database as Prometheus sees it: whether it answers, the server's connection pool (read at
 * each scrape) and the statements that failed, by kind: `unavailable` (the connection went away),
 * `constraint` (a unique or foreign key refused it, which the API answers 409 or 422), `other`.
 * pg-boss keeps a pool of its own (4 connections, the mail queue), not counted here.
 */
@Injectable()
export class DatabaseMetrics {
  private readonly queryErrors: Counter<'kind'>;

  constructor(metrics: MetricsRegistry, moduleRef: ModuleRef, status: DatabaseStatus) {
    const registers = [metrics.registry];
    // The DataSource is looked up at each scrape: its own options send query errors here (DatabaseModule).
    const pool = (): Pool | undefined => (moduleRef.get(DataSource, { strict: false }).driver as unknown as { master?: Pool }).master;
    this.queryErrors = new Counter({
      name: 'receptivo_db_query_errors_total',
      help: 'Statements that failed, by kind: unavailable (connection lost), constraint (refused by a unique or foreign key), other.',
      labelNames: ['kind'],
      registers,
    });
    for (const kind of ['unavailable', 'constraint', 'other']) this.queryErrors.inc({ kind }, 0);
    new Gauge({
      name: 'receptivo_db_up',
      help: '1 while the database answers, 0 from a failure that says it is unreachable until it answers again.',
      registers,
      collect() {
        this.set(status.isUp ? 1 : 0);
      },
    });
    new Gauge({
      name: 'receptivo_db_pool_connections',
      help: 'Connections of the server\'s pool: busy (lent to a query or transaction) or idle.',
      labelNames: ['state'],
      registers,
      collect() {
        const { totalCount = 0, idleCount = 0 } = pool() ?? {};
        this.set({ state: 'busy' }, totalCount - idleCount);
        this.set({ state: 'idle' }, idleCount);
      },
    });
    new Gauge({
      name: 'receptivo_db_pool_waiting',
      help: 'Queries waiting for a free connection of the pool.',
      registers,
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
    new Gauge({
      name: 'receptivo_db_pool_max',
      help: 'The most connections the pool opens.',
      registers,
      collect() {
        this.set(pool()?.options.max ?? 0);
      },
    });
  }

  /** A statement failed (TypeORM's logger tells every one). */
  queryFailed(error: unknown): void {
    this.queryErrors.inc({ kind: kindOf(error) });
  }
}

function kindOf(error: unknown): 'unavailable' | 'constraint' | 'other' {
  if (isDatabaseUnavailable(error)) return 'unavailable';
  const driverError = error instanceof QueryFailedError ? error.driverError : error;
  const code = (driverError as { code?: unknown } | null)?.code;
  return typeof code === 'string' && INTEGRITY_CONSTRAINT.test(code) ? 'constraint' : 'other';
}
