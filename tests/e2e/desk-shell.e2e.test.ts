import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase } from '../../server/src/testing/test-database';
import { readCredentials } from '../../server/src/testing/test-app';
import { launchBrowser, withPage } from '../support/browser';
import { type ServerProcess, startServer } from '../support/server-process';

/** An attendant, an admin and a stranger use the desk in Chromium against the real server. */
describe('desk shell in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dataDir: string;
  let dropDatabase: () => Promise<void>;
  let credentials: Awaited<ReturnType<typeof readCredentials>>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-e2e-shell-'));
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: database.url });
    credentials = await readCredentials(dataDir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await dropDatabase?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(server.url);
    await page.getByLabel('Usuário').fill(username);
    await page.getByLabel('Senha').fill(password);
    await page.getByRole('button', { name: 'Entrar' }).click();
  }

  const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });

  it('an attendant signs in, sees the Receptivo page and the menu of the role, and signs out', async () => {
    await withPage(browser, 'attendant-sign-in', async (page) => {
      await signIn(page, credentials.attendant.username, credentials.attendant.password);
      await page.getByRole('heading', { name: 'Receptivo', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/receptivo');
      expect(await menu(page).getByRole('link').allInnerTexts()).toEqual(['Receptivo', 'Atendimentos', 'Clientes']);
      await page.getByText('Ramal 1001').first().waitFor();

      // A reload keeps the session; a page of another role sends the attendant home.
      await page.goto(`${server.url}/administracao`);
      await page.getByRole('heading', { name: 'Receptivo', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/receptivo');

      // Deep paths reload with their assets too (the server answers every page path with the app).
      await page.goto(`${server.url}/clientes/123/historico`);
      await page.getByRole('heading', { name: 'Receptivo', level: 1 }).waitFor();

      await page.getByRole('button', { name: 'Sair' }).click();
      await page.getByRole('button', { name: 'Entrar' }).waitFor();
      await page.goto(`${server.url}/receptivo`);
      await page.getByRole('button', { name: 'Entrar' }).waitFor();
    });
  });

  it('a wrong password gets a clear pt-BR error and no session', async () => {
    await withPage(browser, 'wrong-password', async (page) => {
      await signIn(page, credentials.attendant.username, 'senha-errada-123');
      await page.getByRole('alert').filter({ hasText: 'Usuário ou senha inválidos.' }).waitFor();
      expect(await menu(page).count()).toBe(0);
      expect(await page.getByLabel('Usuário').inputValue()).toBe(credentials.attendant.username);
    });
  });

  it('an admin sees every menu entry, creates an attendant with an extension, and that attendant signs in', async () => {
    let password = '';
    await withPage(browser, 'admin-creates-user', async (page) => {
      await signIn(page, credentials.admin.username, credentials.admin.password);
      await menu(page).waitFor();
      expect(await menu(page).getByRole('link').allInnerTexts()).toEqual([
        'Receptivo',
        'Atendimentos',
        'Clientes',
        'Supervisão',
        'Administração',
      ]);
      await menu(page).getByRole('link', { name: 'Administração' }).click();
      await page.getByRole('button', { name: 'Novo usuário' }).click();
      const form = page.getByRole('dialog');
      await form.getByLabel('Usuário').fill('marta.alves');
      await form.getByLabel('Nome').fill('Marta Alves');
      await form.getByLabel('Perfil').selectOption('attendant');
      await form.getByLabel('Ramal').fill('1002');
      await form.getByRole('button', { name: 'Salvar' }).click();
      const issued = page.getByTestId('issued-password');
      await issued.waitFor();
      password = (await issued.innerText()).trim();
      expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
    });
    await withPage(browser, 'new-attendant-signs-in', async (page) => {
      await signIn(page, 'marta.alves', password);
      await page.getByRole('heading', { name: 'Receptivo', level: 1 }).waitFor();
      await page.getByText('Ramal 1002').first().waitFor();
    });
  });
});
