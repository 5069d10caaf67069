import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { type DeadlineAlert, type DeadlineAlerts, deadlineAlertItemLimit } from '@receptivo/shared';
import { Clock } from '../common/clock';
import type { Settings } from '../config/settings';

/**
 * A request is close to its deadline when the time left is at most SUPERVISION_ALERT_HOURS and at
 * most this share of its type's SLA: a 4-hour request would otherwise be in alert from the moment
 * it is registered, and a 30-day one only on its last day.
 */
const DUE_SOON_SLA_SHARE = 0.2;

interface AlertRow {
  id: string;
  protocol: string;
  status: DeadlineAlert['status'];
  type_name: string;
  customer_name: string | null;
  created_at: Date;
  deadline: Date;
  sla_hours: number;
  organ_id: string;
  organ_name: string;
  organ_overdue: number;
  organ_due_soon: number;
}

type OrganAlerts = DeadlineAlerts['organs'][number];

/** The supervisors' list of open requests past or near their deadline, by organ. */
@Injectable()
export class DeadlineAlertsService {
  private readonly alertHours: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService<Settings, true>,
  ) {
    this.alertHours = config.get('SUPERVISION_ALERT_HOURS', { infer: true });
  }

  async list(): Promise<DeadlineAlerts> {
    const now = this.clock.now();
    // The first deadline condition alone is what the partial index on open deadlines serves.
    const rows = await this.dataSource.query<AlertRow[]>(
      `SELECT * FROM (
         SELECT r.id, r.protocol, r.status, t.name AS type_name, c.name AS customer_name, r.created_at, r.deadline, t.sla_hours,
                o.id AS organ_id, o.name AS organ_name,
                (count(*) FILTER (WHERE r.deadline < $1) OVER organ)::int AS organ_overdue,
                (count(*) FILTER (WHERE r.deadline >= $1) OVER organ)::int AS organ_due_soon,
                row_number() OVER (PARTITION BY o.id ORDER BY r.deadline, r.id) AS rank
           FROM requests r
           JOIN request_types t ON t.id = r.request_type_id
           JOIN organs o ON o.id = t.organ_id
           LEFT JOIN customers c ON c.id = r.customer_id
          WHERE r.status IN ('open', 'in_progress')
            AND r.deadline <= $1::timestamptz + make_interval(hours => $2::int)
            AND r.deadline <= $1::timestamptz + make_interval(secs => t.sla_hours * 3600 * $3::float8)
         WINDOW organ AS (PARTITION BY o.id)
       ) ranked
       WHERE rank <= $4
       ORDER BY deadline, id`,
      [now, this.alertHours, DUE_SOON_SLA_SHARE, deadlineAlertItemLimit],
    );

    // Rows come most urgent first, so organs are met in the order of their most urgent request.
    const organs = new Map<string, OrganAlerts>();
    for (const row of rows) {
      let organ = organs.get(row.organ_id);
      if (!organ) {
        organ = { organId: row.organ_id, organName: row.organ_name, overdue: row.organ_overdue, dueSoon: row.organ_due_soon, items: [] };
        organs.set(row.organ_id, organ);
      }
      organ.items.push({
        id: row.id,
        protocol: row.protocol,
        status: row.status,
        typeName: row.type_name,
        customerName: row.customer_name,
        createdAt: row.created_at.toISOString(),
        deadline: row.deadline.toISOString(),
        slaHours: row.sla_hours,
        secondsLeft: Math.round((row.deadline.getTime() - now.getTime()) / 1000),
        overdue: row.deadline < now,
      });
    }
    const list = [...organs.values()];
    return {
      generatedAt: now.toISOString(),
      alertHours: this.alertHours,
      overdue: list.reduce((sum, organ) => sum + organ.overdue, 0),
      dueSoon: list.reduce((sum, organ) => sum + organ.dueSoon, 0),
      organs: list,
    };
  }
}
