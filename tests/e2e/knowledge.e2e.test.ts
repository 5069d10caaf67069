import { withPage } from '../support/browser';
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
});
