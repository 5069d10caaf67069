import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open311: the client applications allowed to post requests, each with the SHA-256 of its api_key
 * (the key itself is shown once to the administrator and never stored), and what an application
 * sent with each request it posted. Requests received through Open311 keep their description here:
 * it is the only free text the public Open311 listing shows, since a desk or portal request's text
 * may hold personal data.
 */
export class Open311Clients1766390400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE open311_clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        key_sha256 text NOT NULL UNIQUE,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        created_by uuid REFERENCES users (id),
        last_used_at timestamptz
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX open311_clients_name ON open311_clients (lower(name))');
    await queryRunner.query(`
      CREATE TABLE open311_requests (
        request_id uuid PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES open311_clients (id),
        description text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE open311_requests');
    await queryRunner.query('DROP TABLE open311_clients');
  }
}
