import { type QueuesFeed, type QueuesFeedAction, emptyQueuesFeed, queuesFeedReducer } from './queues-feed';
import type { QueuesDelta, QueuesSnapshot, SupervisedAgent } from './schemas';

const agent = (extension: string, state: SupervisedAgent['state'] = 'available'): SupervisedAgent => ({
  extension,
  name: null,
  state,
  reason: null,
  inStateMs: null,
  call: null,
  queues: ['atendimento'],
});
const snapshot = (epoch: string, seq: number, agents = [agent('1001'), agent('1002')]): QueuesSnapshot => ({
  epoch,
  seq,
  at: '2026-03-10T12:00:00.000Z',
  serviceLevelSeconds: 20,
  windowMinutes: 60,
  queues: [],
  agents,
});
const delta = (epoch: string, seq: number, changed: SupervisedAgent[] = [], removedAgents: string[] = []): QueuesDelta => ({
  epoch,
  seq,
  at: '2026-03-10T12:00:01.000Z',
  queues: [],
  agents: changed,
  removedQueues: [],
  removedAgents,
});
const feed = (...actions: QueuesFeedAction[]): QueuesFeed => actions.reduce(queuesFeedReducer, emptyQueuesFeed);
const states = (current: QueuesFeed) => current.board?.agents.map((row) => `${row.extension}:${row.state}`);

describe('a supervisor following the queues: snapshot, then deltas in order', () => {
  it('applies each delta after the one before, and notes when', () => {
    const current = feed(
      { type: 'snapshot', snapshot: snapshot('a', 4), now: 100 },
      { type: 'delta', delta: delta('a', 5, [agent('1001', 'ringing')]), now: 200 },
      { type: 'delta', delta: delta('a', 6, [], ['1002']), now: 300 },
    );
    expect(current).toMatchObject({ receivedAt: 300, resend: 'none', board: { epoch: 'a', seq: 6, at: '2026-03-10T12:00:01.000Z' } });
    expect(states(current)).toEqual(['1001:ringing']);
  });

  it('ignores a delta it already has (same epoch, not newer)', () => {
    const current = feed({ type: 'snapshot', snapshot: snapshot('a', 4), now: 100 });
    expect(queuesFeedReducer(current, { type: 'delta', delta: delta('a', 4, [agent('1001', 'paused')]), now: 200 })).toBe(current);
    expect(queuesFeedReducer(current, { type: 'delta', delta: delta('a', 2, [agent('1001', 'paused')]), now: 200 })).toBe(current);
  });

  it.each([
    ['a delta missed', delta('a', 6, [agent('1001', 'paused')])],
    ['another leader', delta('b', 5, [agent('1001', 'paused')])],
    ['a delta that does not fit', delta('a', 5, [agent('1009', 'paused')])],
  ])('%s: a resend is due, deltas are ignored until the whole board comes, then apply again', (_, gap) => {
    let current = feed({ type: 'snapshot', snapshot: snapshot('a', 4), now: 100 }, { type: 'delta', delta: gap, now: 200 });
    expect(current).toMatchObject({ resend: 'due', receivedAt: 100 });
    expect(states(current)).toEqual(['1001:available', '1002:available']);

    current = queuesFeedReducer(current, { type: 'resend-asked' });
    expect(current.resend).toBe('asked');
    // Asked once: more deltas, in sequence or not, change nothing.
    for (const next of [delta('a', 7, [agent('1002', 'on_call')]), delta('b', 6, [agent('1002', 'on_call')])]) {
      expect(queuesFeedReducer(current, { type: 'delta', delta: next, now: 300 })).toBe(current);
    }

    current = queuesFeedReducer(current, { type: 'snapshot', snapshot: snapshot('b', 6, [agent('1001', 'paused')]), now: 400 });
    expect(current).toMatchObject({ resend: 'none', receivedAt: 400, board: { epoch: 'b', seq: 6 } });
    current = queuesFeedReducer(current, { type: 'delta', delta: delta('b', 7, [agent('1001', 'available')]), now: 500 });
    expect(states(current)).toEqual(['1001:available']);
  });

  it('before the first snapshot (on its way to every new connection) deltas are ignored', () => {
    expect(feed({ type: 'delta', delta: delta('a', 1), now: 100 })).toEqual(emptyQueuesFeed);
    const current = feed({ type: 'delta', delta: delta('a', 3), now: 100 }, { type: 'snapshot', snapshot: snapshot('a', 3), now: 200 }, { type: 'delta', delta: delta('a', 4, [agent('1002', 'paused')]), now: 300 });
    expect(current).toMatchObject({ resend: 'none', board: { seq: 4 } });
    expect(states(current)).toEqual(['1001:available', '1002:paused']);
  });

  it('a failed resend is asked again at the next delta past the gap', () => {
    const start = { type: 'snapshot', snapshot: snapshot('a', 4), now: 100 } as const;
    const failed = feed(start, { type: 'delta', delta: delta('a', 9), now: 200 }, { type: 'resend-asked' }, { type: 'resend-failed' });
    expect(failed.resend).toBe('none');
    expect(queuesFeedReducer(failed, { type: 'delta', delta: delta('a', 10), now: 300 }).resend).toBe('due');
    // Nothing to ask or fail outside a gap.
    const steady = feed(start);
    expect(queuesFeedReducer(steady, { type: 'resend-asked' })).toBe(steady);
    expect(queuesFeedReducer(steady, { type: 'resend-failed' })).toBe(steady);
  });

  it('a full snapshot always replaces the board, whatever its epoch and seq', () => {
    const current = feed({ type: 'snapshot', snapshot: snapshot('a', 9), now: 100 }, { type: 'snapshot', snapshot: snapshot('b', 0, [agent('2001')]), now: 200 });
    expect(current).toMatchObject({ receivedAt: 200, board: { epoch: 'b', seq: 0 } });
    expect(states(current)).toEqual(['2001:available']);
  });
});
