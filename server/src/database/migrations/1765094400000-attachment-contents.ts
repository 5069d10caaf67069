import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachment bytes move from DATA_DIR/attachments into PostgreSQL, which every node of a cluster
 * reaches (a node's disk is its own). Files already on disk are copied in at start by AttachmentStore.
 */
export class AttachmentContents1765094400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE request_attachment_contents (
        attachment_id uuid PRIMARY KEY REFERENCES request_attachments (id) ON DELETE CASCADE,
        bytes bytea NOT NULL
      )`);
    // Out of line and uncompressed: PDFs and images are compressed already, so PostgreSQL's attempt would be wasted work.
    await queryRunner.query('ALTER TABLE request_attachment_contents ALTER COLUMN bytes SET STORAGE EXTERNAL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE request_attachment_contents');
  }
}
