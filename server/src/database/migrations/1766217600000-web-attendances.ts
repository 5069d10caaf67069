import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requests that arrive without an attendant: a citizen's Nova solicitação on the portal, or an
 * Open311 app's POST. Each opens a `web` attendance with no attendant or holder, marked with where
 * it came from; its requests have no registering user. Informations can be published on the portal.
 */
export class WebAttendances1766217600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE attendances
        ALTER COLUMN attendant_id DROP NOT NULL,
        ALTER COLUMN holder_id DROP NOT NULL,
        ADD COLUMN web_origin text CHECK (web_origin IN ('portal', 'open311')),
        ADD CONSTRAINT attendances_attended_or_web CHECK (
          (web_origin IS NULL AND attendant_id IS NOT NULL AND holder_id IS NOT NULL)
          OR (web_origin IS NOT NULL AND channel = 'web' AND attendant_id IS NULL AND holder_id IS NULL))`);
    await queryRunner.query('ALTER TABLE requests ALTER COLUMN registered_by DROP NOT NULL');
    await queryRunner.query('ALTER TABLE informations ADD COLUMN published boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE informations DROP COLUMN published');
    await queryRunner.query('DELETE FROM attendances WHERE web_origin IS NOT NULL');
    await queryRunner.query('ALTER TABLE requests ALTER COLUMN registered_by SET NOT NULL');
    await queryRunner.query(`
      ALTER TABLE attendances
        DROP CONSTRAINT attendances_attended_or_web,
        DROP COLUMN web_origin,
        ALTER COLUMN attendant_id SET NOT NULL,
        ALTER COLUMN holder_id SET NOT NULL`);
  }
}
