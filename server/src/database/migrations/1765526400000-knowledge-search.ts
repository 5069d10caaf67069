import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Plain text of stored rich text, inside a generated column (tags only; the text keeps its words). */
const plainOf = (html: string) => `regexp_replace(${html}, '<[^>]*>', ' ', 'g')`;

/**
 * Busca geral that an attendant trusts: every table searched gets two weighted vectors over the same
 * text, one of Portuguese stems (lâmpadas → lâmpada) and one of the words as typed, unaccented
 * (prefixes: lamp → lâmpada; and "poda" without "pode", which share a stem), plus a folded name for
 * trigram typo tolerance. Request types become searchable, and informations name related ones.
 */
export class KnowledgeSearch1765526400000 implements MigrationInterface {
  name = 'KnowledgeSearch1765526400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Words as typed, without accents or Portuguese stop words ("de" would prefix-match everything).
    await queryRunner.query("CREATE TEXT SEARCH DICTIONARY pt_words (TEMPLATE = simple, STOPWORDS = 'portuguese')");
    await queryRunner.query('CREATE TEXT SEARCH CONFIGURATION pt_words_unaccent (COPY = simple)');
    await queryRunner.query(
      'ALTER TEXT SEARCH CONFIGURATION pt_words_unaccent ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, pt_words',
    );
    // unaccent() is only STABLE (its dictionary could be replaced); an index needs IMMUTABLE, so the
    // dictionary is named with its schema (regnamespace prints it quoted when needed), the usual way
    // to index unaccented text.
    const [{ schema }] = await queryRunner.query(
      "SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'unaccent'",
    );
    await queryRunner.query(`
      CREATE FUNCTION search_fold(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT lower(${schema}.unaccent('${schema}.unaccent'::regdictionary, $1)) $$`);

    // Weights: title A, keywords B, body C, proposed solution D.
    const informationVector = (config: string) => `
      setweight(to_tsvector('${config}', title), 'A') ||
      setweight(to_tsvector('${config}', keywords_text(keywords)), 'B') ||
      setweight(to_tsvector('${config}', body_text), 'C') ||
      setweight(to_tsvector('${config}', solution_text), 'D')`;
    await queryRunner.query('DROP INDEX informations_search');
    await queryRunner.query('ALTER TABLE informations DROP COLUMN search_vector');
    await queryRunner.query(`
      ALTER TABLE informations
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (${informationVector('pt_unaccent')}) STORED,
        ADD COLUMN word_vector tsvector GENERATED ALWAYS AS (${informationVector('pt_words_unaccent')}) STORED,
        ADD COLUMN search_name text GENERATED ALWAYS AS (search_fold(title || ' ' || keywords_text(keywords))) STORED`);

    // Weights: name A, description B, guidance C.
    const requestTypeVector = (config: string) => `
      setweight(to_tsvector('${config}', name), 'A') ||
      setweight(to_tsvector('${config}', coalesce(description, '')), 'B') ||
      setweight(to_tsvector('${config}', ${plainOf('operator_guidance')}), 'C')`;
    await queryRunner.query(`
      ALTER TABLE request_types
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (${requestTypeVector('pt_unaccent')}) STORED,
        ADD COLUMN word_vector tsvector GENERATED ALWAYS AS (${requestTypeVector('pt_words_unaccent')}) STORED,
        ADD COLUMN search_name text GENERATED ALWAYS AS (search_fold(name)) STORED`);

    for (const table of ['informations', 'request_types']) {
      await queryRunner.query(`CREATE INDEX ${table}_search ON ${table} USING gin (search_vector)`);
      await queryRunner.query(`CREATE INDEX ${table}_words ON ${table} USING gin (word_vector)`);
      await queryRunner.query(`CREATE INDEX ${table}_name_trigrams ON ${table} USING gin (search_name gin_trgm_ops)`);
    }

    // Request types an information leads to, in the order the administrator chose.
    await queryRunner.query(`
      CREATE TABLE information_request_types (
        information_id uuid NOT NULL REFERENCES informations (id) ON DELETE CASCADE,
        request_type_id uuid NOT NULL REFERENCES request_types (id) ON DELETE CASCADE,
        position integer NOT NULL,
        PRIMARY KEY (information_id, request_type_id)
      )`);
    await queryRunner.query('CREATE INDEX information_request_types_request_type ON information_request_types (request_type_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE information_request_types');
    await queryRunner.query('ALTER TABLE request_types DROP COLUMN search_vector, DROP COLUMN word_vector, DROP COLUMN search_name');
    await queryRunner.query('ALTER TABLE informations DROP COLUMN search_vector, DROP COLUMN word_vector, DROP COLUMN search_name');
    await queryRunner.query(`
      ALTER TABLE informations ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('pt_unaccent', title), 'A') ||
        setweight(to_tsvector('pt_unaccent', keywords_text(keywords)), 'A') ||
        setweight(to_tsvector('pt_unaccent', body_text), 'B') ||
        setweight(to_tsvector('pt_unaccent', solution_text), 'C')
      ) STORED`);
    await queryRunner.query('CREATE INDEX informations_search ON informations USING gin (search_vector)');
    await queryRunner.query('DROP FUNCTION search_fold(text)');
    await queryRunner.query('DROP TEXT SEARCH CONFIGURATION pt_words_unaccent');
    await queryRunner.query('DROP TEXT SEARCH DICTIONARY pt_words');
  }
}
