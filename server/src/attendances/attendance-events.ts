import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';

/** What other features want to hear about attendances, without depending on their service. */
@Injectable()
export class AttendanceEvents {
  /** Attendant ids whose attendance was just finished (CTI ends their wrap-up on it). */
  readonly finished$ = new Subject<string>();

  finished(attendantId: string): void {
    this.finished$.next(attendantId);
  }
}
