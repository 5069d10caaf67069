import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type BackofficeList, type backofficeQuerySchema, parseProtocol } from '@receptivo/shared';
import type { z } from 'zod';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { SqlParams, wordsLike } from '../common/sql-conditions';
import { backofficeOrganId } from './request-access';
import { REQUEST_SELECT, type RequestRow, toSummary } from './request-views';

/** The back office's work list: its organ's requests, newest first. */
@Injectable()
export class BackofficeRequests {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: z.output<typeof backofficeQuerySchema>, user: AuthenticatedUser): Promise<BackofficeList> {
    const params = new SqlParams();
    const conditions = [`t.organ_id = ${params.add(backofficeOrganId(user))}`];
    if (query.status) conditions.push(`r.status = ${params.add(query.status)}`);
    if (query.q) {
      const protocol = parseProtocol(query.q);
      if (protocol) {
        const value = params.add(protocol);
        conditions.push(`(r.protocol = ${value} OR a.protocol = ${value})`);
      } else {
        conditions.push(wordsLike(params, query.q, (pattern) => `c.search_name LIKE ${pattern}`) ?? 'false');
      }
    }
    const where = conditions.join(' AND ');
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total
         FROM requests r JOIN request_types t ON t.id = r.request_type_id JOIN attendances a ON a.id = r.attendance_id
         LEFT JOIN customers c ON c.id = r.customer_id
        WHERE ${where}`,
      params.values,
    );
    const limit = params.add(query.pageSize);
    const offset = params.add((query.page - 1) * query.pageSize);
    const rows = await this.dataSource.query<RequestRow[]>(
      `${REQUEST_SELECT} WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit} OFFSET ${offset}`,
      params.values,
    );
    return {
      items: rows.map((row) => ({ ...toSummary(row), customerName: row.customer_name, attendanceProtocol: row.attendance_protocol })),
      total,
    };
  }
}
