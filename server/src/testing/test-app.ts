import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { Role } from '@receptivo/shared';
import { createApp } from '../app';
import { CREDENTIALS_FILE } from '../auth/users.seeder';
import { readEnvironment } from '../config/environment';
import { resolveSettings } from '../config/settings';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  dataDir: string;
  databaseUrl: string;
  /** Generated passwords of the seeded users, by role. */
  credentials: Record<Role, { username: string; password: string }>;
  login(role: Role): Promise<string>;
  close(): Promise<void>;
}

export async function readCredentials(dataDir: string): Promise<TestApp['credentials']> {
  const text = await readFile(join(dataDir, CREDENTIALS_FILE), 'utf8');
  const entries = text
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .map(([role, username, password]) => [role, { username, password }]);
  return Object.fromEntries(entries);
}

/** The real server (migrations, seeds, guards, filters) on its own database, not listening on a port. */
export async function startTestApp(environment: Record<string, string> = {}, rendererDir?: string): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'receptivo-test-data-'));
  const server = await bootTestApp(database.url, dataDir, environment, rendererDir);
  return {
    ...server,
    async close() {
      await server.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Boots the server on an existing database and DATA_DIR, as a restart does; close() leaves both. */
export async function bootTestApp(
  databaseUrl: string,
  dataDir: string,
  environment: Record<string, string> = {},
  rendererDir?: string,
): Promise<TestApp> {
  const settings = await resolveSettings(
    readEnvironment({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', MAIL_RETRY_DELAY_SECONDS: '1', ...environment }),
    databaseUrl,
  );
  const app = await createApp(settings, rendererDir);
  const http = request(app.getHttpServer());
  const credentials = await readCredentials(dataDir);
  return {
    app,
    http,
    dataDir,
    databaseUrl,
    credentials,
    async login(role) {
      const response = await http.post('/api/auth/login').send(credentials[role]).expect(200);
      return response.body.token as string;
    },
    close: () => app.close(),
  };
}
