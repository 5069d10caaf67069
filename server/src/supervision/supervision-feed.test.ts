import { readdirSync } from 'node:fs';
import { type QueuesBoard, type QueuesFeed, applyQueuesDelta, emptyQueuesFeed, queuesDeltaSchema, queuesFeedReducer, queuesSnapshotSchema } from '@receptivo/shared';
import { AMI_FIXTURES_DIR } from '../cti/replay/fixtures';
import { Supervision } from '../testing/recorded-supervision';
import { SupervisionFeed } from './supervision-feed';

const epochs = () => {
  let count = 0;
  return () => `epoch-${++count}`;
};

/** Every recording one after another, a board after each event: what the leader builds on a busy day. */
function recordedBoards(): QueuesBoard[] {
  const live = new Supervision();
  readdirSync(AMI_FIXTURES_DIR)
    .filter((file) => file.endsWith('.ami'))
    .sort()
    .forEach((file, index) => live.replay(file, { offsetMs: index * 60_000 }));
  return live.seen;
}

describe('SupervisionFeed: the leader numbers its updates', () => {
  const board = recordedBoards().find((built) => built.queues.length > 0 && built.agents.length > 0)!;
  /** The same figures `ms` later (durations grown by it), then `changes`. */
  const later = (ms: number, changes: Partial<QueuesBoard> = {}): QueuesBoard => ({
    ...board,
    at: new Date(Date.parse(board.at) + ms).toISOString(),
    queues: board.queues.map((figures) => ({ ...figures, longestWaitMs: figures.longestWaitMs === null ? null : figures.longestWaitMs + ms })),
    agents: board.agents.map((agent) => ({ ...agent, inStateMs: agent.inStateMs === null ? null : agent.inStateMs + ms })),
    ...changes,
  });

  it('the first board of an epoch goes whole; a change is the next seq; no change sends no delta', () => {
    const feed = new SupervisionFeed(epochs());
    const first = feed.next(board);
    expect(first).toEqual({ delta: null, snapshot: { epoch: 'epoch-1', seq: 0, ...board } });

    const answered = later(100, { queues: later(100).queues.map((figures) => ({ ...figures, answered: figures.answered + 1 })) });
    const second = feed.next(answered);
    expect(second.delta).toMatchObject({ epoch: 'epoch-1', seq: 1, queues: answered.queues, agents: [] });
    expect(second.snapshot).toEqual({ epoch: 'epoch-1', seq: 1, ...answered });
    expect(queuesDeltaSchema.parse(second.delta)).toEqual(second.delta);
    expect(queuesSnapshotSchema.parse(second.snapshot)).toEqual(second.snapshot);

    // Nothing changed: the whole board for an asker is at the same place, seq 1.
    const quiet = feed.next(later(200, { queues: later(200).queues.map((figures) => ({ ...figures, answered: figures.answered + 1 })) }));
    expect(quiet.delta).toBeNull();
    expect(quiet.snapshot).toMatchObject({ epoch: 'epoch-1', seq: 1, at: later(200).at });
  });

  it('restart (this node leads again): a new epoch from seq 0, its first board whole', () => {
    const feed = new SupervisionFeed(epochs());
    feed.next(board);
    feed.next(later(100, { agents: [] }));
    feed.restart();
    expect(feed.next(later(200))).toEqual({ delta: null, snapshot: { epoch: 'epoch-2', seq: 0, ...later(200) } });
  });

  it('a supervisor who follows every update from any snapshot has the leader\'s board after each, from a small part of it', () => {
    const boards = recordedBoards();
    const feed = new SupervisionFeed(epochs());
    let supervisor: QueuesFeed = emptyQueuesFeed;
    let rowsSent = 0;
    let rowsBuilt = 0;
    boards.forEach((next, index) => {
      const { delta, snapshot } = feed.next(next);
      // One joins at the start, another at the middle: each from its snapshot on.
      if (index === 0 || index === Math.floor(boards.length / 2)) supervisor = queuesFeedReducer(supervisor, { type: 'snapshot', snapshot, now: index });
      else if (delta) supervisor = queuesFeedReducer(supervisor, { type: 'delta', delta: queuesDeltaSchema.parse(delta), now: index });
      expect(supervisor.resend).toBe('none');
      // As the screen shows it at that moment: its rows aged since the last update it received.
      expect(applyQueuesDelta(supervisor.board!, { at: snapshot.at, queues: [], agents: [], removedQueues: [], removedAgents: [] })).toEqual(snapshot);
      rowsBuilt += next.queues.length + next.agents.length;
      rowsSent += (delta?.queues.length ?? 0) + (delta?.agents.length ?? 0);
    });
    expect(boards.length).toBeGreaterThan(100);
    expect(rowsSent).toBeLessThan(rowsBuilt / 2);
  });
});
