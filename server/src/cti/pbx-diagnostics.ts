import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CtiDiagnostics } from '@receptivo/shared';
import { ClusterNode } from '../cluster/cluster-node';
import { Clock } from '../common/clock';
import type { Settings } from '../config/settings';
import { AgentDirectory } from './agent-directory';
import { text } from './call-tracker';
import { CtiStatus } from './cti-status';
import { CtiService } from './cti.service';
import { type DeniedAction, type PbxFacts, diagnosePbx } from './pbx-diagnosis';
import { PbxObservations } from './pbx-observations';

/** No channel or member has this name: the probes ask for it to learn whether the action is allowed, and change nothing. */
const PROBE_INTERFACE = 'PJSIP/receptivo-verificacao';

const denied = (error: unknown) => /permission denied/i.test(String(error instanceof Error ? error.message : error));

/**
 * The PBX wiring check's shell: asks the PBX what the check needs (QueueStatus, a Ping for its
 * clock, harmless probes of the actions the desk sends), adds what the link heard and the users,
 * and has diagnosePbx weigh it all. Runs where the PBX link is (the leader).
 */
@Injectable()
export class PbxDiagnostics {
  constructor(
    private readonly cti: CtiService,
    private readonly status: CtiStatus,
    private readonly observations: PbxObservations,
    private readonly directory: AgentDirectory,
    private readonly config: ConfigService<Settings, true>,
    private readonly clock: Clock,
    private readonly node: ClusterNode,
  ) {}

  async run(): Promise<CtiDiagnostics> {
    const connected = this.status.state === 'connected';
    const [queues, clockOffsetMs, deniedActions, users] = await Promise.all([
      connected ? this.queues() : null,
      connected ? this.clockOffset() : null,
      connected ? this.deniedActions() : [],
      this.directory.all(),
    ]);
    const agentPattern = new RegExp(this.config.get('CTI_AGENT_PATTERN', { infer: true }));
    const events = this.observations.events;
    const facts: PbxFacts = {
      configured: this.cti.host !== null,
      state: this.status.state,
      agentPattern,
      uraFields: this.config.get('CTI_URA_FIELDS', { infer: true }),
      queues,
      users: users.map((user) => ({ name: user.name, extension: user.extension })),
      events,
      classes: this.observations.classes,
      recentCalls: this.observations.recentCalls,
      clockOffsetMs,
      deniedActions,
    };
    const usersByExtension = new Map(users.map((user) => [user.extension, user.name]));
    return {
      checkedAt: this.clock.now().toISOString(),
      state: this.status.state,
      host: this.cti.host,
      leader: this.node.name,
      clockOffsetMs,
      callsSeen: events.get('QueueCallerJoin') ?? 0,
      queues: (queues ?? []).map((queue) => ({
        name: queue.name,
        members: queue.members.map((member) => {
          const extension = agentPattern.exec(member.interface)?.[1] ?? null;
          return { interface: member.interface, extension, userName: extension === null ? null : (usersByExtension.get(extension) ?? null) };
        }),
      })),
      ...diagnosePbx(facts),
    };
  }

  private async queues(): Promise<PbxFacts['queues']> {
    const items = await this.cti.list({ action: 'QueueStatus' }).catch(() => null);
    if (!items) return null;
    const queues = new Map<string, { name: string; members: { interface: string }[] }>();
    for (const item of items) {
      const name = text(item.queue);
      if (!name) continue;
      const queue = queues.get(name) ?? { name, members: [] };
      queues.set(name, queue);
      const memberInterface = text(item.location) ?? text(item.interface);
      if (item.event === 'QueueMember' && memberInterface) queue.members.push({ interface: memberInterface });
    }
    return [...queues.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Ping's Timestamp (Asterisk 12+) against the middle of the round trip. */
  private async clockOffset(): Promise<number | null> {
    const sentAt = Date.now();
    const pong = await this.cti.action({ action: 'Ping' }).catch(() => null);
    const receivedAt = Date.now();
    const timestamp = Number(text(pong?.timestamp));
    return pong && Number.isFinite(timestamp) && timestamp > 0 ? Math.round(timestamp * 1000 - (sentAt + receivedAt) / 2) : null;
  }

  private async deniedActions(): Promise<DeniedAction[]> {
    const probes: [DeniedAction, () => Promise<unknown>][] = [
      ['QueuePause', () => this.cti.action({ action: 'QueuePause', interface: PROBE_INTERFACE, paused: 'false' })],
      ['Getvar', () => this.cti.action({ action: 'Getvar', channel: PROBE_INTERFACE, variable: 'CHANNEL' })],
      ['CoreShowChannels', () => this.cti.list({ action: 'CoreShowChannels' })],
    ];
    const results = await Promise.all(probes.map(async ([action, probe]) => ((await probe().then(() => false, denied)) ? action : null)));
    return results.filter((action) => action !== null);
  }
}
