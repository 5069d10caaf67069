import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CustomerList } from '@receptivo/shared';
import { SessionProvider } from '../auth/SessionProvider';
import { customer, phone, summaryOf } from '../testing/customers';
import { apiError, fakeServer, loginResponse, networkDown, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { CustomerSearch } from './CustomerSearch';

beforeEach(() => localStorage.clear());

const maria = customer({
  id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c01',
  name: 'Maria da Silva',
  document: '52998224725',
  email: 'maria@example.com',
  phones: [phone('p1', '+5511987654321', '(11) 98765-4321', true)],
});
const padaria = customer({
  id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c02',
  type: 'company',
  name: 'Padaria Pão Quente Ltda',
  tradeName: 'Pão Quente',
  document: '11222333000181',
});

const listOf = (...customers: ReturnType<typeof customer>[]): CustomerList => ({
  items: customers.map(summaryOf),
  total: customers.length,
  totalCapped: false,
});

function openCustomers(routes: Parameters<typeof fakeServer>[0], path = '/clientes') {
  storeSession(loginResponse('attendant'));
  const server = fakeServer({ 'GET /api/auth/me': { status: 200, body: sessionUser('attendant') }, ...routes });
  return { server, user: renderApp(path) };
}

const resultRow = async (name: string) =>
  within(await screen.findByRole('table', { name: 'Clientes encontrados' })).getByText(name).closest('tr') as HTMLElement;

test('searching by the whole CPF sends the bare document and lists the customer with the CPF hidden but its middle, and the primary phone', async () => {
  const { server, user } = openCustomers({ 'GET /api/customers': { status: 200, body: listOf(maria) } });

  await user.type(screen.getByLabelText('CPF/CNPJ'), '52998224725');
  expect(screen.getByLabelText('CPF/CNPJ')).toHaveValue('529.982.247-25');
  await user.click(screen.getByRole('button', { name: 'Pesquisar' }));

  const row = await resultRow('Maria da Silva');
  expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
    'Maria da Silva',
    'Pessoa Física',
    '***.982.247-**',
    '(11) 98765-4321',
    'maria@example.com',
    'Editar',
  ]);
  expect(server.calls('GET /api/customers')[0].query).toEqual({ document: '52998224725' });
  expect(screen.getByText('1 cliente')).toBeInTheDocument();
  expect(window.location.search).toBe('?document=52998224725');

  await user.click(within(row).getByRole('link', { name: 'Editar' }));
  expect(window.location.pathname).toBe(`/clientes/${maria.id}`);
});

test('the Busca field searches any field and a company shows its trade name', async () => {
  const { server, user } = openCustomers({ 'GET /api/customers': { status: 200, body: listOf(padaria) } });

  await user.type(screen.getByLabelText('Busca'), 'pão quente{Enter}');

  const row = await resultRow('Padaria Pão Quente Ltda');
  expect(within(row).getByText('Pão Quente')).toBeInTheDocument();
  expect(within(row).getByText('Pessoa Jurídica')).toBeInTheDocument();
  expect(within(row).getByText('**.222.333/0001-**')).toBeInTheDocument();
  expect(server.calls('GET /api/customers')[0].query).toEqual({ q: 'pão quente' });
});

test('an empty search asks for a search term without calling the server', async () => {
  const { server, user } = openCustomers({});

  await user.click(screen.getByRole('button', { name: 'Pesquisar' }));

  expect(screen.getByRole('alert')).toHaveTextContent('Preencha ao menos um campo de busca.');
  expect(server.calls('GET /api/customers')).toHaveLength(0);
});

test('the server refusing a search shows its message', async () => {
  const { user } = openCustomers({
    'GET /api/customers': apiError(400, 'VALIDATION_FAILED', 'Preencha ao menos um campo de busca.'),
  });

  await user.type(screen.getByLabelText('Nome'), 'Maria{Enter}');

  expect(await screen.findByRole('alert')).toHaveTextContent('Preencha ao menos um campo de busca.');
  expect(screen.queryByRole('button', { name: 'Tentar novamente' })).not.toBeInTheDocument();
});

test('nothing found offers to register a new customer', async () => {
  const { user } = openCustomers({ 'GET /api/customers': { status: 200, body: listOf() } });

  await user.type(screen.getByLabelText('Telefone'), '11 3333-4444{Enter}');

  expect(await screen.findByRole('heading', { name: 'Nenhum cliente encontrado.' })).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Cadastrar novo cliente' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'Novo cliente' })).toBeInTheDocument();
  expect(window.location.pathname).toBe('/clientes/novo');
});

test('a reload of the page runs the search kept in the URL once, and Limpar clears it', async () => {
  const { server, user } = openCustomers(
    { 'GET /api/customers': { status: 200, body: listOf(maria) } },
    '/clientes?email=maria%40example.com',
  );

  await resultRow('Maria da Silva');
  expect(screen.getByLabelText('E-mail')).toHaveValue('maria@example.com');
  expect(server.calls('GET /api/customers')).toHaveLength(1);
  expect(server.calls('GET /api/customers')[0].query).toEqual({ email: 'maria@example.com' });

  await user.click(screen.getByRole('button', { name: 'Limpar' }));

  expect(screen.getByLabelText('E-mail')).toHaveValue('');
  expect(screen.queryByRole('table')).not.toBeInTheDocument();
  expect(window.location.search).toBe('');
  expect(screen.getByLabelText('Busca')).toHaveFocus();
});

