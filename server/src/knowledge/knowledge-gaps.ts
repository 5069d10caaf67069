import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KnowledgeGaps, KnowledgeGapsQuery, KnowledgeSearchKind } from '@receptivo/shared';
import { SqlParams, withinBrasiliaDays } from '../common/sql-conditions';

interface GapRow {
  term: string;
  searches: number;
  no_results: number;
  no_information: number;
  last_searched_at: Date;
  sample_kind: KnowledgeSearchKind;
}

/**
 * The knowledge gaps of a period, read from the searches recorded by KnowledgeSearchLog. Computed
 * when asked, so a search counts as soon as its attendance is finished: it is a gap when it found
 * nothing, or when its attendance was finished with no information nor request registered after
 * it (what the attendant was looking for was not there). A search of an attendance still open, or
 * made outside one, counts only when it found nothing.
 */
@Injectable()
export class KnowledgeGapsReport {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: KnowledgeGapsQuery): Promise<KnowledgeGaps> {
    const params = new SqlParams();
    const where: string[] = [];
    withinBrasiliaDays(where, params, 's.searched_at', query);
    if (query.source) where.push(`s.source = ${params.add(query.source)}`);
    const gaps = 'count(*) FILTER (WHERE no_results OR no_information)';
    const rows = await this.dataSource.query<GapRow[]>(
      `WITH searches AS (
         SELECT s.term, s.kind, s.searched_at, s.result_count = 0 AS no_results,
                s.result_count > 0 AND a.status = 'finished'
                  AND NOT EXISTS (SELECT FROM attendance_informations ai WHERE ai.attendance_id = a.id AND ai.registered_at >= s.searched_at)
                  AND NOT EXISTS (SELECT FROM requests r WHERE r.attendance_id = a.id AND r.created_at >= s.searched_at) AS no_information
           FROM knowledge_searches s LEFT JOIN attendances a ON a.id = s.attendance_id
          WHERE ${where.join(' AND ')}
       )
       SELECT term, count(*)::int AS searches,
              count(*) FILTER (WHERE no_results)::int AS no_results,
              count(*) FILTER (WHERE no_information)::int AS no_information,
              max(searched_at) AS last_searched_at,
              mode() WITHIN GROUP (ORDER BY kind) AS sample_kind
         FROM searches
        GROUP BY term
       HAVING ${gaps} > 0
        ORDER BY ${gaps} DESC, count(*) DESC, term
        LIMIT ${params.add(query.limit)}`,
      params.values,
    );
    return {
      items: rows.map((row) => ({
        term: row.term,
        searches: row.searches,
        noResults: row.no_results,
        noInformationRegistered: row.no_information,
        lastSearchedAt: row.last_searched_at.toISOString(),
        sampleKind: row.sample_kind,
      })),
      from: query.from,
      to: query.to,
    };
  }
}
