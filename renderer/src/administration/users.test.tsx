import { screen, waitFor, within } from '@testing-library/react';
import type { IssuedPassword } from '@receptivo/shared';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession, user as makeUser } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());

const maria = makeUser({
  id: '0c9e6a52-1f3b-4d7a-8e2c-5b6a7d8e9f10',
  username: 'maria.silva',
  name: 'Maria Silva',
  role: 'attendant',
  extension: '1001',
});
const carlos = makeUser({
  id: '0c9e6a52-1f3b-4d7a-8e2c-5b6a7d8e9f11',
  username: 'carlos.lima',
  name: 'Carlos Lima',
  role: 'supervisor',
  active: false,
});

function openAsAdmin(routes: Parameters<typeof fakeServer>[0] = {}) {
  storeSession(loginResponse('admin'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('admin') },
    'GET /api/users': { status: 200, body: { items: [maria, carlos], total: 2 } },
    ...routes,
  });
  return { server, user: renderApp('/administracao') };
}

const rowOf = async (text: string) => (await screen.findByRole('cell', { name: text })).closest('tr') as HTMLElement;

test('the admin sees the users of the desk in the "Usuários" tab', async () => {
  openAsAdmin();

  expect(await screen.findByRole('tab', { name: 'Usuários' })).toHaveAttribute('aria-selected', 'true');
  const row = await rowOf('maria.silva');
  expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
    'maria.silva',
    'Maria Silva',
    'Atendente',
    '1001',
    'Ativo',
    'EditarRedefinir senha',
  ]);
  expect(within(await rowOf('carlos.lima')).getByText('Inativo')).toBeInTheDocument();
  expect(within(await rowOf('carlos.lima')).getByText('Supervisor')).toBeInTheDocument();
  expect(screen.getByText('2 usuários')).toBeInTheDocument();
});

test('a supervisor sees Administração without user management', async () => {
  storeSession(loginResponse('supervisor'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('supervisor') },
    'GET /api/knowledge/organs': { status: 200, body: { items: [] } },
  });

  renderApp('/administracao');

  expect(screen.getByRole('heading', { level: 1, name: 'Administração' })).toBeInTheDocument();
  expect(screen.getByRole('tab', { name: 'Órgãos' })).toHaveAttribute('aria-selected', 'true');
  expect(screen.queryByRole('tab', { name: 'Usuários' })).not.toBeInTheDocument();
  await waitFor(() => expect(server.calls('GET /api/auth/me')).toHaveLength(1));
  expect(server.calls('GET /api/users')).toHaveLength(0);
});

test('a back office user is created with the organ whose requests it works', async () => {
  const obras = { id: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', name: 'Secretaria de Obras', acronym: 'SIURB', active: true };
  const ana = makeUser({ id: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d', username: 'ana.obras', name: 'Ana Obras', role: 'backoffice' });
  const { server, user } = openAsAdmin({
    'GET /api/organs': { status: 200, body: { items: [obras] } },
    'POST /api/users': { status: 201, body: { user: { ...ana, organ: { id: obras.id, name: obras.name } }, password: 'Zz9-aa8-Bb7' } },
  });
  await rowOf('maria.silva');

  await user.click(screen.getByRole('button', { name: 'Novo usuário' }));
  const form = screen.getByRole('dialog', { name: 'Novo usuário' });
  expect(within(form).queryByLabelText('Órgão')).not.toBeInTheDocument();
  await user.type(within(form).getByLabelText('Usuário'), 'ana.obras');
  await user.type(within(form).getByLabelText('Nome'), 'Ana Obras');
  await user.selectOptions(within(form).getByLabelText('Perfil'), 'Retaguarda');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));
  expect(await within(form).findByText('Escolha o órgão em que o usuário de retaguarda trabalha.')).toBeInTheDocument();
  expect(server.calls('POST /api/users')).toHaveLength(0);

  await user.selectOptions(within(form).getByLabelText('Órgão'), 'Secretaria de Obras');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));
  await screen.findByRole('dialog', { name: 'Usuário criado' });
  expect(server.calls('POST /api/users')[0].body).toEqual({ username: 'ana.obras', name: 'Ana Obras', role: 'backoffice', extension: null, organId: obras.id });
});

