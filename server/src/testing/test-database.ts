import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A throwaway database on the test PostgreSQL (embedded by jest's global setup, or TEST_DATABASE_URL),
 * empty or a copy of `templateUrl`'s database (which must have no connection open).
 */
export async function createTestDatabase(templateUrl?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global setup starts PostgreSQL)');
  const name = `receptivo_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${templateUrl ? ` TEMPLATE ${new URL(templateUrl).pathname.slice(1)}` : ''}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
