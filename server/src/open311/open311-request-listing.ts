import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type Open311RequestsQuery,
  type Open311ServiceRequest,
  type RequestStatus,
  formatProtocol,
  parseProtocol,
  requestStatusLabels,
} from '@receptivo/shared';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';

const DAY = 86_400_000;
/** The standard's default and largest window, and its cap on one answer. */
const WINDOW_DAYS = 90;
const MOST_REQUESTS = 1000;

const OPEN_STATUSES: RequestStatus[] = ['open', 'in_progress'];
const CLOSED_STATUSES: RequestStatus[] = ['finished', 'cancelled'];

/**
 * Only public columns are read: no customer, no form (its fields may name people), no house number,
 * no complement. The free text of a request exists here only for those received through Open311.
 */
const PUBLIC_SELECT = `
  SELECT r.protocol, r.status, r.response, r.created_at, greatest(r.created_at, r.updated_at) AS updated_at, r.deadline,
         r.street, r.neighborhood, r.city, t.id AS type_id, t.name AS type_name, o.name AS organ_name,
         o311.request_id IS NOT NULL AS via_open311, o311.description AS open311_description
    FROM requests r
    JOIN request_types t ON t.id = r.request_type_id
    JOIN organs o ON o.id = t.organ_id
    LEFT JOIN open311_requests o311 ON o311.request_id = r.id`;

interface PublicRow {
  protocol: string;
  status: RequestStatus;
  response: string | null;
  created_at: Date;
  updated_at: Date;
  deadline: Date;
  street: string | null;
  neighborhood: string | null;
  city: string | null;
  type_id: string;
  type_name: string;
  organ_name: string;
  via_open311: boolean;
  open311_description: string | null;
}

const isFinal = (status: RequestStatus) => CLOSED_STATUSES.includes(status);

/**
 * The situation in words; the organ's response follows for a request received through Open311 once
 * it is final. A desk request's response is written to its requester and may name them.
 */
function statusNotes(row: PublicRow): string {
  const label = requestStatusLabels[row.status];
  return row.via_open311 && isFinal(row.status) && row.response ? `${label}: ${row.response}` : `${label}.`;
}

function toOpen311(row: PublicRow): Open311ServiceRequest {
  const place = [row.street, row.neighborhood, row.city].filter(Boolean).join(', ');
  return {
    service_request_id: formatProtocol(row.protocol),
    status: isFinal(row.status) ? 'closed' : 'open',
    status_notes: statusNotes(row),
    service_name: row.type_name,
    service_code: row.type_id,
    description: row.via_open311 ? row.open311_description : null,
    agency_responsible: row.organ_name,
    service_notice: null,
    requested_datetime: row.created_at.toISOString(),
    updated_datetime: row.updated_at.toISOString(),
    expected_datetime: row.deadline.toISOString(),
    address: place || null,
  };
}

const badQuery = (message: string, field: string) => new ApiException(400, 'VALIDATION_FAILED', message, { [field]: message });

/** GET requests: every request of the service, desk and portal ones too, by its public fields. */
@Injectable()
export class Open311RequestListing {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(query: Open311RequestsQuery): Promise<Open311ServiceRequest[]> {
    if (query.service_request_id) return this.byProtocols(query.service_request_id);
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (condition: (parameter: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition(`$${parameters.length}`));
    };
    const { start, end } = this.window(query);
    where((parameter) => `r.created_at >= ${parameter}`, start);
    where((parameter) => `r.created_at <= ${parameter}`, end);
    if (query.service_code) where((parameter) => `t.id::text = ${parameter}`, query.service_code.toLowerCase());
    if (query.status?.length) {
      const statuses = [...new Set(query.status)].flatMap((status) => (status === 'open' ? OPEN_STATUSES : CLOSED_STATUSES));
      where((parameter) => `r.status = ANY(${parameter})`, statuses);
    }
    const rows = await this.dataSource.query<PublicRow[]>(
      `${PUBLIC_SELECT} WHERE ${conditions.join(' AND ')} ORDER BY r.created_at DESC, r.protocol DESC LIMIT ${MOST_REQUESTS}`,
      parameters,
    );
    return rows.map(toOpen311);
  }

  /** One request by its protocol, with or without punctuation. */
  async get(serviceRequestId: string): Promise<Open311ServiceRequest> {
    const [request] = await this.byProtocols([serviceRequestId]);
    if (!request) throw new ApiException(404, 'NOT_FOUND', 'Solicitação não encontrada: confira o número do protocolo.');
    return request;
  }

  private async byProtocols(ids: string[]): Promise<Open311ServiceRequest[]> {
    const protocols = [...new Set(ids.map(parseProtocol).filter((protocol) => protocol !== undefined))].slice(0, MOST_REQUESTS);
    if (protocols.length === 0) return [];
    const rows = await this.dataSource.query<PublicRow[]>(`${PUBLIC_SELECT} WHERE r.protocol = ANY($1) ORDER BY r.created_at DESC, r.protocol DESC`, [protocols]);
    return rows.map(toOpen311);
  }

  /** The last 90 days by default; a window the client gives may not be longer. */
  private window({ start_date, end_date }: Open311RequestsQuery): { start: Date; end: Date } {
    const end = end_date ?? (start_date ? new Date(start_date.getTime() + WINDOW_DAYS * DAY) : this.clock.now());
    const start = start_date ?? new Date(end.getTime() - WINDOW_DAYS * DAY);
    if (end < start) throw badQuery('end_date deve ser depois de start_date.', 'end_date');
    if (end.getTime() - start.getTime() > WINDOW_DAYS * DAY) throw badQuery('O intervalo entre start_date e end_date pode ter no máximo 90 dias.', 'end_date');
    return { start, end };
  }
}
