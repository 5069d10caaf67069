import { type AgentStateName, type QueueFigures, type QueuesBoard, type QueuesChanges, type SupervisedAgent, queuesDelta, sameAgentRow } from '@receptivo/shared';
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

/** The figures of `queues:snapshot` as of `now`: pure, from what the tracker, the stats and the board hold. */
export function buildQueuesSnapshot(sources: SnapshotSources, now: number): QueuesBoard {
  const builder = new QueuesBoardBuilder();
  builder.update(sources, now);
  return builder.board();
}

/** What an agent's row is made of: records the board and the tracker replace, never change in place, and the user's name. */
interface RowInputs {
  view: Readonly<BoardView> | undefined;
  member: TrackedAgent | undefined;
  call: TrackedCall | undefined;
  name: string | null;
}

/** A row as last built, what it was made of, and the update that last found its extension in a source. */
interface KeptRow extends RowInputs {
  row: SupervisedAgent;
  builtAt: number;
  seenIn: number;
}

/**
 * The supervisors' board kept from one update to the next (the leader's SupervisionService): an
 * agent's row is rebuilt only when what it is made of was replaced, and compared with the row sent
 * before (durations aged, queuesDelta's rule), so an update costs the agents that changed, not all
 * of them (500 rows rebuilt and compared field by field took ~1.5 ms of the loop per update, while
 * pops waited). `update` answers the changes exactly as queuesDelta between the whole boards would.
 */
export class QueuesBoardBuilder {
  private readonly rows = new Map<string, KeptRow>();
  /** Per queue, how many of its members are in each state: kept as rows change, not counted again each update. */
  private readonly members = new Map<string, { total: number; counts: Record<AgentStateName, number> }>();
  private extensions: string[] = [];
  private queues: QueueFigures[] = [];
  private header: Omit<QueuesBoard, 'queues' | 'agents'> | null = null;
  private at = 0;
  private updates = 0;

  /** Brings the board to `now`: its changes since the board before, null when none (or it is the first). */
  update(sources: SnapshotSources, now: number): QueuesChanges | null {
    const { tracker, stats, agents, users } = sources;
    const first = this.header === null;
    const update = ++this.updates;
    // The call each agent talks in, else the one ringing at it.
    const callOf = new Map<string, TrackedCall>();
    for (const call of tracker.calls.values()) {
      if (call.answeredBy) callOf.set(call.answeredBy, call);
      for (const extension of call.ringing) if (!callOf.has(extension)) callOf.set(extension, call);
    }

    // Every extension a source names is marked seen in this update; one no row has yet is added.
    const added = new Set<string>();
    const see = (extension: string) => {
      const kept = this.rows.get(extension);
      if (kept) kept.seenIn = update;
      else added.add(extension);
    };
    for (const extension of agents.extensions) see(extension);
    for (const extension of tracker.agents.keys()) see(extension);
    for (const extension of users.keys()) see(extension);
    const removedAgents = this.extensions.filter((extension) => this.rows.get(extension)!.seenIn !== update);
    let agentOrder: string[] | undefined;
    if (added.size > 0 || removedAgents.length > 0) {
      for (const extension of removedAgents) {
        this.count(this.rows.get(extension)!.row, -1);
        this.rows.delete(extension);
      }
      const kept = this.extensions.filter((extension) => this.rows.has(extension));
      this.extensions = sortNaturally([...kept, ...added]);
      // Rows only removed keep the old order; an added one (or any reordering) sends the new order.
      if (kept.length !== this.extensions.length || kept.some((extension, index) => extension !== this.extensions[index])) agentOrder = this.extensions;
    }

    const changedAgents: SupervisedAgent[] = [];
    for (const extension of this.extensions) {
      const view = agents.view(extension);
      const member = tracker.agents.get(extension);
      const call = callOf.get(extension);
      const name = users.get(extension)?.name ?? member?.name ?? null;
      const kept = this.rows.get(extension);
      if (kept && kept.view === view && kept.member === member && kept.call === call && kept.name === name) continue;
      const row = agentRow(extension, { view, member, call, name }, now);
      if (!kept || !sameAgentRow(kept.row, row, now - kept.builtAt)) changedAgents.push(row);
      if (kept) this.count(kept.row, -1);
      this.count(row, 1);
      // A literal of one shape (a spread made these slow dictionaries: 0.4 ms an update).
      this.rows.set(extension, { view, member, call, name, row, builtAt: now, seenIn: update });
    }

    const queueNames = sortNaturally([...new Set([...stats.queueNames(), ...this.members.keys()])]);
    const queues = queueNames.map((queue) => ({ ...stats.figures(queue, now), agents: { ...(this.members.get(queue)?.counts ?? noAgents()) } }));
    const header = { at: new Date(now).toISOString(), serviceLevelSeconds: sources.serviceLevelSeconds, windowMinutes: sources.windowMinutes };
    // The queues (a few dozen rows) are compared whole, as queuesDelta does.
    const queueChanges = first ? null : queuesDelta({ ...this.header!, queues: this.queues, agents: [] }, { ...header, queues, agents: [] });
    this.header = header;
    this.queues = queues;
    this.at = now;
    if (first || (!queueChanges && changedAgents.length === 0 && removedAgents.length === 0 && !agentOrder)) return null;
    return {
      at: header.at,
      queues: queueChanges?.queues ?? [],
      agents: changedAgents,
      removedQueues: queueChanges?.removedQueues ?? [],
      removedAgents,
      ...(queueChanges?.queueOrder && { queueOrder: queueChanges.queueOrder }),
      ...(agentOrder && { agentOrder }),
    };
  }

  /** A row counted in (1) or out (-1) of its queues' figures; a queue no member is in any more is no longer listed for them. */
  private count(row: SupervisedAgent, step: 1 | -1): void {
    for (const queue of row.queues) {
      let entry = this.members.get(queue);
      if (!entry) this.members.set(queue, (entry = { total: 0, counts: noAgents() }));
      entry.total += step;
      entry.counts[row.state] += step;
      if (entry.total === 0) this.members.delete(queue);
    }
  }

  /** The whole board as of the last update (rows not rebuilt since, their durations aged to it). */
  board(): QueuesBoard {
    if (!this.header) throw new Error('QueuesBoardBuilder.board() before the first update');
    return {
      ...this.header,
      queues: this.queues,
      agents: this.extensions.map((extension) => {
        const { row, builtAt } = this.rows.get(extension)!;
        return row.inStateMs === null || builtAt === this.at ? row : { ...row, inStateMs: row.inStateMs + (this.at - builtAt) };
      }),
    };
  }
}

function agentRow(extension: string, { view, member, call, name }: RowInputs, now: number): SupervisedAgent {
  const state = view?.state ?? 'offline';
  return {
    extension,
    name,
    state,
    reason: state === 'paused' ? (view?.reason ?? null) : null,
    inStateMs: view?.since == null ? null : Math.max(0, now - view.since),
    call: call ? { callerNumber: call.callerNumber, callerName: call.callerName, queue: call.queue } : null,
    queues: queuesOf(member),
  };
}
