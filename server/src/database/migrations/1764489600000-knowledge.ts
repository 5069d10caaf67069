import type { MigrationInterface, QueryRunner } from 'typeorm';

const tables = {
  organs: 'organ',
  categories: 'category',
  informations: 'information',
  request_types: 'requestType',
  script_topics: 'scriptTopic',
  notices: 'notice',
} as const;

export class Knowledge1764489600000 implements MigrationInterface {
  name = 'Knowledge1764489600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Portuguese full text that ignores accents: 'iluminacao' finds 'Iluminação', 'lampadas' 'lâmpada'.
    await queryRunner.query('CREATE TEXT SEARCH CONFIGURATION pt_unaccent (COPY = portuguese)');
    await queryRunner.query(
      'ALTER TEXT SEARCH CONFIGURATION pt_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, portuguese_stem',
    );
    await queryRunner.query(`
      CREATE FUNCTION keywords_text(text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT array_to_string($1, ' ') $$`);

    // One sequence orders every change of the knowledge base, for the desktop's change feed.
    await queryRunner.query('CREATE SEQUENCE knowledge_version');
    await queryRunner.query(`
      CREATE FUNCTION knowledge_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.version := nextval('knowledge_version'); RETURN NEW; END $$`);
    await queryRunner.query(`
      CREATE TABLE knowledge_deletions (
        entity text NOT NULL,
        id uuid NOT NULL,
        version bigint NOT NULL DEFAULT nextval('knowledge_version'),
        deleted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (entity, id)
      )`);
    await queryRunner.query('CREATE INDEX knowledge_deletions_version ON knowledge_deletions (version)');
    await queryRunner.query(`
      CREATE FUNCTION knowledge_record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO knowledge_deletions (entity, id) VALUES (TG_ARGV[0], OLD.id)
          ON CONFLICT (entity, id) DO UPDATE SET version = nextval('knowledge_version'), deleted_at = now();
        RETURN OLD;
      END $$`);

    const versioned = `
      version bigint NOT NULL DEFAULT nextval('knowledge_version'),
      active boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL DEFAULT now()`;

    await queryRunner.query(`
      CREATE TABLE organs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        acronym text,
        email text,
        ${versioned}
      )`);
    await queryRunner.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        description text,
        position integer NOT NULL DEFAULT 0,
        ${versioned}
      )`);
    await queryRunner.query(`
      CREATE TABLE informations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid NOT NULL REFERENCES categories (id),
        title text NOT NULL,
        body text NOT NULL,
        proposed_solution text NOT NULL,
        body_text text NOT NULL,
        solution_text text NOT NULL,
        keywords text[] NOT NULL DEFAULT '{}',
        position integer NOT NULL DEFAULT 0,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('pt_unaccent', title), 'A') ||
          setweight(to_tsvector('pt_unaccent', keywords_text(keywords)), 'A') ||
          setweight(to_tsvector('pt_unaccent', body_text), 'B') ||
          setweight(to_tsvector('pt_unaccent', solution_text), 'C')
        ) STORED,
        keyword_vector tsvector GENERATED ALWAYS AS (to_tsvector('pt_unaccent', keywords_text(keywords))) STORED,
        ${versioned}
      )`);
    await queryRunner.query('CREATE INDEX informations_search ON informations USING gin (search_vector)');
    await queryRunner.query('CREATE INDEX informations_keywords ON informations USING gin (keyword_vector)');
    await queryRunner.query('CREATE INDEX informations_category ON informations (category_id, position)');

    await queryRunner.query(`
      CREATE TABLE request_types (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid NOT NULL REFERENCES categories (id),
        organ_id uuid NOT NULL REFERENCES organs (id),
        name text NOT NULL,
        description text,
        form_schema jsonb NOT NULL,
        operator_guidance text NOT NULL,
        sla_hours integer NOT NULL CHECK (sla_hours > 0),
        restart_window_hours integer CHECK (restart_window_hours IN (24, 48, 72)),
        group_by_address boolean NOT NULL DEFAULT false,
        address_required boolean NOT NULL DEFAULT false,
        position integer NOT NULL DEFAULT 0,
        ${versioned}
      )`);
    await queryRunner.query('CREATE INDEX request_types_category ON request_types (category_id, position)');
    await queryRunner.query('CREATE INDEX request_types_organ ON request_types (organ_id)');

    await queryRunner.query(`
      CREATE TABLE script_topics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        content text NOT NULL,
        position integer NOT NULL DEFAULT 0,
        ${versioned}
      )`);
    await queryRunner.query(`
      CREATE TABLE notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('notice', 'incident', 'event')),
        title text NOT NULL,
        body text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz CHECK (valid_until IS NULL OR valid_until > valid_from),
        ${versioned}
      )`);
    await queryRunner.query('CREATE INDEX notices_current ON notices (kind, valid_from) WHERE active');

    for (const [table, entity] of Object.entries(tables)) {
      await queryRunner.query(`CREATE INDEX ${table}_version ON ${table} (version)`);
      await queryRunner.query(
        `CREATE TRIGGER ${table}_version BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION knowledge_bump_version()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_deletion AFTER DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION knowledge_record_deletion('${entity}')`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['notices', 'script_topics', 'request_types', 'informations', 'categories', 'organs', 'knowledge_deletions']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query('DROP FUNCTION knowledge_record_deletion()');
    await queryRunner.query('DROP FUNCTION knowledge_bump_version()');
    await queryRunner.query('DROP SEQUENCE knowledge_version');
    await queryRunner.query('DROP FUNCTION keywords_text(text[])');
    await queryRunner.query('DROP TEXT SEARCH CONFIGURATION pt_unaccent');
  }
}
