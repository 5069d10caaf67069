import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Attachment,
  type CustomerHistoryRequest,
  type Request,
  type RequestEvent,
  type RequestRuleFacts,
  type RequestSummary,
  requestActionRule,
  requestActions,
  requestOverdue,
} from '@receptivo/shared';
import { attendedByName } from '../attendances/attended-by';
import { notFound } from '../common/api-exception';
import { Clock } from '../common/clock';
import { PreparedStatements } from '../database/prepared-statements';

export interface RequestRow {
  id: string;
  protocol: string;
  status: Request['status'];
  request_type_id: string;
  type_name: string;
  organ_id: string;
  organ_name: string;
  form_schema: Record<string, unknown>;
  restart_window_hours: number | null;
  sla_hours: number;
  deadline: Date;
  created_at: Date;
  finished_at: Date | null;
  response: string | null;
  group_first_id: string | null;
  group_first_protocol: string | null;
  attendance_id: string;
  attendance_protocol: string;
  customer_id: string | null;
  customer_name: string | null;
  customer_document: string | null;
  customer_email: string | null;
  form: Record<string, unknown>;
  cep: string | null;
  street: string | null;
  number: string | null;
  complement: string | null;
  neighborhood: string | null;
  city: string | null;
  state: string | null;
  registered_by_name: string;
}

export const REQUEST_SELECT = `
  SELECT r.*, t.name AS type_name, t.organ_id, o.name AS organ_name, t.form_schema, t.restart_window_hours, t.sla_hours,
         leader.protocol AS group_first_protocol, a.protocol AS attendance_protocol, c.name AS customer_name,
         c.document AS customer_document, c.email AS customer_email, ${attendedByName('u', 'a')} AS registered_by_name
    FROM requests r
    JOIN request_types t ON t.id = r.request_type_id
    JOIN organs o ON o.id = t.organ_id
    JOIN attendances a ON a.id = r.attendance_id
    LEFT JOIN users u ON u.id = r.registered_by
    LEFT JOIN requests leader ON leader.id = r.group_first_id
    LEFT JOIN customers c ON c.id = r.customer_id`;

export function toSummary(row: RequestRow): RequestSummary {
  return {
    id: row.id,
    protocol: row.protocol,
    status: row.status,
    requestTypeId: row.request_type_id,
    typeName: row.type_name,
    organName: row.organ_name,
    deadline: row.deadline.toISOString(),
    createdAt: row.created_at.toISOString(),
    groupOf: row.group_first_id ? { id: row.group_first_id, protocol: row.group_first_protocol! } : null,
  };
}

/** What the lifecycle rules read of a request. */
export function ruleFacts(row: Pick<RequestRow, 'status' | 'deadline' | 'finished_at' | 'restart_window_hours'>): RequestRuleFacts {
  return { status: row.status, deadline: row.deadline, finishedAt: row.finished_at, restartWindowHours: row.restart_window_hours };
}

interface EventRow {
  id: string;
  kind: RequestEvent['kind'];
  description: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  via_portal: boolean;
  attachments: RequestEvent['attachments'];
}

