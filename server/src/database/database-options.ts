import type { DataSourceOptions } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { Foundation1764316800000 } from './migrations/1764316800000-foundation';

export const entities = [UserEntity];
export const migrations = [Foundation1764316800000];

/** Migrations run at start; the schema is never synchronized from entities. */
export function databaseOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Not 'error': TypeORM would log failed queries with their parameters (password hashes, CPFs).
    // Not 'warn': on Ctrl-C PostgreSQL gets the signal too and every pooled connection would warn.
    // A failing query still surfaces as a logged 500, and /api/health reports the database.
    logging: ['migration'],
    extra: { max: 20 },
  };
}
