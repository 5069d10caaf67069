import type { MigrationInterface, QueryRunner } from 'typeorm';

/** URA routes: a call's URA option and/or queue leads to a knowledge sessão, which the pop names and the desk opens. */
export class UraRoutes1766563200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ura_routes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ura_option text,
        queue text,
        category_id uuid NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
        position integer NOT NULL,
        CHECK (ura_option IS NOT NULL OR queue IS NOT NULL),
        UNIQUE NULLS NOT DISTINCT (ura_option, queue)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ura_routes');
  }
}
