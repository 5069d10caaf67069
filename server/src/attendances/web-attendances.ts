import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AttendanceEntity } from './attendance.entities';
import { nextProtocol } from './protocol-numbers';
import { type ParsedRegistration, RequestRegistration } from './request-registration';

/** Where a request with no attendant comes from: the signed-in citizen on the portal, or a registered Open311 app and what it described. */
export type WebRequestOrigin = { via: 'portal'; customerId: string } | { via: 'open311'; clientName: string; description: string | null };

/** More to write with the request, in its transaction (an Open311 report's own record): all or nothing. */
export type AlongWithRequest = (manager: EntityManager, requestId: string) => Promise<void>;

/**
 * Requests that arrive over the web rather than through an attendant. Each opens a `web` attendance
 * (no attendant, marked with its origin; the citizen's record linked when the portal sends it),
 * registers the request in it exactly as the desk does (form, address, grouping) and finishes it,
 * in one transaction: a failure leaves neither behind.
 */
@Injectable()
export class WebAttendances {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registration: RequestRegistration,
    private readonly clock: Clock,
  ) {}

  async registerRequest(input: ParsedRegistration, origin: WebRequestOrigin, alongWith?: AlongWithRequest): Promise<{ requestId: string; protocol: string }> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const attendance = await manager.save(AttendanceEntity, {
        protocol: await nextProtocol(manager, now),
        channel: 'web' as const,
        status: 'finished' as const,
        attendantId: null,
        holderId: null,
        webOrigin: origin.via,
        customerId: origin.via === 'portal' ? origin.customerId : null,
        startedAt: now,
        finishedAt: now,
        scriptSentTo: null,
      });
      const registered = await this.registration.register(
        manager,
        attendance,
        input,
        origin.via === 'portal' ? { kind: 'portal' } : { kind: 'open311', appName: origin.clientName, description: origin.description },
      );
      await alongWith?.(manager, registered.requestId);
      return registered;
    });
  }
}
