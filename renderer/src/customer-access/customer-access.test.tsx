import { screen, waitFor, within } from '@testing-library/react';
import type { CustomerAccess } from '@receptivo/shared';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession, user as makeUser } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => jest.restoreAllMocks());

const maria = makeUser({ id: '0c9e6a52-1f3b-4d7a-8e2c-5b6a7d8e9f10', username: 'maria.silva', name: 'Maria Silva', role: 'attendant', extension: '1001' });
const customerId = '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c01';

const access = (index: number, overrides: Partial<CustomerAccess> = {}): CustomerAccess => ({
  id: `7a1b2c3d-4e5f-4a6b-8c7d-${String(index).padStart(12, '0')}`,
  accessedAt: new Date(Date.UTC(2026, 11, 4, 13, 0, index)).toISOString(),
  customer: { id: customerId, name: 'Lúcia Auditada', document: '***.660.197-**' },
  user: { id: maria.id, name: 'Maria Silva' },
  route: 'GET /api/customers/:id',
  screen: `/clientes/${customerId}`,
  ...overrides,
});

function openAudit(routes: Parameters<typeof fakeServer>[0] = {}) {
  storeSession(loginResponse('admin'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('admin') },
    'GET /api/users': { status: 200, body: { items: [maria], total: 1 } },
    'GET /api/customer-access': ({ query }) => ({
      status: 200,
      body:
        query.page === '2'
          ? { items: [access(0, { screen: null, route: 'GET /api/customers/:id/history' })], total: 51 }
          : { items: Array.from({ length: 50 }, (_, index) => access(50 - index)), total: 51 },
    }),
    ...routes,
  });
  const user = renderApp('/administracao');
  return { server, user };
}

/** jsdom has no object URLs nor downloads: record what would have been saved. */
function captureDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = jest.fn((blob: Blob) => {
    const url = `blob:fake/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = jest.fn();
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href') ?? '') as Blob });
  });
  return saved;
}

test('the admin reads who saw customer data, the latest first, page by page', async () => {
  const { server, user } = openAudit();
  await user.click(await screen.findByRole('tab', { name: 'Acessos a dados' }));

  const table = await screen.findByRole('table', { name: 'Acessos a dados de clientes' });
  const rows = within(table).getAllByRole('row');
  expect(rows).toHaveLength(1 + 50);
  expect(within(rows[1]).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
    expect.stringMatching(/^\d{2}\/12\/2026 \d{2}:\d{2}:50$/),
    'Lúcia Auditada',
    '***.660.197-**',
    'Maria Silva',
    `/clientes/${customerId}`,
    'GET /api/customers/:id',
  ]);
  expect(screen.getByText('51 acessos')).toBeInTheDocument();
  expect(server.calls('GET /api/customer-access')[0].query).toEqual({ page: '1', pageSize: '50' });
  // The audit's own reads name the screen they come from, as every call of the desk does.
  expect(server.calls('GET /api/customer-access')[0].headers['X-Receptivo-Screen']).toBe('/administracao');

  await user.click(screen.getByRole('button', { name: 'Próxima' }));
  expect(await screen.findByText('GET /api/customers/:id/history')).toBeInTheDocument();
  expect(screen.getByText('Página 2 de 2')).toBeInTheDocument();
  expect(screen.getByLabelText('não informada')).toBeInTheDocument();
});

test("searches one customer's accesses by the CPF a citizen gives and one user's, exports them and downloads the data report", async () => {
  const saved = captureDownloads();
  const csv = new Blob(['\uFEFFData e hora (Brasília);Cliente\r\n'], { type: 'text/csv;charset=utf-8' });
  const report = new Blob(['{"customer":{}}'], { type: 'application/json' });
  const { server, user } = openAudit({
    'GET /api/customer-access/csv': { status: 200, body: csv },
    [`GET /api/customers/${customerId}/data-report`]: { status: 200, body: report },
  });
  await user.click(await screen.findByRole('tab', { name: 'Acessos a dados' }));
  await screen.findByRole('table', { name: 'Acessos a dados de clientes' });
  expect(screen.queryByRole('link', { name: 'Relatório de dados do cliente (JSON)' })).not.toBeInTheDocument();

  await user.type(screen.getByLabelText('CPF/CNPJ do cliente'), '692.660');
  await user.click(screen.getByRole('button', { name: 'Pesquisar' }));
  expect(await screen.findByText('Informe o CPF ou CNPJ completo.')).toBeInTheDocument();
  expect(server.calls('GET /api/customer-access')).toHaveLength(1);

  await user.type(screen.getByLabelText('CPF/CNPJ do cliente'), '.197-63');
  await user.selectOptions(screen.getByLabelText('Usuário'), 'Maria Silva (maria.silva)');
  await user.click(screen.getByRole('button', { name: 'Pesquisar' }));
  await waitFor(() => expect(server.calls('GET /api/customer-access')).toHaveLength(2));
  expect(server.calls('GET /api/customer-access')[1].query).toEqual({ document: '692.660.197-63', userId: maria.id, page: '1', pageSize: '50' });
  expect(screen.queryByText('Informe o CPF ou CNPJ completo.')).not.toBeInTheDocument();

  await user.click(await screen.findByRole('link', { name: 'Exportar CSV' }));
  await waitFor(() => expect(saved).toHaveLength(1));
  expect(server.calls('GET /api/customer-access/csv')[0].query).toEqual({ document: '692.660.197-63', userId: maria.id });
  expect(saved[0]).toEqual({ name: 'acessos-a-dados-de-clientes.csv', blob: csv });

  await user.click(screen.getByRole('link', { name: 'Relatório de dados do cliente (JSON)' }));
  await waitFor(() => expect(saved).toHaveLength(2));
  expect(saved[1].blob).toBe(report);
});

test('a filter the server refuses is told beside its field, and the desk keeps the filters typed', async () => {
  const { user } = openAudit();
  await user.click(await screen.findByRole('tab', { name: 'Acessos a dados' }));
  await screen.findByRole('table', { name: 'Acessos a dados de clientes' });
  const failing = fakeServer({
    'GET /api/customer-access': apiError(400, 'VALIDATION_FAILED', 'Dados inválidos.', { to: 'A data final é anterior à inicial.' }),
  });

  await user.type(screen.getByLabelText('De'), '01122026');
  await user.click(screen.getByRole('button', { name: 'Pesquisar' }));
  expect(await screen.findByText('A data final é anterior à inicial.')).toBeInTheDocument();
  expect(failing.calls('GET /api/customer-access')).toHaveLength(1);
  expect(screen.getByLabelText('De')).toHaveValue('01/12/2026');
});

test('a supervisor has no access audit tab', async () => {
  storeSession(loginResponse('supervisor'));
  fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('supervisor') },
    'GET /api/knowledge/organs': { status: 200, body: { items: [] } },
  });
  renderApp('/administracao');
  expect(await screen.findByRole('tab', { name: 'Sessões' })).toBeInTheDocument();
  expect(screen.queryByRole('tab', { name: 'Acessos a dados' })).not.toBeInTheDocument();
});