test('creating a user shows the generated password once', async () => {
  const joao = makeUser({
    id: '0c9e6a52-1f3b-4d7a-8e2c-5b6a7d8e9f12',
    username: 'joao.souza',
    name: 'João Souza',
    role: 'attendant',
    extension: '1002',
  });
  const issued: IssuedPassword = { user: joao, password: 'Kq7-vT2m-9XbL' };
  const { server, user } = openAsAdmin({ 'POST /api/users': { status: 201, body: issued } });
  await rowOf('maria.silva');

  await user.click(screen.getByRole('button', { name: 'Novo usuário' }));
  const form = screen.getByRole('dialog', { name: 'Novo usuário' });
  await user.type(within(form).getByLabelText('Usuário'), 'Joao.Souza');
  await user.type(within(form).getByLabelText('Nome'), 'João Souza');
  await user.selectOptions(within(form).getByLabelText('Perfil'), 'Atendente');
  await user.type(within(form).getByLabelText('Ramal'), '1002');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  const shown = await screen.findByRole('dialog', { name: 'Usuário criado' });
  expect(within(shown).getByTestId('issued-password')).toHaveTextContent('Kq7-vT2m-9XbL');
  expect(within(shown).getByTestId('issued-password')).toHaveFocus();
  expect(within(shown).getByText(/não será exibida novamente/)).toBeInTheDocument();
  expect(server.calls('POST /api/users')[0].body).toEqual({
    username: 'joao.souza',
    name: 'João Souza',
    role: 'attendant',
    extension: '1002',
  });

  await user.click(within(shown).getByRole('button', { name: 'Concluir' }));

  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(screen.queryByText('Kq7-vT2m-9XbL')).not.toBeInTheDocument();
  expect(screen.getByRole('status')).toHaveTextContent('Usuário joao.souza criado.');
  expect(within(await rowOf('joao.souza')).getByText('João Souza')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Novo usuário' })).toHaveFocus();
});

test('a taken username shows the conflict message beside the field', async () => {
  const { user } = openAsAdmin({
    'POST /api/users': apiError(409, 'CONFLICT', 'Já existe um usuário com este login.', {
      username: 'Já existe um usuário com este login.',
    }),
  });
  await rowOf('maria.silva');

  await user.click(screen.getByRole('button', { name: 'Novo usuário' }));
  const form = screen.getByRole('dialog', { name: 'Novo usuário' });
  await user.type(within(form).getByLabelText('Usuário'), 'maria.silva');
  await user.type(within(form).getByLabelText('Nome'), 'Maria Silva');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() =>
    expect(within(form).getByLabelText('Usuário')).toHaveAccessibleDescription(
      expect.stringContaining('Já existe um usuário com este login.'),
    ),
  );
  expect(within(form).getByLabelText('Usuário')).toHaveAttribute('aria-invalid', 'true');
  expect(within(form).getByRole('button', { name: 'Salvar' })).toBeEnabled();
});

test('a conflict without a field is shown in the alert of the form', async () => {
  const { server, user } = openAsAdmin({
    [`PATCH /api/users/${maria.id}`]: apiError(409, 'CONFLICT', 'O ramal 1005 já está em uso por Carlos Lima.'),
  });

  await user.click(within(await rowOf('maria.silva')).getByRole('button', { name: 'Editar' }));
  const form = screen.getByRole('dialog', { name: 'Editar usuário maria.silva' });
  expect(within(form).getByLabelText('Nome')).toHaveValue('Maria Silva');
  await user.clear(within(form).getByLabelText('Ramal'));
  await user.type(within(form).getByLabelText('Ramal'), '1005');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  expect(await within(form).findByRole('alert')).toHaveTextContent('O ramal 1005 já está em uso por Carlos Lima.');
  expect(server.calls(`PATCH /api/users/${maria.id}`)[0].body).toEqual({ extension: '1005' });
});

test('editing sends only what changed and updates the table', async () => {
  const { server, user } = openAsAdmin({
    [`PATCH /api/users/${maria.id}`]: (request) => ({
      status: 200,
      body: { ...maria, ...(request.body as object) },
    }),
  });

  await user.click(within(await rowOf('maria.silva')).getByRole('button', { name: 'Editar' }));
  const form = screen.getByRole('dialog', { name: 'Editar usuário maria.silva' });
  await user.selectOptions(within(form).getByLabelText('Perfil'), 'Supervisor');
  await user.clear(within(form).getByLabelText('Ramal'));
  await user.click(within(form).getByLabelText('Ativo'));
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls(`PATCH /api/users/${maria.id}`)[0].body).toEqual({
    role: 'supervisor',
    extension: null,
    active: false,
  });
  const row = await rowOf('maria.silva');
  expect(within(row).getByText('Supervisor')).toBeInTheDocument();
  expect(within(row).getByText('Inativo')).toBeInTheDocument();
  expect(screen.getByRole('status')).toHaveTextContent('Usuário maria.silva atualizado.');
});

test('resetting a password asks first, then shows the new password once', async () => {
  const { server, user } = openAsAdmin({
    [`POST /api/users/${maria.id}/reset-password`]: {
      status: 200,
      body: { user: maria, password: 'Zr4-pW8n-2HcQ' },
    },
  });

  await user.click(within(await rowOf('maria.silva')).getByRole('button', { name: 'Redefinir senha' }));
  const confirm = screen.getByRole('dialog', { name: 'Redefinir senha' });
  expect(confirm).toHaveTextContent('A senha atual deixará de funcionar.');
  expect(server.calls(`POST /api/users/${maria.id}/reset-password`)).toHaveLength(0);

  await user.click(within(confirm).getByRole('button', { name: 'Gerar nova senha' }));

  const shown = await screen.findByRole('dialog', { name: 'Senha redefinida' });
  expect(within(shown).getByTestId('issued-password')).toHaveTextContent('Zr4-pW8n-2HcQ');
  await user.click(within(shown).getByRole('button', { name: 'Concluir' }));
  expect(screen.queryByText('Zr4-pW8n-2HcQ')).not.toBeInTheDocument();
});

test('cancelling the reset changes nothing', async () => {
  const { server, user } = openAsAdmin();

  await user.click(within(await rowOf('maria.silva')).getByRole('button', { name: 'Redefinir senha' }));
  await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancelar' }));

  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(server.calls(`POST /api/users/${maria.id}/reset-password`)).toHaveLength(0);
});
