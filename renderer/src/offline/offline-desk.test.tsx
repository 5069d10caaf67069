import { cleanup, screen, waitFor, within } from '@testing-library/react';
import type { Attendance, DesktopBridge } from '@receptivo/shared';
import { attendance, attendanceId } from '../attendances/test-fixtures';
import { categoryTree, iptu, iptuId, scripts } from '../knowledge/test-fixtures';
import { deskRoutes } from '../testing/desk';
import { apiError, fakeServer, loginResponse, networkDown, storeSession, type FakeRoutes } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { formatDateTime } from '../ui/format';

beforeEach(() => localStorage.clear());
afterEach(() => {
  delete window.receptivoDesktop;
});

const banner = 'Sem conexão com o servidor — o atendimento continua e será enviado quando a conexão voltar';
const summary = () => screen.getByRole('region', { name: 'Resumo do atendimento' });
const path = (suffix = '') => `/api/attendances/${attendanceId}${suffix}`;
const withIptu = (overrides: Partial<Attendance> = {}) =>
  attendance({
    informations: [{ id: '9d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f01', informationId: iptuId, title: iptu.title, registeredAt: new Date().toISOString() }],
    ...overrides,
  });

/** The server of a signed-in attendant's Receptivo, with `current` as the open attendance. */
function serverUp(routes: FakeRoutes = {}, current: Attendance | null = null) {
  return fakeServer({
    ...deskRoutes(current),
    'GET /api/health': { status: 200, body: { status: 'ok', database: 'up', cti: 'off' } },
    ...routes,
  });
}

async function openDesk(current: Attendance | null = null) {
  storeSession(loginResponse('attendant'));
  serverUp({}, current);
  const user = renderApp('/receptivo');
  await screen.findByRole('button', { name: 'Tributos' });
  return user;
}

async function registerIptu(user: ReturnType<typeof renderApp>) {
  await user.click(screen.getByRole('button', { name: 'Tributos' }));
  await user.click(screen.getByRole('button', { name: iptu.title }));
  await user.click(within(await screen.findByRole('article', { name: iptu.title })).getByRole('button', { name: 'Registrar' }));
}

test('an attendance started without the server goes on from the knowledge kept in the browser, and arrives once, in order, when it is back', async () => {
  const user = await openDesk();
  await screen.findByRole('button', { name: 'Iniciar atendimento' });
  networkDown();

  await user.click(screen.getByRole('button', { name: 'Iniciar atendimento' }));
  expect(await screen.findByText('Atendimento iniciado sem conexão. O protocolo será gerado ao reconectar.')).toBeInTheDocument();
  expect(screen.getByText(banner)).toBeInTheDocument();
  expect(within(summary()).getByText('Protocolo será gerado ao reconectar')).toBeInTheDocument();
  expect(screen.getByText('1 operação aguardando envio')).toBeInTheDocument();

  // The information was never opened here: its text is not kept, but it can be registered.
  await registerIptu(user);
  expect(screen.getByRole('article', { name: iptu.title })).toHaveTextContent('Texto indisponível sem conexão');
  expect(await screen.findByText('Informação registrada neste computador; será enviada quando a conexão voltar.')).toBeInTheDocument();
  expect(screen.getByText('2 operações aguardando envio')).toBeInTheDocument();
  const registered = within(summary()).getByRole('list', { name: 'Informações registradas' });
  expect(within(registered).getByText(iptu.title)).toBeInTheDocument();
  expect(within(registered).getByText('Aguardando envio')).toBeInTheDocument();
  expect(screen.getByText('Registrada neste computador, aguardando envio')).toBeInTheDocument();
  expect(screen.getByText(/^Modo offline: base de conhecimento local de \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)).toBeInTheDocument();

  // Busca geral over the kept sessões: accents and case ignored.
  await user.click(screen.getByRole('button', { name: 'Voltar' }));
  await user.type(within(screen.getByRole('search', { name: 'Pesquisar na base de conhecimento' })).getByLabelText('Busca'), 'SEGUNDA via{Enter}');
  const results = await screen.findByRole('list', { name: 'Resultados da busca' });
  expect(within(results).getByRole('button', { name: iptu.title })).toBeInTheDocument();

  const server = serverUp({
    'POST /api/attendances': { status: 201, body: attendance() },
    [`POST ${path('/informations')}`]: { status: 201, body: withIptu() },
  });
  await user.click(screen.getByRole('button', { name: 'Enviar agora' }));

  const sent = await screen.findByRole('list', { name: 'Enviado ao servidor' });
  expect(within(sent).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
    'Atendimento 2026.001234-7 iniciado.',
    `Informação “${iptu.title}” registrada no atendimento 2026.001234-7.`,
  ]);
  expect(within(summary()).getByText('2026.001234-7')).toBeInTheDocument();
  expect(within(summary()).queryByText('Aguardando envio')).not.toBeInTheDocument();
  expect(screen.queryByText(/aguardando envio$/)).not.toBeInTheDocument();
  expect(screen.queryByText(banner)).not.toBeInTheDocument();

  const writes = server.requests.filter((request) => request.method === 'POST');
  expect(writes.map((request) => request.path)).toEqual(['/api/attendances', path('/informations')]);
  expect(writes[1].body).toEqual({ informationId: iptuId });
  const keys = writes.map((request) => request.headers['Idempotency-Key']);
  expect(keys.every((key) => /^[0-9a-f-]{36}$/.test(key))).toBe(true);
  expect(new Set(keys).size).toBe(2);

  await user.click(screen.getByRole('button', { name: 'OK' }));
  expect(screen.queryByRole('list', { name: 'Enviado ao servidor' })).not.toBeInTheDocument();
});

