import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7: the request lifecycle (response, finishing time, ordered timeline, attachments),
 * back-office users bound to an organ, and the indexes of the Atendimentos search and histories.
 */
export class RequestLifecycle1764748800000 implements MigrationInterface {
  name = 'RequestLifecycle1764748800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A back-office user works the requests of one organ.
    await queryRunner.query('ALTER TABLE users ADD COLUMN organ_id uuid REFERENCES organs (id)');
    await queryRunner.query('CREATE INDEX users_organ ON users (organ_id) WHERE organ_id IS NOT NULL');

    await queryRunner.query(`
      ALTER TABLE requests
        ADD COLUMN response text,
        ADD COLUMN finished_at timestamptz,
        ADD CONSTRAINT requests_finished_at CHECK ((status = 'finished') = (finished_at IS NOT NULL))`);

    // Events of one request may share a timestamp (registered + grouped): the identity keeps their order.
    await queryRunner.query(`
      ALTER TABLE request_events
        ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY,
        ADD CONSTRAINT request_events_kind CHECK (kind IN (
          'registered', 'grouped', 'reiterated', 'complaint', 'restarted', 'cancelled', 'status_changed', 'responded', 'email_resent'))`);

    // The id is chosen by the server: it is also the file's name under DATA_DIR/attachments/<request>/.
    await queryRunner.query(`
      CREATE TABLE request_attachments (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES requests (id),
        event_id uuid NOT NULL REFERENCES request_events (id),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 120),
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL,
        position smallint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX request_attachments_event ON request_attachments (event_id, position)');
    await queryRunner.query('CREATE INDEX request_attachments_request ON request_attachments (request_id)');

    // Customer history, back-office lists (by the organ's types) and the Atendimentos search.
    await queryRunner.query('CREATE INDEX requests_customer ON requests (customer_id, created_at DESC)');
    await queryRunner.query('CREATE INDEX requests_type_created ON requests (request_type_id, created_at DESC)');
    await queryRunner.query('CREATE INDEX attendances_started ON attendances (started_at DESC)');
    await queryRunner.query('CREATE INDEX attendance_informations_information ON attendance_informations (information_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['attendance_informations_information', 'attendances_started', 'requests_type_created', 'requests_customer']) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    await queryRunner.query('DROP TABLE request_attachments');
    await queryRunner.query('ALTER TABLE request_events DROP CONSTRAINT request_events_kind, DROP COLUMN seq');
    await queryRunner.query('ALTER TABLE requests DROP CONSTRAINT requests_finished_at, DROP COLUMN finished_at, DROP COLUMN response');
    await queryRunner.query('DROP INDEX users_organ');
    await queryRunner.query('ALTER TABLE users DROP COLUMN organ_id');
  }
}
