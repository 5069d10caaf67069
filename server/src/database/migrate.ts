import type { DataSource } from 'typeorm';

/** Arbitrary constants: each names one step every node runs at start. */
export const START_LOCKS = { migrations: 7_261_992, seeds: 7_261_993, mailQueue: 7_261_994 } as const;

/**
 * Runs `work` while holding a session advisory lock on a connection of its own: nodes starting
 * together on one database run it one after the other, and the later ones find it done. A node that
 * dies holding the lock loses its session, and the lock with it.
 */
export async function underStartLock<T>(dataSource: DataSource, lock: number, work: () => Promise<T>): Promise<T> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [lock]);
    try {
      return await work();
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [lock]);
    }
  } finally {
    await lockHolder.release();
  }
}

/**
 * The pending migrations, each in its own transaction, under the migrations' lock. TypeORM takes
 * no lock itself: with its `migrationsRun`, nodes starting together each create the same tables and
 * all but one fail their first migration.
 */
export function migrateUnderLock(dataSource: DataSource): Promise<void> {
  return underStartLock(dataSource, START_LOCKS.migrations, async () => {
    await dataSource.runMigrations({ transaction: 'each' });
  });
}
