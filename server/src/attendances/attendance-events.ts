import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { AttendanceTakenOver } from '@receptivo/shared';

/** A supervisor took an attendance over from the attendant who held it. */
export interface TakeoverFrom extends AttendanceTakenOver {
  previousHolderId: string;
}

/** What other features want to hear about attendances, without depending on their service. */
@Injectable()
export class AttendanceEvents {
  /**
   * Attendant ids an attendance no longer holds: it was just finished, or a supervisor took it over
   * (CTI ends their wrap-up on it).
   */
  readonly finished$ = new Subject<string>();
  /** Takeovers that changed the holder (CTI tells the previous holder's desks). */
  readonly takenOver$ = new Subject<TakeoverFrom>();

  released(attendantId: string): void {
    this.finished$.next(attendantId);
  }

  takenOver(takeover: TakeoverFrom): void {
    this.takenOver$.next(takeover);
    this.released(takeover.previousHolderId);
  }
}
