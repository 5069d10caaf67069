import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8: the Idempotency-Key of each write a desk may send again (drafts replayed after the server
 * was unreachable). One row per user and key; the response is kept so a repetition is answered
 * without running the operation twice. Rows older than 7 days are removed.
 */
export class IdempotencyKeys1764835200000 implements MigrationInterface {
  name = 'IdempotencyKeys1764835200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The primary key is also the lock: a second insert of the same key waits for, then loses to, the first.
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (length(key) BETWEEN 8 AND 100),
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        response_status smallint,
        response_body jsonb,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        PRIMARY KEY (user_id, key),
        CONSTRAINT idempotency_keys_completed CHECK ((response_status IS NULL) = (completed_at IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
  }
}
