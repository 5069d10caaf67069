import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { SearchQuery, SearchResult } from '@receptivo/shared';
import { SearchSource, type SearchSourceProvider, prefixTsQuery, queryWords } from './search.service';

// ts_rank weights {D, C, B, A}: title or name A, keywords or description B, body or guidance C, solution D.
// (ts_rank_cd would weigh how close the words are too, at several times the cost in a large base.)
const WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';
/** A shared stem only ("pode" for "poda") counts far less than the word itself or a prefix of it. */
const STEM_SHARE = 0.25;
/**
 * A typo ("lampda") stands for the known words of titles, names and keywords it resembles this much,
 * and finds a request type whose name resembles the query this much (pg_trgm similarity, 0–1).
 */
const TYPO_SIMILARITY = 0.5;
/** A typo stands for at most this many known words, the closest first. */
const CORRECTIONS = 3;
const TRIGRAM_SHARE = 0.5;
/** A match by stem only ("pode" for "poda") scoring under this share of the best one is noise. */
const STEM_ONLY_FLOOR = 0.15;
/**
 * Ranking touches every candidate: in a large base one common word of several ("rua") would make
 * thousands. Candidates are every item with all the words (as an AND search finds, a typo standing
 * for the known words it resembles), then at most this many with a query word in the title or
 * keywords, and, when these are fewer than a page, this many with only some of the words elsewhere.
 * A small base is searched whole.
 */
const PARTIAL_MATCHES = 200;
const HEADLINE = 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';

/**
 * Score of a request type (alias `t`) against the queries of `q` (see the migration KnowledgeSearch1765526400000):
 * the words as typed, or else a share for the stems; plus how much its name resembles the query
 * (few, short names: "boca de lobo" → Limpeza de boca de lobo).
 */
const requestTypeScore = `(
  CASE WHEN t.word_vector @@ q.words THEN ts_rank('${WEIGHTS}', t.word_vector, q.words, 1)
       ELSE ${STEM_SHARE} * ts_rank('${WEIGHTS}', t.search_vector, q.stems, 1) END
  + CASE WHEN q.folded <% t.search_name THEN ${TRIGRAM_SHARE} * word_similarity(q.folded, t.search_name) ELSE 0 END)`;
/** Whether a known word starts with `prefix`: in byte order, the first known word from it on does. */
const knownPrefix = (prefix: string) => `coalesce(starts_with((SELECT min(k.word) FROM search_words k WHERE k.word >= ${prefix}), ${prefix}), false)`;
const typed = (row: string) => `(${row}.word_vector @@ q.words OR q.folded <% ${row}.search_name)`;
const matches = (row: string) => `(${typed(row)} OR ${row}.search_vector @@ q.stems)`;

/**
 * Busca geral over informations and request types, ranked together: any word of the query may match
 * (OR), and the items matching more of them, closer together and in their titles come first.
 * Palavra-chave searches the informations' registered keywords, every word required.
 */
@Injectable()
@SearchSource()
export class KnowledgeSearch implements SearchSourceProvider {
  constructor(private readonly dataSource: DataSource) {}

  search(query: SearchQuery): Promise<SearchResult[]> {
    return query.keyword ? this.byKeyword(query.keyword, query.limit) : this.general(query.q ?? '', query.limit, 'desk');
  }

  /** The portal's search: the same ranking over the informations published there, and nothing else. */
  published(text: string, limit: number): Promise<SearchResult[]> {
    return this.general(text, limit, 'portal');
  }

