import { act, screen, waitFor, within } from '@testing-library/react';
import type { Attendance, CallRinging, CustomerList, Role } from '@receptivo/shared';
import { attendance, attendanceId, maria } from '../attendances/test-fixtures';
import { summaryOf } from '../testing/customers';
import { deskRoutes } from '../testing/desk';
import { fakeCti } from '../testing/fake-cti';
import { apiError, fakeServer, loginResponse, storeSession, type FakeRoutes } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { endedNoticeMs } from './CallPops';

beforeEach(() => localStorage.clear());
afterEach(() => jest.useRealTimers());

const callId = '1741622400.101';

/** Maria as a pop lists her; the socket payload is parsed, so the phone id must be a real uuid. */
const mariaMatch = { ...summaryOf(maria), primaryPhone: { ...maria.phones[0], id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c31' } };

function ringing(overrides: Partial<CallRinging> = {}): CallRinging {
  return {
    callId,
    callerNumber: '011987654321',
    callerE164: '+5511987654321',
    callerName: 'MARIA SILVA',
    queue: 'atendimento',
    waitSeconds: 42,
    ura: { document: '52998224725', protocol: '20260012347', option: '2', bairro: 'Sé' },
    matches: [mariaMatch],
    callerHistory: null,
    uraRoute: null,
    ...overrides,
  };
}

const answeredCall = (ura: Record<string, string>) =>
  attendance({
    call: { callId, callerNumber: '011987654321', callerE164: '+5511987654321', queue: 'atendimento', waitSeconds: 42, talkSeconds: null, ura, uraRoute: null },
  });

const listOf = (...customers: (typeof maria)[]): CustomerList => ({
  items: customers.map(summaryOf),
  total: customers.length,
  totalCapped: false,
});

/** A signed-in desk at `path` whose /cti link is up; `current` answers GET /api/attendances/current. */
async function openDesk(path: string, routes: FakeRoutes = {}, current: () => Attendance | null = () => null, role: Role = 'attendant') {
  storeSession(loginResponse(role));
  const cti = fakeCti();
  const server = fakeServer({
    ...deskRoutes(current, role),
    ...routes,
  });
  const user = renderApp(path, cti);
  const socket = await cti.connected();
  return { server, user, socket, cti };
}

const pops = () => screen.queryAllByRole('alertdialog', { name: 'Chamada chegando' });

/** The value shown under a label of a description list (dt/dd). */
function fact(container: HTMLElement, label: string): string | null {
  return within(container).getByText(label).closest('div')?.querySelector('dd')?.textContent ?? null;
}

test('a ringing call pops over any page with the caller, queue, waiting time, URA data and the customers found', async () => {
  const { socket } = await openDesk('/clientes');

  socket.send('call:ringing', ringing());

  const pop = screen.getByRole('alertdialog', { name: 'Chamada chegando' });
  expect(pop).toHaveAccessibleDescription('(11) 98765-4321 MARIA SILVA');
  expect(fact(pop, 'Fila')).toBe('atendimento');
  expect(within(pop).getByRole('timer', { name: 'Tempo de espera' })).toHaveTextContent(/^00:4[2-4]$/);
  expect(fact(pop, 'CPF/CNPJ informado na URA')).toBe('529.982.247-25');
  expect(fact(pop, 'Protocolo da URA')).toBe('2026.001234-7');
  expect(fact(pop, 'Opção da URA')).toBe('2');
  expect(fact(pop, 'bairro')).toBe('Sé');
  const found = within(pop).getByRole('list', { name: 'Clientes encontrados' });
  expect(within(found).getByRole('listitem')).toHaveTextContent(/^Maria da Silva\*\*\*\.982\.247-\*\*\(11\) 98765-4321/);
  expect(screen.getByRole('heading', { level: 1, name: 'Clientes' })).toBeInTheDocument();

  // A second call rings at the same time: each has its own pop.
  socket.send('call:ringing', ringing({ callId: '1741622400.205', callerE164: null, callerNumber: '4003', callerName: null, queue: null, waitSeconds: 0, ura: {}, matches: [] }));

  expect(pops()).toHaveLength(2);
  const second = pops()[1];
  expect(within(second).getByText('4003')).toBeInTheDocument();
  expect(fact(second, 'Fila')).toBe('Ligação direta');
  expect(within(second).getByText('Nenhum cliente encontrado para este número')).toBeInTheDocument();
  expect(within(second).queryByText('CPF/CNPJ informado na URA')).not.toBeInTheDocument();
});

test('a call answered elsewhere takes its pop away and says why; the other call keeps ringing', async () => {
  const { socket } = await openDesk('/clientes');
  socket.send('call:ringing', ringing());
  socket.send('call:ringing', ringing({ callId: 'other', callerE164: '+5521912345678', matches: [] }));

  socket.send('call:ended', { callId, reason: 'answered_elsewhere' });

  expect(pops()).toHaveLength(1);
  expect(within(pops()[0]).getByText('(21) 91234-5678')).toBeInTheDocument();
  const notices = screen.getByRole('alert', { name: 'Avisos de chamadas' });
  expect(within(notices).getByText('Atendida por outro atendente')).toBeInTheDocument();
  expect(within(notices).getByText('(11) 98765-4321')).toBeInTheDocument();

  socket.send('call:ended', { callId: 'other', reason: 'abandoned' });
  expect(pops()).toHaveLength(0);
  expect(within(notices).getByText('O cidadão desistiu da chamada')).toBeInTheDocument();
});

test('the notice of an ended call hides by itself after a few seconds', async () => {
  jest.useFakeTimers();
  const { socket } = await openDesk('/clientes');
  socket.send('call:ringing', ringing());
  socket.send('call:ended', { callId, reason: 'not_answered' });
  const notices = screen.getByRole('alert', { name: 'Avisos de chamadas' });
  expect(notices).toHaveTextContent('Chamada não atendida');

  act(() => jest.advanceTimersByTime(endedNoticeMs - 100));
  expect(notices).toHaveTextContent('Chamada não atendida');
  act(() => jest.advanceTimersByTime(200));
  expect(notices).not.toBeInTheDocument();
});

test('an invalid payload is dropped with a warning and the link keeps working', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  const { socket } = await openDesk('/clientes');

  socket.deliver('call:ringing', { callId: 7, callerNumber: '11987654321' });
  socket.deliver('call:ended', { callId, reason: 'exploded' });
  socket.deliver('agent:state', { state: 'sleeping' });

  expect(pops()).toHaveLength(0);
  expect(screen.queryByText('Chamada encerrada')).not.toBeInTheDocument();
  expect(warn).toHaveBeenCalledTimes(3);
  expect(warn.mock.calls[0][0]).toBe('CTI: ignoring an invalid "call:ringing" event');

  socket.send('call:ringing', ringing());
  expect(pops()).toHaveLength(1);
  warn.mockRestore();
});

test('"Ocultar" hides a pop on this desk only', async () => {
  const { socket, user } = await openDesk('/clientes');
  socket.send('call:ringing', ringing());

  await user.click(within(pops()[0]).getByRole('button', { name: 'Ocultar' }));

  expect(pops()).toHaveLength(0);
  expect(socket.emitted).toEqual([]);
});

test('[Abrir cadastro] opens the matched customer\'s record while the call keeps ringing', async () => {
  const { user, socket } = await openDesk('/receptivo', { [`GET /api/customers/${maria.id}`]: { status: 200, body: maria } });
  socket.send('call:ringing', ringing());
  const match = within(within(pops()[0]).getByRole('list', { name: 'Clientes encontrados' })).getByRole('listitem');

  await user.click(within(match).getByRole('link', { name: 'Abrir cadastro' }));

  expect(window.location.pathname).toBe(`/clientes/${maria.id}`);
  expect(await screen.findByDisplayValue('Maria da Silva')).toBeInTheDocument();
  expect(pops()).toHaveLength(1);
});

test('[Vincular ao atender] links the chosen customer as soon as the call\'s attendance starts, with no lookup, and the cursor goes to the knowledge search', async () => {
  let current: Attendance | null = null;
  const joaoMatch = { ...mariaMatch, id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c02', name: 'João Souza', document: '11144477735' };
  const { server, socket, user } = await openDesk(
    '/clientes',
    {
      'GET /api/customers': { status: 200, body: listOf(maria) },
      [`PUT /api/attendances/${attendanceId}/customer`]: { status: 200, body: { ...answeredCall({}), customer: summaryOf(maria) } },
    },
    () => current,
  );
  socket.send('call:ringing', ringing({ matches: [mariaMatch, joaoMatch] }));
  const [mariaItem, joaoItem] = within(pops()[0]).getAllByRole('listitem');
  const chooseMaria = within(mariaItem).getByRole('button', { name: 'Vincular ao atender' });
  const chooseJoao = within(joaoItem).getByRole('button', { name: 'Vincular ao atender' });
  expect(chooseMaria).toHaveAttribute('aria-pressed', 'false');

  // A second thought: only the last choice counts.
  await user.click(chooseJoao);
  await user.click(chooseMaria);
  expect(chooseMaria).toHaveAttribute('aria-pressed', 'true');
  expect(chooseJoao).toHaveAttribute('aria-pressed', 'false');
  expect(within(mariaItem).getByText('Será vinculado ao atender')).toBeInTheDocument();
  expect(within(joaoItem).queryByText('Será vinculado ao atender')).not.toBeInTheDocument();

  current = answeredCall({ document: '52998224725' });
  socket.send('call:answered', { callId, attendanceId, protocol: '20260012347' });

  expect(await screen.findByText('Cliente Maria da Silva vinculado.')).toBeInTheDocument();
  expect(server.calls(`PUT /api/attendances/${attendanceId}/customer`).map((request) => request.body)).toEqual([{ customerId: maria.id }]);
  expect(server.calls('GET /api/customers')).toEqual([]);
  const summary = screen.getByRole('region', { name: 'Resumo do atendimento' });
  expect(within(summary).getByText('Maria da Silva')).toBeInTheDocument();
  const knowledge = screen.getByRole('search', { name: 'Pesquisar na base de conhecimento' });
  await waitFor(() => expect(within(knowledge).getByRole('searchbox', { name: 'Busca' })).toHaveFocus());
  expect(screen.queryByRole('search', { name: 'Pesquisar clientes' })).not.toBeInTheDocument();
});

test('[Vincular ao atender] pressed again is undone: the answer runs the usual lookup and links nobody', async () => {
  let current: Attendance | null = null;
  const { server, socket, user } = await openDesk('/receptivo', { 'GET /api/customers': { status: 200, body: listOf(maria) } }, () => current);
  socket.send('call:ringing', ringing());
  const choose = within(pops()[0]).getByRole('button', { name: 'Vincular ao atender' });
  await user.click(choose);
  await user.click(choose);
  expect(choose).toHaveAttribute('aria-pressed', 'false');

  current = answeredCall({ document: '52998224725' });
  socket.send('call:answered', { callId, attendanceId, protocol: '20260012347' });

  const row = (await screen.findByRole('cell', { name: 'Maria da Silva' })).closest('tr') as HTMLElement;
  expect(within(row).getByRole('button', { name: 'Vincular' })).toBeInTheDocument();
  expect(server.calls(`PUT /api/attendances/${attendanceId}/customer`)).toEqual([]);
});

test('a chosen customer the server refuses to link is said, and the caller is looked up as usual', async () => {
  let current: Attendance | null = null;
  const { server, socket, user } = await openDesk(
    '/receptivo',
    {
      'GET /api/customers': { status: 200, body: listOf(maria) },
      [`PUT /api/attendances/${attendanceId}/customer`]: apiError(404, 'NOT_FOUND', 'Cliente não encontrado.'),
    },
    () => current,
  );
  socket.send('call:ringing', ringing());
  await user.click(within(pops()[0]).getByRole('button', { name: 'Vincular ao atender' }));

  current = answeredCall({ document: '52998224725' });
  socket.send('call:answered', { callId, attendanceId, protocol: '20260012347' });

  expect(await screen.findByText('Cliente não encontrado.')).toBeInTheDocument();
  const search = await screen.findByRole('search', { name: 'Pesquisar clientes' });
  expect(within(search).getByLabelText('CPF/CNPJ')).toHaveValue('529.982.247-25');
  // The lookup found her: her [Vincular] takes the cursor, one key away.
  const row = (await screen.findByRole('cell', { name: 'Maria da Silva' })).closest('tr') as HTMLElement;
  await waitFor(() => expect(within(row).getByRole('button', { name: 'Vincular' })).toHaveFocus());
  expect(server.calls(`PUT /api/attendances/${attendanceId}/customer`)).toHaveLength(1);
});

test('an answered call with nobody found lands with the cursor in the customer search, at the field the lookup filled in', async () => {
  let current: Attendance | null = null;
  const { socket } = await openDesk('/receptivo', { 'GET /api/customers': { status: 200, body: listOf() } }, () => current);
  expect(await screen.findByRole('button', { name: 'Iniciar atendimento' })).toBeInTheDocument();
  current = answeredCall({});

  socket.send('call:answered', { callId, attendanceId, protocol: '20260012347' });

  const search = await screen.findByRole('search', { name: 'Pesquisar clientes' });
  await waitFor(() => expect(within(search).getByLabelText('Telefone')).toHaveFocus());
  expect(within(search).getByLabelText('Telefone')).toHaveValue('(11) 98765-4321');
});

test('an answered call opens the Receptivo with the attendance, its call and the caller already looked up by the URA document', async () => {
  let current: Attendance | null = null;
  const { server, socket, user } = await openDesk(
    '/clientes',
    {
      'GET /api/customers': { status: 200, body: listOf(maria) },
      [`PUT /api/attendances/${attendanceId}/customer`]: { status: 200, body: { ...answeredCall({ document: '52998224725' }), customer: summaryOf(maria) } },
    },
    () => current,
  );
  socket.send('call:ringing', ringing());
  current = answeredCall({ document: '52998224725', option: '2' });

  socket.send('call:answered', { callId, attendanceId, protocol: '20260012347' });

  expect(pops()).toHaveLength(0);
  expect(await screen.findByRole('heading', { level: 1, name: 'Receptivo' })).toBeInTheDocument();
  expect(window.location.pathname).toBe('/receptivo');
  const summary = await screen.findByRole('region', { name: 'Resumo do atendimento' });
  expect(within(summary).getByText('2026.001234-7')).toBeInTheDocument();
  const call = screen.getByRole('region', { name: 'Chamada' });
  expect(fact(call, 'Número')).toBe('(11) 98765-4321');
  expect(fact(call, 'Fila')).toBe('atendimento');
  expect(fact(call, 'Espera')).toBe('00:42');
  expect(fact(call, 'CPF/CNPJ informado na URA')).toBe('529.982.247-25');
  expect(fact(call, 'Opção da URA')).toBe('2');
  expect(within(call).getByText('Em ligação')).toBeInTheDocument();

  // The search ran by itself with the URA's document; its one result offers [Vincular] with the focus.
  const search = screen.getByRole('search', { name: 'Pesquisar clientes' });
  expect(within(search).getByLabelText('CPF/CNPJ')).toHaveValue('529.982.247-25');
  expect(screen.getByText('Pesquisado pelo CPF/CNPJ informado na URA.')).toBeInTheDocument();
  const row = (await screen.findByRole('cell', { name: 'Maria da Silva' })).closest('tr') as HTMLElement;
  const link = within(row).getByRole('button', { name: 'Vincular' });
  expect(link).toHaveFocus();
  expect(server.calls('GET /api/customers').map((request) => request.query)).toEqual([{ document: '52998224725' }]);

  await user.click(link);

  expect(await screen.findByText('Cliente vinculado.')).toBeInTheDocument();
  expect(server.calls(`PUT /api/attendances/${attendanceId}/customer`)[0].body).toEqual({ customerId: maria.id });
  expect(within(summary).getByText('Maria da Silva')).toBeInTheDocument();
});

test('without a customer for the URA document the caller is looked up by number', async () => {
  let current: Attendance | null = null;
  const { server, socket } = await openDesk(
    '/receptivo',
    { 'GET /api/customers': (request) => ({ status: 200, body: request.query.phone ? listOf(maria) : listOf() }) },
    () => current,
  );
  expect(await screen.findByRole('button', { name: 'Iniciar atendimento' })).toBeInTheDocument();
  current = answeredCall({ document: '11144477735' });

  socket.send('call:answered', { callId, attendanceId, protocol: '20260012347' });

  const row = (await screen.findByRole('cell', { name: 'Maria da Silva' })).closest('tr') as HTMLElement;
  expect(within(row).getByRole('button', { name: 'Vincular' })).toHaveFocus();
  const search = screen.getByRole('search', { name: 'Pesquisar clientes' });
  expect(within(search).getByLabelText('Telefone')).toHaveValue('(11) 98765-4321');
  expect(within(search).getByLabelText('CPF/CNPJ')).toHaveValue('');
  expect(screen.getByText('Nenhum cliente com o CPF/CNPJ da URA; pesquisado pelo número da chamada.')).toBeInTheDocument();
  expect(server.calls('GET /api/customers').map((request) => request.query)).toEqual([
    { document: '11144477735' },
    { phone: '(11) 98765-4321' },
  ]);
});

test('told again of the attendance on screen (a fresh link after a server restart), the desk keeps the work in progress', async () => {
  const { server, socket, user } = await openDesk('/receptivo', { 'GET /api/customers': { status: 200, body: listOf() } }, () => answeredCall({}));
  await screen.findByRole('region', { name: 'Chamada' });
  const search = screen.getByRole('search', { name: 'Pesquisar clientes' });
  const name = within(search).getByLabelText('Nome');
  await user.type(name, 'Maria Aparecida');
  const loads = server.calls('GET /api/attendances/current').length;

  socket.deliver('disconnect', 'transport close');
  socket.deliver('connect');
  socket.send('call:answered', { callId, attendanceId, protocol: '20260012347' });

  expect(within(screen.getByRole('search', { name: 'Pesquisar clientes' })).getByLabelText('Nome')).toHaveValue('Maria Aparecida');
  expect(server.calls('GET /api/attendances/current')).toHaveLength(loads);
});

test('when the call ends the attendance stays open, marked "Chamada encerrada"', async () => {
  const { socket } = await openDesk(
    '/receptivo',
    { 'GET /api/customers': { status: 200, body: listOf(maria, { ...maria, id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c09', name: 'Maria da Silva Filha' }) } },
    () => answeredCall({}),
  );
  const call = await screen.findByRole('region', { name: 'Chamada' });
  // Two customers share the number: nobody is offered as the one.
  const rows = await screen.findAllByRole('button', { name: 'Vincular' });
  expect(rows).toHaveLength(2);
  rows.forEach((button) => expect(button).not.toHaveFocus());

  socket.send('call:ended', { callId, reason: 'hangup' });

  expect(within(call).getByRole('status')).toHaveTextContent('Chamada encerrada');
  expect(screen.getByRole('region', { name: 'Resumo do atendimento' })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Finalizar' })).toBeInTheDocument();
  expect(screen.queryByRole('alert', { name: 'Avisos de chamadas' })).not.toBeInTheDocument();
});

test('with CTI down the attendance still starts by hand', async () => {
  storeSession(loginResponse('attendant'));
  const cti = fakeCti();
  const server = fakeServer({
    ...deskRoutes(),
    'POST /api/attendances': { status: 201, body: attendance() },
  });
  const user = renderApp('/receptivo', cti);
  (await cti.socket()).deliver('connect_error', new Error('xhr poll error'));

  expect(within(screen.getByRole('group', { name: 'Telefonia' })).getByText('Telefonia indisponível')).toBeInTheDocument();
  await user.click(await screen.findByRole('button', { name: 'Iniciar atendimento' }));

  expect(await screen.findByRole('region', { name: 'Resumo do atendimento' })).toBeInTheDocument();
  expect(screen.queryByRole('region', { name: 'Chamada' })).not.toBeInTheDocument();
  expect(server.calls('POST /api/attendances')).toHaveLength(1);
  await waitFor(() => expect(within(screen.getByRole('search', { name: 'Pesquisar clientes' })).getByLabelText('Busca')).toHaveFocus());
});

test('a repeat caller pops with how often they called and their open requests, one click from Status Solicitação', async () => {
  const requestId = '4c1f2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f77';
  const { user, socket } = await openDesk('/clientes', {
    [`GET /api/requests/${requestId}`]: apiError(404, 'NOT_FOUND', 'Solicitação não encontrada.'),
  });
  socket.send(
    'call:ringing',
    ringing({
      callerHistory: {
        attendancesLast24h: 3,
        attendancesLast7d: 5,
        openRequests: [
          { id: requestId, protocol: '2026000123', typeName: 'Buraco na via', status: 'in_progress', deadline: '2026-03-01T15:00:00.000Z', overdue: true },
        ],
      },
    }),
  );
  const pop = screen.getByRole('alertdialog', { name: 'Chamada chegando' });
  expect(within(pop).getByText('Ligou 3 vezes hoje · 5 nos últimos 7 dias')).toBeInTheDocument();
  const open = within(pop).getByRole('list', { name: 'Solicitações em aberto' });
  expect(within(open).getByRole('listitem')).toHaveTextContent(/^2026\.00012-3 Buraco na via Em andamento Vencida Prazo 01\/03\/2026 \d\d:00$/);
  await user.click(within(open).getByRole('link', { name: /Buraco na via/ }));
  expect(window.location.pathname).toBe(`/solicitacoes/${requestId}`);
});
