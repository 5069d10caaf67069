import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallerHistory } from '@receptivo/shared';

const OPEN_REQUESTS_SHOWN = 10;

/**
 * The pop's "why they call": how many attendances the caller had lately (by their record or their
 * number) and the record's open requests, in one statement. Looked up with the call's matches, when
 * the caller joins the queue, so the pop finds it ready.
 */
@Injectable()
export class CallerHistoryLookup {
  constructor(private readonly dataSource: DataSource) {}

  async of(customerId: string | null, callerE164: string | null, now: Date): Promise<CallerHistory | null> {
    if (!customerId && !callerE164) return null;
    const [row] = await this.dataSource.query<{ last_24h: number; last_7d: number; open_requests: CallerHistory['openRequests'] }[]>(
      `SELECT count(*) FILTER (WHERE a.started_at > $3::timestamptz - interval '24 hours')::int AS last_24h,
              count(*)::int AS last_7d,
              coalesce((
                SELECT json_agg(o ORDER BY o.deadline, o.protocol)
                  FROM (SELECT r.id, r.protocol, t.name AS "typeName", r.status,
                               to_char(r.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS deadline, r.deadline < $3 AS overdue
                          FROM requests r JOIN request_types t ON t.id = r.request_type_id
                         WHERE r.customer_id = $1 AND r.status IN ('open', 'in_progress')
                         ORDER BY r.deadline, r.protocol LIMIT ${OPEN_REQUESTS_SHOWN}) o), '[]') AS open_requests
         FROM attendances a
        WHERE a.started_at > $3::timestamptz - interval '7 days' AND a.started_at <= $3
          AND (a.customer_id = $1 OR a.caller_e164 = $2)`,
      [customerId, callerE164, now],
    );
    return { attendancesLast24h: row.last_24h, attendancesLast7d: row.last_7d, openRequests: row.open_requests };
  }
}
