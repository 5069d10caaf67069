import type { QueueFigures, QueuesBoard, QueuesDelta, SupervisedAgent } from './schemas';

/** A delta without its place in the leader's stream: what changed from one board to the next. */
export type QueuesChanges = Omit<QueuesDelta, 'epoch' | 'seq'>;

/** A delta that does not fit the board it is applied to (a key it names is missing): ask for the whole board. */
export class QueuesDeltaMismatch extends Error {}

/** How rows of one table are told apart, and which of their fields is a duration as of the board's `at`. */
interface Table<Row> {
  key: (row: Row) => string;
  elapsed: keyof Row & string;
}
const queueTable: Table<QueueFigures> = { key: (row) => row.queue, elapsed: 'longestWaitMs' };
const agentTable: Table<SupervisedAgent> = { key: (row) => row.extension, elapsed: 'inStateMs' };

/**
 * The changes from `previous` to `next`, or null when no row changed. A row changed when any of its
 * fields did, except that a duration which only grew by the time between the two boards (the same
 * starting moment) is the same: the receiver ages the rows it was not sent (applyQueuesDelta), so a
 * quiet agent is not resent every update for its time in state. Rows are compared field by field,
 * in step while both boards list the same keys (the usual case), through a map otherwise.
 */
export function queuesDelta(previous: QueuesBoard, next: QueuesBoard): QueuesChanges | null {
  const shift = Date.parse(next.at) - Date.parse(previous.at);
  const queues = diffRows(queueTable, previous.queues, next.queues, shift);
  const agents = diffRows(agentTable, previous.agents, next.agents, shift);
  if (!queues && !agents) return null;
  return {
    at: next.at,
    queues: queues?.changed ?? [],
    agents: agents?.changed ?? [],
    removedQueues: queues?.removed ?? [],
    removedAgents: agents?.removed ?? [],
    ...(queues?.order && { queueOrder: queues.order }),
    ...(agents?.order && { agentOrder: agents.order }),
  };
}

/** `board` with `changes` applied: as the sender's next board was, durations of the rows not sent aged. */
export function applyQueuesDelta<Board extends QueuesBoard>(board: Board, changes: QueuesChanges): Board {
  const shift = Date.parse(changes.at) - Date.parse(board.at);
  return {
    ...board,
    at: changes.at,
    queues: applyRows(queueTable, board.queues, changes.queues, changes.removedQueues, changes.queueOrder, shift),
    agents: applyRows(agentTable, board.agents, changes.agents, changes.removedAgents, changes.agentOrder, shift),
  };
}

interface RowChanges<Row> {
  changed: Row[];
  removed: string[];
  order?: string[];
}

function diffRows<Row extends object>(table: Table<Row>, previous: readonly Row[], next: readonly Row[], shift: number): RowChanges<Row> | null {
  const sameRow = (before: Row, after: Row) => sameFields(before, after, table.elapsed, shift);
  const inStep = previous.length === next.length && next.every((row, index) => table.key(row) === table.key(previous[index]));
  if (inStep) {
    const changed = next.filter((row, index) => !sameRow(previous[index], row));
    return changed.length === 0 ? null : { changed, removed: [] };
  }
  const before = new Map(previous.map((row) => [table.key(row), row]));
  const nextKeys = next.map(table.key);
  const present = new Set(nextKeys);
  const changed = next.filter((row) => {
    const old = before.get(table.key(row));
    return !old || !sameRow(old, row);
  });
  const kept = previous.map(table.key).filter((key) => present.has(key));
  const removed = [...before.keys()].filter((key) => !present.has(key));
  // Rows only removed keep the old order; an added one (or any reordering) sends the new order.
  const reordered = kept.length !== nextKeys.length || kept.some((key, index) => key !== nextKeys[index]);
  return { changed, removed, ...(reordered && { order: nextKeys }) };
}

function applyRows<Row extends object>(
  table: Table<Row>,
  rows: readonly Row[],
  changed: readonly Row[],
  removed: readonly string[],
  order: readonly string[] | undefined,
  shift: number,
): Row[] {
  const fresh = new Map(changed.map((row) => [table.key(row), row]));
  const aged = (row: Row): Row => {
    const elapsed = row[table.elapsed] as number | null;
    return elapsed === null || shift === 0 ? row : { ...row, [table.elapsed]: elapsed + shift };
  };
  if (order) {
    const current = new Map(rows.map((row) => [table.key(row), row]));
    return order.map((key) => {
      const update = fresh.get(key);
      if (update) return update;
      const row = current.get(key);
      if (!row) throw new QueuesDeltaMismatch(`the delta orders "${key}", which the board does not have`);
      return aged(row);
    });
  }
  const gone = new Set(removed);
  let replaced = 0;
  const result: Row[] = [];
  for (const row of rows) {
    const key = table.key(row);
    if (gone.has(key)) continue;
    const update = fresh.get(key);
    if (update) replaced += 1;
    result.push(update ?? aged(row));
  }
  if (replaced !== fresh.size) throw new QueuesDeltaMismatch('the delta changes rows the board does not have');
  return result;
}

/** Whether an agent's row `shiftMs` later says nothing new (queuesDelta's rule): the server's incremental board compares a rebuilt row so. */
export function sameAgentRow(before: SupervisedAgent, after: SupervisedAgent, shiftMs: number): boolean {
  return sameFields(before, after, agentTable.elapsed, shiftMs);
}

/**
 * Plain-data equality of two rows (strings, numbers, null, arrays, objects), except `elapsed`: equal
 * when both are null or `after` is `before` plus `shift` (the same starting moment).
 */
function sameFields<Row extends object>(before: Row, after: Row, elapsed: keyof Row, shift: number): boolean {
  const keys = Object.keys(after) as (keyof Row)[];
  if (keys.length !== Object.keys(before).length) return false;
  for (const key of keys) {
    if (key === elapsed) {
      const was = before[key] as number | null;
      const is = after[key] as number | null;
      if (was === null ? is !== null : is === null || is - was !== shift) return false;
    } else if (!sameValue(before[key], after[key])) {
      return false;
    }
  }
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
