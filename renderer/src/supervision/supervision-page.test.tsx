import { act, screen, waitFor, within } from '@testing-library/react';
import type { QueuesDelta, QueuesSnapshot } from '@receptivo/shared';
import { fakeCti } from '../testing/fake-cti';
import { fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => jest.useRealTimers());

const noAgents = { available: 0, ringing: 0, on_call: 0, paused: 0, wrap_up: 0, offline: 0 };
const snapshot: QueuesSnapshot = {
  epoch: 'leader-1',
  seq: 7,
  at: '2026-03-10T12:00:00.000Z',
  serviceLevelSeconds: 20,
  windowMinutes: 60,
  queues: [
    {
      queue: 'atendimento',
      waiting: 2,
      longestWaitMs: 65_000,
      answered: 5,
      abandoned: 2,
      answeredWithinServiceLevel: 5,
      serviceLevelPercent: 71.4,
      averageWaitSeconds: 2.4,
      averageTalkSeconds: 186,
      agents: { ...noAgents, on_call: 1, paused: 1 },
    },
    {
      queue: 'ouvidoria',
      waiting: 0,
      longestWaitMs: null,
      answered: 0,
      abandoned: 0,
      answeredWithinServiceLevel: 0,
      serviceLevelPercent: null,
      averageWaitSeconds: null,
      averageTalkSeconds: null,
      agents: { ...noAgents, available: 1 },
    },
  ],
  agents: [
    {
      extension: '1001',
      name: 'Ana Atendente',
      state: 'on_call',
      reason: null,
      inStateMs: 42_000,
      call: { callerNumber: '11987654321', callerName: 'Maria Silva', queue: 'atendimento' },
      queues: ['atendimento'],
    },
    { extension: '1002', name: 'Atendente 1002', state: 'paused', reason: 'Almoço', inStateMs: 600_000, call: null, queues: ['atendimento'] },
    { extension: '1003', name: null, state: 'available', reason: null, inStateMs: null, call: null, queues: ['ouvidoria'] },
  ],
};

async function openSupervision() {
  storeSession(loginResponse('supervisor'));
  fakeServer({ 'GET /api/auth/me': { status: 200, body: sessionUser('supervisor') } });
  const cti = fakeCti();
  const user = renderApp('/supervisao', cti);
  const socket = await cti.connected();
  return { socket, user, answers: cti.answers };
}

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

