import { screen, within } from '@testing-library/react';
import { apiError, fakeServer, loginResponse, networkDown } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());

async function fillAndSubmit(user: ReturnType<typeof renderApp>, username = 'ana', password = 'segredo-123') {
  await user.type(screen.getByLabelText('Usuário'), username);
  await user.type(screen.getByLabelText('Senha'), password);
  await user.click(screen.getByRole('button', { name: 'Entrar' }));
}

test('opening the app without a session shows the login form', async () => {
  fakeServer({});
  renderApp('/receptivo');

  expect(await screen.findByRole('button', { name: 'Entrar' })).toBeInTheDocument();
  expect(screen.getByLabelText('Usuário')).toHaveFocus();
  expect(screen.getByLabelText('Senha')).toHaveAttribute('type', 'password');
  expect(window.location.pathname).toBe('/login');
});

test('wrong credentials show the server message and keep the user on the login page', async () => {
  const server = fakeServer({
    'POST /api/auth/login': apiError(401, 'INVALID_CREDENTIALS', 'Usuário ou senha inválidos.'),
  });
  const user = renderApp('/login');

  await fillAndSubmit(user, ' Ana ', 'errada-123');

  expect(await screen.findByRole('alert')).toHaveTextContent('Usuário ou senha inválidos.');
  expect(server.calls('POST /api/auth/login')[0].body).toEqual({ username: 'ana', password: 'errada-123' });
  expect(screen.getByLabelText('Senha')).toHaveValue('');
  expect(screen.getByRole('button', { name: 'Entrar' })).toBeEnabled();
  expect(screen.queryByRole('navigation', { name: 'Menu principal' })).not.toBeInTheDocument();
});

test('an unreachable server shows a connection message', async () => {
  networkDown();
  const user = renderApp('/login');

  await fillAndSubmit(user);

  expect(await screen.findByRole('alert')).toHaveTextContent(
    'Não foi possível contatar o servidor. Verifique a conexão e tente novamente.',
  );
});

test('a disabled account shows why it cannot enter', async () => {
  fakeServer({
    'POST /api/auth/login': apiError(403, 'USER_DISABLED', 'Usuário desativado. Procure o administrador.'),
  });
  const user = renderApp('/login');

  await fillAndSubmit(user);

  expect(await screen.findByRole('alert')).toHaveTextContent('Usuário desativado. Procure o administrador.');
});

test('empty fields are pointed out beside them without calling the server', async () => {
  const server = fakeServer({});
  const user = renderApp('/login');

  await user.click(screen.getByRole('button', { name: 'Entrar' }));

  expect(screen.getByLabelText('Usuário')).toHaveAccessibleDescription('Informe o usuário.');
  expect(screen.getByLabelText('Senha')).toHaveAccessibleDescription('Informe a senha.');
  expect(server.requests).toHaveLength(0);
});

test('the button is disabled while the login is on its way', async () => {
  let answer: (response: { status: number; body: unknown }) => void = () => {};
  fakeServer({ 'POST /api/auth/login': () => new Promise((resolve) => (answer = resolve)) });
  const user = renderApp('/login');

  await fillAndSubmit(user);

  expect(screen.getByRole('button', { name: 'Entrar' })).toBeDisabled();
  answer({ status: 200, body: loginResponse('attendant') });
  const menu = await screen.findByRole('navigation', { name: 'Menu principal' });
  expect(within(menu).getByRole('link', { name: 'Receptivo' })).toHaveAttribute('aria-current', 'page');
});
