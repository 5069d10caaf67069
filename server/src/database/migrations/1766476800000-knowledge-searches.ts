import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Knowledge gaps (issue 20): one row per Busca geral or Palavra-chave of the desk and per search of
 * the portal's Informações, so the administration sees which terms find nothing or lead to nothing
 * registered. Only the normalized term is kept, never a number looked up (protocol, CPF/CNPJ, phone)
 * nor any other personal data the server recognizes (knowledge/gap-terms.ts); rows live 180 days.
 * `attendance_id` is the attendance open in the searcher's hands then: whether something was
 * registered after the search is read from it when the gaps are listed.
 */
export class KnowledgeSearches1766476800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE knowledge_searches (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        term text NOT NULL CHECK (char_length(term) BETWEEN 3 AND 200),
        kind text NOT NULL CHECK (kind IN ('general', 'keyword')),
        source text NOT NULL CHECK (source IN ('desk', 'portal')),
        result_count integer NOT NULL CHECK (result_count >= 0),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        attendance_id uuid REFERENCES attendances (id) ON DELETE SET NULL,
        searched_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The gaps are listed per period, and the retention deletes from the oldest.
    await queryRunner.query('CREATE INDEX knowledge_searches_searched_at ON knowledge_searches (searched_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE knowledge_searches');
  }
}
