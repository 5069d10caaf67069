import type { AgentStateName, QueuesBoard, SupervisedAgent } from '@receptivo/shared';
import type { BoardView } from '../cti/agent-board';
import type { CallTrackerState, TrackedAgent, TrackedCall } from '../cti/call-tracker';
import type { QueueStats } from './queue-stats';

export interface SnapshotSources {
  stats: QueueStats;
  serviceLevelSeconds: number;
  windowMinutes: number;
  /** Calls (who talks or rings with whom) and queue memberships. */
  tracker: CallTrackerState;
  /** The agents as supervisors see them (AgentBoard). */
  agents: { extensions: Iterable<string>; view: (extension: string) => Readonly<BoardView> | undefined };
  /** The users with an extension, by extension: every attendant is listed, in a queue or not. */
  users: ReadonlyMap<string, { name: string }>;
}

const collator = new Intl.Collator('pt-BR', { numeric: true });
const DIGITS = /^\d+$/;
/** Digits only (extensions, as a rule): shorter first, then as text, is numeric order without Intl's cost. */
const byNumber = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
const sortNaturally = (values: string[]) => values.sort(values.every((value) => DIGITS.test(value)) ? byNumber : collator.compare);
const noAgents = (): Record<AgentStateName, number> => ({ available: 0, ringing: 0, on_call: 0, paused: 0, wrap_up: 0, offline: 0 });
/** A member's queues, sorted once per tracker record (a record is replaced when its memberships change). */
const sortedQueues = new WeakMap<TrackedAgent, string[]>();
const queuesOf = (member: TrackedAgent | undefined): string[] => {
  if (!member) return [];
  let queues = sortedQueues.get(member);
  if (!queues) sortedQueues.set(member, (queues = Object.keys(member.memberships).sort()));
  return queues;
};

/** The figures of `queues:snapshot` as of `now` (SupervisionFeed numbers them): pure, from what the tracker, the stats and the board hold. */
export function buildQueuesSnapshot(sources: SnapshotSources, now: number): QueuesBoard {
  const { tracker, stats, agents, users } = sources;
  // The call each agent talks in, else the one ringing at it.
  const callOf = new Map<string, TrackedCall>();
  for (const call of tracker.calls.values()) {
    if (call.answeredBy) callOf.set(call.answeredBy, call);
    for (const extension of call.ringing) if (!callOf.has(extension)) callOf.set(extension, call);
  }

  const extensions = sortNaturally([...new Set([...agents.extensions, ...tracker.agents.keys(), ...users.keys()])]);
  const agentsByQueue = new Map<string, Record<AgentStateName, number>>();
  const rows = extensions.map((extension): SupervisedAgent => {
    const view = agents.view(extension);
    const member = tracker.agents.get(extension);
    const queues = queuesOf(member);
    const state = view?.state ?? 'offline';
    for (const queue of queues) {
      let counts = agentsByQueue.get(queue);
      if (!counts) agentsByQueue.set(queue, (counts = noAgents()));
      counts[state] += 1;
    }
    const call = callOf.get(extension);
    return {
      extension,
      name: users.get(extension)?.name ?? member?.name ?? null,
      state,
      reason: state === 'paused' ? (view?.reason ?? null) : null,
      inStateMs: view?.since == null ? null : Math.max(0, now - view.since),
      call: call ? { callerNumber: call.callerNumber, callerName: call.callerName, queue: call.queue } : null,
      queues,
    };
  });

  const queueNames = sortNaturally([...new Set([...stats.queueNames(), ...agentsByQueue.keys()])]);
  return {
    at: new Date(now).toISOString(),
    serviceLevelSeconds: sources.serviceLevelSeconds,
    windowMinutes: sources.windowMinutes,
    queues: queueNames.map((queue) => ({ ...stats.figures(queue, now), agents: agentsByQueue.get(queue) ?? noAgents() })),
    agents: rows,
  };
}
