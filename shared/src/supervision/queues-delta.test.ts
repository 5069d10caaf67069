import { QueuesDeltaMismatch, applyQueuesDelta, queuesDelta } from './queues-delta';
import type { QueueFigures, QueuesBoard, SupervisedAgent } from './schemas';

const T0 = Date.parse('2026-03-10T12:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const noAgents = { available: 0, ringing: 0, on_call: 0, paused: 0, wrap_up: 0, offline: 0 };

const queue = (name: string, changes: Partial<QueueFigures> = {}): QueueFigures => ({
  queue: name,
  waiting: 0,
  longestWaitMs: null,
  answered: 0,
  abandoned: 0,
  answeredWithinServiceLevel: 0,
  serviceLevelPercent: null,
  averageWaitSeconds: null,
  averageTalkSeconds: null,
  agents: { ...noAgents },
  ...changes,
});
const agent = (extension: string, changes: Partial<SupervisedAgent> = {}): SupervisedAgent => ({
  extension,
  name: `Atendente ${extension}`,
  state: 'available',
  reason: null,
  inStateMs: 1_000,
  call: null,
  queues: ['atendimento'],
  ...changes,
});
const board = (ms: number, queues: QueueFigures[], agents: SupervisedAgent[]): QueuesBoard => ({
  at: at(ms),
  serviceLevelSeconds: 20,
  windowMinutes: 60,
  queues,
  agents,
});
/** Every row's durations `ms` older, as the same figures look that much later. */
const aged = (previous: QueuesBoard, ms: number): QueuesBoard => ({
  ...previous,
  at: at(Date.parse(previous.at) - T0 + ms),
  queues: previous.queues.map((row) => ({ ...row, longestWaitMs: row.longestWaitMs === null ? null : row.longestWaitMs + ms })),
  agents: previous.agents.map((row) => ({ ...row, inStateMs: row.inStateMs === null ? null : row.inStateMs + ms })),
});

const before = board(
  0,
  [queue('atendimento', { waiting: 1, longestWaitMs: 4_000, agents: { ...noAgents, available: 2, paused: 1 } }), queue('ouvidoria')],
  [agent('1001'), agent('1002', { inStateMs: null }), agent('1003', { state: 'paused', reason: 'Almoço', inStateMs: 60_000 })],
);

/** The delta, checked: the board it makes is exactly `next`; none means `next` is `previous` aged. */
function deltaTo(previous: QueuesBoard, next: QueuesBoard) {
  const changes = queuesDelta(previous, next);
  if (changes) expect(applyQueuesDelta(previous, changes)).toEqual(next);
  else expect(aged(previous, Date.parse(next.at) - Date.parse(previous.at))).toEqual(next);
  return changes;
}

describe('queuesDelta and applyQueuesDelta', () => {
  it('durations that only grew with the clock are no change', () => {
    expect(deltaTo(before, aged(before, 1_500))).toBeNull();
    expect(deltaTo(before, before)).toBeNull();
  });

  it('sends the rows that changed, whole, and ages the others', () => {
    const later = aged(before, 2_000);
    const next: QueuesBoard = {
      ...later,
      queues: [{ ...later.queues[0], agents: { ...noAgents, available: 1, ringing: 1, paused: 1 } }, later.queues[1]],
      agents: [{ ...later.agents[0], state: 'ringing', inStateMs: 0, call: { callerNumber: '11987654321', callerName: null, queue: 'atendimento' } }, ...later.agents.slice(1)],
    };
    expect(deltaTo(before, next)).toEqual({
      at: at(2_000),
      queues: [next.queues[0]],
      agents: [next.agents[0]],
      removedQueues: [],
      removedAgents: [],
    });
  });

  it('a duration started again (same state, new moment), a name changed or a queue list changed is a change', () => {
    const later = aged(before, 1_000);
    const restarted = { ...later, agents: [{ ...later.agents[0], inStateMs: 10 }, ...later.agents.slice(1)] };
    expect(deltaTo(before, restarted)?.agents).toEqual([restarted.agents[0]]);
    const renamed = { ...later, agents: [later.agents[0], { ...later.agents[1], name: 'Bia' }, later.agents[2]] };
    expect(deltaTo(before, renamed)?.agents.map((row) => row.extension)).toEqual(['1002']);
    const moved = { ...later, agents: [...later.agents.slice(0, 2), { ...later.agents[2], queues: ['atendimento', 'ouvidoria'] }] };
    expect(deltaTo(before, moved)?.agents.map((row) => row.extension)).toEqual(['1003']);
    // A wait that began now (null → a number) and one held at 0 by the clamp are resent too.
    const waits = { ...later, queues: [{ ...later.queues[0], longestWaitMs: 0 }, { ...later.queues[1], longestWaitMs: 0 }] };
    expect(deltaTo(before, waits)?.queues.map((row) => row.queue)).toEqual(['atendimento', 'ouvidoria']);
    expect(deltaTo(waits, aged(waits, 0))).toBeNull();
    const clamped = { ...aged(waits, 500), queues: waits.queues };
    expect(deltaTo(waits, clamped)?.queues.map((row) => row.queue)).toEqual(['atendimento', 'ouvidoria']);
  });

  it('rows gone are named; the order goes only when a row was added', () => {
    const later = aged(before, 1_000);
    const without1002 = { ...later, agents: [later.agents[0], later.agents[2]] };
    expect(deltaTo(before, without1002)).toEqual({ at: later.at, queues: [], agents: [], removedQueues: [], removedAgents: ['1002'] });

    const with1000 = { ...later, agents: [agent('1000'), ...later.agents] };
    expect(deltaTo(before, with1000)).toMatchObject({ agents: [agent('1000')], removedAgents: [], agentOrder: ['1000', '1001', '1002', '1003'] });

    const newQueue = { ...later, queues: [later.queues[0], queue('denuncias'), later.queues[1]] };
    expect(deltaTo(before, newQueue)).toMatchObject({ queues: [queue('denuncias')], queueOrder: ['atendimento', 'denuncias', 'ouvidoria'] });
    expect(deltaTo(before, newQueue)).not.toHaveProperty('agentOrder');

    const replaced = { ...later, agents: [later.agents[0], agent('1004'), later.agents[2]] };
    expect(deltaTo(before, replaced)).toMatchObject({ agents: [agent('1004')], removedAgents: ['1002'], agentOrder: ['1001', '1004', '1003'] });
  });

  it('a delta that does not fit the board is refused', () => {
    const later = aged(before, 1_000);
    const changes = queuesDelta(before, { ...later, agents: [...later.agents.slice(0, 2), { ...later.agents[2], state: 'available' }] })!;
    const other = board(0, before.queues, before.agents.slice(0, 2));
    expect(() => applyQueuesDelta(other, changes)).toThrow(QueuesDeltaMismatch);
    const added = queuesDelta(before, { ...later, agents: [agent('1000'), ...later.agents] })!;
    expect(() => applyQueuesDelta(board(0, before.queues, []), { ...added, agents: [] })).toThrow(QueuesDeltaMismatch);
  });

  it('any board follows from the one before and its delta (random boards)', () => {
    let seed = 17;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const states = ['available', 'ringing', 'on_call', 'paused', 'wrap_up', 'offline'] as const;
    let previous = before;
    let deltas = 0;
    for (let step = 1; step <= 500; step++) {
      const ms = Math.floor(random() * 3_000);
      const later = aged(previous, ms);
      const extensions = [...new Set([...later.agents.map((row) => row.extension).filter(() => random() > 0.05), ...(random() < 0.1 ? [String(1000 + Math.floor(random() * 40))] : [])])].sort();
      const agents = extensions.map((extension) => {
        const old = later.agents.find((row) => row.extension === extension);
        if (old && random() < 0.8) return old;
        return agent(extension, { state: pick(states), inStateMs: pick([null, 0, Math.floor(random() * 9_000)]), queues: random() < 0.5 ? ['atendimento'] : ['atendimento', 'ouvidoria'] });
      });
      const names = [...new Set([...later.queues.map((row) => row.queue).filter(() => random() > 0.05), ...(random() < 0.1 ? [pick(['atendimento', 'denuncias', 'ouvidoria', 'zeladoria'])] : [])])].sort();
      const queues = names.map((name) => {
        const old = later.queues.find((row) => row.queue === name);
        return old && random() < 0.7 ? old : queue(name, { waiting: Math.floor(random() * 3), longestWaitMs: pick([null, 0, 5_000]), answered: Math.floor(random() * 9) });
      });
      const next = { ...later, queues, agents };
      if (deltaTo(previous, next)) deltas += 1;
      previous = next;
    }
    expect(deltas).toBeGreaterThan(300);
  });
});