test('going back from a customer shows the same results again', async () => {
  const { server, user } = openCustomers({
    'GET /api/customers': { status: 200, body: listOf(maria) },
    [`GET /api/customers/${maria.id}`]: { status: 200, body: maria },
  });
  await user.type(screen.getByLabelText('Nome'), 'maria{Enter}');
  await user.click(within(await resultRow('Maria da Silva')).getByRole('link', { name: 'Editar' }));
  await screen.findByRole('heading', { level: 1, name: 'Maria da Silva' });

  window.history.back();

  await resultRow('Maria da Silva');
  expect(screen.getByLabelText('Nome')).toHaveValue('maria');
  expect(server.calls('GET /api/customers').map((call) => call.query)).toEqual([{ name: 'maria' }, { name: 'maria' }]);
});

test('a capped total reads "mais de" and the next page is fetched with Próxima', async () => {
  const firstPage = Array.from({ length: 20 }, (_, index) =>
    summaryOf(customer({ id: `3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2d${String(index).padStart(2, '0')}`, name: `Silva ${index}`, document: '52998224725' })),
  );
  const { server, user } = openCustomers({
    'GET /api/customers': (request) => ({
      status: 200,
      body: request.query.page === '2' ? listOf(maria) : { items: firstPage, total: 1000, totalCapped: true },
    }),
  });

  await user.type(screen.getByLabelText('Nome'), 'silva{Enter}');

  expect(await screen.findByText('mais de 1000 clientes')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Anterior' })).toBeDisabled();
  await user.click(screen.getByRole('button', { name: 'Próxima' }));

  await resultRow('Maria da Silva');
  expect(server.calls('GET /api/customers')[1].query).toEqual({ name: 'silva', page: '2' });
  expect(window.location.search).toBe('?name=silva&page=2');
});

test('an unreachable server shows the error and can be retried', async () => {
  const { user } = openCustomers({});
  networkDown();

  await user.type(screen.getByLabelText('Nome'), 'maria{Enter}');

  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Não foi possível contatar o servidor.');
  fakeServer({ 'GET /api/customers': { status: 200, body: listOf(maria) } });
  await user.click(within(alert).getByRole('button', { name: 'Tentar novamente' }));
  await resultRow('Maria da Silva');
});

describe('inside another screen', () => {
  function renderSearch(props: Parameters<typeof CustomerSearch>[0]) {
    storeSession(loginResponse('attendant'));
    const server = fakeServer({
      'GET /api/auth/me': { status: 200, body: sessionUser('attendant') },
      'GET /api/customers': (request) => ({
        status: 200,
        body: request.query.phone === '11987654321' ? listOf(maria) : listOf(padaria),
      }),
    });
    const user = userEvent.setup();
    const view = render(
      <SessionProvider>
        <CustomerSearch {...props} />
      </SessionProvider>,
    );
    const rerender = (next: Parameters<typeof CustomerSearch>[0]) =>
      view.rerender(
        <SessionProvider>
          <CustomerSearch {...next} />
        </SessionProvider>,
      );
    return { server, user, rerender };
  }

  test('a prefilled query runs at once, each row gets the caller action, and a new query runs again', async () => {
    const linked: string[] = [];
    const renderActions = (found: { id: string; name: string }) => (
      <button type="button" onClick={() => linked.push(found.id)}>
        Vincular
      </button>
    );
    const { server, user, rerender } = renderSearch({
      initialQuery: { phone: '11987654321' },
      autoRun: true,
      renderActions,
    });

    const row = await resultRow('Maria da Silva');
    expect(screen.getByLabelText('Telefone')).toHaveValue('11987654321');
    await user.click(within(row).getByRole('button', { name: 'Vincular' }));
    expect(linked).toEqual([maria.id]);

    rerender({ initialQuery: { document: '11.222.333/0001-81' }, autoRun: true, renderActions });

    await resultRow('Padaria Pão Quente Ltda');
    expect(screen.getByLabelText('CPF/CNPJ')).toHaveValue('11.222.333/0001-81');
    expect(screen.getByLabelText('Telefone')).toHaveValue('');
    await waitFor(() =>
      expect(server.calls('GET /api/customers').map((call) => call.query)).toEqual([
        { phone: '11987654321' },
        { document: '11222333000181' },
      ]),
    );
  });

  test('without autoRun the query only fills the fields', async () => {
    const { server } = renderSearch({ initialQuery: { name: 'Maria' } });

    expect(screen.getByLabelText('Nome')).toHaveValue('Maria');
    await waitFor(() => expect(server.calls('GET /api/auth/me')).toHaveLength(1));
    expect(server.calls('GET /api/customers')).toHaveLength(0);
  });
});
