import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Attendances1764576000000 implements MigrationInterface {
  name = 'Attendances1764576000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Attendance and request protocols share one sequence: a number names exactly one of them.
    await queryRunner.query('CREATE SEQUENCE protocol_sequence');
    await queryRunner.query(`
      CREATE TABLE attendances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol text NOT NULL UNIQUE,
        channel text NOT NULL CHECK (channel IN ('phone', 'walk_in', 'email', 'chat', 'web')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished')),
        attendant_id uuid NOT NULL REFERENCES users (id),
        customer_id uuid REFERENCES customers (id),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        script_sent_to text,
        CHECK ((status = 'finished') = (finished_at IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX attendances_open_by_attendant ON attendances (attendant_id) WHERE status = \'open\'');
    await queryRunner.query('CREATE INDEX attendances_customer ON attendances (customer_id)');
    await queryRunner.query(`
      CREATE TABLE attendance_informations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        attendance_id uuid NOT NULL REFERENCES attendances (id),
        information_id uuid NOT NULL REFERENCES informations (id),
        registered_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (attendance_id, information_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol text NOT NULL UNIQUE,
        attendance_id uuid NOT NULL REFERENCES attendances (id),
        request_type_id uuid NOT NULL REFERENCES request_types (id),
        customer_id uuid REFERENCES customers (id),
        form jsonb NOT NULL,
        cep text,
        street text,
        number text,
        complement text,
        neighborhood text,
        city text,
        state text,
        address_key text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'finished', 'cancelled')),
        deadline timestamptz NOT NULL,
        group_first_id uuid REFERENCES requests (id),
        registered_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Where a new request looks for the open group at its address.
    await queryRunner.query(`
      CREATE INDEX requests_open_group_leaders ON requests (request_type_id, address_key)
        WHERE group_first_id IS NULL AND status IN ('open', 'in_progress')`);
    await queryRunner.query('CREATE INDEX requests_group ON requests (group_first_id)');
    await queryRunner.query('CREATE INDEX requests_attendance ON requests (attendance_id)');
    await queryRunner.query(`
      CREATE TABLE request_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES requests (id),
        kind text NOT NULL,
        description text NOT NULL,
        actor_id uuid REFERENCES users (id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX request_events_request ON request_events (request_id, at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['request_events', 'requests', 'attendance_informations', 'attendances']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query('DROP SEQUENCE protocol_sequence');
  }
}
