import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 9: the indexes of the period reports and of the deadline alerts the supervisors poll. */
export class Reports1764921600000 implements MigrationInterface {
  name = 'Reports1764921600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Requests registered in a period, whatever their type.
    await queryRunner.query('CREATE INDEX requests_created ON requests (created_at)');
    // Open requests by deadline: every supervision screen asks for them each minute.
    await queryRunner.query("CREATE INDEX requests_open_deadline ON requests (deadline) WHERE status IN ('open', 'in_progress')");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX requests_open_deadline');
    await queryRunner.query('DROP INDEX requests_created');
  }
}
