import { Client } from 'pg';
import { createTestDatabase } from '../testing/test-database';
import { until } from '../testing/until';
import { LeaderElection } from './leader-election';

/** Two nodes' elections on one real PostgreSQL: one leader at a time, and a successor when it goes. */
describe('leader election by a PostgreSQL session advisory lock', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let nodes: LeaderElection[];
  /** Every change, as "<node> leads" / "<node> follows", in the order they happened. */
  let timeline: string[];
  /** Never two leaders: the lock is held by one session at a time. */
  let mostLeadersAtOnce: number;
  const both = () => nodes.filter((node) => node.leading).length;

  beforeEach(async () => {
    database = await createTestDatabase();
    timeline = [];
    mostLeadersAtOnce = 0;
    nodes = ['a', 'b'].map(() => new LeaderElection({ databaseUrl: database.url, everyMs: 100, log: () => undefined }));
    nodes.forEach((node, index) =>
      node.leading$.subscribe((leading) => {
        timeline.push(`${'ab'[index]} ${leading ? 'leads' : 'follows'}`);
        mostLeadersAtOnce = Math.max(mostLeadersAtOnce, both());
      }),
    );
  });
  afterEach(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await database.drop();
  });

  it('elects one leader; when it stops, the other takes over', async () => {
    for (const node of nodes) node.start();
    await until(() => both() === 1, 'a leader');
    const [leader, follower] = nodes[0].leading ? nodes : [nodes[1], nodes[0]];
    // A follower keeps asking without taking the lock.
    await until(() => timeline.length >= 2, 'both nodes reporting');
    expect(follower.leading).toBe(false);

    await leader.stop();
    await until(() => follower.leading, 'the follower taking over', 2_000);
    expect(leader.leading).toBe(false);
    // A leader that stops says so before its session (and the lock) goes: never two at once.
    expect(mostLeadersAtOnce).toBe(1);
  });

  it('a follower told that the leader stepped down takes the lock at once, not at its next poll', async () => {
    // Polls a minute apart: only tryNow() can make the second node lead within this test.
    const slow = ['c', 'd'].map(() => new LeaderElection({ databaseUrl: database.url, everyMs: 60_000, log: () => undefined }));
    nodes.push(...slow);
    const [leader, follower] = slow;
    leader.start();
    await until(() => leader.leading, 'the first node leading');
    follower.start();
    await until(async () => {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query("SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE application_name = 'receptivo-leader-election' AND datname = current_database()");
        return rows[0].sessions === 2;
      } finally {
        await client.end();
      }
    }, 'the follower asking once');
    expect(follower.leading).toBe(false);

    await leader.stop();
    follower.tryNow();
    await until(() => follower.leading, 'the follower leading', 2_000);
    expect(leader.leading).toBe(false);
  });

  it('a leader whose database session is dropped steps down at once, and a node leads again', async () => {
    nodes[0].start();
    await until(() => nodes[0].leading, 'the first node leading');
    nodes[1].start();
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      // The database ends the leader's session (what a failover of PostgreSQL or an idle cut does).
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'receptivo-leader-election' AND datname = current_database() AND pid = (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = 7613013 LIMIT 1)",
      );
      expect(rows).toHaveLength(1);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    } finally {
      await admin.end();
    }
    // The first node hears its session end and steps down; whichever node asks first then leads.
    // (The lock is freed with the session, so a follower asking in those milliseconds may already
    // lead: the one moment two nodes may think they lead.)
    await until(() => timeline.includes('a follows', 3), 'the leader stepping down', 3_000);
    await until(() => both() === 1, 'a leader again', 3_000);
    expect(timeline.slice(0, 3)).toEqual(['a follows', 'b follows', 'a leads']);
  });
});
