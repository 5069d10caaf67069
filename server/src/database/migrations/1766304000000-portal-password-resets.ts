import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Esqueci minha senha" links of the self-service portal: only the SHA-256 of the token is kept (the
 * token itself goes by e-mail alone), each link works once and for an hour. An account holds at most
 * one unused link (a new one replaces it), and a link dies with the password it was sent for:
 * `token_version` is the account's when it was sent, and every new password moves the account's on.
 */
export class PortalPasswordResets1766304000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE portal_password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES portal_accounts (customer_id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        token_version integer NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX portal_password_resets_one_unused ON portal_password_resets (customer_id) WHERE used_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE portal_password_resets');
  }
}