  private async general(text: string, limit: number, audience: 'desk' | 'portal'): Promise<SearchResult[]> {
    const words = queryWords(text);
    if (!words.length) return [];
    // Short words ("de", "da") resemble too much to tell a typo or to find in a title.
    const longWords = words.filter((word) => word.length >= 3);
    // One LIKE per word, each served by the trigram index (LIKE ANY is not).
    const inTitle = longWords.map((_, index) => `i.search_name LIKE '%' || search_fold($${index + 6}) || '%'`).join(' OR ') || 'false';
    const allWords = `(i.word_vector @@ q.all_words OR i.search_vector @@ q.all_stems)`;
    // The rank of the words as typed or corrected (0 when none matched: a stem only) is taken once per
    // row (OFFSET 0 keeps the planner from copying it into each of its uses). No text is carried
    // through the ranking: the snippet's is read for the page of best rows only.
    const informationColumns = `'information' AS kind, i.id, i.title, i.category_id,
               CASE WHEN m.word_rank > 0 THEN m.word_rank ELSE ${STEM_SHARE} * ts_rank('${WEIGHTS}', i.search_vector, q.stems, 1) END AS score,
               m.word_rank > 0 AS typed`;
    const informationRows = `informations i CROSS JOIN q
        CROSS JOIN LATERAL (SELECT ts_rank('${WEIGHTS}', i.word_vector, q.words, 1) AS word_rank OFFSET 0) m`;
    const visible = audience === 'portal' ? 'i.active AND i.published' : 'i.active';
    const allWordsCandidates = `SELECT ${informationColumns} FROM ${informationRows} WHERE ${visible} AND ${allWords}`;
    // With one word, every item having it has all the words: the items with only some of them, in
    // their titles or elsewhere, would be none (a title holding it inside another word scores 0).
    // Items with some of the words, none in the title, rank below the others: they are read (finding
    // them is the costliest part) only when the others do not fill the page.
    const candidates =
      words.length > 1
        ? `better_candidates AS (
        ${allWordsCandidates}
        UNION ALL
        (SELECT ${informationColumns} FROM ${informationRows}
          WHERE ${visible} AND (${inTitle}) AND NOT ${allWords}
          LIMIT ${PARTIAL_MATCHES})
      ),
      information_candidates AS (
        SELECT * FROM better_candidates
        UNION ALL
        (SELECT ${informationColumns} FROM ${informationRows}
          WHERE (SELECT count(*) FROM better_candidates) < $5
            AND ${visible} AND (i.word_vector @@ q.words OR i.search_vector @@ q.stems) AND NOT ${allWords} AND NOT (${inTitle})
          LIMIT ${PARTIAL_MATCHES})
      )`
        : `information_candidates AS (${allWordsCandidates})`;
    const sql = `
      WITH query_words AS (
        SELECT word, search_fold(word) COLLATE "C" AS folded, strip(to_tsvector('pt_unaccent', word)) AS stem
          FROM unnest($1::text[]) AS query_words (word)
      ),
      spelled AS (
        SELECT typed.word, concat_ws(' | ', typed.word || ':*', string_agg(known.word, ' | ')) AS alternatives
          FROM query_words typed LEFT JOIN LATERAL (
            -- A typo: no known word starts with it or shares its stem ("lampadas" is "lampada"'s).
            SELECT s.word FROM search_words s
             WHERE length(typed.word) >= 3 AND s.word % typed.folded
               AND NOT ${knownPrefix('typed.folded')} AND NOT EXISTS (SELECT FROM search_words k WHERE k.stem = typed.stem)
             ORDER BY s.word <-> typed.folded, s.word
             LIMIT ${CORRECTIONS}
          ) known ON true
         GROUP BY typed.word
      ),
      q AS (
        SELECT to_tsquery('pt_words_unaccent', string_agg('(' || alternatives || ')', ' | ')) AS words,
               to_tsquery('pt_words_unaccent', string_agg('(' || alternatives || ')', ' & ')) AS all_words,
               to_tsquery('pt_unaccent', string_agg('(' || alternatives || ')', ' | ')) AS highlight,
               to_tsquery('pt_unaccent', $2) AS stems, to_tsquery('pt_unaccent', $3) AS all_stems,
               search_fold($4) AS folded
          FROM spelled
      ),
      ${candidates},
      found AS (
        SELECT i.kind, i.id, i.title, c.name AS context, i.score, i.typed
          FROM information_candidates i JOIN categories c ON c.id = i.category_id
         WHERE c.active${
           audience === 'desk'
             ? `
        UNION ALL
        SELECT 'requestType', t.id, t.name, c.name, ${requestTypeScore}, ${typed('t')}
          FROM request_types t JOIN organs o ON o.id = t.organ_id JOIN categories c ON c.id = t.category_id, q
         WHERE t.active AND o.active AND c.active AND ${matches('t')}`
             : ''
         }
      ),
      best AS (
        SELECT * FROM found
         WHERE typed OR score >= ${STEM_ONLY_FLOOR} * (SELECT max(score) FROM found)
         ORDER BY score DESC, title
         LIMIT $5
      )
      SELECT best.kind, best.id, best.title, best.context, best.score::float8 AS score,
             ts_headline('pt_unaccent', coalesce(
               (SELECT i.body_text FROM informations i WHERE best.kind = 'information' AND i.id = best.id),
               (SELECT concat_ws(' — ', t.description, regexp_replace(t.operator_guidance, '<[^>]*>', ' ', 'g'))
                  FROM request_types t WHERE best.kind = 'requestType' AND t.id = best.id)
             ), q.highlight, '${HEADLINE}') AS snippet
        FROM best, q
       ORDER BY best.score DESC, best.title`;
    // The typo thresholds of % and <% (which the trigram indexes serve) hold for this transaction only.
    // Planning this statement takes 8–10 ms, as long as running most queries at 50,000 informations:
    // it is prepared once per connection, under a name its text gives, and planned once (its plan
    // does not depend on the words: they reach the conditions through q).
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        "SELECT set_config('pg_trgm.similarity_threshold', $1, true), set_config('pg_trgm.word_similarity_threshold', $1, true), set_config('plan_cache_mode', 'force_generic_plan', true)",
        [String(TYPO_SIMILARITY)],
      );
      const connection = (await manager.queryRunner!.connect()) as PoolClient;
      const name = `busca-geral-${createHash('sha256').update(sql).digest('base64url').slice(0, 16)}`;
      const values = [words, words.join(' | '), words.join(' & '), longWords.join(' '), limit, ...(words.length > 1 ? longWords : [])];
      return (await connection.query<SearchResult>({ name, text: sql, values })).rows;
    });
  }

  private async byKeyword(keyword: string, limit: number): Promise<SearchResult[]> {
    const tsquery = prefixTsQuery(keyword);
    if (!tsquery) return [];
    // ts_headline is costly: only the page of best matches gets one.
    const rows = await this.dataSource.query<Omit<SearchResult, 'kind'>[]>(
      `WITH q AS (SELECT to_tsquery('pt_unaccent', $1) AS query),
       found AS (
         SELECT i.id, i.title, i.keywords, c.name AS context, ts_rank(i.keyword_vector, q.query) AS score
           FROM informations i JOIN categories c ON c.id = i.category_id, q
          WHERE i.active AND c.active AND i.keyword_vector @@ q.query
          ORDER BY score DESC, i.title
          LIMIT $2
       )
       SELECT found.id, found.title, found.context, found.score::float8 AS score,
              ts_headline('pt_unaccent', keywords_text(found.keywords), q.query, '${HEADLINE}') AS snippet
         FROM found, q
        ORDER BY found.score DESC, found.title`,
      [tsquery, limit],
    );
    return rows.map((row) => ({ kind: 'information', ...row }));
  }
}
