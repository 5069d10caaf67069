import { screen, waitFor, within } from '@testing-library/react';
import type { IssuedOpen311Key, Open311Client } from '@receptivo/shared';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());

const colab: Open311Client = {
  id: '5a1b2c3d-4e5f-4a6b-8c7d-000000000001',
  name: 'Colab Cidade',
  active: true,
  createdAt: '2026-11-02T13:15:00.000Z',
  createdBy: 'Administrador do Sistema',
  lastUsedAt: '2026-12-04T18:40:00.000Z',
};
const paused: Open311Client = { ...colab, id: '5a1b2c3d-4e5f-4a6b-8c7d-000000000002', name: 'Zeladoria Já', active: false, lastUsedAt: null };

function openPanel(routes: Parameters<typeof fakeServer>[0] = {}) {
  storeSession(loginResponse('admin'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('admin') },
    'GET /api/users': { status: 200, body: { items: [], total: 0 } },
    'GET /api/open311-clients': { status: 200, body: { items: [colab, paused] } },
    ...routes,
  });
  const user = renderApp('/administracao');
  return { server, user };
}

async function showTab(user: ReturnType<typeof openPanel>['user']) {
  await user.click(await screen.findByRole('tab', { name: 'Aplicativos Open311' }));
  return screen.findByRole('table', { name: 'Aplicativos Open311 cadastrados' });
}

const rowOf = (table: HTMLElement, name: string) => within(table).getByRole('cell', { name }).closest('tr') as HTMLElement;

test('the admin sees the registered applications, whether each is active and when it last posted', async () => {
  const { user } = openPanel();
  const table = await showTab(user);

  const cells = within(rowOf(table, 'Colab Cidade')).getAllByRole('cell').map((cell) => cell.textContent);
  expect(cells[0]).toBe('Colab Cidade');
  expect(cells[1]).toBe('Ativo');
  expect(cells[2]).toMatch(/^\d{2}\/11\/2026 \d{2}:15 por Administrador do Sistema$/);
  expect(cells[3]).toMatch(/^0?\d\/12\/2026 \d{2}:40$/);
  expect(cells[4]).toBe('Desativar');
  expect(within(rowOf(table, 'Zeladoria Já')).getAllByRole('cell').map((cell) => cell.textContent).slice(1, 5)).toEqual([
    'Inativo',
    expect.stringContaining('por Administrador do Sistema'),
    'Nunca',
    'Reativar',
  ]);
  expect(screen.getByText('2 aplicativos')).toBeInTheDocument();
});

test('registering an application shows its key once, with a copy button, and lists it', async () => {
  const created: Open311Client = { ...colab, id: '5a1b2c3d-4e5f-4a6b-8c7d-000000000003', name: 'Cidade Atenta', lastUsedAt: null };
  const issued: IssuedOpen311Key = { client: created, apiKey: 'k3y-Gerada-Uma-Vez_0123456789abcdefghijklmnopq' };
  const { server, user } = openPanel({ 'POST /api/open311-clients': { status: 201, body: issued } });
  await showTab(user);

  await user.click(screen.getByRole('button', { name: 'Novo aplicativo' }));
  const form = screen.getByRole('dialog', { name: 'Novo aplicativo Open311' });
  await user.click(within(form).getByRole('button', { name: 'Cadastrar' }));
  expect(await within(form).findByText('Informe o nome do aplicativo.')).toBeInTheDocument();
  expect(server.calls('POST /api/open311-clients')).toHaveLength(0);

  await user.type(within(form).getByLabelText('Nome do aplicativo'), 'Cidade Atenta');
  await user.click(within(form).getByRole('button', { name: 'Cadastrar' }));
  const shown = await screen.findByRole('dialog', { name: 'Aplicativo cadastrado' });
  expect(server.calls('POST /api/open311-clients')[0].body).toEqual({ name: 'Cidade Atenta' });
  expect(within(shown).getByTestId('issued-api-key')).toHaveTextContent(issued.apiKey);
  expect(within(shown).getByTestId('issued-api-key')).toHaveFocus();
  expect(within(shown).getByText(/não será exibida novamente/)).toBeInTheDocument();

  await user.click(within(shown).getByRole('button', { name: 'Copiar' }));
  expect(await within(shown).findByText('Chave copiada para a área de transferência.')).toBeInTheDocument();
  expect(await navigator.clipboard.readText()).toBe(issued.apiKey);

  await user.click(within(shown).getByRole('button', { name: 'Concluir' }));
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(screen.queryByText(issued.apiKey)).not.toBeInTheDocument();
  expect(screen.getByRole('status', { name: '' })).toHaveTextContent('Cidade Atenta cadastrado.');
  const table = screen.getByRole('table', { name: 'Aplicativos Open311 cadastrados' });
  expect(within(rowOf(table, 'Cidade Atenta')).getByText('Nunca')).toBeInTheDocument();
  expect(screen.getByText('3 aplicativos')).toBeInTheDocument();
});

