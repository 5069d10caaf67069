import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Callers who hung up waiting in a queue, to be called back, and each try to call them back. */
export class AbandonedCalls1766736000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE abandoned_calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id text NOT NULL UNIQUE,
        caller_number text,
        caller_e164 text,
        customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
        queue text,
        wait_seconds integer NOT NULL CHECK (wait_seconds >= 0),
        abandoned_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
        done_reason text CHECK (done_reason IN ('called_back', 'called_in', 'by_hand')),
        done_at timestamptz,
        done_by uuid REFERENCES users (id),
        CHECK ((status = 'done') = (done_reason IS NOT NULL AND done_at IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX abandoned_calls_by_time ON abandoned_calls (abandoned_at DESC)');
    await queryRunner.query("CREATE INDEX abandoned_calls_pending_by_caller ON abandoned_calls (caller_e164) WHERE status = 'pending'");
    await queryRunner.query(`
      CREATE TABLE callback_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        abandoned_call_id uuid NOT NULL REFERENCES abandoned_calls (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        attendant_id uuid NOT NULL REFERENCES users (id),
        extension text NOT NULL,
        attempted_at timestamptz NOT NULL,
        result text NOT NULL CHECK (result IN ('calling', 'refused', 'attendant_no_answer', 'answered', 'no_answer', 'busy', 'failed')),
        attendance_id uuid REFERENCES attendances (id)
      )`);
    await queryRunner.query('CREATE INDEX callback_attempts_of_call ON callback_attempts (abandoned_call_id, attempted_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE callback_attempts');
    await queryRunner.query('DROP TABLE abandoned_calls');
  }
}