test('Ao vivo shows the queues and the attendants of the last snapshot, filtered by queue', async () => {
  const { socket, user } = await openSupervision();
  expect(screen.getByRole('tab', { name: 'Ao vivo' })).toHaveAttribute('aria-selected', 'true');
  expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Ao vivo', 'Relatórios', 'Alertas', 'Abandonadas']);
  expect(screen.getByText('Aguardando o quadro das filas…')).toBeInTheDocument();
  expect(within(screen.getByRole('tabpanel')).getByText('Telefonia conectada')).toBeInTheDocument();

  socket.send('queues:snapshot', snapshot);
  const queues = screen.getByRole('table', { name: 'Filas' });
  expect(within(queues).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual([
    'Fila',
    'Em espera',
    'Maior espera',
    'Atendidas',
    'Abandonadas',
    'Nível de serviço',
    'TME',
    'TMA',
  ]);
  expect(rowTexts(queues)).toEqual([
    ['atendimento', '2', '1:05', '5', '2', '71,4%', '0:02', '3:06'],
    ['ouvidoria', '0', '—', '0', '0', '—', '—', '—'],
  ]);
  const agents = screen.getByRole('table', { name: 'Atendentes' });
  expect(rowTexts(agents)).toEqual([
    ['1001', 'Ana Atendente', 'Em ligação', '0:42', '—', 'Maria Silva · 11987654321', 'atendimento'],
    ['1002', 'Atendente 1002', 'Em pausa', '10:00', 'Almoço', '—', 'atendimento'],
    ['1003', '—', 'Disponível', '—', '—', '—', 'ouvidoria'],
  ]);
  expect(screen.getByText('Disponível: 1 · Em ligação: 1 · Em pausa: 1')).toBeInTheDocument();

  await user.selectOptions(screen.getByLabelText('Fila'), 'ouvidoria');
  expect(rowTexts(screen.getByRole('table', { name: 'Filas' })).map((row) => row[0])).toEqual(['ouvidoria']);
  expect(rowTexts(screen.getByRole('table', { name: 'Atendentes' })).map((row) => row[0])).toEqual(['1003']);

  // A full snapshot replaces the board; the filter stays.
  socket.send('queues:snapshot', { ...snapshot, seq: 9, queues: snapshot.queues.map((figures) => ({ ...figures, waiting: 0 })), agents: snapshot.agents.slice(0, 2) });
  expect(screen.getByText('Nenhum atendente nesta fila.')).toBeInTheDocument();
  await user.selectOptions(screen.getByLabelText('Fila'), 'Todas as filas');
  expect(rowTexts(screen.getByRole('table', { name: 'Filas' })).map((row) => row[1])).toEqual(['0', '0']);
});

test('waits and times in state count up between snapshots; the link state is shown', async () => {
  jest.useFakeTimers();
  const { socket } = await openSupervision();
  socket.send('queues:snapshot', snapshot);
  act(() => jest.advanceTimersByTime(3000));
  expect(rowTexts(screen.getByRole('table', { name: 'Filas' }))[0][2]).toBe('1:08');
  expect(rowTexts(screen.getByRole('table', { name: 'Atendentes' }))[0][3]).toBe('0:45');

  socket.send('cti:status', { connected: false, since: null, lastEventAt: '2026-03-10T12:05:00.000Z' });
  expect(within(screen.getByRole('tabpanel')).getByText('Telefonia indisponível')).toBeInTheDocument();
});

const delta = (seq: number, changes: Partial<QueuesDelta> = {}): QueuesDelta => ({
  epoch: 'leader-1',
  seq,
  at: '2026-03-10T12:00:01.000Z',
  queues: [],
  agents: [],
  removedQueues: [],
  removedAgents: [],
  ...changes,
});

test('deltas change only their rows; a missed one asks the server for the whole board and the screen waits for it', async () => {
  const { socket } = await openSupervision();
  socket.send('queues:snapshot', snapshot);
  const [ana, paused] = snapshot.agents;

  // 1002 comes back from lunch: one row changes, the others stay.
  socket.send('queues:delta', delta(8, { agents: [{ ...paused, state: 'available', reason: null, inStateMs: 0 }] }));
  const agentRows = () => rowTexts(screen.getByRole('table', { name: 'Atendentes' }));
  expect(agentRows().map((row) => row[2])).toEqual(['Em ligação', 'Disponível', 'Disponível']);
  // The rows not sent are a second older, as of the delta's `at`.
  expect(agentRows().map((row) => row[3])).toEqual(['0:43', '0:00', '—']);
  expect(rowTexts(screen.getByRole('table', { name: 'Filas' }))[0][2]).toBe('1:06');
  expect(socket.emitted).toEqual([]);

  // Seq 10 after 8: 9 was missed. The server is asked once, and nothing applies until the board comes.
  socket.send('queues:delta', delta(10, { agents: [{ ...ana, state: 'wrap_up', call: null }] }));
  socket.send('queues:delta', delta(11, { removedAgents: ['1003'] }));
  await waitFor(() => expect(socket.emitted).toEqual([{ event: 'queues:resend', payload: undefined }]));
  expect(agentRows().map((row) => row[2])).toEqual(['Em ligação', 'Disponível', 'Disponível']);

  socket.send('queues:snapshot', { ...snapshot, seq: 11, agents: [{ ...ana, state: 'wrap_up', call: null }, paused] });
  expect(agentRows().map((row) => row[2])).toEqual(['Pós-atendimento', 'Em pausa']);
  socket.send('queues:delta', delta(12, { queues: [{ ...snapshot.queues[1], answered: 3 }] }));
  expect(rowTexts(screen.getByRole('table', { name: 'Filas' })).map((row) => row[3])).toEqual(['5', '3']);
  expect(socket.emitted).toHaveLength(1);
});

test('a refused resend is asked again at the next delta that does not fit', async () => {
  const { socket, answers } = await openSupervision();
  socket.send('queues:snapshot', snapshot);
  answers['queues:resend'] = () => ({ ok: false, error: { code: 'CTI_UNAVAILABLE', message: 'Nenhum servidor está conectado à central.' } });
  socket.send('queues:delta', delta(9));
  await waitFor(() => expect(socket.emitted).toHaveLength(1));
  // The refusal lets the next delta, still past the gap, ask again.
  await waitFor(() => expect(socket.acknowledged).toEqual(['queues:resend']));
  socket.send('queues:delta', delta(10));
  await waitFor(() => expect(socket.emitted.map((item) => item.event)).toEqual(['queues:resend', 'queues:resend']));
});
