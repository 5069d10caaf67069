import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Subscription } from 'rxjs';
import type { QueuesSnapshot } from '@receptivo/shared';
import { Clock } from '../common/clock';
import type { Settings } from '../config/settings';
import { AgentDirectory } from '../cti/agent-directory';
import { CallDesk } from '../cti/call-desk';
import { CtiSockets } from '../cti/cti-sockets';
import { CtiService } from '../cti/cti.service';
import { QUEUE_STATS_EVENTS, QueueStats } from './queue-stats';
import { buildQueuesSnapshot } from './queues-snapshot';
import { SnapshotPacer } from './snapshot-pacer';

/** At most this often a snapshot goes out; a change is seen by supervisors within it. */
const SNAPSHOT_INTERVAL_MS = 150;

/**
 * Live supervision: folds the AMI queue events into QueueStats and sends `queues:snapshot` to the
 * supervisors' room after every change (paced), to each supervisor as it connects, and when
 * figures leave the rolling window. Nothing is built while no supervisor is connected.
 */
@Injectable()
export class SupervisionService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SupervisionService.name);
  private readonly stats: QueueStats;
  private readonly serviceLevelSeconds: number;
  private readonly windowMinutes: number;
  private readonly pacer = new SnapshotPacer(SNAPSHOT_INTERVAL_MS, () => void this.send());
  private expiry: NodeJS.Timeout | undefined;
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly cti: CtiService,
    private readonly desk: CallDesk,
    private readonly sockets: CtiSockets,
    private readonly directory: AgentDirectory,
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
      this.sockets.supervisorJoined$.subscribe((socketId) => void this.send(socketId)),
    ];
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.pacer.stop();
    clearTimeout(this.expiry);
  }

  async snapshot(): Promise<QueuesSnapshot> {
    const users = await this.directory.usersByExtension();
    return buildQueuesSnapshot(
      {
        stats: this.stats,
        serviceLevelSeconds: this.serviceLevelSeconds,
        windowMinutes: this.windowMinutes,
        tracker: this.cti.tracked,
        agents: this.desk.supervisedAgents(),
        users,
      },
      this.clock.now().getTime(),
    );
  }

  /** To the supervisors' room, or to the one supervisor that just connected. */
  private async send(socketId?: string): Promise<void> {
    if (!socketId && !this.sockets.supervisorsConnected()) return;
    try {
      this.sockets.sendQueuesSnapshot(await this.snapshot(), socketId);
      this.scheduleExpiry();
    } catch (error) {
      this.logger.warn(`Supervisão: não foi possível montar o quadro das filas: ${String(error)}`);
    }
  }

  /** Counts and averages change by themselves when a sample leaves the window. */
  private scheduleExpiry(): void {
    clearTimeout(this.expiry);
    const at = this.stats.nextExpiry();
    if (at === null) return;
    this.expiry = setTimeout(() => this.pacer.changed(), Math.max(0, at - this.clock.now().getTime()) + 1);
  }
}
