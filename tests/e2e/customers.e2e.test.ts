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
        await results(page).getByRole('row').filter({ hasText: '469.589.332-06' }).waitFor();
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
});
