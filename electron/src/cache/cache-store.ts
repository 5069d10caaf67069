import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { z } from 'zod';
import {
  categorySchema,
  informationSchema,
  noticeSchema,
  organSchema,
  requestTypeSchema,
  scriptTopicSchema,
  type Category,
  type CategoryTree,
  type ChangeFeed,
  type Information,
  type KnowledgeEntity,
  type Organ,
  type RequestType,
  type ScriptList,
  type SearchQuery,
  type SearchResponse,
} from '@receptivo/shared';
import { htmlToText, matchExpression } from './search-text';

// Bumped whenever the tables below change: an older file is rebuilt from an empty cache.
const SCHEMA_VERSION = 2;

// What the index takes of a row inserted or updated (the triggers below): an information only
// while the attendant may see it; a request type always (at its negated rowid).
const INDEX_NEW_INFORMATION = `INSERT INTO knowledge_fts (rowid, title, keywords_text, body_text, solution_text)
      SELECT new.rowid, new.title, new.keywords_text, new.body_text, new.solution_text
       WHERE new.active AND EXISTS (SELECT 1 FROM categories WHERE id = new.category_id AND active);`;
const INDEX_NEW_REQUEST_TYPE = `INSERT INTO knowledge_fts (rowid, title, keywords_text, body_text, solution_text)
      VALUES (-new.rowid, new.name, '', new.description, new.guidance_text);`;

