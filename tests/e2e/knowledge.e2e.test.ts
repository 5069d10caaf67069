import { axeViolations } from '../support/accessibility';
import { CALL_CENTER_SCREEN, withPage } from '../support/browser';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

/** What an attendant reads on entering the Receptivo page, from the seeded demo knowledge base. */
describe('knowledge on the Receptivo page, in Chromium', () => {
  let desk: DeskFixture;

  beforeAll(async () => {
    desk = await startDesk();
  });
  afterAll(() => desk?.close());

  it('shows the notice boards, the script topics, a category’s information with its Solução Proposta, and finds by keyword', async () => {
    await withPage(desk.browser, 'knowledge-receptivo', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      await page.getByRole('heading', { name: 'Receptivo', level: 1 }).waitFor();

      const notices = await fetch(`${desk.server.url}/api/notices/current`, {
        headers: { Authorization: `Bearer ${await page.evaluate(() => JSON.parse(localStorage.getItem('receptivo.session') ?? 'null')?.token)}` },
      }).then((response) => response.json());
      // Folded into a strip above the desk: each board opens with its notices.
      const strip = page.getByRole('region', { name: 'Quadros de avisos' });
      for (const [kind, label] of [['notice', 'Avisos'], ['incident', 'Ocorrências'], ['event', 'Eventos']] as const) {
        expect(notices[kind].length).toBeGreaterThan(0);
        await strip.getByRole('button', { name: new RegExp(`^${label} ${notices[kind].length} `) }).click();
        const board = page.getByRole('region', { name: label, exact: true });
        for (const notice of notices[kind]) await board.getByRole('heading', { name: notice.title }).waitFor();
        await board.getByRole('button', { name: 'Fechar' }).click();
      }

      await page.getByRole('button', { name: 'Script de Atendimento' }).click();
      const script = page.getByRole('dialog', { name: 'Script de Atendimento' });
      const topics = await script.getByRole('tab').allInnerTexts();
      const lgpd = topics.find((topic) => /LGPD/i.test(topic))!;
      await script.getByRole('tab', { name: lgpd }).click();
      expect((await script.getByRole('tabpanel', { name: lgpd }).innerText()).length).toBeGreaterThan(40);
      await script.getByRole('button', { name: 'Fechar' }).click();

      await page.getByRole('button', { name: 'Iluminação pública' }).click();
      const informations = page.getByRole('list', { name: 'Informações' });
      const firstTitle = (await informations.getByRole('button').first().innerText()).trim();
      await informations.getByRole('button').first().click();
      const detail = page.getByRole('article', { name: firstTitle });
      await detail.waitFor();
      expect((await detail.getByRole('region', { name: 'Solução Proposta' }).innerText()).length).toBeGreaterThan(30);
      await page.getByRole('button', { name: 'Voltar' }).click();

      const search = page.getByRole('search', { name: 'Pesquisar na base de conhecimento' });
      await search.getByRole('radio', { name: 'Palavra-chave' }).check();
      await search.getByLabel('Busca', { exact: true }).fill('lampadas');
      await search.getByRole('button', { name: 'Lupa' }).click();
      const results = page.getByRole('list', { name: 'Resultados da busca' });
      await results.getByRole('listitem').first().waitFor();
      expect(await results.locator('mark').first().innerText()).toMatch(/lâmpada/i);
    });
  });

  it('Busca geral at 1366×768: "lampada queimada" finds Lâmpada apagada; "boca de lobo" gives the request type, whose [Registrar solicitação] opens its form', async () => {
    await withPage(
      desk.browser,
      'knowledge-search-request-types',
      async (page) => {
        await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
        await page.getByLabel('Meio de comunicação').selectOption({ label: 'Telefone' });
        await page.getByRole('button', { name: 'Iniciar atendimento' }).click();
        await page.getByRole('region', { name: 'Resumo do atendimento' }).getByText(/^\d{4}\.\d{6}-\d$/).first().waitFor();

        const search = page.getByRole('search', { name: 'Pesquisar na base de conhecimento' });
        const results = page.getByRole('list', { name: 'Resultados da busca' });
        const searchFor = async (text: string) => {
          await search.getByLabel('Busca', { exact: true }).fill(text);
          await search.getByRole('button', { name: 'Lupa' }).click();
          await page.getByText(new RegExp(`resultados? para “${text}”`)).waitFor();
        };

        await searchFor('lampada queimada');
        const topTwo = (await results.getByRole('listitem').locator('.search-result__title').allInnerTexts()).slice(0, 2).map((title) => title.trim());
        expect(topTwo.sort()).toEqual(['Lâmpada apagada', 'Lâmpada apagada em via pública']);

        // The information names its request type, offered right there.
        await results.getByRole('button', { name: 'Lâmpada apagada em via pública' }).click();
        const related = page.getByRole('article', { name: 'Lâmpada apagada em via pública' }).getByRole('list', { name: 'Solicitações relacionadas' });
        await related.getByRole('group', { name: 'Lâmpada apagada' }).getByRole('button', { name: 'Registrar solicitação' }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Voltar', exact: true }).click();

        await searchFor('boca de lobo');
        const items = results.getByRole('listitem');
        const titles = (await items.locator('.search-result__title').allInnerTexts()).map((title) => title.trim());
        expect(titles.slice(0, 2)).toContain('Limpeza de boca de lobo');
        const typeResult = items.filter({ has: page.getByRole('group', { name: 'Limpeza de boca de lobo' }) });
        expect(await typeResult.getByText('Tipo de solicitação', { exact: true }).count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);

        await typeResult.getByRole('button', { name: 'Registrar solicitação' }).click();
        const form = page.getByRole('region', { name: 'Nova solicitação' });
        await form.getByRole('heading', { name: 'Nova solicitação: Limpeza de boca de lobo' }).waitFor();
      },
      CALL_CENTER_SCREEN,
    );
  });

  it('the information editor names its related request types, checked by sessão, axe-clean', async () => {
    await withPage(
      desk.browser,
      'knowledge-related-request-types-admin',
      async (page) => {
        await desk.signIn(page, desk.credentials.supervisor.username, desk.credentials.supervisor.password);
        await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administração' }).click();
        await page.getByRole('tab', { name: 'Informações' }).click();
        await page.getByRole('row').filter({ hasText: 'Lâmpada apagada em via pública' }).getByRole('button', { name: 'Editar' }).click();
        const editor = page.getByRole('dialog', { name: 'Editar informação Lâmpada apagada em via pública' });
        const related = editor.getByRole('group', { name: 'Solicitações relacionadas' });
        const lighting = related.getByRole('group', { name: 'Iluminação pública' });
        expect(await lighting.getByRole('checkbox', { name: 'Lâmpada apagada' }).isChecked()).toBe(true);
        expect(await lighting.getByRole('checkbox', { name: 'Poste de iluminação danificado' }).isChecked()).toBe(false);
        expect(await axeViolations(page)).toEqual([]);
      },
      CALL_CENTER_SCREEN,
    );
  });
});
