import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Channel,
  type ChannelCounts,
  type DeadlineOutcome,
  type HandlingTime,
  type OutcomeCounts,
  type Report,
  type ReportGrouping,
  type ReportQuery,
  type RequestStatus,
  type StatusCounts,
  channels,
  deadlineOutcomes,
  defaultReportGrouping,
  reportGroups,
  reportTimeZone,
  requestStatuses,
} from '@receptivo/shared';
import { Clock } from '../common/clock';

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const byCountThenName = <T>(count: (item: T) => number, name: (item: T) => string) => (a: T, b: T) =>
  count(b) - count(a) || name(a).localeCompare(name(b), 'pt-BR');

/**
 * The first day (ISO) of the group holding a timestamp column's Brasília day, cut to the period's
 * first day $3 (reportGroups). date_trunc's weeks start on Monday, as reportGroupStart's.
 */
const groupOf = (column: string, groupBy: ReportGrouping) =>
  `to_char(greatest(date_trunc('${groupBy}', ${column} AT TIME ZONE '${reportTimeZone}'), $3::date), 'YYYY-MM-DD')`;

/**
 * A request's standing against its deadline at $3 (see deadlineOutcomes). A restarted request is
 * judged by its new deadline, as it stands now.
 */
const OUTCOME = `CASE WHEN r.status = 'cancelled' THEN 'cancelled'
                      WHEN r.status = 'finished' THEN CASE WHEN r.finished_at <= r.deadline THEN 'met' ELSE 'finished_late' END
                      WHEN $3 > r.deadline THEN 'overdue'
                      ELSE 'pending' END`;

/** The period of one report: its instants, its first day and its rows over time. */
interface Period {
  starts: Date;
  ends: Date;
  from: string;
  groupBy: ReportGrouping;
  groups: { from: string; to: string }[];
}

interface Named {
  id: string;
  name: string;
  count: number;
}

interface HandlingRow {
  group_from: string;
  finished: number;
  handling_seconds: number;
  with_call: number;
  talk_seconds: number;
}

const average = (total: number, count: number) => (count === 0 ? null : Math.round(total / count));
const handlingTime = (row: Omit<HandlingRow, 'group_from'>): HandlingTime => ({
  finished: row.finished,
  averageSeconds: average(row.handling_seconds, row.finished),
  withCall: row.with_call,
  averageTalkSeconds: average(row.talk_seconds, row.with_call),
});

