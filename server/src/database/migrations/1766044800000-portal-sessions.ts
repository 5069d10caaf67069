import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Citizen sessions on the portal end when their password changes (by the citizen or resent by the desk). */
export class PortalSessions1766044800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE portal_accounts ADD COLUMN token_version integer NOT NULL DEFAULT 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE portal_accounts DROP COLUMN token_version');
  }
}
