import { type QueuesBoard, type QueuesDelta, type QueuesSnapshot, queuesDelta } from '@receptivo/shared';

/** What one update sends: the changes to every supervisor, and the whole board for those who asked. */
export interface SupervisionUpdate {
  /** For the supervisors' room; null when no row changed since the last update. */
  delta: QueuesDelta | null;
  /** The same board whole, at the same place in the stream, for supervisors connecting or asking again. */
  snapshot: QueuesSnapshot;
}

/**
 * The leader's stream of updates to supervisors (pure): each board built is compared with the last
 * one, a change numbered with the next `seq` of this `epoch`. A node starting to lead starts a new
 * epoch, so supervisors holding another leader's numbers see a gap and ask for the whole board.
 */
export class SupervisionFeed {
  private epoch: string;
  private seq = 0;
  private last: QueuesBoard | null = null;

  constructor(private readonly newEpoch: () => string) {
    this.epoch = newEpoch();
  }

  restart(): void {
    this.epoch = this.newEpoch();
    this.seq = 0;
    this.last = null;
  }

  next(board: QueuesBoard): SupervisionUpdate {
    // The first board of an epoch has nothing to change from: it reaches supervisors whole.
    const changes = this.last && queuesDelta(this.last, board);
    this.last = board;
    if (changes) this.seq += 1;
    const place = { epoch: this.epoch, seq: this.seq };
    return { delta: changes && { ...place, ...changes }, snapshot: { ...place, ...board } };
  }
}
