import type { Page } from 'playwright-core';
import { withPage } from '../support/browser';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

/** An attendant, an admin and a stranger use the desk in Chromium against the real server. */
describe('desk shell in Chromium', () => {
  let desk: DeskFixture;

  beforeAll(async () => {
    desk = await startDesk();
  });
  afterAll(() => desk?.close());

  const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });

  it('an attendant signs in, sees the Receptivo page and the menu of the role, and signs out', async () => {
    await withPage(desk.browser, 'attendant-sign-in', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      await page.getByRole('heading', { name: 'Receptivo', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/receptivo');
      expect(await menu(page).getByRole('link').allInnerTexts()).toEqual(['Receptivo', 'Atendimentos', 'Clientes']);
      await page.getByText('Ramal 1001').first().waitFor();

      // A reload keeps the session; a page of another role sends the attendant home.
      await page.goto(`${desk.server.url}/administracao`);
      await page.getByRole('heading', { name: 'Receptivo', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/receptivo');

      // Deep paths reload with their assets too (the server answers every page path with the app).
      await page.goto(`${desk.server.url}/clientes/123/historico`);
      await page.getByRole('heading', { name: 'Receptivo', level: 1 }).waitFor();

      await page.getByRole('button', { name: 'Sair' }).click();
      await page.getByRole('button', { name: 'Entrar' }).waitFor();
      await page.goto(`${desk.server.url}/receptivo`);
      await page.getByRole('button', { name: 'Entrar' }).waitFor();
    });
  });

  it('a wrong password gets a clear pt-BR error and no session', async () => {
    await withPage(desk.browser, 'wrong-password', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, 'senha-errada-123');
      await page.getByRole('alert').filter({ hasText: 'Usuário ou senha inválidos.' }).waitFor();
      expect(await menu(page).count()).toBe(0);
      expect(await page.getByLabel('Usuário').inputValue()).toBe(desk.credentials.attendant.username);
    });
  });

  it('an admin sees every menu entry, creates an attendant with an extension, and that attendant signs in', async () => {
    let password = '';
    await withPage(desk.browser, 'admin-creates-user', async (page) => {
      await desk.signIn(page, desk.credentials.admin.username, desk.credentials.admin.password);
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
    await withPage(desk.browser, 'new-attendant-signs-in', async (page) => {
      await desk.signIn(page, 'marta.alves', password);
      await page.getByRole('heading', { name: 'Receptivo', level: 1 }).waitFor();
      await page.getByText('Ramal 1002').first().waitFor();
    });
  });
});
