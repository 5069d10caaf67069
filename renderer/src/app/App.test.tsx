import { screen, waitFor, within } from '@testing-library/react';
import type { Role } from '@receptivo/shared';
import { sessionStorageKey } from '../auth/session-store';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());

async function logIn(role: Role, expiresInMs?: number) {
  fakeServer({ 'POST /api/auth/login': { status: 200, body: loginResponse(role, expiresInMs) } });
  const user = renderApp('/login');
  await user.type(screen.getByLabelText('Usuário'), role);
  await user.type(screen.getByLabelText('Senha'), 'senha-correta');
  await user.click(screen.getByRole('button', { name: 'Entrar' }));
  return user;
}

const menuLinks = async () =>
  within(await screen.findByRole('navigation', { name: 'Menu principal' }))
    .getAllByRole('link')
    .map((link) => link.textContent);

test('an attendant sees the attendance sections only, and lands on Receptivo', async () => {
  await logIn('attendant');

  expect(await menuLinks()).toEqual(['Receptivo', 'Atendimentos', 'Clientes']);
  expect(screen.queryByRole('link', { name: 'Supervisão' })).not.toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Administração' })).not.toBeInTheDocument();
  expect(screen.getByRole('heading', { level: 1, name: 'Receptivo' })).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Receptivo' })).toHaveAttribute('aria-current', 'page');
  expect(screen.getByText('Ana Atendente')).toBeInTheDocument();
  expect(screen.getByText('Atendente')).toBeInTheDocument();
  expect(screen.getByText('Ramal 1001')).toBeInTheDocument();
  expect(window.location.pathname).toBe('/receptivo');
});

test('an admin sees all five sections', async () => {
  await logIn('admin');

  expect(await menuLinks()).toEqual(['Receptivo', 'Atendimentos', 'Clientes', 'Supervisão', 'Administração']);
  expect(screen.getByText('Administrador')).toBeInTheDocument();
  expect(screen.queryByText(/^Ramal/)).not.toBeInTheDocument();
});

test('back office staff land on Atendimentos, their only section', async () => {
  await logIn('backoffice');

  expect(await menuLinks()).toEqual(['Atendimentos']);
  expect(screen.getByRole('heading', { level: 1, name: 'Atendimentos' })).toBeInTheDocument();
});

test('the menu moves between sections and marks the current one', async () => {
  const user = await logIn('supervisor');

  await user.click(await screen.findByRole('link', { name: 'Clientes' }));

  expect(screen.getByRole('heading', { level: 1, name: 'Clientes' })).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Clientes' })).toHaveAttribute('aria-current', 'page');
  expect(screen.getByRole('link', { name: 'Receptivo' })).not.toHaveAttribute('aria-current');
});

test('"Sair" ends the session and returns to the login page', async () => {
  const user = await logIn('attendant');

  await user.click(await screen.findByRole('button', { name: 'Sair' }));

  expect(await screen.findByRole('button', { name: 'Entrar' })).toBeInTheDocument();
  expect(screen.queryByText('Sua sessão expirou. Entre novamente.')).not.toBeInTheDocument();
  expect(localStorage.getItem(sessionStorageKey)).toBeNull();
  expect(window.location.pathname).toBe('/login');
});

test('a section the role may not see redirects to the role home', async () => {
  storeSession(loginResponse('attendant'));
  fakeServer({ 'GET /api/auth/me': { status: 200, body: sessionUser('attendant') } });

  renderApp('/administracao');

  expect(await screen.findByRole('heading', { level: 1, name: 'Receptivo' })).toBeInTheDocument();
  expect(window.location.pathname).toBe('/receptivo');
});

test('the session survives a reload and is checked with the server', async () => {
  storeSession(loginResponse('supervisor'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: { ...sessionUser('supervisor'), name: 'Sérgio Souza' } },
  });

  renderApp('/supervisao');

  expect(await screen.findByRole('heading', { level: 1, name: 'Supervisão' })).toBeInTheDocument();
  expect(await screen.findByText('Sérgio Souza')).toBeInTheDocument();
  expect(server.calls('GET /api/auth/me')[0].headers.Authorization).toBe('Bearer token-supervisor');
});

