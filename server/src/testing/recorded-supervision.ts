import { join } from 'node:path';
import type { QueueFigures, QueuesBoard, QueuesChanges, SupervisedAgent } from '@receptivo/shared';
import { readEnvironment } from '../config/environment';
import { AgentBoard } from '../cti/agent-board';
import { CallTracker } from '../cti/call-tracker';
import { AMI_FIXTURES_DIR } from '../cti/replay/fixtures';
import { QueueStats } from '../supervision/queue-stats';
import { QueuesBoardBuilder, type SnapshotSources, buildQueuesSnapshot } from '../supervision/queues-snapshot';
import { readTranscript, toAmiEvent } from './ami-transcript';

const defaults = readEnvironment({});
/** SUPERVISION_WINDOW_MINUTES of the replays, in ms. */
export const WINDOW_MS = 60 * 60_000;
const users = new Map([['1001', { name: 'Maria Atendente' }]]);

/**
 * The server's CTI path without I/O: the tracker, the board (with both desks connected, as
 * CallDesk feeds it) and the queue stats take each recorded event at its recorded time.
 */
export class Supervision {
  readonly stats = new QueueStats({ serviceLevelSeconds: 20, windowMs: WINDOW_MS });
  readonly board = new AgentBoard(120_000, 'Pós-atendimento');
  readonly tracker = new CallTracker({ agentPattern: new RegExp(defaults.CTI_AGENT_PATTERN), uraFields: defaults.CTI_URA_FIELDS });
  /** A snapshot after every event. */
  readonly seen: QueuesBoard[] = [];
  /** After every event, as the leader's incremental board told it: the changes since the event before, and the whole board. */
  readonly updates: Array<{ changes: QueuesChanges | null; board: QueuesBoard }> = [];
  private readonly builder = new QueuesBoardBuilder();
  /** Per recording, how many of its messages were replayed: a replay goes on from there. */
  private readonly replayed = new Map<string, number>();

  constructor(desks = ['1001', '1002']) {
    for (const extension of desks) this.board.deskConnected(extension, `desk-${extension}`, 0);
  }

  /** The next events of `name` up to `untilSeconds`, the recording's clock moved by `offsetMs`. */
  replay(name: string, { untilSeconds = Infinity, offsetMs = 0 } = {}): this {
    const messages = readTranscript(join(AMI_FIXTURES_DIR, name.endsWith('.ami') ? name : `${name}.ami`));
    let next = this.replayed.get(name) ?? 0;
    for (; next < messages.length && messages[next].at <= untilSeconds; next++) {
      const message = messages[next];
      // Answers to the recording client's own actions: AmiLink hands them to the action, not to the tracker.
      if (message.lines.some((line) => /^actionid:/i.test(line))) continue;
      const event = toAmiEvent(message.lines);
      const now = Math.round(offsetMs + message.at * 1000);
      for (const effect of this.tracker.track(event, now)) {
        if (effect.type === 'agent_state') this.board.announce(effect.extension, { state: effect.state, reason: effect.reason }, now);
        if (effect.type === 'ended' && effect.answeredBy) this.board.startWrapUp(effect.answeredBy, now);
      }
      this.stats.apply(event, now);
      this.seen.push(this.snapshot(now));
      this.updates.push({ changes: this.builder.update(this.sources(), now), board: this.builder.board() });
    }
    this.replayed.set(name, next);
    return this;
  }

  snapshot(now: number): QueuesBoard {
    return buildQueuesSnapshot(this.sources(), now);
  }

  private sources(): SnapshotSources {
    const agents = { extensions: this.board.extensions(), view: (extension: string) => this.board.view(extension) };
    return { stats: this.stats, serviceLevelSeconds: 20, windowMinutes: 60, tracker: this.tracker, agents, users };
  }

  queueAt(seconds: number, queue = 'atendimento'): QueueFigures {
    return this.snapshot(Math.round(seconds * 1000)).queues.find((figures) => figures.queue === queue)!;
  }

  agentAt(seconds: number, extension: string): SupervisedAgent {
    return this.snapshot(Math.round(seconds * 1000)).agents.find((agent) => agent.extension === extension)!;
  }

  peakWaiting(queue = 'atendimento'): number {
    return Math.max(...this.seen.map((snapshot) => snapshot.queues.find((figures) => figures.queue === queue)?.waiting ?? 0));
  }
}
