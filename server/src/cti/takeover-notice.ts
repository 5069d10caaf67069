import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { AttendanceEvents } from '../attendances/attendance-events';
import { CtiSockets } from './cti-sockets';

/**
 * Tells the desks of the attendant an attendance was taken from, so they close it instead of
 * learning it from a refused write. Emitted on the node that served the takeover: the Socket.IO
 * adapter reaches the user's sockets on every node.
 */
@Injectable()
export class TakeoverNotice implements OnModuleInit, OnModuleDestroy {
  private subscription: Subscription | undefined;

  constructor(
    private readonly attendanceEvents: AttendanceEvents,
    private readonly sockets: CtiSockets,
  ) {}

  onModuleInit(): void {
    this.subscription = this.attendanceEvents.takenOver$.subscribe(({ previousHolderId, ...takeover }) =>
      this.sockets.toUser(previousHolderId, 'attendance:taken_over', takeover),
    );
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
