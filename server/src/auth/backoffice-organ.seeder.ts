import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type DemoSeeder, Seeder } from '../database/seeding/seeder';
import { demoKnowledge } from '../knowledge/knowledge-demo-data';

/**
 * The seeded back-office user works the first demo organ, so the demo's Atendimentos tab has
 * requests to move. Runs after the demo knowledge (which creates the organs); on a database
 * seeded before organs were bound to users it gives that user the organ too.
 */
@Injectable()
@Seeder({ name: 'backoffice-organ', order: 30 })
export class BackofficeOrganSeeder implements DemoSeeder {
  async seed(manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE users SET organ_id = (SELECT id FROM organs WHERE name = $1)
        WHERE role = 'backoffice' AND organ_id IS NULL AND username = 'retaguarda'`,
      [demoKnowledge.organs[0].name],
    );
  }
}
