import type { QueuesChanges, QueuesDelta } from '@receptivo/shared';

/** Where an update stands in the leader's stream: a whole board sent at it carries the same place. */
export interface FeedPlace {
  epoch: string;
  seq: number;
}

/**
 * The leader's stream of updates to supervisors (pure): each board's changes (QueuesBoardBuilder)
 * numbered with the next `seq` of this `epoch`. A node starting to lead starts a new epoch, so
 * supervisors holding another leader's numbers see a gap and ask for the whole board.
 */
export class SupervisionFeed {
  private epoch: string;
  private seq = 0;
  private started = false;

  constructor(private readonly newEpoch: () => string) {
    this.epoch = newEpoch();
  }

  restart(): void {
    this.epoch = this.newEpoch();
    this.seq = 0;
    this.started = false;
  }

  /** The delta for the supervisors' room (null when nothing changed) and the place of this update. */
  next(changes: QueuesChanges | null): { delta: QueuesDelta | null; place: FeedPlace } {
    // The first board of an epoch has nothing to change from: it reaches supervisors whole.
    const counted = this.started ? changes : null;
    this.started = true;
    if (counted) this.seq += 1;
    const place = { epoch: this.epoch, seq: this.seq };
    return { delta: counted && { ...place, ...counted }, place };
  }
}
