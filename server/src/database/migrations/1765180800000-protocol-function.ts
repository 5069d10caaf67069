import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Protocol numbers made by the database (docs/domain.md): year, the sequence's number (at least six
 * digits) and a Luhn check digit, as `protocol_digits(year, nextval('protocol_sequence'))`. A
 * statement that inserts a row can then number it too: the attendance of an answered call starts
 * in one round trip (issue 17), not four (begin, nextval, insert, commit).
 */
export class ProtocolFunction1765180800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION protocol_digits(year integer, sequence bigint) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT base || (10 - sum(CASE WHEN position % 2 = 0 THEN (digit * 2) - CASE WHEN digit > 4 THEN 9 ELSE 0 END ELSE digit END) % 10) % 10
          FROM (SELECT year::text || lpad(sequence::text, greatest(6, length(sequence::text)), '0') AS base) number
         CROSS JOIN LATERAL (
           -- position 0 is the rightmost digit: Luhn doubles it and every second one leftwards
           SELECT position, substr(base, length(base) - position, 1)::int AS digit FROM generate_series(0, length(base) - 1) AS position
         ) digits
         GROUP BY base
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION protocol_digits(integer, bigint)');
  }
}
