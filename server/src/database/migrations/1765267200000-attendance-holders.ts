import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendances are owned (issue 15): `holder_id` is the user who may change an open attendance —
 * the attendant who started it (by hand or by answering a call) until a supervisor takes it over.
 * `attendant_id` keeps who started it, which the call, the reports and the searches are about.
 * Every takeover is kept in `attendance_events`, the attendance's history.
 */
export class AttendanceHolders1765267200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE attendances ADD COLUMN holder_id uuid REFERENCES users (id)');
    await queryRunner.query('UPDATE attendances SET holder_id = attendant_id');
    await queryRunner.query('ALTER TABLE attendances ALTER COLUMN holder_id SET NOT NULL');
    // The desk's current attendance and the wrap-up check look an open attendance up by its holder.
    await queryRunner.query("CREATE INDEX attendances_open_by_holder ON attendances (holder_id) WHERE status = 'open'");
    await queryRunner.query(`
      CREATE TABLE attendance_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        attendance_id uuid NOT NULL REFERENCES attendances (id),
        kind text NOT NULL CONSTRAINT attendance_events_kind CHECK (kind IN ('taken_over')),
        actor_id uuid NOT NULL REFERENCES users (id),
        previous_holder_id uuid REFERENCES users (id),
        at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX attendance_events_attendance ON attendance_events (attendance_id, seq)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE attendance_events');
    await queryRunner.query('DROP INDEX attendances_open_by_holder');
    await queryRunner.query('ALTER TABLE attendances DROP COLUMN holder_id');
  }
}
