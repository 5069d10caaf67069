import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BehaviorSubject, type Observable } from 'rxjs';
import type { NodeRole } from '@receptivo/shared';
import type { Settings } from '../config/settings';
import { LeaderElection } from './leader-election';

/** How often a follower asks for the leadership: the failover takes at most about this long. */
const ELECTION_EVERY_MS = 1000;

/**
 * This process in the cluster: its name, and its role. Without REDIS_URL it is the only node
 * (`single`) and does everything; with it, the node that wins the leader election (a PostgreSQL
 * session advisory lock) is the `leader` and runs the PBX link, the others are `follower`s.
 */
@Injectable()
export class ClusterNode implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly name: string;
  private readonly logger = new Logger('Cluster');
  private readonly election: LeaderElection | undefined;
  private readonly roles: BehaviorSubject<NodeRole>;

  constructor(config: ConfigService<Settings, true>) {
    this.name = config.get('nodeName', { infer: true });
    const clustered = config.get('clusterMode', { infer: true });
    this.roles = new BehaviorSubject<NodeRole>(clustered ? 'follower' : 'single');
    if (clustered) {
      this.election = new LeaderElection({
        databaseUrl: config.get('databaseUrl', { infer: true }),
        everyMs: ELECTION_EVERY_MS,
        log: (message) => this.logger.log(`${this.name}: ${message}`),
      });
      this.election.leading$.subscribe((leading) => {
        if (this.roles.value !== (leading ? 'leader' : 'follower')) this.roles.next(leading ? 'leader' : 'follower');
      });
    }
  }

  get role(): NodeRole {
    return this.roles.value;
  }

  /** The role now and at every change. */
  get role$(): Observable<NodeRole> {
    return this.roles.asObservable();
  }

  onApplicationBootstrap(): void {
    this.election?.start();
  }

  /** Frees the leadership (a stopping leader, once its PBX link is closed): another node may take it. */
  async stepDown(): Promise<void> {
    await this.election?.stop();
  }

  /** Tries for the leadership at once: the leader told it is stepping down. */
  tryToLead(): void {
    this.election?.tryNow();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.election?.stop();
  }
}
