import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { type CustomerAccess, type customerAccessQuerySchema, redactDocument } from '@receptivo/shared';
import { SqlParams, withinBrasiliaDays } from '../common/sql-conditions';

/** What the route's `:id` names: the customer, or an attendance or request whose customer is read. */
export type ReadThrough = 'customer' | 'attendance' | 'request';

export interface CustomerRead {
  through: ReadThrough;
  id: string;
  user: { id: string; name: string };
  route: string;
  screen: string | null;
  at: Date;
}

/** Where each kind of `:id` finds its customer; an attendance or request without one records nothing. */
const customerOf: Record<ReadThrough, string> = {
  customer: 'SELECT $1::uuid AS customer_id',
  attendance: 'SELECT customer_id FROM attendances WHERE id = $1 AND customer_id IS NOT NULL',
  request: 'SELECT customer_id FROM requests WHERE id = $1 AND customer_id IS NOT NULL',
};

type AccessFilters = Omit<z.output<typeof customerAccessQuerySchema>, 'page' | 'pageSize'>;

interface AccessRow {
  id: string;
  accessed_at: Date;
  customer_id: string;
  customer_name: string;
  document: string;
  user_id: string;
  user_name: string;
  route: string;
  screen: string | null;
}

const toAccess = (row: AccessRow): CustomerAccess => ({
  id: row.id,
  accessedAt: row.accessed_at.toISOString(),
  // The list is itself personal data shown to admins: the document goes masked, as in any list.
  customer: { id: row.customer_id, name: row.customer_name, document: redactDocument(row.document) },
  user: { id: row.user_id, name: row.user_name },
  route: row.route,
  screen: row.screen,
});

/** The access audit's table: who read which customer's data, when and from where. */
@Injectable()
export class CustomerAccessLog {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One INSERT, answering the ids of the rows written (none when an attendance or request has no
   * customer). It fails for a customer that does not exist; the read then answers 404 anyway.
   */
  async record(read: CustomerRead): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO customer_accesses (customer_id, user_id, user_name, route, screen, accessed_at)
       SELECT found.customer_id, $2, $3, $4, $5, $6 FROM (${customerOf[read.through]}) found
       RETURNING id`,
      [read.id, read.user.id, read.user.name, read.route, read.screen, read.at],
    );
    return rows.map((row) => row.id);
  }

  /** Takes back the records of a read that was refused or failed: nobody saw the data. */
  async withdraw(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.dataSource.query('DELETE FROM customer_accesses WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** The latest first; `pageSize` null lists every match (the CSV export). */
  async list(query: AccessFilters & { page?: number; pageSize: number | null }): Promise<{ items: CustomerAccess[]; total: number }> {
    const params = new SqlParams();
    const where: string[] = [];
    if (query.customerId) where.push(`a.customer_id = ${params.add(query.customerId)}`);
    if (query.document) where.push(`c.document = ${params.add(query.document)}`);
    if (query.userId) where.push(`a.user_id = ${params.add(query.userId)}`);
    withinBrasiliaDays(where, params, 'a.accessed_at', query);
    const matching = `FROM customer_accesses a JOIN customers c ON c.id = a.customer_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total ${matching}`, params.values);
    const paging =
      query.pageSize === null ? '' : `LIMIT ${params.add(query.pageSize)} OFFSET ${params.add(((query.page ?? 1) - 1) * query.pageSize)}`;
    const rows = await this.dataSource.query<AccessRow[]>(
      `SELECT a.id, a.accessed_at, a.customer_id, c.name AS customer_name, c.document, a.user_id, a.user_name, a.route, a.screen
         ${matching}
        ORDER BY a.accessed_at DESC, a.id
        ${paging}`,
      params.values,
    );
    return { items: rows.map(toAccess), total };
  }
}
