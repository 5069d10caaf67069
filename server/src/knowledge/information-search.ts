import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SearchQuery, SearchResult } from '@receptivo/shared';
import { SearchSource, type SearchSourceProvider, prefixTsQuery } from './search.service';

// Title and keywords (A) weigh most, then the body (B), then the proposed solution (C).
const WEIGHTS = '{0.2, 0.4, 0.6, 1.0}';
const HEADLINE = 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';

/** Informations for Busca geral (full text, ranked) and for Palavra-chave (registered keywords). */
@Injectable()
@SearchSource()
export class InformationSearch implements SearchSourceProvider {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: SearchQuery): Promise<SearchResult[]> {
    const tsquery = prefixTsQuery(query.q ?? query.keyword ?? '');
    if (!tsquery) return [];
    const byKeyword = Boolean(query.keyword);
    const vector = byKeyword ? 'i.keyword_vector' : 'i.search_vector';
    const rank = byKeyword ? `ts_rank(${vector}, q.query)` : `ts_rank('${WEIGHTS}', ${vector}, q.query, 1)`;
    const snippetSource = byKeyword ? "keywords_text(found.keywords)" : 'found.body_text';
    // ts_headline is costly: only the page of best matches gets one.
    const rows = await this.dataSource.query<{ id: string; title: string; context: string; score: number; snippet: string }[]>(
      `WITH q AS (SELECT to_tsquery('pt_unaccent', $1) AS query),
       found AS (
         SELECT i.id, i.title, i.keywords, i.body_text, c.name AS context, ${rank} AS score
           FROM informations i JOIN categories c ON c.id = i.category_id, q
          WHERE i.active AND c.active AND ${vector} @@ q.query
          ORDER BY score DESC, i.title
          LIMIT $2
       )
       SELECT found.id, found.title, found.context, found.score::float8 AS score,
              ts_headline('pt_unaccent', ${snippetSource}, q.query, '${HEADLINE}') AS snippet
         FROM found, q
        ORDER BY found.score DESC, found.title`,
      [tsquery, query.limit],
    );
    return rows.map((row) => ({ kind: 'information', ...row }));
  }
}