/** Requests as the Status Solicitação view, the histories and the attendance summary show them. */
@Injectable()
export class RequestViews {
  /**
   * The views by attendance, by id and by customer, planned once per connection: PostgreSQL took
   * 2–8 ms to plan REQUEST_SELECT's seven tables at every call (0.2 ms to run it), once for every
   * attendance finished.
   */
  private readonly statements: PreparedStatements;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.statements = new PreparedStatements(dataSource, 'request_view', 4);
  }

  /** The attendance's requests; with `organId`, only that organ's (what its back office may see). */
  summariesOf(attendanceId: string, manager: EntityManager = this.dataSource.manager, organId?: string): Promise<RequestSummary[]> {
    return organId
      ? this.summaries(manager, 'r.attendance_id = $1 AND t.organ_id = $2 ORDER BY r.created_at', [attendanceId, organId])
      : this.summaries(manager, 'r.attendance_id = $1 ORDER BY r.created_at', [attendanceId]);
  }

  /** A customer's latest requests, newest first, each marked when overdue by the server's clock. */
  async ofCustomer(customerId: string, limit: number): Promise<CustomerHistoryRequest[]> {
    const now = this.clock.now();
    const rows = await this.statements.query<RequestRow>(`${REQUEST_SELECT} WHERE r.customer_id = $1 ORDER BY r.created_at DESC, r.id LIMIT $2`, [
      customerId,
      limit,
    ]);
    return rows.map((row) => ({ ...toSummary(row), overdue: requestOverdue(row, now) }));
  }

  async row(id: string, manager: EntityManager = this.dataSource.manager): Promise<RequestRow> {
    const [row] = await this.statements.query<RequestRow>(`${REQUEST_SELECT} WHERE r.id = $1`, [id], manager);
    if (!row) throw notFound('Solicitação');
    return row;
  }

  /** The request's organ, for the back office's access check. */
  async organOf(id: string): Promise<string> {
    const [row] = await this.dataSource.query<{ organ_id: string }[]>(
      'SELECT t.organ_id FROM requests r JOIN request_types t ON t.id = r.request_type_id WHERE r.id = $1',
      [id],
    );
    if (!row) throw notFound('Solicitação');
    return row.organ_id;
  }

  async attachment(requestId: string, attachmentId: string): Promise<Attachment> {
    const [row] = await this.dataSource.query<Attachment[]>(
      `SELECT id, file_name AS "fileName", content_type AS "contentType", size FROM request_attachments WHERE id = $1 AND request_id = $2`,
      [attachmentId, requestId],
    );
    if (!row) throw notFound('Anexo');
    return row;
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<Request> {
    const row = await this.row(id, manager);
    const leader = row.group_first_id ?? row.id;
    const group = await manager.query<Request['group']>(
      `SELECT id, protocol, status FROM requests WHERE id = $1 OR group_first_id = $1 ORDER BY (id = $1) DESC, created_at`,
      [leader],
    );
    const now = this.clock.now();
    const facts = ruleFacts(row);
    return {
      ...toSummary(row),
      attendanceId: row.attendance_id,
      attendanceProtocol: row.attendance_protocol,
      customer: row.customer_id
        ? { id: row.customer_id, name: row.customer_name!, document: row.customer_document!, email: row.customer_email }
        : null,
      form: row.form,
      formSchema: row.form_schema,
      address: row.cep
        ? {
            cep: row.cep,
            street: row.street!,
            number: row.number!,
            complement: row.complement,
            neighborhood: row.neighborhood!,
            city: row.city!,
            state: row.state as NonNullable<Request['address']>['state'],
          }
        : null,
      group: group.length > 1 ? group : [],
      registeredBy: row.registered_by_name,
      response: row.response,
      finishedAt: row.finished_at?.toISOString() ?? null,
      timeline: await this.timeline(id, manager),
      allowedActions: requestActions.filter((action) => requestActionRule(action, facts, now).allowed),
    };
  }

  private async timeline(requestId: string, manager: EntityManager): Promise<RequestEvent[]> {
    const rows = await manager.query<EventRow[]>(
      `SELECT e.id, e.kind, e.description, e.at, e.actor_id, u.name AS actor_name, e.via_portal,
              coalesce((SELECT json_agg(json_build_object('id', f.id, 'fileName', f.file_name, 'contentType', f.content_type, 'size', f.size)
                                        ORDER BY f.position)
                          FROM request_attachments f WHERE f.event_id = e.id), '[]') AS attachments
         FROM request_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.request_id = $1 ORDER BY e.seq`,
      [requestId],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      description: row.description,
      actor: row.actor_id ? { id: row.actor_id, name: row.actor_name! } : null,
      viaPortal: row.via_portal,
      at: row.at.toISOString(),
      attachments: row.attachments,
    }));
  }

  private async summaries(manager: EntityManager, where: string, params: unknown[]): Promise<RequestSummary[]> {
    const rows = await this.statements.query<RequestRow>(`${REQUEST_SELECT} WHERE ${where}`, params, manager);
    return rows.map(toSummary);
  }
}