test('what waits survives a reload of the page, and the attendance shown before comes back while the server is out of reach', async () => {
  const user = await openDesk(attendance());
  await screen.findByText('Nenhum cliente vinculado');
  networkDown();
  await registerIptu(user);
  await screen.findByText('1 operação aguardando envio');

  cleanup();
  renderApp('/receptivo');

  expect(await screen.findByText('1 operação aguardando envio')).toBeInTheDocument();
  expect(await screen.findByText(banner)).toBeInTheDocument();
  expect(within(summary()).getByText('2026.001234-7')).toBeInTheDocument();
  expect(within(within(summary()).getByRole('list', { name: 'Informações registradas' })).getByText(iptu.title)).toBeInTheDocument();
});

test('a refusal of what waited shows the server’s reason until the attendant retries or discards it', async () => {
  const user = await openDesk(attendance());
  await screen.findByText('Nenhum cliente vinculado');
  networkDown();
  await registerIptu(user);
  await screen.findByText('1 operação aguardando envio');

  let refuse = true;
  const server = serverUp({
    [`POST ${path('/informations')}`]: () => (refuse ? apiError(400, 'VALIDATION_FAILED', 'Informação não encontrada.') : { status: 201, body: withIptu() }),
  });
  await user.click(screen.getByRole('button', { name: 'Enviar agora' }));

  const refused = await screen.findByRole('alert');
  expect(refused).toHaveTextContent('O servidor recusou. Corrija e tente novamente, ou descarte:');
  expect(refused).toHaveTextContent(`Registrar a informação “${iptu.title}” (Atendimento 2026.001234-7): Informação não encontrada.`);
  expect(screen.queryByText(/aguardando envio$/)).not.toBeInTheDocument();
  expect(screen.getByText('Registro recusado pelo servidor')).toBeInTheDocument();
  expect(within(summary()).getByText('Recusado pelo servidor')).toBeInTheDocument();

  await user.click(within(refused).getByRole('button', { name: 'Tentar novamente' }));
  await waitFor(() => expect(server.calls(`POST ${path('/informations')}`)).toHaveLength(2));
  expect(await screen.findByRole('alert')).toHaveTextContent('Informação não encontrada.');

  await user.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Descartar' }));
  const dialog = screen.getByRole('dialog', { name: 'Descartar a operação?' });
  expect(dialog).toHaveTextContent(`Registrar a informação “${iptu.title}” (Atendimento 2026.001234-7) não será enviado ao servidor.`);
  await user.click(within(dialog).getByRole('button', { name: 'Descartar' }));
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  expect(within(summary()).getByText('Nenhuma informação registrada.')).toBeInTheDocument();

  // The same operation done again, with the server answering, goes through.
  refuse = false;
  await user.click(within(screen.getByRole('article', { name: iptu.title })).getByRole('button', { name: 'Registrar' }));
  expect(await screen.findByText('Informação registrada.')).toBeInTheDocument();
});

test('inside the desktop app, without the server, the knowledge comes from the shell’s cache and says of when', async () => {
  const lastSyncAt = '2026-03-10T11:30:00.000Z';
  const bridge = {
    getSettings: async () => ({ serverUrl: 'http://central.example:3000' }),
    setSession: jest.fn(async () => undefined),
    agentState: jest.fn(async () => undefined),
    onOpenDesk: () => () => undefined,
    onPause: () => () => undefined,
    onUnpause: () => () => undefined,
    cacheStatus: async () => ({ version: 40, lastSyncAt, informations: 1, syncing: false, error: 'Servidor inacessível.' }),
    cacheCategories: jest.fn(async () => categoryTree),
    cacheScripts: jest.fn(async () => scripts()),
    cacheInformation: jest.fn(async () => iptu),
    cacheSearch: jest.fn(async () => ({
      items: [{ kind: 'information' as const, id: iptuId, title: iptu.title, snippet: 'A <mark>segunda</mark> via', context: 'Tributos', score: 1 }],
    })),
  };
  window.receptivoDesktop = bridge as unknown as DesktopBridge;
  storeSession(loginResponse('attendant'));
  networkDown();
  const user = renderApp('/receptivo');

  expect(await screen.findByText(`Modo offline: base de conhecimento local de ${formatDateTime(lastSyncAt)}`)).toBeInTheDocument();
  await user.click(await screen.findByRole('button', { name: 'Tributos' }));
  await user.click(screen.getByRole('button', { name: iptu.title }));
  expect(await screen.findByRole('article', { name: iptu.title })).toHaveTextContent('A segunda via do IPTU é emitida no portal.');
  expect(bridge.cacheInformation).toHaveBeenCalledWith(iptuId);

  await user.click(screen.getByRole('button', { name: 'Voltar' }));
  await user.type(screen.getByLabelText('Busca'), 'segunda via{Enter}');
  expect(await screen.findByRole('button', { name: iptu.title })).toBeInTheDocument();
  expect(bridge.cacheSearch).toHaveBeenCalledWith({ q: 'segunda via' });
});