/** Reports of a period of Brasília days for the supervision (attendances, requests, handling time). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Every section read in one snapshot, so the numbers of one report agree with each other. */
  build({ from, to, groupBy = defaultReportGrouping(from, to) }: ReportQuery): Promise<Report> {
    const now = this.clock.now();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ starts, ends }] = await manager.query<{ starts: Date; ends: Date }[]>(
        `SELECT ($1::date)::timestamp AT TIME ZONE '${reportTimeZone}' AS starts, ($2::date + 1)::timestamp AT TIME ZONE '${reportTimeZone}' AS ends`,
        [from, to],
      );
      const period: Period = { starts, ends, from, groupBy, groups: reportGroups(from, to, groupBy) };
      return {
        from,
        to,
        groupBy,
        generatedAt: now.toISOString(),
        attendances: await this.attendances(manager, period),
        requests: await this.requests(manager, starts, ends, now),
        handlingTime: await this.handlingTime(manager, period),
      };
    });
  }

  private async attendances(manager: EntityManager, { starts, ends, from, groupBy, groups }: Period): Promise<Report['attendances']> {
    const period = [starts, ends];
    const perChannel = await manager.query<{ group_from: string; channel: Channel; count: number }[]>(
      `SELECT ${groupOf('a.started_at', groupBy)} AS group_from, a.channel, count(*)::int AS count
         FROM attendances a WHERE a.started_at >= $1 AND a.started_at < $2 GROUP BY 1, 2`,
      [starts, ends, from],
    );
    const perGroup = new Map(groups.map((group) => [group.from, zeros(channels)]));
    const byChannel: ChannelCounts = zeros(channels);
    for (const row of perChannel) {
      perGroup.get(row.group_from)![row.channel] += row.count;
      byChannel[row.channel] += row.count;
    }

    const organs = await manager.query<Named[]>(
      `SELECT o.id, o.name, count(DISTINCT a.id)::int AS count
         FROM attendances a
         JOIN requests r ON r.attendance_id = a.id
         JOIN request_types t ON t.id = r.request_type_id
         JOIN organs o ON o.id = t.organ_id
        WHERE a.started_at >= $1 AND a.started_at < $2
        GROUP BY o.id, o.name`,
      period,
    );
    const categories = await manager.query<Named[]>(
      // The period is applied inside both halves: a UNION is not filtered by a join from outside.
      `WITH period AS (SELECT a.id FROM attendances a WHERE a.started_at >= $1 AND a.started_at < $2),
            touched AS (
              SELECT r.attendance_id, t.category_id FROM requests r JOIN request_types t ON t.id = r.request_type_id
               WHERE r.attendance_id IN (SELECT id FROM period)
              UNION
              SELECT ai.attendance_id, i.category_id FROM attendance_informations ai JOIN informations i ON i.id = ai.information_id
               WHERE ai.attendance_id IN (SELECT id FROM period))
       SELECT c.id, c.name, count(*)::int AS count FROM touched JOIN categories c ON c.id = touched.category_id GROUP BY c.id, c.name`,
      period,
    );
    const [unregistered] = await manager.query<{ without_request: number; without_registration: number }[]>(
      `SELECT count(*) FILTER (WHERE NOT has_request)::int AS without_request,
              count(*) FILTER (WHERE NOT has_request AND NOT has_information)::int AS without_registration
         FROM (SELECT EXISTS (SELECT 1 FROM requests r WHERE r.attendance_id = a.id) AS has_request,
                      EXISTS (SELECT 1 FROM attendance_informations ai WHERE ai.attendance_id = a.id) AS has_information
                 FROM attendances a WHERE a.started_at >= $1 AND a.started_at < $2) registered`,
      period,
    );

    const sortNamed = byCountThenName<Named>((item) => item.count, (item) => item.name);
    return {
      total: Object.values(byChannel).reduce((sum, count) => sum + count, 0),
      byChannel,
      perPeriod: groups.map((group) => {
        const counts = perGroup.get(group.from)!;
        return { ...group, total: Object.values(counts).reduce((sum, count) => sum + count, 0), byChannel: counts };
      }),
      byOrgan: organs.sort(sortNamed).map((organ) => ({ organId: organ.id, organName: organ.name, attendances: organ.count })),
      withoutRequest: unregistered.without_request,
      byCategory: categories.sort(sortNamed).map((category) => ({ categoryId: category.id, categoryName: category.name, attendances: category.count })),
      withoutRegistration: unregistered.without_registration,
    };
  }

  private async requests(manager: EntityManager, starts: Date, ends: Date, now: Date): Promise<Report['requests']> {
    const rows = await manager.query<{ organ_id: string; organ_name: string; status: RequestStatus; outcome: DeadlineOutcome; count: number }[]>(
      `SELECT o.id AS organ_id, o.name AS organ_name, r.status, ${OUTCOME} AS outcome, count(*)::int AS count
         FROM requests r
         JOIN request_types t ON t.id = r.request_type_id
         JOIN organs o ON o.id = t.organ_id
        WHERE r.created_at >= $1 AND r.created_at < $2
        GROUP BY 1, 2, 3, 4`,
      [starts, ends, now],
    );
    type Tally = { organId: string; organName: string; total: number; byStatus: StatusCounts; byDeadline: OutcomeCounts };
    const tally = (organId: string, organName: string): Tally => ({
      organId,
      organName,
      total: 0,
      byStatus: zeros(requestStatuses),
      byDeadline: zeros(deadlineOutcomes),
    });
    const overall = tally('', '');
    const organs = new Map<string, Tally>();
    for (const row of rows) {
      const organ = organs.get(row.organ_id) ?? tally(row.organ_id, row.organ_name);
      organs.set(row.organ_id, organ);
      for (const target of [organ, overall]) {
        target.total += row.count;
        target.byStatus[row.status] += row.count;
        target.byDeadline[row.outcome] += row.count;
      }
    }
    return {
      total: overall.total,
      byStatus: overall.byStatus,
      byDeadline: overall.byDeadline,
      byOrgan: [...organs.values()].sort(byCountThenName<Tally>((organ) => organ.total, (organ) => organ.organName)),
    };
  }

  private async handlingTime(manager: EntityManager, { starts, ends, from, groupBy, groups }: Period): Promise<Report['handlingTime']> {
    const rows = await manager.query<HandlingRow[]>(
      `SELECT ${groupOf('a.started_at', groupBy)} AS group_from, count(*)::int AS finished,
              sum(extract(epoch FROM a.finished_at - a.started_at))::float8 AS handling_seconds,
              count(a.talk_seconds)::int AS with_call, coalesce(sum(a.talk_seconds), 0)::float8 AS talk_seconds
         FROM attendances a
        WHERE a.started_at >= $1 AND a.started_at < $2 AND a.finished_at IS NOT NULL
        GROUP BY 1`,
      [starts, ends, from],
    );
    const byGroup = new Map(rows.map((row) => [row.group_from, row]));
    const none = { finished: 0, handling_seconds: 0, with_call: 0, talk_seconds: 0 };
    // The period's averages weigh every attendance alike, not every group.
    const total = rows.reduce(
      (sum, row) => ({
        finished: sum.finished + row.finished,
        handling_seconds: sum.handling_seconds + row.handling_seconds,
        with_call: sum.with_call + row.with_call,
        talk_seconds: sum.talk_seconds + row.talk_seconds,
      }),
      none,
    );
    return {
      overall: handlingTime(total),
      perPeriod: groups.map((group) => ({ ...group, ...handlingTime(byGroup.get(group.from) ?? none) })),
    };
  }
}
