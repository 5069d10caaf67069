import { readdirSync } from 'node:fs';
import { queuesDelta } from '@receptivo/shared';
import { AgentBoard } from '../cti/agent-board';
import { CallTracker } from '../cti/call-tracker';
import { AMI_FIXTURES_DIR } from '../cti/replay/fixtures';
import { Supervision } from '../testing/recorded-supervision';
import { QueueStats } from './queue-stats';
import { QueuesBoardBuilder, type SnapshotSources, buildQueuesSnapshot } from './queues-snapshot';

describe('QueuesBoardBuilder: the leader\'s board, rebuilt only where something changed', () => {
  it.each(readdirSync(AMI_FIXTURES_DIR).filter((file) => file.endsWith('.ami')))(
    '%s: after every event, the same board as built whole and the changes queuesDelta finds between the whole boards',
    (file) => {
      const live = new Supervision().replay(file);
      expect(live.updates.length).toBeGreaterThan(0);
      live.updates.forEach(({ changes, board }, index) => {
        expect(board).toEqual(live.seen[index]);
        expect(changes).toEqual(index === 0 ? null : queuesDelta(live.seen[index - 1], live.seen[index]));
      });
    },
  );

  it('an attendant added and one removed: their rows, the new order and the removed extension, as queuesDelta says', () => {
    const board = new AgentBoard(120_000, 'Pós-atendimento');
    const stats = new QueueStats({ serviceLevelSeconds: 20, windowMs: 60 * 60_000 });
    const sources = (users: Map<string, { name: string }>): SnapshotSources => ({
      stats,
      serviceLevelSeconds: 20,
      windowMinutes: 60,
      tracker: new CallTracker({ agentPattern: /^PJSIP\/(\d+)/, uraFields: {} }),
      agents: { extensions: board.extensions(), view: (extension) => board.view(extension) },
      users,
    });
    const builder = new QueuesBoardBuilder();
    const before = new Map([['1001', { name: 'Ana' }], ['1003', { name: 'Caio' }]]);
    expect(builder.update(sources(before), 1_000)).toBeNull();

    const after = new Map([['1002', { name: 'Bia' }], ['1003', { name: 'Caio Souza' }]]);
    const changes = builder.update(sources(after), 2_000);
    expect(changes).toEqual(queuesDelta(buildQueuesSnapshot(sources(before), 1_000), buildQueuesSnapshot(sources(after), 2_000)));
    expect(changes).toMatchObject({ removedAgents: ['1001'], agentOrder: ['1002', '1003'], agents: [{ extension: '1002', name: 'Bia' }, { extension: '1003', name: 'Caio Souza' }] });
    expect(builder.board()).toEqual(buildQueuesSnapshot(sources(after), 2_000));
    // Nothing changed since: no update to send.
    expect(builder.update(sources(after), 3_000)).toBeNull();
  });
});
