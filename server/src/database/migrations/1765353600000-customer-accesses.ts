import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access audit (LGPD): one row per read of a customer's record, history or data report. The
 * user's name is kept as it was then, so the answer to "who saw my data" survives a rename. Rows
 * go when their customer does (the audit is part of what is held about them).
 */
export class CustomerAccesses1765353600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer_accesses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        user_name text NOT NULL,
        route text NOT NULL,
        screen text,
        accessed_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX customer_accesses_by_customer ON customer_accesses (customer_id, accessed_at DESC)');
    await queryRunner.query('CREATE INDEX customer_accesses_by_user ON customer_accesses (user_id, accessed_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE customer_accesses');
  }
}
