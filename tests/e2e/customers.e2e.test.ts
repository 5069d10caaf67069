import type { Page } from 'playwright-core';
import { withPage } from '../support/browser';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

/** An attendant registers a citizen and finds them again the ways callers give their data. */
describe('customers in Chromium', () => {
  let desk: DeskFixture;

  beforeAll(async () => {
    desk = await startDesk();
  });
  afterAll(() => desk?.close());

  const results = (page: Page) => page.getByRole('table', { name: 'Clientes encontrados' });

  async function searchBy(page: Page, label: string, value: string) {
    const form = page.getByRole('search', { name: 'Pesquisar clientes' });
    await form.getByRole('button', { name: 'Limpar' }).click();
    await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole('button', { name: 'Pesquisar' }).click();
  }

  it('registers a person with two phones, makes the second primary, and finds them by phone and CPF', async () => {
    await withPage(desk.browser, 'customers-register-and-find', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Clientes' }).click();
      await page.getByRole('button', { name: 'Novo' }).click();

      await page.getByRole('heading', { name: 'Novo cliente', level: 1 }).waitFor();
      await page.getByLabel('Nome completo').fill('Glória Assunção Teixeira');
      await page.getByLabel('CPF', { exact: true }).fill('46958933206');
      await page.getByLabel('E-mail').fill('gloria.teixeira@example.com');
      for (const number of ['(11) 96543-2100', '11 3456-7890']) {
        await page.getByLabel('Telefone', { exact: true }).fill(number);
        await page.getByRole('button', { name: 'Adicionar telefone' }).click();
      }
      await page.getByRole('button', { name: 'Salvar' }).click();

      await page.getByRole('heading', { name: 'Glória Assunção Teixeira', level: 1 }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Cliente cadastrado.' }).waitFor();
      await page.getByText('CPF 469.589.332-06').waitFor();

      await page.getByRole('tab', { name: 'Telefone' }).click();
      const second = page.getByRole('row').filter({ hasText: '(11) 3456-7890' });
      await second.getByRole('button', { name: 'Tornar principal' }).click();
      await page.getByRole('status').filter({ hasText: '(11) 3456-7890 agora é o telefone principal.' }).waitFor();
      await second.getByText('Principal').waitFor();
      expect(await page.getByRole('row').filter({ hasText: '(11) 96543-2100' }).getByText('Principal', { exact: true }).count()).toBe(0);

      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Clientes' }).click();
      // The primary phone typed as a caller gives it: with +55, without the dash.
      await searchBy(page, 'Telefone', '+55 11 34567890');
      const byPhone = results(page).getByRole('row').filter({ hasText: 'Glória Assunção Teixeira' });
      await byPhone.waitFor();
      expect(await byPhone.innerText()).toContain('(11) 3456-7890');

      for (const cpf of ['469.589.332-06', '46958933206']) {
        await searchBy(page, 'CPF/CNPJ', cpf);
        // Lists show the CPF masked; the search takes it whole.
        await results(page).getByRole('row').filter({ hasText: '***.589.332-**' }).waitFor();
      }

      await searchBy(page, 'Busca', 'gloria assuncao');
      await results(page).getByRole('row').filter({ hasText: 'Glória Assunção Teixeira' }).getByRole('link', { name: 'Editar' }).click();
      await page.getByRole('heading', { name: 'Glória Assunção Teixeira', level: 1 }).waitFor();
    });
  });

  it('refuses an invalid CPF beside the field and a duplicate CPF with the server message', async () => {
    await withPage(desk.browser, 'customers-bad-input', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      await page.goto(`${desk.server.url}/clientes/novo`);
      await page.getByLabel('Nome completo').fill('Pessoa Repetida');
      await page.getByLabel('CPF', { exact: true }).fill('469.589.332-07');
      await page.getByRole('button', { name: 'Salvar' }).click();
      await page.getByText('CPF inválido: confira os dígitos.').waitFor();

      await page.getByLabel('CPF', { exact: true }).fill('469.589.332-06');
      await page.getByRole('button', { name: 'Salvar' }).click();
      await page.getByText('CPF/CNPJ já cadastrado.').waitFor();
      expect(new URL(page.url()).pathname).toBe('/clientes/novo');
    });
  });

  it('an admin finds who opened a customer found by CPF, from which screen, and exports the list', async () => {
    await withPage(desk.browser, 'customers-access-audit', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Clientes' }).click();
      await searchBy(page, 'CPF/CNPJ', '390.533.447-05');
      const row = results(page).getByRole('row').filter({ hasText: 'Beatriz Lima' });
      await row.getByText('***.533.447-**').waitFor();
      expect(await results(page).innerText()).not.toContain('390.533.447-05');
      await row.getByRole('link', { name: 'Editar' }).click();
      await page.getByText('CPF 390.533.447-05').waitFor();
    });

    await withPage(desk.browser, 'customers-access-audit-admin', async (page) => {
      await desk.signIn(page, desk.credentials.admin.username, desk.credentials.admin.password);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administração' }).click();
      await page.getByRole('tab', { name: 'Acessos a dados' }).click();
      const filters = page.getByRole('form', { name: 'Filtros de acessos' });
      await filters.getByLabel('CPF/CNPJ do cliente').fill('39053344705');
      await filters.getByRole('button', { name: 'Pesquisar' }).click();
      await page.getByText('1 acesso', { exact: true }).waitFor();
      const access = page.getByRole('table', { name: 'Acessos a dados de clientes' }).getByRole('row').filter({ hasText: 'Beatriz Lima' });
      expect(await access.getByRole('cell').allInnerTexts()).toEqual([
        expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/),
        'Beatriz Lima',
        '***.533.447-**',
        expect.any(String),
        expect.stringMatching(/^\/clientes\/[0-9a-f-]{36}$/),
        'GET /api/customers/:id',
      ]);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exportar CSV' }).click()]);
      const csv = await new Promise<string>((resolve, reject) => {
        download.createReadStream().then((stream) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          stream.on('error', reject);
        }, reject);
      });
      expect(csv.trimEnd().split('\r\n')).toEqual([
        '\uFEFFData e hora (Brasília);Cliente;CPF/CNPJ;Usuário;Rota;Tela',
        expect.stringMatching(/;Beatriz Lima;\*\*\*\.533\.447-\*\*;.+;GET \/api\/customers\/:id;\/clientes\/[0-9a-f-]{36}$/),
      ]);
    });
  });
});
