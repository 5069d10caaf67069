import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const SEEDER = 'receptivo:seeder';

export interface SeederMetadata {
  /** Recorded in `seed_runs` once done; a seeder never runs twice on one database. */
  name: string;
  /** Lower runs first: users before the data that refers to them. */
  order: number;
}

/** Feature modules add demo data by providing a class marked with this decorator. */
export const Seeder = (metadata: SeederMetadata) => SetMetadata(SEEDER, metadata);

export interface DemoSeeder {
  seed(manager: EntityManager): Promise<void>;
}
