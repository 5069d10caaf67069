import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The call a CTI-started attendance belongs to (docs/cti.md): who called, from which queue, how long. */
export class AttendanceCalls1764662400000 implements MigrationInterface {
  name = 'AttendanceCalls1764662400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE attendances
        ADD COLUMN call_id text,
        ADD COLUMN caller_number text,
        ADD COLUMN caller_e164 text,
        ADD COLUMN call_queue text,
        ADD COLUMN wait_seconds integer CHECK (wait_seconds >= 0),
        ADD COLUMN talk_seconds integer CHECK (talk_seconds >= 0),
        ADD COLUMN ura jsonb,
        ADD CONSTRAINT attendances_call_complete CHECK ((call_id IS NULL) = (wait_seconds IS NULL))`);
    // One attendance per call and attendant: a replayed AgentConnect never opens a second one.
    await queryRunner.query('CREATE UNIQUE INDEX attendances_call_attendant ON attendances (call_id, attendant_id) WHERE call_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX attendances_call_attendant');
    await queryRunner.query(`
      ALTER TABLE attendances
        DROP CONSTRAINT attendances_call_complete,
        DROP COLUMN call_id, DROP COLUMN caller_number, DROP COLUMN caller_e164, DROP COLUMN call_queue,
        DROP COLUMN wait_seconds, DROP COLUMN talk_seconds, DROP COLUMN ura`);
  }
}
