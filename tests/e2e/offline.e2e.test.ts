import type { Page } from 'playwright-core';
import type { Attendance } from '@receptivo/shared';
import { withPage } from '../support/browser';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

const banner = 'Sem conexão com o servidor — o atendimento continua e será enviado quando a conexão voltar';

/**
 * The browser build keeps an attendance's work through a restart of the server: online start, the
 * server process stops, the attendant links the caller, registers an information from the kept
 * knowledge, finishes and starts the next call; the page is reloaded before the API answers again,
 * and then everything arrives once, in order.
 */
describe('attendance drafts in Chromium through a server restart', () => {
  let desk: DeskFixture;

  beforeAll(async () => {
    desk = await startDesk();
  });
  afterAll(() => desk?.close());

  const summary = (page: Page) => page.getByRole('region', { name: 'Resumo do atendimento' });
  const informations = (page: Page) => page.getByRole('list', { name: 'Informações' }).getByRole('button');

  async function register(page: Page, index: number): Promise<string> {
    const item = informations(page).nth(index);
    const title = (await item.innerText()).trim();
    await item.click();
    await page.getByRole('article', { name: title }).getByRole('button', { name: 'Registrar', exact: true }).click();
    await page.getByText('Informação registrada neste computador; será enviada quando a conexão voltar.').waitFor();
    await page.getByRole('button', { name: 'Voltar' }).click();
    return title;
  }

  it('keeps the drafts through the stop, a reload and the restart, then registers each once', async () => {
    const { username, password } = desk.credentials.attendant;
    let protocol = '';
    let secondTitle = '';
    let firstTitle = '';
    await withPage(desk.browser, 'offline-drafts', async (page) => {
      await desk.signIn(page, username, password);
      await page.getByRole('button', { name: 'Iniciar atendimento' }).click();
      protocol = (await summary(page).getByText(/^\d{4}\.\d{6}-\d$/).first().innerText()).trim();

      // Read while online: its text is kept in the browser.
      await page.getByRole('button', { name: 'Iluminação pública' }).click();
      firstTitle = (await informations(page).first().innerText()).trim();
      await informations(page).first().click();
      await page.getByRole('article', { name: firstTitle }).getByRole('region', { name: 'Solução Proposta' }).waitFor();
      await page.getByRole('button', { name: 'Voltar' }).click();
      const search = page.getByRole('search', { name: 'Pesquisar clientes' });
      await search.getByLabel('Telefone', { exact: true }).fill('(11) 98765-4321');
      await search.getByRole('button', { name: 'Pesquisar' }).click();
      const maria = page.getByRole('row', { name: /Maria Silva/ });
      await maria.waitFor();

      await desk.restartServer(async () => {
        await maria.getByRole('button', { name: 'Vincular' }).click();
        await page.getByText('Cliente vinculado neste computador; será enviado quando a conexão voltar.').waitFor();
        await page.getByText(banner).waitFor();
        await page.getByText('1 operação aguardando envio').waitFor();
        await summary(page).getByText('Maria Silva').waitFor();

        // Never opened: registered from the sessões kept in the browser.
        secondTitle = await register(page, 1);
        await page.getByText('2 operações aguardando envio').waitFor();
        await page.getByText(/^Modo offline: base de conhecimento local de \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).waitFor();

        await summary(page).getByRole('button', { name: 'Finalizar' }).click();
        await page.getByRole('dialog', { name: 'Finalizar atendimento' }).getByRole('button', { name: 'Finalizar' }).click();
        await page.getByText('Atendimento finalizado neste computador; será enviado quando a conexão voltar.').waitFor();

        await page.getByRole('button', { name: 'Iniciar atendimento' }).click();
        await summary(page).getByText('Protocolo será gerado ao reconectar').waitFor();
        await page.getByRole('button', { name: 'Iluminação pública' }).click();
        await register(page, 0);
        await page.getByText('5 operações aguardando envio').waitFor();

        // Busca geral over the kept knowledge, accents and case ignored.
        const knowledge = page.getByRole('search', { name: 'Pesquisar na base de conhecimento' });
        await knowledge.getByLabel('Busca', { exact: true }).fill(firstTitle.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase());
        await knowledge.getByRole('button', { name: 'Lupa' }).click();
        await page.getByRole('list', { name: 'Resultados da busca' }).getByRole('button', { name: firstTitle }).waitFor();

        // The server comes back, but its API stays out of reach until after a reload of the page.
        await page.route('**/api/**', (route) => route.abort('connectionrefused'));
      });

      await page.reload();
      await page.getByText(banner).waitFor();
      await page.getByText('5 operações aguardando envio').waitFor();
      await summary(page).getByText('Protocolo será gerado ao reconectar').waitFor();
      expect(await summary(page).getByRole('list', { name: 'Informações registradas' }).innerText()).toContain(firstTitle);

      await page.unroute('**/api/**');
      const sent = page.getByRole('list', { name: 'Enviado ao servidor' });
      await sent.getByText(/^Atendimento \d{4}\.\d{6}-\d iniciado\.$/).waitFor({ timeout: 40_000 });
      const lines = await sent.getByRole('listitem').allInnerTexts();
      const secondProtocol = /^Atendimento (\S+) iniciado\.$/.exec(lines[3])![1];
      expect(lines).toEqual([
        `Cliente Maria Silva vinculado ao atendimento ${protocol}.`,
        `Informação “${secondTitle}” registrada no atendimento ${protocol}.`,
        `Atendimento ${protocol} finalizado.`,
        `Atendimento ${secondProtocol} iniciado.`,
        `Informação “${firstTitle}” registrada no atendimento ${secondProtocol}.`,
      ]);
      await summary(page).getByText(secondProtocol).waitFor();
      expect(await page.getByText(banner).count()).toBe(0);
      expect(await page.getByText(/aguardando envio$/).count()).toBe(0);
    });

    // What the server holds: each operation once.
    const login = await fetch(`${desk.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const auth = { Authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const search = await fetch(`${desk.server.url}/api/attendances?q=${protocol}`, { headers: auth }).then((response) => response.json());
    const first: Attendance = await fetch(`${desk.server.url}/api/attendances/${search.items[0].id}`, { headers: auth }).then((response) => response.json());
    expect(first).toMatchObject({ status: 'finished', customer: { name: 'Maria Silva' } });
    expect(first.informations.map((item) => item.title)).toEqual([secondTitle]);
    const { attendance: second } = (await fetch(`${desk.server.url}/api/attendances/current`, { headers: auth }).then((response) => response.json())) as {
      attendance: Attendance;
    };
    expect(second.id).not.toBe(first.id);
    expect(second.informations.map((item) => item.title)).toEqual([firstTitle]);
  }, 120_000);
});
