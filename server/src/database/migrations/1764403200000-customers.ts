import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Customers1764403200000 implements MigrationInterface {
  name = 'Customers1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // unaccent() is only STABLE; an IMMUTABLE wrapper with a fixed dictionary can feed indexes.
    await queryRunner.query(`
      CREATE FUNCTION immutable_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$`);
    await queryRunner.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('person', 'company')),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        trade_name text,
        document text NOT NULL UNIQUE,
        email text,
        search_name text GENERATED ALWAYS AS (lower(immutable_unaccent(name || ' ' || coalesce(trade_name, '')))) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((type = 'person' AND document ~ '^[0-9]{11}$') OR (type = 'company' AND document ~ '^[0-9A-Z]{12}[0-9]{2}$'))
      )`);
    await queryRunner.query('CREATE INDEX customers_search_name_trgm ON customers USING gin (search_name gin_trgm_ops)');
    await queryRunner.query('CREATE INDEX customers_document_prefix ON customers (document text_pattern_ops)');
    await queryRunner.query('CREATE INDEX customers_email_prefix ON customers (lower(email) text_pattern_ops)');

    await queryRunner.query(`
      CREATE TABLE customer_phones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        e164 text NOT NULL CHECK (e164 ~ '^\\+[1-9][0-9]{7,14}$'),
        is_primary boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (customer_id, e164)
      )`);
    // At most one primary per customer; the service keeps at least one while phones exist.
    await queryRunner.query('CREATE UNIQUE INDEX customer_phones_one_primary ON customer_phones (customer_id) WHERE is_primary');
    await queryRunner.query('CREATE INDEX customer_phones_e164 ON customer_phones (e164)');

    await queryRunner.query(`
      CREATE TABLE customer_addresses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        position integer NOT NULL,
        cep text NOT NULL CHECK (cep ~ '^[0-9]{8}$'),
        street text NOT NULL,
        number text NOT NULL,
        complement text,
        neighborhood text NOT NULL,
        city text NOT NULL,
        state text NOT NULL CHECK (state ~ '^[A-Z]{2}$')
      )`);
    await queryRunner.query('CREATE INDEX customer_addresses_customer ON customer_addresses (customer_id, position)');

    await queryRunner.query(`
      CREATE TABLE portal_accounts (
        customer_id uuid PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
        login text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        must_change_password boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        password_sent_at timestamptz NOT NULL,
        password_sent_to text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE portal_accounts');
    await queryRunner.query('DROP TABLE customer_addresses');
    await queryRunner.query('DROP TABLE customer_phones');
    await queryRunner.query('DROP TABLE customers');
    await queryRunner.query('DROP FUNCTION immutable_unaccent(text)');
  }
}
