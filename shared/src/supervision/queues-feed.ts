import { QueuesDeltaMismatch, applyQueuesDelta } from './queues-delta';
import type { QueuesDelta, QueuesSnapshot } from './schemas';

/**
 * Whether the receiver must ask for the whole board: `due` once a gap was seen (a delta that is not
 * the one after the last applied), `asked` once the request went out. Deltas are ignored meanwhile.
 */
export type QueuesResend = 'none' | 'due' | 'asked';

/** A supervisor's copy of the figures, kept from queues:snapshot and the queues:delta after it. */
export interface QueuesFeed {
  /** The last full snapshot with every delta since applied (its epoch, seq and at are the last applied); null until the first. */
  board: QueuesSnapshot | null;
  /** When `board` last changed, by the receiver's clock (ms): its durations count on from there. */
  receivedAt: number | null;
  resend: QueuesResend;
}

export const emptyQueuesFeed: QueuesFeed = { board: null, receivedAt: null, resend: 'none' };

export type QueuesFeedAction =
  | { type: 'snapshot'; snapshot: QueuesSnapshot; now: number }
  | { type: 'delta'; delta: QueuesDelta; now: number }
  /** The request for a full snapshot went out (queues:resend). */
  | { type: 'resend-asked' }
  /** It was refused or not answered: the next delta finds the gap again and it is asked anew. */
  | { type: 'resend-failed' };

/**
 * Pure: a full snapshot replaces the board; a delta applies only on top of the update before it
 * (same epoch, seq + 1); an older one of the same epoch is stale and ignored; any other (a frame
 * missed, another leader's epoch, a delta that does not fit) makes a resend due. Before the first
 * snapshot deltas are ignored: the server sends every supervisor's connection the whole board (the
 * leader when it hears of the connection, a new leader to every connection), and deltas sent to the
 * room meanwhile would only ask for it twice.
 */
export function queuesFeedReducer(feed: QueuesFeed, action: QueuesFeedAction): QueuesFeed {
  switch (action.type) {
    case 'snapshot':
      return { board: action.snapshot, receivedAt: action.now, resend: 'none' };
    case 'resend-asked':
      return feed.resend === 'due' ? { ...feed, resend: 'asked' } : feed;
    case 'resend-failed':
      return feed.resend === 'asked' ? { ...feed, resend: 'none' } : feed;
    case 'delta': {
      if (feed.resend !== 'none') return feed;
      const { board } = feed;
      const { delta } = action;
      if (!board || (delta.epoch === board.epoch && delta.seq <= board.seq)) return feed;
      if (delta.epoch !== board.epoch || delta.seq !== board.seq + 1) return { ...feed, resend: 'due' };
      try {
        return { board: { ...applyQueuesDelta(board, delta), seq: delta.seq }, receivedAt: action.now, resend: 'none' };
      } catch (error) {
        if (error instanceof QueuesDeltaMismatch) return { ...feed, resend: 'due' };
        throw error;
      }
    }
  }
}
