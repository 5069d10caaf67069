import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Subscription } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { type AbandonedCall, type AbandonedList, type AbandonedQuery, phoneE164 } from '@receptivo/shared';
import { conflict, notFound } from '../common/api-exception';
import { Clock } from '../common/clock';
import { SqlParams, withinBrasiliaDays } from '../common/sql-conditions';
import type { Settings } from '../config/settings';
import type { TrackedCall } from '../cti/call-tracker';
import { CallDesk } from '../cti/call-desk';
import { CtiService } from '../cti/cti.service';
import { PreparedStatements } from '../database/prepared-statements';

interface AbandonedRow {
  id: string;
  caller_number: string | null;
  customer_id: string | null;
  customer_name: string | null;
  queue: string | null;
  wait_seconds: number;
  abandoned_at: Date;
  status: 'pending' | 'done';
  done_reason: AbandonedCall['doneReason'];
  done_at: Date | null;
  done_by_name: string | null;
  attempts: { at: string; userName: string; extension: string; result: AbandonedCall['attempts'][number]['result']; attendanceProtocol: string | null }[];
}

const SELECT = `
  SELECT a.id, a.caller_number, a.customer_id, c.name AS customer_name, a.queue, a.wait_seconds, a.abandoned_at, a.status,
         a.done_reason, a.done_at, u.name AS done_by_name,
         coalesce((SELECT json_agg(json_build_object(
                    'at', to_char(t.attempted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'userName', tu.name,
                    'extension', t.extension, 'result', t.result, 'attendanceProtocol', ta.protocol) ORDER BY t.attempted_at)
                     FROM callback_attempts t JOIN users tu ON tu.id = t.user_id LEFT JOIN attendances ta ON ta.id = t.attendance_id
                    WHERE t.abandoned_call_id = a.id), '[]') AS attempts
    FROM abandoned_calls a
    LEFT JOIN customers c ON c.id = a.customer_id
    LEFT JOIN users u ON u.id = a.done_by`;

const toView = (row: AbandonedRow): AbandonedCall => ({
  id: row.id,
  callerNumber: row.caller_number,
  customer: row.customer_id ? { id: row.customer_id, name: row.customer_name! } : null,
  queue: row.queue,
  waitSeconds: row.wait_seconds,
  abandonedAt: row.abandoned_at.toISOString(),
  status: row.status,
  doneReason: row.done_reason,
  doneAt: row.done_at?.toISOString() ?? null,
  doneBy: row.done_by_name,
  attempts: row.attempts,
});

/**
 * Abandoned calls for supervisors to call back: every caller who hung up waiting in a queue is
 * kept with the customer their number (or the URA's document) matched. One is done when the same
 * number calls in again and is answered, when a callback reaches the citizen, or by hand.
 * Recorded by the node that holds the PBX link; read by any.
 */
@Injectable()
export class AbandonedCalls implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AbandonedCalls.name);
  private readonly defaultAreaCode: string;
  private subscriptions: Subscription[] = [];
  /** Closing an answered caller's abandons, once per answered call: planned once per connection. */
  private readonly calledIn: PreparedStatements;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cti: CtiService,
    private readonly desk: CallDesk,
    private readonly clock: Clock,
    config: ConfigService<Settings, true>,
  ) {
    this.defaultAreaCode = config.get('CTI_DEFAULT_AREA_CODE', { infer: true });
    this.calledIn = new PreparedStatements(dataSource, 'abandoned_called_in', 1);
  }

  /**
   * Neither runs inside the AMI event's handling, where a statement started or a number parsed
   * (~0.2 ms of libphonenumber) held back the supervisors' update and the pops of the same events.
   * An abandon is kept after the I/O at hand (setImmediate). An answered caller's abandons are closed
   * once the PBX pauses (CtiService.afterBurst, 50 ms at most): beside a burst's attendance starts,
   * which attendants wait for, they took pooled connections and the database's CPU from them. The
   * desk has parsed an answered call's number already.
   */
  onModuleInit(): void {
    this.subscriptions = [
      this.cti.abandoned$.subscribe(({ call, endedAt }) => {
        setImmediate(() => this.record(call, endedAt).catch((error: unknown) => this.logger.error(`chamada abandonada ${call.id} não registrada: ${String(error)}`)));
      }),
      this.cti.effects$.subscribe((effect) => {
        if (effect.type !== 'answered') return;
        const e164 = this.desk.callerE164Of(effect.call);
        if (!e164) return;
        void this.cti
          .afterBurst()
          .then(() => this.closeCalledIn(e164))
          .catch((error: unknown) => this.logger.error(`retornos de ${e164} não encerrados: ${String(error)}`));
      }),
    ];
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  e164Of(number: string | null): string | null {
    return number ? (phoneE164(number, this.defaultAreaCode) ?? null) : null;
  }

  /** Kept once per call (a replayed or rebuilt abandon changes nothing). */
  async record(call: TrackedCall, endedAt: number): Promise<void> {
    const e164 = this.e164Of(call.callerNumber);
    const waitSeconds = call.joinedAt === null ? 0 : Math.max(0, Math.round((endedAt - call.joinedAt) / 1000));
    await this.dataSource.query(
      `INSERT INTO abandoned_calls (call_id, caller_number, caller_e164, customer_id, queue, wait_seconds, abandoned_at)
       VALUES ($1, $2, $3,
               coalesce((SELECT p.customer_id FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.e164 = $3 ORDER BY c.name, c.id LIMIT 1),
                        (SELECT id FROM customers WHERE document = $4)),
               $5, $6, $7)
       ON CONFLICT (call_id) DO NOTHING`,
      [call.id, call.callerNumber, e164, call.ura.document?.replace(/\D/g, '') || null, call.queue, waitSeconds, new Date(endedAt)],
    );
  }

  /** The same number called in and was answered: its pending abandons are done. */
  async closeCalledIn(e164: string): Promise<void> {
    await this.calledIn.query(
      "UPDATE abandoned_calls SET status = 'done', done_reason = 'called_in', done_at = $2 WHERE caller_e164 = $1 AND status = 'pending'",
      [e164, this.clock.now()],
    );
  }

  async list(query: AbandonedQuery): Promise<AbandonedList> {
    const conditions: string[] = [];
    const params = new SqlParams();
    if (query.status !== 'all') conditions.push(`a.status = ${params.add(query.status)}`);
    withinBrasiliaDays(conditions, params, 'a.abandoned_at', query);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM abandoned_calls a ${where}`, params.values);
    const rows = await this.dataSource.query<AbandonedRow[]>(
      `${SELECT} ${where} ORDER BY a.abandoned_at DESC, a.id LIMIT ${params.add(query.pageSize)} OFFSET ${params.add((query.page - 1) * query.pageSize)}`,
      params.values,
    );
    return { items: rows.map(toView), total };
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<AbandonedCall> {
    const [row] = await manager.query<AbandonedRow[]>(`${SELECT} WHERE a.id = $1`, [id]);
    if (!row) throw notFound('Chamada abandonada');
    return toView(row);
  }

  /** A supervisor resolved it some other way. */
  async markDone(id: string, userId: string): Promise<AbandonedCall> {
    const [updated] = await this.dataSource.query<[{ id: string }[], number]>(
      "UPDATE abandoned_calls SET status = 'done', done_reason = 'by_hand', done_at = $2, done_by = $3 WHERE id = $1 AND status = 'pending' RETURNING id",
      [id, this.clock.now(), userId],
    );
    if (updated.length === 0) {
      await this.get(id);
      throw conflict('Esta chamada abandonada já foi resolvida.');
    }
    return this.get(id);
  }
}
