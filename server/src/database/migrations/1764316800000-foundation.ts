import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764316800000 implements MigrationInterface {
  name = 'Foundation1764316800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Search (docs/domain.md) ignores accents and matches partial names.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username = lower(username)),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('attendant', 'supervisor', 'admin', 'backoffice')),
        extension text CHECK (extension ~ '^[0-9]{2,8}$'),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One active user per extension: the PBX rings an extension, CTI must know whose screen to pop.
    await queryRunner.query('CREATE UNIQUE INDEX users_active_extension ON users (extension) WHERE active AND extension IS NOT NULL');
    await queryRunner.query(`
      CREATE TABLE seed_runs (
        name text PRIMARY KEY,
        ran_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE seed_runs');
    await queryRunner.query('DROP TABLE users');
  }
}