const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE organs (id TEXT PRIMARY KEY, active INTEGER NOT NULL, data TEXT NOT NULL);
  CREATE TABLE categories (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL, active INTEGER NOT NULL, data TEXT NOT NULL);
  CREATE TABLE informations (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    category_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    active INTEGER NOT NULL,
    title TEXT NOT NULL,
    keywords TEXT NOT NULL,
    keywords_text TEXT NOT NULL,
    body_text TEXT NOT NULL,
    solution_text TEXT NOT NULL,
    data TEXT NOT NULL);
  CREATE INDEX informations_category ON informations (category_id, position);
  CREATE TABLE request_types (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, category_id TEXT NOT NULL, organ_id TEXT NOT NULL,
    position INTEGER NOT NULL, active INTEGER NOT NULL,
    name TEXT NOT NULL, description TEXT NOT NULL, guidance_text TEXT NOT NULL, data TEXT NOT NULL);
  CREATE TABLE script_topics (id TEXT PRIMARY KEY, position INTEGER NOT NULL, active INTEGER NOT NULL, data TEXT NOT NULL);
  CREATE TABLE notices (id TEXT PRIMARY KEY, kind TEXT NOT NULL, active INTEGER NOT NULL, data TEXT NOT NULL);

  -- Full text over the informations the attendant may see (active, in an active category) and the
  -- request types (further below), kept by triggers: a search ranks and cuts in the index alone,
  -- joining only its page.
  -- remove_diacritics folds accents and case: 'iluminacao' and 'ILUMINAÇÃO' find 'Iluminação'.
  CREATE VIRTUAL TABLE knowledge_fts USING fts5(
    title, keywords_text, body_text, solution_text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
  CREATE TRIGGER informations_fts_insert AFTER INSERT ON informations BEGIN
    ${INDEX_NEW_INFORMATION}
  END;
  CREATE TRIGGER informations_fts_update AFTER UPDATE ON informations BEGIN
    DELETE FROM knowledge_fts WHERE rowid = old.rowid;
    ${INDEX_NEW_INFORMATION}
  END;
  CREATE TRIGGER informations_fts_delete AFTER DELETE ON informations BEGIN
    DELETE FROM knowledge_fts WHERE rowid = old.rowid;
  END;
  -- A category (de)activated or arriving after its informations shows or hides all of them.
  CREATE TRIGGER categories_fts_insert AFTER INSERT ON categories WHEN new.active BEGIN
    INSERT INTO knowledge_fts (rowid, title, keywords_text, body_text, solution_text)
      SELECT rowid, title, keywords_text, body_text, solution_text FROM informations WHERE category_id = new.id AND active;
  END;
  CREATE TRIGGER categories_fts_update AFTER UPDATE OF active ON categories WHEN old.active IS NOT new.active BEGIN
    DELETE FROM knowledge_fts WHERE rowid IN (SELECT rowid FROM informations WHERE category_id = new.id);
    INSERT INTO knowledge_fts (rowid, title, keywords_text, body_text, solution_text)
      SELECT rowid, title, keywords_text, body_text, solution_text FROM informations WHERE category_id = new.id AND active AND new.active;
  END;
  CREATE TRIGGER categories_fts_delete AFTER DELETE ON categories BEGIN
    DELETE FROM knowledge_fts WHERE rowid IN (SELECT rowid FROM informations WHERE category_id = old.id);
  END;

  -- Request types share the index (one bm25 over both kinds), at the negated rowid: name as the
  -- title, description as the body, guidance as the solution. Whether one takes requests now (it,
  -- its organ and its category active) is asked at search time.
  CREATE TRIGGER request_types_fts_insert AFTER INSERT ON request_types BEGIN
    ${INDEX_NEW_REQUEST_TYPE}
  END;
  CREATE TRIGGER request_types_fts_update AFTER UPDATE ON request_types BEGIN
    DELETE FROM knowledge_fts WHERE rowid = -old.rowid;
    ${INDEX_NEW_REQUEST_TYPE}
  END;
  CREATE TRIGGER request_types_fts_delete AFTER DELETE ON request_types BEGIN
    DELETE FROM knowledge_fts WHERE rowid = -old.rowid;
  END;
`;

const TABLES: Record<KnowledgeEntity, string> = {
  organ: 'organs',
  category: 'categories',
  information: 'informations',
  requestType: 'request_types',
  scriptTopic: 'script_topics',
  notice: 'notices',
};

const SNIPPET_TOKENS = 24;
/**
 * Title, keywords, body, proposed solution weigh as A, B, C, D on the server. Called by name rather
 * than configured as the table's `rank`: the same order, a third faster over thousands of matches.
 */
const BM25 = 'bm25(knowledge_fts, 1.0, 0.4, 0.2, 0.1)';

export interface CacheStore {
  /** The change feed version reached (0: empty cache). */
  version(): number;
  /** Origin of the server the rows came from; null before the first sync. */
  server(): string | null;
  lastSyncAt(): string | null;
  /** Active informations cached. */
  informationCount(): number;
  /** Empties the cache for another server: versions of one server mean nothing to another. */
  reset(server: string): void;
  /**
   * Applies one page of the change feed and records its version, in one transaction: an
   * interrupted sync resumes from the last page that was written, never half of one.
   */
  applyPage(feed: ChangeFeed, syncedAt: Date): void;
  /** Busca geral (`q`: informations and request types) or Palavra-chave (`keyword`: informations), as GET /api/search. */
  search(query: SearchQuery): SearchResponse;
  /** As GET /api/categories. */
  categories(): CategoryTree;
  /** As GET /api/informations/:id (inactive ones too); null when not cached. */
  information(id: string): Information | null;
  /** As GET /api/scripts. */
  scripts(): ScriptList;
  close(): void;
}

type Row = Record<string, unknown>;
const json = <T>(text: unknown): T => JSON.parse(text as string) as T;

/** The open cache, or null when the file is not a cache this version can use. */
function openDatabase(file: string): Database.Database | null {
  const db = new Database(file);
  let version: unknown;
  try {
    db.pragma('journal_mode = WAL');
    version = db.pragma('user_version', { simple: true });
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return null;
    throw error;
  }
  if (version === SCHEMA_VERSION) return db;
  if (version !== 0) {
    db.close();
    return null;
  }
  db.transaction(() => {
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
  return db;
}

function startOver(file: string): Database.Database {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = openDatabase(file);
  if (!db) throw new Error(`Cannot create the knowledge cache at ${file}`);
  return db;
}

/**
 * The desktop's local copy of the knowledge base, in a SQLite file (Electron's userData in
 * production). A file that is not a readable cache is deleted and started over: it only
 * holds what the next sync brings back.
 */
export function openCacheStore(file: string): CacheStore {
  const db = openDatabase(file) ?? startOver(file);
  // The last pages may be lost in a power cut (WAL, not synced on every commit): they come back
  // on the next sync, since the version goes back with them.
  db.pragma('synchronous = NORMAL');
  // The index and rows of 10,000 informations stay in memory (32 MB at most).
  db.pragma('cache_size = -32768');

  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare<[string, string]>(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const meta = (key: string) => getMeta.get(key)?.value ?? null;

  // Each row is parsed with its view's schema: a row the desk cannot show must not enter the cache.
  const upserts: Record<KnowledgeEntity, (data: unknown) => void> = {
    organ: upsert(
      organSchema,
      'INSERT INTO organs (id, active, data) VALUES (@id, @active, @data) ON CONFLICT (id) DO UPDATE SET active = excluded.active, data = excluded.data',
      (organ) => ({ id: organ.id, active: Number(organ.active) }),
    ),
    category: upsert(
      categorySchema,
      `INSERT INTO categories (id, name, position, active, data) VALUES (@id, @name, @position, @active, @data)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position, active = excluded.active, data = excluded.data`,
      (category) => ({ id: category.id, name: category.name, position: category.position, active: Number(category.active) }),
    ),
    information: upsert(
      informationSchema,
      `INSERT INTO informations (id, category_id, position, active, title, keywords, keywords_text, body_text, solution_text, data)
       VALUES (@id, @categoryId, @position, @active, @title, @keywords, @keywordsText, @bodyText, @solutionText, @data)
       ON CONFLICT (id) DO UPDATE SET category_id = excluded.category_id, position = excluded.position, active = excluded.active,
         title = excluded.title, keywords = excluded.keywords, keywords_text = excluded.keywords_text,
         body_text = excluded.body_text, solution_text = excluded.solution_text, data = excluded.data`,
      (information) => ({
        id: information.id,
        categoryId: information.categoryId,
        position: information.position,
        active: Number(information.active),
        title: information.title,
        keywords: JSON.stringify(information.keywords),
        keywordsText: information.keywords.join(' '),
        bodyText: htmlToText(information.body),
        solutionText: htmlToText(information.proposedSolution),
      }),
    ),
    requestType: upsert(
      requestTypeSchema,
      `INSERT INTO request_types (id, category_id, organ_id, position, active, name, description, guidance_text, data)
       VALUES (@id, @categoryId, @organId, @position, @active, @name, @description, @guidanceText, @data)
       ON CONFLICT (id) DO UPDATE SET category_id = excluded.category_id, organ_id = excluded.organ_id, position = excluded.position,
         active = excluded.active, name = excluded.name, description = excluded.description,
         guidance_text = excluded.guidance_text, data = excluded.data`,
      (type) => ({
        id: type.id,
        categoryId: type.categoryId,
        organId: type.organId,
        position: type.position,
        active: Number(type.active),
        name: type.name,
        description: type.description ?? '',
        guidanceText: htmlToText(type.operatorGuidance),
      }),
    ),
    scriptTopic: upsert(
      scriptTopicSchema,
      `INSERT INTO script_topics (id, position, active, data) VALUES (@id, @position, @active, @data)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, active = excluded.active, data = excluded.data`,
      (topic) => ({ id: topic.id, position: topic.position, active: Number(topic.active) }),
    ),
    notice: upsert(
      noticeSchema,
      `INSERT INTO notices (id, kind, active, data) VALUES (@id, @kind, @active, @data)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, active = excluded.active, data = excluded.data`,
      (notice) => ({ id: notice.id, kind: notice.kind, active: Number(notice.active) }),
    ),
  };
  function upsert<View>(schema: z.ZodType<View>, sql: string, columns: (view: View) => Row) {
    const prepared = db.prepare(sql);
    return (data: unknown) => {
      const view = schema.parse(data);
      prepared.run({ ...columns(view), data: JSON.stringify(view) });
    };
  }
  const deletes = Object.fromEntries(
    Object.entries(TABLES).map(([entity, table]) => [entity, db.prepare<[string]>(`DELETE FROM ${table} WHERE id = ?`)]),
  ) as Record<KnowledgeEntity, Database.Statement<[string]>>;

  const applyPage = db.transaction((feed: ChangeFeed, syncedAt: Date) => {
    for (const change of feed.items) {
      if (change.deleted) deletes[change.entity].run(change.id);
      else upserts[change.entity](change.data);
    }
    setMeta.run('version', String(feed.version));
    setMeta.run('lastSyncAt', syncedAt.toISOString());
  });

  const reset = db.transaction((server: string) => {
    for (const table of Object.values(TABLES)) db.exec(`DELETE FROM ${table}`);
    db.exec('DELETE FROM meta');
    setMeta.run('server', server);
  });

  const countInformations = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM informations WHERE active');
  // Ranked and cut to the page: snippets and joins for that page only.
  // Palavra-chave: informations only (request types have no keywords).
  const searchKeywords = db.prepare<[string, number], { id: string; title: string; context: string; score: number; snippet: string }>(
    `SELECT i.id, i.title, c.name AS context, found.score, found.snippet
       FROM (SELECT rowid, -${BM25} AS score, snippet(knowledge_fts, 1, '<mark>', '</mark>', ' … ', ${SNIPPET_TOKENS}) AS snippet
               FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY ${BM25} LIMIT ?) found
       JOIN informations i ON i.rowid = found.rowid
       JOIN categories c ON c.id = i.category_id
      ORDER BY found.score DESC, i.title`,
  );
  // Busca geral over both kinds. Hidden request types are few: the page is cut in the index with
  // room for them, so that leaving them out still fills it.
  // The request type `t` takes requests now: it, its organ and its category active.
  const takesRequests = `t.active AND EXISTS (SELECT 1 FROM organs o WHERE o.id = t.organ_id AND o.active)
                 AND EXISTS (SELECT 1 FROM categories tc WHERE tc.id = t.category_id AND tc.active)`;
  const hiddenRequestTypes = db.prepare<[], { count: number }>(
    `SELECT count(*) AS count FROM request_types t
      WHERE NOT (${takesRequests})`,
  );
  const searchAll = db.prepare<[string, number], { kind: 'information' | 'requestType'; id: string; title: string; context: string; score: number; snippet: string }>(
    `SELECT CASE WHEN found.rowid > 0 THEN 'information' ELSE 'requestType' END AS kind,
            coalesce(i.id, t.id) AS id, coalesce(i.title, t.name) AS title, c.name AS context, found.score, found.snippet
       FROM (SELECT rowid, -${BM25} AS score, snippet(knowledge_fts, 2, '<mark>', '</mark>', ' … ', ${SNIPPET_TOKENS}) AS snippet
               FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY ${BM25} LIMIT ?) found
       LEFT JOIN informations i ON found.rowid > 0 AND i.rowid = found.rowid
       LEFT JOIN request_types t ON found.rowid < 0 AND t.rowid = -found.rowid
       JOIN categories c ON c.id = coalesce(i.category_id, t.category_id)
      WHERE i.id IS NOT NULL
         OR (${takesRequests})
      ORDER BY found.score DESC, title`,
  );

  const activeCategories = db.prepare<[], { data: string }>('SELECT data FROM categories WHERE active ORDER BY position');
  const activeInformations = db.prepare<[], { category_id: string; id: string; title: string; keywords: string }>(
    'SELECT category_id, id, title, keywords FROM informations WHERE active ORDER BY position',
  );
  // A deactivated organ takes no new requests: its types leave the browser, as on the server.
  const activeRequestTypes = db.prepare<[], { category_id: string; data: string; organ: string }>(
    `SELECT t.category_id, t.data, o.data AS organ FROM request_types t JOIN organs o ON o.id = t.organ_id
      WHERE t.active AND o.active ORDER BY t.position`,
  );
  const informationById = db.prepare<[string], { data: string }>('SELECT data FROM informations WHERE id = ?');
  const activeTopics = db.prepare<[], { data: string }>('SELECT data FROM script_topics WHERE active ORDER BY position');

  return {
    version: () => Number(meta('version') ?? 0),
    server: () => meta('server'),
    lastSyncAt: () => meta('lastSyncAt'),
    informationCount: () => countInformations.get()!.count,
    reset: (server) => reset(server),
    applyPage: (feed, syncedAt) => applyPage(feed, syncedAt),

    search(query) {
      if (query.keyword) {
        const match = matchExpression(query.keyword, { column: 'keywords_text', every: true });
        return { items: match ? searchKeywords.all(match, query.limit).map((row) => ({ kind: 'information' as const, ...row })) : [] };
      }
      // Busca geral: any word, the best matches first, informations and request types ranked together.
      const match = matchExpression(query.q ?? '', { every: false });
      if (!match) return { items: [] };
      const hidden = hiddenRequestTypes.get()!.count;
      return { items: searchAll.all(match, query.limit + hidden).slice(0, query.limit) };
    },

    categories() {
      const informations = activeInformations.all();
      const requestTypes = activeRequestTypes.all();
      return {
        items: activeCategories.all().map(({ data }) => {
          const category = json<Category>(data);
          return {
            ...category,
            informations: informations
              .filter((information) => information.category_id === category.id)
              .map(({ id, title, keywords }) => ({ id, title, keywords: json<string[]>(keywords) })),
            requestTypes: requestTypes
              .filter((type) => type.category_id === category.id)
              .map((row) => {
                const type = json<RequestType>(row.data);
                return {
                  id: type.id,
                  name: type.name,
                  // The organ's current name: renaming an organ does not touch its types' versions.
                  organName: json<Organ>(row.organ).name,
                  formSchema: type.formSchema,
                  operatorGuidance: type.operatorGuidance,
                  slaHours: type.slaHours,
                  restartWindowHours: type.restartWindowHours,
                  groupByAddress: type.groupByAddress,
                  addressRequired: type.addressRequired,
                };
              }),
          };
        }),
      };
    },

    information(id) {
      const row = informationById.get(id);
      return row ? json<Information>(row.data) : null;
    },

    scripts: () => ({ topics: activeTopics.all().map(({ data }) => json(data)) }),

    close: () => db.close(),
  };
}