test('a name already taken is told beside the field, and the dialog keeps what was typed', async () => {
  const { user } = openPanel({
    'POST /api/open311-clients': apiError(409, 'CONFLICT', 'Já existe um aplicativo com este nome.', { name: 'Já existe um aplicativo com este nome.' }),
  });
  await showTab(user);
  await user.click(screen.getByRole('button', { name: 'Novo aplicativo' }));
  const form = screen.getByRole('dialog', { name: 'Novo aplicativo Open311' });
  await user.type(within(form).getByLabelText('Nome do aplicativo'), 'colab cidade');
  await user.click(within(form).getByRole('button', { name: 'Cadastrar' }));
  await waitFor(() =>
    expect(within(form).getByLabelText('Nome do aplicativo')).toHaveAccessibleDescription(expect.stringContaining('Já existe um aplicativo com este nome.')),
  );
  expect(within(form).getByLabelText('Nome do aplicativo')).toHaveValue('colab cidade');
});

test('deactivating asks first and turns the row inactive; reactivating brings it back', async () => {
  const { server, user } = openPanel({
    'PATCH /api/open311-clients/5a1b2c3d-4e5f-4a6b-8c7d-000000000001': ({ body }) => ({ status: 200, body: { ...colab, ...(body as object) } }),
    'PATCH /api/open311-clients/5a1b2c3d-4e5f-4a6b-8c7d-000000000002': ({ body }) => ({ status: 200, body: { ...paused, ...(body as object) } }),
  });
  const table = await showTab(user);

  await user.click(within(rowOf(table, 'Colab Cidade')).getByRole('button', { name: 'Desativar' }));
  const confirm = screen.getByRole('dialog', { name: 'Desativar Colab Cidade?' });
  expect(within(confirm).getByText(/deixa de ser aceita na hora/)).toBeInTheDocument();
  await user.click(within(confirm).getByRole('button', { name: 'Cancelar' }));
  expect(server.calls('PATCH /api/open311-clients/5a1b2c3d-4e5f-4a6b-8c7d-000000000001')).toHaveLength(0);

  await user.click(within(rowOf(table, 'Colab Cidade')).getByRole('button', { name: 'Desativar' }));
  await user.click(within(screen.getByRole('dialog', { name: 'Desativar Colab Cidade?' })).getByRole('button', { name: 'Desativar' }));
  await waitFor(() => expect(within(rowOf(table, 'Colab Cidade')).getByText('Inativo')).toBeInTheDocument());
  expect(server.calls('PATCH /api/open311-clients/5a1b2c3d-4e5f-4a6b-8c7d-000000000001')[0].body).toEqual({ active: false });
  expect(screen.getByText('Colab Cidade desativado: a chave dele não é mais aceita.')).toBeInTheDocument();

  await user.click(within(rowOf(table, 'Zeladoria Já')).getByRole('button', { name: 'Reativar' }));
  await waitFor(() => expect(within(rowOf(table, 'Zeladoria Já')).getByText('Ativo')).toBeInTheDocument());
  expect(server.calls('PATCH /api/open311-clients/5a1b2c3d-4e5f-4a6b-8c7d-000000000002')[0].body).toEqual({ active: true });
  expect(screen.getByText('Zeladoria Já reativado: a mesma chave volta a ser aceita.')).toBeInTheDocument();
});

test('a supervisor has no Open311 applications tab', async () => {
  storeSession(loginResponse('supervisor'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('supervisor') },
    'GET /api/knowledge/organs': { status: 200, body: { items: [] } },
  });
  renderApp('/administracao');
  expect(await screen.findByRole('tab', { name: 'Órgãos' })).toBeInTheDocument();
  expect(screen.queryByRole('tab', { name: 'Aplicativos Open311' })).not.toBeInTheDocument();
  expect(server.calls('GET /api/open311-clients')).toHaveLength(0);
});
