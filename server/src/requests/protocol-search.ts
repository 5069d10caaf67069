import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type SearchQuery, type SearchResult, formatProtocol, parseProtocol, requestStatusLabels } from '@receptivo/shared';
import { attendedByName } from '../attendances/attended-by';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { SearchSource, type SearchSourceProvider } from '../knowledge/search.service';
import { backofficeOrganId, requesterOfOrgan } from './request-access';

// A protocol typed in full is exactly what the caller wants: above any text match.
const EXACT_PROTOCOL_SCORE = 100;

/**
 * Busca geral: a request or attendance protocol, with or without its separators. The back office
 * finds only its organ's requests, and attendances holding one of them.
 */
@Injectable()
@SearchSource()
export class ProtocolSearch implements SearchSourceProvider {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: SearchQuery, user: AuthenticatedUser): Promise<SearchResult[]> {
    const protocol = query.q ? parseProtocol(query.q) : undefined;
    if (!protocol) return [];
    // NULL for the desk roles, who find every protocol.
    const organId = user.role === 'backoffice' ? backofficeOrganId(user) : null;
    const rows = await this.dataSource.query<{ kind: 'request' | 'attendance'; id: string; title: string; status: string; context: string }[]>(
      `SELECT 'request' AS kind, r.id, t.name AS title, r.status, o.name AS context
         FROM requests r JOIN request_types t ON t.id = r.request_type_id JOIN organs o ON o.id = t.organ_id
        WHERE r.protocol = $1 AND ($2::uuid IS NULL OR t.organ_id = $2)
       UNION ALL
       SELECT 'attendance', a.id, coalesce(CASE WHEN $2::uuid IS NULL OR ${requesterOfOrgan('a.customer_id', '$2')} THEN c.name END, 'Cliente não identificado'),
              a.status, ${attendedByName('u', 'a')}
         FROM attendances a LEFT JOIN users u ON u.id = a.attendant_id LEFT JOIN customers c ON c.id = a.customer_id
        WHERE a.protocol = $1
          AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM requests ar JOIN request_types art ON art.id = ar.request_type_id
                                            WHERE ar.attendance_id = a.id AND art.organ_id = $2))`,
      [protocol, organId],
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
