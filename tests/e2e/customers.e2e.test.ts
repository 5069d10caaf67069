import type { Page } from 'playwright-core';
import { type CustomerList, attendanceSchema, formatProtocol } from '@receptivo/shared';
import { axeViolations } from '../support/accessibility';
import { CALL_CENTER_SCREEN, withPage } from '../support/browser';
import { signedInApi } from '../support/server-api';
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

  it('at 1366×768, a CPF already registered in Novo cliente leads to the existing record', async () => {
    await withPage(
      desk.browser,
      'customers-existing-record',
      async (page) => {
        await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
        await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Clientes' }).click();
        await page.getByRole('button', { name: 'Novo' }).click();
        await page.getByRole('heading', { name: 'Novo cliente', level: 1 }).waitFor();

        // Fernanda Rocha (seeded) has this CPF; the number goes in before the document is refused.
        await page.getByLabel('Nome completo').fill('Fernanda R.');
        await page.getByLabel('CPF', { exact: true }).fill('');
        await page.getByRole('button', { name: 'Salvar' }).click();
        await page.getByText('Informe o CPF.').waitFor();
        await page.getByLabel('CPF', { exact: true }).fill('71428793860');
        await page.getByLabel('Telefone', { exact: true }).fill('(00) 1234-5678');
        await page.getByText('DDD 00 não existe: confira o código de área.').waitFor();
        await page.getByLabel('Telefone', { exact: true }).fill('(11) 91234-5678');
        await page.getByRole('button', { name: 'Adicionar telefone' }).click();
        await page.getByLabel('Telefone', { exact: true }).fill('+55 11 91234-5678');
        await page.getByRole('button', { name: 'Adicionar telefone' }).click();
        await page.getByText('Este telefone já está na lista.').waitFor();
        expect(await page.getByRole('list', { name: 'Telefones a cadastrar' }).getByRole('listitem').count()).toBe(1);
        await page.getByLabel('Telefone', { exact: true }).fill('');

        await page.getByRole('button', { name: 'Salvar' }).click();
        await page.getByText('CPF/CNPJ já cadastrado.').waitFor();
        const existing = page.getByRole('link', { name: 'Abrir cadastro existente' });
        expect(await existing.isVisible()).toBe(true);
        // The refused form with its way out is a state of the screen: axe-core clean like the rest.
        expect(await axeViolations(page)).toEqual([]);
        await existing.click();

        await page.getByRole('heading', { name: 'Fernanda Rocha', level: 1 }).waitFor();
        await page.getByText('CPF 714.287.938-60').waitFor();
        expect(new URL(page.url()).pathname).toMatch(/^\/clientes\/[0-9a-f-]{36}$/);
      },
      CALL_CENTER_SCREEN,
    );
  });

  it('at 1366×768, Atendimentos finds a customer’s attendance by CPF and by phone, typed with or without punctuation', async () => {
    // Earlier calls of Carlos Souza (seeded: CPF 529.982.247-25, phone (11) 95555-4444) and of Maria Silva.
    const api = await signedInApi(desk.server.url, desk.credentials.attendant);
    const attendanceOf = async (customerQuery: string) => {
      const customer = (await api<CustomerList>('GET', `/api/customers?${customerQuery}`)).items[0];
      const attendance = attendanceSchema.parse(await api('POST', '/api/attendances', { channel: 'phone' }));
      await api('PUT', `/api/attendances/${attendance.id}/customer`, { customerId: customer.id });
      await api('POST', `/api/attendances/${attendance.id}/finish`, { sendScript: false });
      return attendance;
    };
    const carlos = await attendanceOf('document=52998224725');
    const maria = await attendanceOf('phone=11987654321');

    await withPage(
      desk.browser,
      'attendances-by-cpf',
      async (page) => {
        await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
        await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Atendimentos' }).click();
        const form = page.getByRole('search', { name: 'Pesquisar atendimentos' });
        const found = page.getByRole('table', { name: 'Atendimentos encontrados' });
        const rowOf = (attendance: { protocol: string }) => found.getByRole('row').filter({ hasText: formatProtocol(attendance.protocol) });
        const search = async (typed: string) => {
          await form.getByLabel('Busca', { exact: true }).fill(typed);
          await form.getByRole('button', { name: 'Pesquisar' }).click();
        };
        for (const typed of ['529.982.247-25', '52998224725', '(11) 95555-4444', '+55 11 955554444']) {
          // Maria's attendance alone first, so the next list is the answer to this search.
          await search('11987654321');
          await rowOf(maria).waitFor();
          await rowOf(carlos).waitFor({ state: 'detached' });
          await search(typed);
          await rowOf(carlos).waitFor();
          await rowOf(maria).waitFor({ state: 'detached' });
          expect(await rowOf(carlos).innerText()).toContain('Carlos Souza');
        }
      },
      CALL_CENTER_SCREEN,
    );
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
