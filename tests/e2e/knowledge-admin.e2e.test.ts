import { withPage } from '../support/browser';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

/** A supervisor edits the knowledge base in Chromium and the attendant's page shows the result. */
describe('knowledge administration in Chromium', () => {
  let desk: DeskFixture;

  beforeAll(async () => {
    desk = await startDesk();
  });
  afterAll(() => desk?.close());

  it('creates an information and a request type with a previewed form; a broken schema is refused', async () => {
    await withPage(desk.browser, 'knowledge-admin', async (page) => {
      await desk.signIn(page, desk.credentials.supervisor.username, desk.credentials.supervisor.password);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administração' }).click();

      await page.getByRole('tab', { name: 'Informações' }).click();
      await page.getByRole('button', { name: 'Nova informação' }).click();
      const information = page.getByRole('dialog', { name: 'Nova informação' });
      await information.getByLabel('Sessão').selectOption({ label: 'Meio ambiente' });
      await information.getByLabel('Título').fill('Coleta de óleo de cozinha usado');
      await information.getByLabel('Texto', { exact: true }).fill('<p>Ecopontos recebem óleo usado em garrafas PET.</p><script>alert(1)</script>');
      await information.getByLabel('Solução Proposta', { exact: true }).fill('<p>Levar o óleo frio em garrafa fechada ao ecoponto mais próximo.</p>');
      await information.getByLabel('Palavras-chave').fill('óleo, ecoponto');
      await information.getByRole('button', { name: 'Salvar' }).click();
      await page.getByRole('status').filter({ hasText: 'Informação “Coleta de óleo de cozinha usado” criada' }).waitFor();

      await page.getByRole('tab', { name: 'Tipos de solicitação' }).click();
      await page.getByRole('button', { name: 'Novo tipo de solicitação' }).click();
      const type = page.getByRole('dialog', { name: 'Novo tipo de solicitação' });
      await type.getByLabel('Sessão').selectOption({ label: 'Meio ambiente' });
      await type.getByLabel('Órgão').selectOption({ index: 1 });
      await type.getByLabel('Nome').fill('Retirada de óleo em condomínio');
      await type.getByLabel('Prazo (horas)').fill('120');
      await type.getByLabel('Janela de reinício').selectOption({ label: '72 horas' });
      await type.getByLabel('Orientação ao Operador', { exact: true }).fill('<p>Confirme o volume aproximado.</p>');
      const schemaField = type.getByLabel('Esquema do formulário (JSON Schema)');
      await schemaField.fill(JSON.stringify({ type: 'object', properties: { litros: { type: 'integr', title: 'Litros' } } }));
      await type.getByRole('button', { name: 'Validar' }).click();
      await type.getByText(/Esquema inválido: o campo "litros" tem tipo "integr"/).first().waitFor();

      await schemaField.fill(
        JSON.stringify({
          type: 'object',
          required: ['litros'],
          properties: {
            litros: { type: 'integer', title: 'Litros aproximados', minimum: 1 },
            bloco: { type: 'string', title: 'Bloco ou torre', enum: ['A', 'B', 'C'], 'x-widget': 'select' },
          },
        }),
      );
      const preview = type.getByRole('region', { name: 'Pré-visualização' });
      await preview.getByRole('spinbutton', { name: /Litros aproximados/ }).waitFor();
      await preview.getByRole('combobox', { name: /Bloco ou torre/ }).waitFor();
      await type.getByRole('button', { name: 'Salvar' }).click();
      await page.getByRole('status').filter({ hasText: 'Tipo de solicitação “Retirada de óleo em condomínio” criado' }).waitFor();

      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Receptivo' }).click();
      const search = page.getByRole('search', { name: 'Pesquisar na base de conhecimento' });
      await search.getByLabel('Busca', { exact: true }).fill('oleo cozinha');
      await search.getByRole('button', { name: 'Lupa' }).click();
      const result = page.getByRole('list', { name: 'Resultados da busca' }).getByRole('listitem').first();
      expect(await result.innerText()).toContain('Coleta de óleo de cozinha usado');
      await page.getByRole('button', { name: 'Voltar às sessões' }).click();
      await page.getByRole('button', { name: 'Meio ambiente' }).click();
      await page.getByRole('list', { name: 'Solicitações' }).getByRole('button', { name: 'Retirada de óleo em condomínio' }).click();
      await page.getByText('Prazo: 120 horas').waitFor();
    });
  });
});