test('a token the server reports expired asks to sign in again, with a notice', async () => {
  storeSession(loginResponse('admin'));
  fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('admin') },
    'GET /api/users': apiError(401, 'TOKEN_EXPIRED', 'Sessão expirada.'),
  });

  renderApp('/administracao');

  expect(await screen.findByText('Sua sessão expirou. Entre novamente.')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Entrar' })).toBeInTheDocument();
  expect(localStorage.getItem(sessionStorageKey)).toBeNull();
});

test('when expiresAt passes, signing in again is asked over the page, which stays', async () => {
  await logIn('attendant', 400);

  // `hidden`: the page stays beneath the dialog, which keeps it inert (hidden from assistive technology).
  expect(await screen.findByRole('heading', { level: 1, name: 'Receptivo', hidden: true })).toBeInTheDocument();
  const dialog = await screen.findByRole('dialog', { name: 'Entre novamente' }, { timeout: 2000 });
  expect(within(dialog).getByText('Sua sessão expirou. Entre novamente.')).toBeInTheDocument();
  expect(screen.getByRole('navigation', { name: 'Menu principal', hidden: true })).toBeInTheDocument();
  expect(localStorage.getItem(sessionStorageKey)).toBeNull();
});

test('a stored session already past expiresAt is not used', async () => {
  storeSession(loginResponse('attendant', -1000));
  const server = fakeServer({});

  renderApp('/receptivo');

  expect(await screen.findByText('Sua sessão expirou. Entre novamente.')).toBeInTheDocument();
  expect(server.requests).toHaveLength(0);
});

test('"Alterar senha" changes the password and asks to enter again with it', async () => {
  storeSession(loginResponse('attendant'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('attendant') },
    'POST /api/auth/change-password': { status: 204 },
  });
  const user = renderApp('/receptivo');

  await user.click(screen.getByRole('button', { name: 'Alterar senha' }));
  const dialog = screen.getByRole('dialog', { name: 'Alterar senha' });
  await user.type(within(dialog).getByLabelText('Senha atual'), 'senha-antiga-1');
  await user.type(within(dialog).getByLabelText('Nova senha'), 'senha-nova-12');
  await user.type(within(dialog).getByLabelText('Confirme a senha'), 'senha-nova-12');
  await user.click(within(dialog).getByRole('button', { name: 'Salvar nova senha' }));

  expect(await screen.findByText('Senha alterada. Entre com a nova senha.')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Entrar' })).toBeInTheDocument();
  expect(server.calls('POST /api/auth/change-password')[0].body).toEqual({
    currentPassword: 'senha-antiga-1',
    newPassword: 'senha-nova-12',
  });
  expect(localStorage.getItem(sessionStorageKey)).toBeNull();
});

test('a wrong current password is shown without ending the session', async () => {
  storeSession(loginResponse('attendant'));
  fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('attendant') },
    'POST /api/auth/change-password': apiError(400, 'VALIDATION_FAILED', 'A senha atual não confere.', {
      currentPassword: 'A senha atual não confere.',
    }),
  });
  const user = renderApp('/receptivo');

  await user.click(screen.getByRole('button', { name: 'Alterar senha' }));
  const dialog = screen.getByRole('dialog', { name: 'Alterar senha' });
  await user.type(within(dialog).getByLabelText('Senha atual'), 'senha-errada-1');
  await user.type(within(dialog).getByLabelText('Nova senha'), 'senha-nova-12');
  await user.type(within(dialog).getByLabelText('Confirme a senha'), 'senha-nova-13');
  await user.click(within(dialog).getByRole('button', { name: 'Salvar nova senha' }));
  expect(within(dialog).getByLabelText('Confirme a senha')).toHaveAccessibleDescription(
    'A confirmação não confere com a nova senha.',
  );

  await user.clear(within(dialog).getByLabelText('Confirme a senha'));
  await user.type(within(dialog).getByLabelText('Confirme a senha'), 'senha-nova-12');
  await user.click(within(dialog).getByRole('button', { name: 'Salvar nova senha' }));

  await waitFor(() =>
    expect(within(dialog).getByLabelText('Senha atual')).toHaveAccessibleDescription('A senha atual não confere.'),
  );
  expect(screen.getByRole('navigation', { name: 'Menu principal', hidden: true })).toBeInTheDocument();
});
