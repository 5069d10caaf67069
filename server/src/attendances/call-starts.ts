import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import type { AttendanceCall, CallAnswered } from '@receptivo/shared';
import { Clock } from '../common/clock';
import { isDatabaseUnavailable } from '../common/database-errors';
import { PreparedStatements } from '../database/prepared-statements';
import { yearInBrazil } from './protocol-numbers';

interface CallStart {
  call: AttendanceCall;
  attendantId: string;
  at: Date;
}

interface StartedRow {
  call_id: string;
  attendant_id: string;
  id: string;
  protocol: string;
}

/** Past this many, the starts of one turn go in more than one statement. */
const MAX_BATCH = 50;

/**
 * One start: a call answered twice for the same attendant (an AgentConnect seen again after a
 * reconnect) gets the attendance it already has.
 */
const START_ONE = `WITH started AS (
   INSERT INTO attendances (protocol, channel, status, attendant_id, holder_id, started_at, call_id, caller_number, caller_e164, call_queue, wait_seconds, ura)
   VALUES (protocol_digits($1, nextval('protocol_sequence')), 'phone', 'open', $2, $2, $3, $4, $5, $6, $7, $8, $9)
   ON CONFLICT (call_id, attendant_id) WHERE call_id IS NOT NULL DO NOTHING
   RETURNING call_id, attendant_id, id, protocol)
 SELECT call_id, attendant_id, id, protocol FROM started
 UNION ALL
 SELECT call_id, attendant_id, id, protocol FROM attendances WHERE call_id = $4 AND attendant_id = $2 AND NOT EXISTS (SELECT 1 FROM started)`;

/** The same for several calls, one row each (no call and attendant twice), in one statement. */
const START_MANY = `WITH input AS (
   SELECT * FROM unnest($1::int[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::jsonb[]) WITH ORDINALITY
     AS given(year, attendant_id, started_at, call_id, caller_number, caller_e164, call_queue, wait_seconds, ura, position)),
 started AS (
   INSERT INTO attendances (protocol, channel, status, attendant_id, holder_id, started_at, call_id, caller_number, caller_e164, call_queue, wait_seconds, ura)
   SELECT protocol_digits(year, nextval('protocol_sequence')), 'phone', 'open', attendant_id, attendant_id, started_at, call_id, caller_number, caller_e164, call_queue, wait_seconds, ura
   FROM input ORDER BY position
   ON CONFLICT (call_id, attendant_id) WHERE call_id IS NOT NULL DO NOTHING
   RETURNING call_id, attendant_id, id, protocol)
 SELECT call_id, attendant_id, id, protocol FROM started
 UNION ALL
 SELECT attendance.call_id, attendance.attendant_id, attendance.id, attendance.protocol
 FROM attendances attendance JOIN input ON attendance.call_id = input.call_id AND attendance.attendant_id = input.attendant_id
 WHERE NOT EXISTS (SELECT 1 FROM started WHERE started.call_id = input.call_id AND started.attendant_id = input.attendant_id)`;

const keyOf = (callId: string, attendantId: string) => `${attendantId} ${callId}`;

/**
 * The attendances of answered calls, each started in one statement, and the starts asked in the
 * same turn of the event loop in one statement together: the AgentConnects of one AMI read (a 10×
 * burst brings 40 in 5 ms) make one INSERT and one commit, not one each queued for the 20 pooled
 * connections. 40 starts at once took 21–37 ms at p50 one by one, 4.7–10.7 ms as two statements of
 * 20 (docs/architecture.md). DataLoader does the gathering (per turn: setImmediate, after the read's
 * promise work), with no cache: each start is its own.
 */
@Injectable()
export class CallStarts {
  private readonly statements: PreparedStatements;
  private readonly starts = new DataLoader<CallStart, CallAnswered>((starts) => this.startAll(starts), {
    cache: false,
    maxBatchSize: MAX_BATCH,
    batchScheduleFn: (run) => setImmediate(run),
  });

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.statements = new PreparedStatements(dataSource, 'attendance_start', 2);
  }

  /** The attendance of a call the attendant answered, once it is committed. */
  start(call: AttendanceCall, attendantId: string): Promise<CallAnswered> {
    return this.starts.load({ call, attendantId, at: this.clock.now() });
  }

  /**
   * A statement PostgreSQL refuses (one bad row refuses all of them): each start runs alone, so it
   * fails only its own call. A database gone fails them all at once, for callers that wait out
   * outages to try again, without one more attempt each against it.
   */
  private async startAll(starts: readonly CallStart[]): Promise<(CallAnswered | Error)[]> {
    const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
    const alone = (start: CallStart) => this.startOne(start).catch(asError);
    // A lone start runs the one-row statement: 0.2 ms faster at p50 than the many-row one given one row.
    if (starts.length === 1) return [await alone(starts[0])];
    const distinct = [...new Map(starts.map((start) => [keyOf(start.call.callId, start.attendantId), start])).values()];
    let rows: StartedRow[];
    try {
      rows = await this.statements.query<StartedRow>(START_MANY, [
        distinct.map(({ at }) => yearInBrazil(at)),
        distinct.map(({ attendantId }) => attendantId),
        distinct.map(({ at }) => at),
        distinct.map(({ call }) => call.callId),
        distinct.map(({ call }) => call.callerNumber),
        distinct.map(({ call }) => call.callerE164),
        distinct.map(({ call }) => call.queue),
        distinct.map(({ call }) => call.waitSeconds),
        distinct.map(({ call }) => JSON.stringify(call.ura)),
      ]);
    } catch (error) {
      return isDatabaseUnavailable(error) ? starts.map(() => asError(error)) : Promise.all(starts.map(alone));
    }
    const started = new Map(rows.map((row) => [keyOf(row.call_id, row.attendant_id), row]));
    // A start missing from the result met the same start committed after the statement began: alone, it finds it.
    return Promise.all(
      starts.map((start) => {
        const row = started.get(keyOf(start.call.callId, start.attendantId));
        return row ? answered(row) : alone(start);
      }),
    );
  }

  private async startOne({ call, attendantId, at }: CallStart): Promise<CallAnswered> {
    const start = () =>
      this.statements.query<StartedRow>(START_ONE, [yearInBrazil(at), attendantId, at, call.callId, call.callerNumber, call.callerE164, call.queue, call.waitSeconds, call.ura]);
    // Empty only when the same start ran at the same moment and committed after this statement's
    // snapshot was taken: run again, it now sees that attendance.
    const [row] = await start();
    return answered(row ?? (await start())[0]);
  }
}

const answered = (row: StartedRow): CallAnswered => ({ callId: row.call_id, attendanceId: row.id, protocol: row.protocol });
