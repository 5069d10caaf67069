import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Subject, type Subscription } from 'rxjs';
import type { CtiStatusEvent, CtiTestCall, CtiTapEntry } from '@receptivo/shared';
import { ClusterNode } from '../cluster/cluster-node';
import { Clock } from '../common/clock';
import type { Settings } from '../config/settings';
import { AmiLink, defaultAmiTimings } from './ami-link';
import { BurstGate } from './burst-gate';
import { type AmiSnapshot, type SnapshotCall, createSnapshotReader, createSnapshotReconciler } from './call-snapshot';
import { type AmiEvent, type CallEffect, CallTracker, type CallTrackerConfig, type CallTrackerState, type TrackedCall, newCall, text, trackerReads } from './call-tracker';
import { CtiMetrics } from './cti-metrics';
import { CtiStatus } from './cti-status';
import { EventTap } from './event-tap';
import { ReadAlso } from './read-also';
import { LeaderLink } from './leader-link';
import { PbxObservations } from './pbx-observations';

/** How long a synthetic test call rings before it ends as not answered. */
const TEST_CALL_RING_MS = 20_000;

export class CtiUnavailable extends Error {}

const TELEPHONY_OFF = 'A telefonia não está configurada neste servidor.';

/**
 * CTI is on when AMI_HOST is set: one AMI link whose state health reports, feeding the pure call
 * tracker. After every (re)connect the state is rebuilt from QueueStatus and CoreShowChannels.
 * Effects go out on `effects$` for the desk (screen-pops, attendances); the AMI events and the
 * rebuilds themselves on `events$` and `rebuilt$` for supervision's queue figures.
 */
