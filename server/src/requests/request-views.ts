import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Request, RequestSummary } from '@receptivo/shared';
import { notFound } from '../common/api-exception';

interface RequestRow {
  id: string;
  protocol: string;
  status: Request['status'];
  request_type_id: string;
  type_name: string;
  organ_name: string;
  form_schema: Record<string, unknown>;
  deadline: Date;
  created_at: Date;
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

const SELECT = `
  SELECT r.*, t.name AS type_name, o.name AS organ_name, t.form_schema, leader.protocol AS group_first_protocol,
         a.protocol AS attendance_protocol, c.name AS customer_name, c.document AS customer_document,
         c.email AS customer_email, u.name AS registered_by_name
    FROM requests r
    JOIN request_types t ON t.id = r.request_type_id
    JOIN organs o ON o.id = t.organ_id
    JOIN attendances a ON a.id = r.attendance_id
    JOIN users u ON u.id = r.registered_by
    LEFT JOIN requests leader ON leader.id = r.group_first_id
    LEFT JOIN customers c ON c.id = r.customer_id`;

function toSummary(row: RequestRow): RequestSummary {
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

/** Requests as the Status Solicitação view and the attendance summary show them. */
@Injectable()
export class RequestViews {
  constructor(private readonly dataSource: DataSource) {}

  async summariesOf(attendanceId: string, manager: EntityManager = this.dataSource.manager): Promise<RequestSummary[]> {
    const rows = await manager.query<RequestRow[]>(`${SELECT} WHERE r.attendance_id = $1 ORDER BY r.created_at`, [attendanceId]);
    return rows.map(toSummary);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<Request> {
    const [row] = await manager.query<RequestRow[]>(`${SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw notFound('Solicitação');
    const leader = row.group_first_id ?? row.id;
    const group = await manager.query<Request['group']>(
      `SELECT id, protocol, status FROM requests WHERE id = $1 OR group_first_id = $1 ORDER BY (id = $1) DESC, created_at`,
      [leader],
    );
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
    };
  }
}
