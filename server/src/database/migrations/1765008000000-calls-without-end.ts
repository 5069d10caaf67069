import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: every CTI rebuild looks for answered calls whose end was never recorded. */
export class CallsWithoutEnd1765008000000 implements MigrationInterface {
  name = 'CallsWithoutEnd1765008000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Few rows (calls in progress), read after every AMI reconnect and server start.
    await queryRunner.query('CREATE INDEX attendances_call_without_end ON attendances (call_id) WHERE call_id IS NOT NULL AND talk_seconds IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX attendances_call_without_end');
  }
}
