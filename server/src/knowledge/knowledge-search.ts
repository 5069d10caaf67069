import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SearchQuery, SearchResult } from '@receptivo/shared';
import { SearchSource, type SearchSourceProvider, prefixTsQuery, queryWords } from './search.service';

// ts_rank_cd weights {D, C, B, A}: title or name A, keywords or description B, body or guidance C, solution D.
const WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';
/** A shared stem only ("pode" for "poda") counts far less than the word itself or a prefix of it. */
const STEM_SHARE = 0.25;
/** A typo ("lampda") finds the title or name it resembles this much (pg_trgm word_similarity, 0–1). */
const TYPO_SIMILARITY = 0.5;
const TRIGRAM_SHARE = 0.5;
/** A match by stem only ("pode" for "poda") scoring under this share of the best one is noise. */
const STEM_ONLY_FLOOR = 0.15;
/**
 * Ranking touches every candidate: in a large base one common word of several ("rua") would make
 * thousands. Candidates are the items with every word, a word in the title or keywords, or a typo
 * of the title; of the items with only some words elsewhere, this many (the tail of the ranking).
 */
const PARTIAL_MATCHES = 200;
const HEADLINE = 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';

/** Score of one row (alias `row`) against the queries of `q`; see the migration KnowledgeSearch1765526400000. */
const score = (row: string) => `(
  ts_rank_cd('${WEIGHTS}', ${row}.word_vector, q.words, 1)
  + ${STEM_SHARE} * ts_rank_cd('${WEIGHTS}', ${row}.search_vector, q.stems, 1)
  + CASE WHEN q.folded <% ${row}.search_name THEN ${TRIGRAM_SHARE} * word_similarity(q.folded, ${row}.search_name) ELSE 0 END)`;
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
    return query.keyword ? this.byKeyword(query.keyword, query.limit) : this.general(query.q ?? '', query.limit);
  }

  private async general(text: string, limit: number): Promise<SearchResult[]> {
    const words = queryWords(text);
    if (!words.length) return [];
    // Short words ("de", "da") resemble too much to tell a typo or to find in a title.
    const longWords = words.filter((word) => word.length >= 3);
    // One LIKE per word, each served by the trigram index (LIKE ANY is not).
    const inTitle = longWords.map((_, index) => `i.search_name LIKE '%' || search_fold($${index + 7}) || '%'`);
    const sql = `
      WITH q AS (
        SELECT to_tsquery('pt_words_unaccent', $1) AS words, to_tsquery('pt_unaccent', $2) AS stems,
               search_fold($3) AS folded, to_tsquery('pt_unaccent', $1) AS highlight,
               to_tsquery('pt_words_unaccent', $5) AS all_words, to_tsquery('pt_unaccent', $6) AS all_stems
      ),
      information_candidates AS (
        SELECT i.id FROM informations i, q
         WHERE i.word_vector @@ q.all_words OR i.search_vector @@ q.all_stems OR q.folded <% i.search_name
               ${inTitle.map((condition) => `OR ${condition}`).join(' ')}
        UNION
        (SELECT i.id FROM informations i, q WHERE i.word_vector @@ q.words OR i.search_vector @@ q.stems LIMIT ${PARTIAL_MATCHES})
      ),
      found AS (
        SELECT 'information' AS kind, i.id, i.title, c.name AS context, i.body_text AS text, ${score('i')} AS score,
               ${typed('i')} AS typed
          FROM information_candidates JOIN informations i USING (id) JOIN categories c ON c.id = i.category_id, q
         WHERE i.active AND c.active
        UNION ALL
        SELECT 'requestType', t.id, t.name, c.name,
               concat_ws(' — ', t.description, regexp_replace(t.operator_guidance, '<[^>]*>', ' ', 'g')), ${score('t')},
               ${typed('t')}
          FROM request_types t JOIN organs o ON o.id = t.organ_id JOIN categories c ON c.id = t.category_id, q
         WHERE t.active AND o.active AND c.active AND ${matches('t')}
      ),
      best AS (
        SELECT * FROM found
         WHERE typed OR score >= ${STEM_ONLY_FLOOR} * (SELECT max(score) FROM found)
         ORDER BY score DESC, title
         LIMIT $4
      )
      SELECT best.kind, best.id, best.title, best.context, best.score::float8 AS score,
             ts_headline('pt_unaccent', best.text, q.highlight, '${HEADLINE}') AS snippet
        FROM best, q
       ORDER BY best.score DESC, best.title`;
    // The typo threshold of <% (which the trigram indexes serve) holds for this transaction only.
    const rows = await this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)", [String(TYPO_SIMILARITY)]);
      return manager.query<SearchResult[]>(sql, [
        words.map((word) => `${word}:*`).join(' | '),
        words.join(' | '),
        longWords.join(' '),
        limit,
        words.map((word) => `${word}:*`).join(' & '),
        words.join(' & '),
        ...longWords,
      ]);
    });
    return rows;
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
