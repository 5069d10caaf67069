import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';

/** Announces that users changed (created, extension or role or activity edited), for caches of them. */
@Injectable()
export class UserChanges {
  readonly changed$ = new Subject<void>();

  changed(): void {
    this.changed$.next();
  }
}
