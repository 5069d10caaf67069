import { BehaviorSubject } from 'rxjs';
import { Client } from 'pg';

/** Arbitrary constant: the one session advisory lock whose holder runs the cluster's PBX link. */
export const LEADER_LOCK = 7_613_013;

export interface LeaderElectionOptions {
  databaseUrl: string;
  /** How often a follower asks for the lock, and a leader checks that its session still answers. */
  everyMs: number;
  log(message: string): void;
}

/**
 * One leader per cluster (docs/architecture.md): the node whose own database session holds a
 * PostgreSQL session advisory lock. The lock goes with the session, so a leader killed, cut off or
 * whose session the database dropped frees it by itself and a follower takes it at its next try.
 * A leader that loses its session steps down at once (it can no longer prove it leads). Runs its own
 * connection, apart from the pool, so the lock is never lent to a query.
 */
export class LeaderElection {
  /** True while this node leads. */
  readonly leading$ = new BehaviorSubject<boolean>(false);
  private client: Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private ticking = false;

  constructor(private readonly options: LeaderElectionOptions) {}

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  /** Gives the lock up (ending the session frees it) so another node leads. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.drop();
  }

  get leading(): boolean {
    return this.leading$.value;
  }

  /** Asks for the lock now rather than at the next tick: the leader said it is stepping down. */
  tryNow(): void {
    if (this.stopped || this.leading || this.ticking) return;
    clearTimeout(this.timer);
    void this.tick();
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    try {
      const client = await this.session();
      if (this.leading) {
        await client.query('SELECT 1');
      } else {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LEADER_LOCK]);
        if (rows[0]?.locked && !this.stopped) {
          this.options.log('this node is now the leader: it runs the PBX link');
          this.leading$.next(true);
        }
      }
    } catch (error) {
      await this.drop();
      this.stepDown(error instanceof Error ? error.message : String(error));
    }
    this.ticking = false;
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), this.options.everyMs);
  }

  private async session(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.options.databaseUrl, keepAlive: true, connectionTimeoutMillis: this.options.everyMs * 3 });
    // The database ended the session (the lock went with it): step down now, not at the next tick.
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.stepDown('the database ended the session');
    });
    await client.connect();
    // The database frees the lock of a host that vanished once these keepalives go unanswered (~10 s).
    await client.query("SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3; SET application_name = 'receptivo-leader-election'");
    this.client = client;
    return client;
  }

  private stepDown(why: string): void {
    if (!this.leading) return;
    this.options.log(`leadership lost with the database session (${why})`);
    this.leading$.next(false);
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (this.leading && this.stopped) this.leading$.next(false);
    await client?.end().catch(() => undefined);
  }
}
