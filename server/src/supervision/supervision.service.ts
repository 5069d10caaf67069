import { randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Subscription } from 'rxjs';
import type { QueuesBoard } from '@receptivo/shared';
import { ClusterNode } from '../cluster/cluster-node';
import { Clock } from '../common/clock';
import type { Settings } from '../config/settings';
import { AgentDirectory } from '../cti/agent-directory';
import { CallDesk } from '../cti/call-desk';
import { CtiSockets } from '../cti/cti-sockets';
import { CtiService } from '../cti/cti.service';
import { LeaderLink } from '../cti/leader-link';
import { QUEUE_STATS_EVENTS, QueueStats, type QueueTotals } from './queue-stats';
import { QueuesBoardBuilder, type SnapshotSources, buildQueuesSnapshot } from './queues-snapshot';
import { SnapshotPacer } from './snapshot-pacer';
import { SupervisionFeed } from './supervision-feed';

declare module '../cti/leader-link' {
  interface LeaderRequests {
    /** A supervisor on any node missed a queues:delta: the leader sends its socket the whole board. */
    'queues-resend': { payload: { socketId: string }; answer: true };
  }
}

/** At most this often an update goes out; a change is seen by supervisors within it. */
const SNAPSHOT_INTERVAL_MS = 150;

/**
 * Live supervision: folds the AMI queue events into QueueStats and, after every change (paced),
 * sends the supervisors' room a `queues:delta` of the rows that changed; a supervisor connecting or
 * asking again (`queues:resend`, from any node) gets the whole board as `queues:snapshot` at the
 * same update, and when figures leave the rolling window that is a change too. Nothing is built
 * while no supervisor is connected. Runs on the node that leads (the only one that hears the PBX).
 */
@Injectable()
export class SupervisionService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SupervisionService.name);
  private readonly stats: QueueStats;
  private readonly serviceLevelSeconds: number;
  private readonly windowMinutes: number;
  private readonly pacer = new SnapshotPacer(SNAPSHOT_INTERVAL_MS, () => void this.send());
  private readonly feed = new SupervisionFeed(() => randomBytes(9).toString('base64url'));
  private readonly builder = new QueuesBoardBuilder();
  /** Supervisors' sockets (on any node) to be sent the whole board at the next update. */
  private readonly wantWhole = new Set<string>();
  private expiry: NodeJS.Timeout | undefined;
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly cti: CtiService,
    private readonly desk: CallDesk,
    private readonly sockets: CtiSockets,
    private readonly directory: AgentDirectory,
    private readonly leader: LeaderLink,
    private readonly node: ClusterNode,
    private readonly clock: Clock,
    config: ConfigService<Settings, true>,
  ) {
    this.serviceLevelSeconds = config.get('SUPERVISION_SERVICE_LEVEL_SECONDS', { infer: true });
    this.windowMinutes = config.get('SUPERVISION_WINDOW_MINUTES', { infer: true });
    this.stats = new QueueStats({ serviceLevelSeconds: this.serviceLevelSeconds, windowMs: this.windowMinutes * 60_000 });
  }

  onModuleInit(): void {
    this.cti.readAlso(QUEUE_STATS_EVENTS);
    const changed = () => this.pacer.changed();
    const sendWhole = (socketId: string) => {
      this.wantWhole.add(socketId);
      changed();
    };
    this.leader.handle('queues-resend', async ({ socketId }) => {
      sendWhole(socketId);
      return true;
    });
    this.subscriptions = [
      this.cti.events$.subscribe(({ event, now }) => {
        if (this.stats.apply(event, now)) changed();
      }),
      this.cti.rebuilt$.subscribe(({ snapshot, now }) => {
        this.stats.reconcile(snapshot.queueStatus, now);
        changed();
      }),
      // Calls ringing, answered and ended change the agents' current call.
      this.cti.effects$.subscribe(changed),
      this.desk.agentsChanged$.subscribe(changed),
      this.sockets.supervisorJoined$.subscribe(sendWhole),
      // Another leader numbered the updates meanwhile: this one starts an epoch of its own.
      this.node.role$.subscribe((role) => {
        if (role === 'leader') this.feed.restart();
      }),
    ];
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.pacer.stop();
    clearTimeout(this.expiry);
  }

  /**
   * One update: the whole board to those who asked, then the delta to the room. Built and numbered
   * with no wait in between (the users are read first), so two updates never interleave; in that
   * order, the delta of the same number reaches an asker after its snapshot and is ignored as stale.
   */
  private async send(): Promise<void> {
    // A node that stopped leading keeps its old figures (and timers): the new leader speaks now.
    if (this.node.role === 'follower') return;
    if (this.wantWhole.size === 0 && !this.sockets.supervisorsConnected()) return;
    try {
      // Read without a wait when the directory holds them: an await here queued the update behind the
      // promise work the events at hand started (an answered call's attendance, ~1 ms of TypeORM).
      const users = this.directory.knownUsersByExtension() ?? (await this.directory.usersByExtension());
      const { delta, place } = this.feed.next(this.builder.update(this.sources(users), this.clock.now().getTime()));
      if (this.wantWhole.size > 0) {
        const snapshot = { ...place, ...this.builder.board() };
        for (const socketId of this.wantWhole) this.sockets.toSocket(socketId, 'queues:snapshot', snapshot);
        this.wantWhole.clear();
      }
      if (delta) this.sockets.toSupervisors('queues:delta', delta);
      this.scheduleExpiry();
    } catch (error) {
      this.logger.warn(`Supervisão: não foi possível montar o quadro das filas: ${String(error)}`);
    }
  }

  /**
   * The queues and agents as of now, for /metrics; null on a follower, which hears no PBX. Without
   * the users' names: the agents are those the PBX or a desk made known.
   */
  figuresNow(): { board: QueuesBoard; totals: (queue: string) => Readonly<QueueTotals> } | null {
    if (this.node.role === 'follower') return null;
    return { board: buildQueuesSnapshot(this.sources(new Map()), this.clock.now().getTime()), totals: (queue) => this.stats.totals(queue) };
  }

  private sources(users: ReadonlyMap<string, { name: string }>): SnapshotSources {
    return {
      stats: this.stats,
      serviceLevelSeconds: this.serviceLevelSeconds,
      windowMinutes: this.windowMinutes,
      tracker: this.cti.tracked,
      agents: this.desk.supervisedAgents(),
      users,
    };
  }

  /** Counts and averages change by themselves when a sample leaves the window. */
  private scheduleExpiry(): void {
    clearTimeout(this.expiry);
    const at = this.stats.nextExpiry();
    if (at === null) return;
    this.expiry = setTimeout(() => this.pacer.changed(), Math.max(0, at - this.clock.now().getTime()) + 1);
  }
}
