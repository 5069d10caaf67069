import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { START_LOCKS } from '../migrate';
import { type DemoSeeder, SEEDER, type SeederMetadata } from './seeder';

/** Runs each discovered seeder once per database, in order, each in its own transaction. */
@Injectable()
export class SeedRunner {
  private readonly logger = new Logger(SeedRunner.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {}

  seeders(): { metadata: SeederMetadata; seeder: DemoSeeder }[] {
    return this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance)
      .map((wrapper) => ({
        metadata: this.reflector.get<SeederMetadata | undefined>(SEEDER, wrapper.metatype!),
        seeder: wrapper.instance as DemoSeeder,
      }))
      .filter((entry): entry is { metadata: SeederMetadata; seeder: DemoSeeder } => entry.metadata !== undefined)
      .sort((a, b) => a.metadata.order - b.metadata.order);
  }

  /** Returns the names of the seeders that ran now. */
  async run(): Promise<string[]> {
    const ran: string[] = [];
    for (const { metadata, seeder } of this.seeders()) {
      const done = await this.dataSource.transaction(async (manager) => {
        // Two servers starting on one database must not both seed.
        await manager.query('SELECT pg_advisory_xact_lock($1)', [START_LOCKS.seeds]);
        const inserted = await manager.query('INSERT INTO seed_runs (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name', [
          metadata.name,
        ]);
        if (inserted.length === 0) return false;
        await seeder.seed(manager);
        return true;
      });
      if (done) {
        ran.push(metadata.name);
        this.logger.log(`seeded ${metadata.name}`);
      }
    }
    return ran;
  }
}