@Injectable()
export class CtiService implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  readonly effects$ = new Subject<CallEffect>();
  readonly status$ = new Subject<CtiStatusEvent>();
  /** Every AMI event read (the tracker's and those asked with readAlso) after the tracker took it, with the time it was tracked at. */
  readonly events$ = new Subject<{ event: AmiEvent; now: number }>();
  readonly rebuilt$ = new Subject<{ snapshot: AmiSnapshot; now: number }>();
  /** A caller hung up waiting in a queue: supervisors get them to call back. */
  readonly abandoned$ = new Subject<{ call: TrackedCall; endedAt: number }>();
  /** CTI_PAUSE_REASONS: agent:pause takes these only. */
  readonly pauseReasons: readonly string[];
  /** CTI_RONA_REASON, or null when the ring-no-answer auto-pause is off (CTI_RONA_LIMIT 0). */
  readonly ringNoAnswerReason: string | null;
  private readonly logger = new Logger(CtiService.name);
  private readonly tap = new EventTap(500);
  /** The PBX paused 2 ms, or 50 ms passed: see afterBurst. */
  private readonly burst = new BurstGate(2, 50);
  private readonly testCallTimers = new Set<NodeJS.Timeout>();
  private link: AmiLink | undefined;
  private readonly trackerConfig: CallTrackerConfig;
  /** Replaced by a new one when this node stops leading: the next leader's rebuild is what counts. */
  private tracker: CallTracker;
  private connectedSince: Date | null = null;
  /** Epoch ms of the last AMI event, read or dropped. */
  private lastEventAt: number | null = null;
  /** Events read for events$ besides the tracker's (readAlso). */
  private readonly alsoRead = new ReadAlso();
  /**
   * While an AMI event is handled (its effects go out synchronously, through effects$): when the
   * socket read that brought it happened (performance.now()). Null otherwise: a test call, a rebuild.
   */
  private handlingReadAt: number | null = null;
  private testCalls = 0;
  private rebuilds = 0;
  private running = false;
  private roles: Subscription | undefined;

  constructor(
    private readonly config: ConfigService<Settings, true>,
    private readonly status: CtiStatus,
    private readonly clock: Clock,
    private readonly node: ClusterNode,
    private readonly leaderLink: LeaderLink,
    private readonly metrics: CtiMetrics,
    private readonly observations: PbxObservations,
  ) {
    this.pauseReasons = config.get('CTI_PAUSE_REASONS', { infer: true });
    this.ringNoAnswerReason = config.get('CTI_RONA_LIMIT', { infer: true }) > 0 ? config.get('CTI_RONA_REASON', { infer: true }) : null;
    this.trackerConfig = { agentPattern: new RegExp(config.get('CTI_AGENT_PATTERN', { infer: true })), uraFields: config.get('CTI_URA_FIELDS', { infer: true }) };
    this.tracker = new CallTracker(this.trackerConfig);
  }

  onModuleInit(): void {
    const host = this.config.get('AMI_HOST', { infer: true });
    if (!host) return;
    const { trackerConfig } = this;
    const reads = trackerReads(trackerConfig);
    const reconcile = createSnapshotReconciler(trackerConfig);
    const reader = createSnapshotReader(trackerConfig);
    this.status.state = 'reconnecting';
    this.link = new AmiLink(
      {
        host,
        port: this.config.get('AMI_PORT', { infer: true }),
        username: this.config.get('AMI_USER', { infer: true })!,
        secret: this.config.get('AMI_SECRET', { infer: true })!,
        ...defaultAmiTimings,
      },
      {
        onState: (state) => {
          if (state === 'connected') this.metrics.linkConnected();
          this.status.state = state;
          this.connectedSince = state === 'connected' ? new Date() : null;
          this.logger[state === 'connected' ? 'log' : 'warn'](`AMI ${host}: ${state}`);
          this.status$.next(this.currentStatus());
        },
        admits: (event, frame, channelVariables) => {
          this.observations.heard(event, frame);
          return reads(event, frame, this.tracker, channelVariables) || this.alsoRead.reads(event, frame);
        },
        onDropped: (frame, event) => {
          this.lastEventAt = Date.now();
          this.tap.record(frame, this.lastEventAt);
          this.metrics.eventDropped(event);
        },
        onEvent: (event) => {
          const startedAt = performance.now();
          this.lastEventAt = Date.now();
          this.tap.record(event, this.lastEventAt);
          this.metrics.eventRead(event.event);
          const now = this.now();
          this.handlingReadAt = this.link!.readAt;
          try {
            this.apply(this.tracker.track(event, now));
            this.events$.next({ event, now });
          } finally {
            this.handlingReadAt = null;
          }
          this.metrics.eventHandled(startedAt);
        },
        onResponse: (response) => this.tap.record(response, Date.now()),
        onHandled: () => this.burst.handled(),
        onSkipped: (reason, frame) => {
          this.logger.warn(`AMI: quadro ignorado (${reason}): ${JSON.stringify(frame).slice(0, 200)}`);
        },
        onConnected: () => {
          this.observations.reset();
          void this.rebuild(reconcile, reader);
        },
      },
    );
    // In a cluster only the leader runs the PBX link: one link, one tracker, one attendance per call.
    this.roles = this.node.role$.subscribe((role) => (role === 'follower' ? this.standDown() : this.runLink()));
  }

  /** Before sockets and HTTP close: a leader hands the PBX link over at once (LeaderLink.handOver). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.leaderLink.handOver(async () => {
      this.roles?.unsubscribe();
      this.running = false;
      await this.link?.stop();
    });
  }

  onApplicationShutdown(): void {
    this.roles?.unsubscribe();
    void this.link?.stop();
    for (const timer of this.testCallTimers) clearTimeout(timer);
  }

  /**
   * Events (by name) another feature reads from events$, besides those the tracker reads, and
   * UserEvents by the name they give themselves (the tracker reads only the URA's).
   */
  readAlso(events: Iterable<string>, userEvents: Iterable<string> = []): void {
    this.alsoRead.add(events, userEvents);
  }

  get host(): string | null {
    return this.config.get('AMI_HOST', { infer: true }) ?? null;
  }

  currentStatus(): CtiStatusEvent {
    return {
      connected: this.status.state === 'connected',
      since: this.connectedSince?.toISOString() ?? null,
      lastEventAt: this.lastEventAt === null ? null : new Date(this.lastEventAt).toISOString(),
    };
  }

  /** False until the first rebuild after start: before it, the server knows nothing of the calls. */
  get ready(): boolean {
    return !this.link || this.rebuilds > 0;
  }

  /**
   * Inside an effects$ handler: when the AMI event behind the effect was read off the socket
   * (performance.now()), for the latency figures; null for effects of no event (a rebuild, a test call).
   */
  get eventReadAt(): number | null {
    return this.handlingReadAt;
  }

  /**
   * Resolves once the PBX has sent nothing for 2 ms, or after 50 ms: for work that can wait out a
   * burst (a desk's status line) instead of going between its chunks, ahead of their screen-pops.
   */
  afterBurst(): Promise<void> {
    return this.burst.after();
  }

  /** The calls and agents as of now (read-only: the tracker changes them as events come). */
  get tracked(): CallTrackerState {
    return this.tracker;
  }

  events(filter: string | undefined, limit = 200): CtiTapEntry[] {
    return this.tap.list(filter, limit);
  }

  /** An action on the PBX link, for the wiring check's probes; rejects when telephony is off, the link is down or the PBX refuses it. */
  action(action: Record<string, unknown>): Promise<AmiEvent> {
    return this.link ? this.link.action(action) : Promise.reject(new CtiUnavailable(TELEPHONY_OFF));
  }

  /** A list action (QueueStatus, CoreShowChannels) and its items; rejects as `action` does. */
  list(action: Record<string, unknown>): Promise<AmiEvent[]> {
    return this.link ? this.link.list(action) : Promise.reject(new CtiUnavailable(TELEPHONY_OFF));
  }

  /** QueuePause on every queue of the member; rejects with AMI's refusal or when the link is down. */
  async setPaused(extension: string, paused: boolean, reason?: string): Promise<void> {
    if (!this.link) throw new CtiUnavailable(TELEPHONY_OFF);
    if (this.status.state !== 'connected') throw new CtiUnavailable('A central telefônica está fora do ar. Tente novamente em instantes.');
    const memberInterface = this.tracker.agents.get(extension)?.interface;
    if (!memberInterface) throw new CtiUnavailable(`O ramal ${extension} não está em nenhuma fila de atendimento.`);
    await this.link.action({ action: 'QueuePause', interface: memberInterface, paused: String(paused), ...(reason ? { reason } : {}) });
  }

  /** A synthetic call that pops on the extension's desk and ends unanswered after a while. */
  testCall(input: Required<Pick<CtiTestCall, 'extension' | 'callerNumber'>> & Pick<CtiTestCall, 'document'>): string {
    const call: TrackedCall = {
      ...newCall(`teste-${Date.now()}-${++this.testCalls}`),
      callerNumber: input.callerNumber,
      callerName: 'Chamada de teste',
      queue: 'teste',
      joinedAt: this.now(),
      ura: input.document ? { document: input.document } : {},
      ringing: [input.extension],
    };
    this.effects$.next({ type: 'ringing', extension: input.extension, call, waitSeconds: 0 });
    const timer = setTimeout(() => {
      this.testCallTimers.delete(timer);
      this.effects$.next({ type: 'ring_stopped', extension: input.extension, callId: call.id, reason: 'not_answered' });
    }, TEST_CALL_RING_MS);
    this.testCallTimers.add(timer);
    return call.id;
  }

  private runLink(): void {
    if (this.running) return;
    this.running = true;
    this.link!.start();
  }

  /** No longer the leader: another node runs the PBX link and rebuilds what this one knew. */
  private standDown(): void {
    if (!this.running) return;
    this.running = false;
    void this.link!.stop();
    this.tracker = new CallTracker(this.trackerConfig);
    this.rebuilds = 0;
    this.connectedSince = null;
    this.status.state = 'reconnecting';
    this.logger.warn('AMI: este nó deixou de ser o líder; outro nó assume a central');
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private apply(effects: CallEffect[]): void {
    for (const effect of effects) {
      if (effect.type === 'ringing') this.observations.rang(effect.call.id, Object.keys(effect.call.ura));
      this.effects$.next(effect);
      if (effect.type === 'ended' && effect.reason === 'abandoned') this.abandoned$.next({ call: effect.call, endedAt: effect.endedAt });
    }
  }

  private async rebuild(reconcile: ReturnType<typeof createSnapshotReconciler>, reader: ReturnType<typeof createSnapshotReader>): Promise<void> {
    const link = this.link!;
    try {
      const [queueStatus, channels] = await Promise.all([link.list({ action: 'QueueStatus' }), link.list({ action: 'CoreShowChannels' })]);
      const snapshot: AmiSnapshot = {
        queueStatus: queueStatus.filter((item) => item.event === 'QueueParams' || item.event === 'QueueMember' || item.event === 'QueueEntry'),
        channels: channels.filter((item: AmiEvent) => item.event === 'CoreShowChannel'),
      };
      const unknown = [...reader.callsIn(snapshot, reader.agentsIn(snapshot)).values()].filter((call) => !this.tracker.calls.has(call.id));
      snapshot.ura = await this.uraOf(unknown);
      const now = this.now();
      this.apply(reconcile(this.tracker, snapshot, now));
      this.rebuilds += 1;
      this.rebuilt$.next({ snapshot, now });
      this.logger.log(
        `AMI: estado refeito com ${snapshot.queueStatus.length} itens de fila, ${snapshot.channels.length} canais e ${this.tracker.calls.size} chamadas em curso`,
      );
    } catch (error) {
      // The link drops and reconnects on its own; the next connection rebuilds again.
      this.logger.warn(`AMI: não foi possível refazer o estado: ${String(error)}`);
    }
  }

  /** The URA variables (CTI_URA_FIELDS) of each call's caller channel, read with Getvar. */
  private async uraOf(calls: SnapshotCall[]): Promise<Map<string, Record<string, string>>> {
    const variables = Object.entries(this.trackerConfig.uraFields);
    const found = new Map<string, Record<string, string>>();
    await Promise.all(
      calls.flatMap((call) =>
        variables.map(async ([variable, field]) => {
          // A channel gone meanwhile answers with an error: that call has nothing to tell.
          const answer = await this.link!.action({ action: 'Getvar', channel: call.callerChannel, variable }).catch(() => undefined);
          const value = answer && text(answer.value);
          if (value) found.set(call.id, { ...found.get(call.id), [field]: value });
        }),
      ),
    );
    return found;
  }
}
