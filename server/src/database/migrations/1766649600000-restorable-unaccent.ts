import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * immutable_unaccent (customers' search_name) named unaccent and its dictionary without their schema.
 * pg_restore runs with an empty search_path, so a dump of the database could not be restored: the
 * customers table's generated column failed with 'text search dictionary "unaccent" does not exist'
 * (tests/deploy/restore-drill.test.ts). Named with the extension's schema, as search_fold already is;
 * the results are the same, so the stored column stays as it is.
 */
export class RestorableUnaccent1766649600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ schema }] = await queryRunner.query("SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'unaccent'");
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT ${schema}.unaccent('${schema}.unaccent'::regdictionary, $1) $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$`);
  }
}
