import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';

/** What other features want to hear about attendances, without depending on their service. */
@Injectable()
export class AttendanceEvents {
  /**
   * Attendant ids an attendance no longer holds: it was just finished, or a supervisor took it over
   * (CTI ends their wrap-up on it).
   */
  readonly finished$ = new Subject<string>();

  released(attendantId: string): void {
    this.finished$.next(attendantId);
  }
}
