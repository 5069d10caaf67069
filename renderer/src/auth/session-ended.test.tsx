import { screen, within } from '@testing-library/react';
import { attendance } from '../attendances/test-fixtures';
import { categoryTree, noNotices, scripts } from '../knowledge/test-fixtures';
import { fakeCti } from '../testing/fake-cti';
import { apiError, fakeServer, loginResponse, networkDown, sessionUser, storeSession, type FakeRequest, type FakeResponse } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { sessionStorageKey } from './session-store';

beforeEach(() => localStorage.clear());

// `hidden`: read beneath the sign-in dialog too, which keeps the page inert.
const knowledgeSearch = () =>
  within(screen.getByRole('search', { name: 'Pesquisar na base de conhecimento', hidden: true })).getByLabelText('Busca');
const ended = 'Sua sessão foi encerrada. Entre novamente.';
const renewed = { ...loginResponse('attendant'), token: 'token-attendant-renewed' };

/** The attendant's Receptivo, answering only the token of the new session once the first one ended. */
function server(accepted: string) {
  const only = (response: FakeResponse) => (request: FakeRequest) =>
    request.headers.Authorization === `Bearer ${accepted}` ? response : apiError(401, 'TOKEN_INVALID', ended);
  return fakeServer({
    'POST /api/auth/login': { status: 200, body: renewed },
    'GET /api/auth/me': only({ status: 200, body: sessionUser('attendant') }),
    'GET /api/health': { status: 200, body: { status: 'ok', database: 'up', cti: 'connected' } },
    'GET /api/notices/current': only({ status: 200, body: noNotices }),
    'GET /api/scripts': only({ status: 200, body: scripts() }),
    'GET /api/categories': only({ status: 200, body: categoryTree }),
    'GET /api/attendances/current': only({ status: 200, body: { attendance: null } }),
    'POST /api/attendances': only({ status: 201, body: attendance() }),
  });
}

test('session:ended on /cti asks to sign in again over the desk; the typed search and the waiting attendance are there after signing in', async () => {
  const cti = fakeCti();
  const first = loginResponse('attendant');
  storeSession(first);
  server(first.token);
  const user = renderApp('/receptivo', cti);
  const socket = await cti.connected();
  await screen.findByRole('button', { name: 'Iniciar atendimento' });
  // Started while the server was out of reach: it waits in the drafts; the search is typed, not sent.
  networkDown();
  await user.click(screen.getByRole('button', { name: 'Iniciar atendimento' }));
  expect(await screen.findByText('1 operação aguardando envio')).toBeInTheDocument();
  await user.type(knowledgeSearch(), 'segunda via do IPTU');

  // The admin reset the password: from now on the server refuses the first token, and says so on /cti.
  const back = server(renewed.token);
  socket.send('session:ended', { code: 'TOKEN_INVALID', message: ended });
  socket.deliver('disconnect', 'io server disconnect');

  const dialog = await screen.findByRole('dialog', { name: 'Entre novamente' });
  expect(within(dialog).getByText(ended)).toBeInTheDocument();
  expect(localStorage.getItem(sessionStorageKey)).toBeNull();
  // Beneath it, the desk as it was.
  expect(knowledgeSearch()).toHaveValue('segunda via do IPTU');
  expect(screen.getByText('1 operação aguardando envio')).toBeInTheDocument();

  await user.type(within(dialog).getByLabelText('Usuário'), 'atendente');
  await user.type(within(dialog).getByLabelText('Senha'), 'senha-nova-123');
  await user.click(within(dialog).getByRole('button', { name: 'Entrar' }));

  expect(await screen.findByText('Atendimento 2026.001234-7 iniciado.')).toBeInTheDocument();
  expect(back.calls('POST /api/attendances').map((request) => request.headers.Authorization)).toEqual([`Bearer ${renewed.token}`]);
  expect(screen.queryByRole('dialog', { name: 'Entre novamente' })).not.toBeInTheDocument();
  expect(knowledgeSearch()).toHaveValue('segunda via do IPTU');
  expect(JSON.parse(localStorage.getItem(sessionStorageKey)!).token).toBe(renewed.token);
  // The desk links to /cti again, with the new session.
  expect(cti.sockets.at(-1)!.options.token).toBe(renewed.token);
});
