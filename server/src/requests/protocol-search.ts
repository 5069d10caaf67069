import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type SearchQuery, type SearchResult, formatProtocol, parseProtocol, requestStatusLabels } from '@receptivo/shared';
import { SearchSource, type SearchSourceProvider } from '../knowledge/search.service';

// A protocol typed in full is exactly what the caller wants: above any text match.
const EXACT_PROTOCOL_SCORE = 100;

/** Busca geral: a request or attendance protocol, with or without its separators. */
@Injectable()
@SearchSource()
export class ProtocolSearch implements SearchSourceProvider {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: SearchQuery): Promise<SearchResult[]> {
    const protocol = query.q ? parseProtocol(query.q) : undefined;
    if (!protocol) return [];
    const rows = await this.dataSource.query<{ kind: 'request' | 'attendance'; id: string; title: string; status: string; context: string }[]>(
      `SELECT 'request' AS kind, r.id, t.name AS title, r.status, o.name AS context
         FROM requests r JOIN request_types t ON t.id = r.request_type_id JOIN organs o ON o.id = t.organ_id
        WHERE r.protocol = $1
       UNION ALL
       SELECT 'attendance', a.id, coalesce(c.name, 'Cliente não identificado'), a.status, u.name
         FROM attendances a JOIN users u ON u.id = a.attendant_id LEFT JOIN customers c ON c.id = a.customer_id
        WHERE a.protocol = $1`,
      [protocol],
    );
    return rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      title: `${row.kind === 'request' ? 'Solicitação' : 'Atendimento'} ${formatProtocol(protocol)} — ${row.title}`,
      snippet: `<mark>${formatProtocol(protocol)}</mark> · ${
        row.kind === 'request' ? requestStatusLabels[row.status as keyof typeof requestStatusLabels] : row.status === 'open' ? 'Em aberto' : 'Finalizado'
      }`,
      context: row.context,
      score: EXACT_PROTOCOL_SCORE,
    }));
  }
}
