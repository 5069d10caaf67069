import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CustomerDataReport } from '@receptivo/shared';
import { AttendancesService } from '../attendances/attendances.service';
import { Clock } from '../common/clock';
import { CustomersService } from '../customers/customers.service';
import { RequestViews } from '../requests/request-views';
import { CustomerAccessLog } from './customer-access-log';

/**
 * Everything held about one customer, for an LGPD access request (art. 18, II): the record with
 * phones, addresses and portal account (its login and where the password went, never the hash),
 * every attendance with its informations, every request with its timeline, and who looked at them.
 * Built from the same views the API answers with, so the report says what the screens say.
 */
@Injectable()
export class CustomerDataReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomersService,
    private readonly attendances: AttendancesService,
    private readonly requests: RequestViews,
    private readonly accessLog: CustomerAccessLog,
    private readonly clock: Clock,
  ) {}

  async build(customerId: string): Promise<CustomerDataReport> {
    const generatedAt = this.clock.now().toISOString();
    const customer = await this.customers.get(customerId);
    const attendanceIds = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM attendances WHERE customer_id = $1 ORDER BY started_at, id',
      [customerId],
    );
    const requestIds = await this.dataSource.query<{ id: string }[]>('SELECT id FROM requests WHERE customer_id = $1 ORDER BY created_at, id', [
      customerId,
    ]);
    const attendances = [];
    for (const { id } of attendanceIds) attendances.push(await this.attendances.get(id));
    const requests = [];
    for (const { id } of requestIds) requests.push(await this.requests.get(id));
    const { items: accesses } = await this.accessLog.list({ customerId, pageSize: null });
    return { generatedAt, customer, attendances, requests, accesses };
  }
}
