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
    logging: ['warn', 'migration'],
    extra: { max: 20 },
  };
}
