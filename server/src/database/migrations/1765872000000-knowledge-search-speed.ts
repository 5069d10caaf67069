import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns every search reads for each match, kept in the row; the long texts are read for a page of snippets only. */
const SEARCHED = [
  {
    table: 'informations',
    versionTrigger: 'informations_version',
    rewrite: "title = title || '', keywords = keywords || '{}'::text[]",
    readForEachMatch: ['title', 'keywords', 'keyword_vector', 'search_name', 'search_vector', 'word_vector'],
  },
  { table: 'request_types', versionTrigger: 'request_types_version', rewrite: "name = name || ''", readForEachMatch: ['name', 'search_name', 'search_vector', 'word_vector'] },
];

/**
 * Busca geral at 50,000 informations reads every item a word matches (thousands), so the cost per
 * match is what counts:
 * - A vector is ~1.4 kB: with the texts beside it the row passed the 2 kB TOAST threshold and the
 *   vectors, then the title, keywords and folded name, went out of line: two to four extra lookups
 *   for each one read. STORAGE MAIN keeps what every match reads in the row and sends the long texts
 *   (read for one page of snippets only) out instead.
 * - A typo was caught by word_similarity against each match's title (~14 µs a row). The words of
 *   titles, names and keywords are now kept in `search_words`, with their number of uses so that the
 *   list follows edits and deletions; a typed word that none of them starts with and none shares
 *   the stem of is looked up there once (pg_trgm), and the known words it resembles are searched
 *   along with it.
 */
export class KnowledgeSearchSpeed1765872000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await this.setStorage(queryRunner, 'MAIN');

    // Byte order ("C"): the words starting with a typed one follow it in the primary key. The stem
    // (a one-lexeme vector) tells a known word's other forms ("lampadas" for "lampada") from a typo.
    await queryRunner.query(`
      CREATE TABLE search_words (
        word text COLLATE "C" PRIMARY KEY,
        stem tsvector GENERATED ALWAYS AS (strip(to_tsvector('pt_unaccent', word))) STORED,
        uses integer NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX search_words_stems ON search_words (stem)');
    // GiST: the few words closest to a typo come in distance order (a GIN index reads every word sharing a trigram).
    await queryRunner.query('CREATE INDEX search_words_trigrams ON search_words USING gist (word gist_trgm_ops)');
    // The words a typo may stand for: three letters at least, as Busca geral's typo tolerance takes them.
    await queryRunner.query(`
      CREATE FUNCTION search_name_words(text) RETURNS SETOF text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT DISTINCT word FROM regexp_split_to_table($1, '[^[:alnum:]]+') word WHERE length(word) >= 3 ORDER BY word
      $$`);
    // Statement triggers with transition tables: a bulk import counts its words in one upsert, and
    // each statement takes its row locks in word order (two saves sharing words never deadlock).
    await queryRunner.query(`
      CREATE FUNCTION search_words_change(removed text[], added text[]) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO search_words (word, uses)
        SELECT word, sum(change) FROM (
          SELECT search_name_words(name) AS word, -1 AS change FROM unnest(removed) name
          UNION ALL
          SELECT search_name_words(name), 1 FROM unnest(added) name
        ) changes GROUP BY word HAVING sum(change) <> 0 ORDER BY word
        ON CONFLICT (word) DO UPDATE SET uses = search_words.uses + excluded.uses;
        DELETE FROM search_words WHERE word IN (SELECT search_name_words(name) FROM unnest(removed) name) AND uses <= 0;
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION search_words_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM search_words_change('{}', ARRAY(SELECT search_name FROM added));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM search_words_change(ARRAY(SELECT search_name FROM removed), '{}');
        ELSE
          PERFORM search_words_change(
            ARRAY(SELECT was.search_name FROM removed was JOIN added now USING (id) WHERE was.search_name <> now.search_name),
            ARRAY(SELECT now.search_name FROM removed was JOIN added now USING (id) WHERE was.search_name <> now.search_name));
        END IF;
        RETURN NULL;
      END $$`);
    for (const { table } of SEARCHED) {
      for (const [event, transitions] of [
        ['INSERT', 'NEW TABLE AS added'],
        ['UPDATE', 'OLD TABLE AS removed NEW TABLE AS added'],
        ['DELETE', 'OLD TABLE AS removed'],
      ]) {
        await queryRunner.query(`
          CREATE TRIGGER ${table}_search_words_${event.toLowerCase()} AFTER ${event} ON ${table}
            REFERENCING ${transitions} FOR EACH STATEMENT EXECUTE FUNCTION search_words_count()`);
      }
    }
    await queryRunner.query(`
      INSERT INTO search_words (word, uses)
      SELECT word, count(*) FROM (
        SELECT search_name_words(search_name) AS word FROM informations
        UNION ALL
        SELECT search_name_words(search_name) FROM request_types
      ) words GROUP BY word`);
    await queryRunner.query('ANALYZE search_words');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of SEARCHED) {
      for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER ${table}_search_words_${event} ON ${table}`);
    }
    await queryRunner.query('DROP FUNCTION search_words_count()');
    await queryRunner.query('DROP FUNCTION search_words_change(text[], text[])');
    await queryRunner.query('DROP FUNCTION search_name_words(text)');
    await queryRunner.query('DROP TABLE search_words');
    await this.setStorage(queryRunner, 'EXTENDED');
  }

  private async setStorage(queryRunner: QueryRunner, storage: 'MAIN' | 'EXTENDED'): Promise<void> {
    for (const { table, versionTrigger, rewrite, readForEachMatch } of SEARCHED) {
      await queryRunner.query(`ALTER TABLE ${table} ${readForEachMatch.map((column) => `ALTER COLUMN ${column} SET STORAGE ${storage}`).join(', ')}`);
      // New values (a stored one would be kept as it is) for the columns the generated ones derive
      // from write the row again, stored the new way; the desktop caches need not sync what did not change.
      await queryRunner.query(`ALTER TABLE ${table} DISABLE TRIGGER ${versionTrigger}`);
      await queryRunner.query(`UPDATE ${table} SET ${rewrite}`);
      await queryRunner.query(`ALTER TABLE ${table} ENABLE TRIGGER ${versionTrigger}`);
    }
  }
}
