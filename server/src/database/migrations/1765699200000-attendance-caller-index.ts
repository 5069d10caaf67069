import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Atendimentos search finds attendances by the number that called (normalized E.164) without scanning them all. */
export class AttendanceCallerIndex1765699200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX attendances_caller_e164 ON attendances (caller_e164) WHERE caller_e164 IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX attendances_caller_e164');
  }
}
