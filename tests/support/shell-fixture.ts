import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readCredentials } from '../../server/src/testing/test-app';
import { createTestDatabase } from '../../server/src/testing/test-database';
import { launchBrowser } from './browser';
import { type ServerProcess, startServer } from './server-process';

export interface DeskFixture {
  /** The running server; replaced by restartServer(). */
  readonly server: ServerProcess;
  browser: Browser;
  credentials: Awaited<ReturnType<typeof readCredentials>>;
  signIn(page: Page, username: string, password: string): Promise<void>;
  /** Stops the server process (Ctrl-C); `whileStopped` runs with it down; then it starts again on the same port, database and DATA_DIR. */
  restartServer(whileStopped?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** The built server on a fresh database, and Chromium: what every browser test starts from. */
export async function startDesk(environment: Record<string, string> = {}): Promise<DeskFixture> {
  // The browser first: a machine without Chromium fails here, before a server is left running.
  const browser = await launchBrowser();
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'receptivo-e2e-'));
  let server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: database.url, ...environment }).catch(async (error: unknown) => {
    await browser.close();
    throw error;
  });
  const credentials = await readCredentials(dataDir);
  return {
    get server() {
      return server;
    },
    browser,
    credentials,
    async signIn(page, username, password) {
      await page.goto(server.url);
      await page.getByLabel('Usuário').fill(username);
      await page.getByLabel('Senha').fill(password);
      await page.getByRole('button', { name: 'Entrar' }).click();
      // Signed in (the menu) or refused (the alert): either way the login request is over.
      await page.getByRole('navigation', { name: 'Menu principal' }).or(page.getByRole('alert')).first().waitFor();
    },
    async restartServer(whileStopped) {
      await server.stop();
      await whileStopped?.();
      server = await server.startAgain();
    },
    async close() {
      await browser.close();
      await server.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
