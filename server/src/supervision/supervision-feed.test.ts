import { readdirSync } from 'node:fs';
import { type QueuesChanges, type QueuesFeed, applyQueuesDelta, emptyQueuesFeed, queuesDeltaSchema, queuesFeedReducer, queuesSnapshotSchema } from '@receptivo/shared';
import { AMI_FIXTURES_DIR } from '../cti/replay/fixtures';
import { Supervision } from '../testing/recorded-supervision';
import { SupervisionFeed } from './supervision-feed';

const epochs = () => {
  let count = 0;
  return () => `epoch-${++count}`;
};

/** Every recording one after another, an update after each event: what the leader builds on a busy day. */
function recordedUpdates(): Supervision['updates'] {
  const live = new Supervision();
  readdirSync(AMI_FIXTURES_DIR)
    .filter((file) => file.endsWith('.ami'))
    .sort()
    .forEach((file, index) => live.replay(file, { offsetMs: index * 60_000 }));
  return live.updates;
}

describe('SupervisionFeed: the leader numbers its updates', () => {
  const changes: QueuesChanges = { at: '2026-12-04T18:00:00.000Z', queues: [], agents: [], removedQueues: ['antiga'], removedAgents: [] };

  it('the first update of an epoch goes whole; a change is the next seq; no change sends no delta', () => {
    const feed = new SupervisionFeed(epochs());
    // Even with changes: there is no board before it in this epoch.
    expect(feed.next(changes)).toEqual({ delta: null, place: { epoch: 'epoch-1', seq: 0 } });
    const second = feed.next(changes);
    expect(second).toEqual({ delta: { epoch: 'epoch-1', seq: 1, ...changes }, place: { epoch: 'epoch-1', seq: 1 } });
    expect(queuesDeltaSchema.parse(second.delta)).toEqual(second.delta);
    // Nothing changed: the whole board for an asker is at the same place, seq 1.
    expect(feed.next(null)).toEqual({ delta: null, place: { epoch: 'epoch-1', seq: 1 } });
  });

  it('restart (this node leads again): a new epoch from seq 0, its first board whole', () => {
    const feed = new SupervisionFeed(epochs());
    feed.next(null);
    feed.next(changes);
    feed.restart();
    expect(feed.next(changes)).toEqual({ delta: null, place: { epoch: 'epoch-2', seq: 0 } });
  });

  it('a supervisor who follows every update from any snapshot has the leader\'s board after each, from a small part of it', () => {
    const updates = recordedUpdates();
    const feed = new SupervisionFeed(epochs());
    let supervisor: QueuesFeed = emptyQueuesFeed;
    let rowsSent = 0;
    let rowsBuilt = 0;
    updates.forEach(({ changes: changed, board }, index) => {
      const { delta, place } = feed.next(changed);
      const snapshot = queuesSnapshotSchema.parse({ ...place, ...board });
      // One joins at the start, another at the middle: each from its snapshot on.
      if (index === 0 || index === Math.floor(updates.length / 2)) supervisor = queuesFeedReducer(supervisor, { type: 'snapshot', snapshot, now: index });
      else if (delta) supervisor = queuesFeedReducer(supervisor, { type: 'delta', delta: queuesDeltaSchema.parse(delta), now: index });
      expect(supervisor.resend).toBe('none');
      // As the screen shows it at that moment: its rows aged since the last update it received.
      expect(applyQueuesDelta(supervisor.board!, { at: snapshot.at, queues: [], agents: [], removedQueues: [], removedAgents: [] })).toEqual(snapshot);
      rowsBuilt += board.queues.length + board.agents.length;
      rowsSent += (delta?.queues.length ?? 0) + (delta?.agents.length ?? 0);
    });
    expect(updates.length).toBeGreaterThan(100);
    expect(rowsSent).toBeLessThan(rowsBuilt / 2);
  });
});
