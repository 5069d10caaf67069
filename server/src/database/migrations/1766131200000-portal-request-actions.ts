import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Timeline entries a citizen made on the self-service portal (reiterate, complaint, restart, cancel) carry its mark. */
export class PortalRequestActions1766131200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE request_events ADD COLUMN via_portal boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE request_events DROP COLUMN via_portal');
  }
}
