import { screen, within } from '@testing-library/react';
import type { AbandonedCall, CtiOverview } from '@receptivo/shared';
import { fakeCti } from '../testing/fake-cti';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession, type FakeRoutes } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());

const abandoned: AbandonedCall = {
  id: '9d1f2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f10',
  callerNumber: '21998765432',
  customer: { id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c02', name: 'João Souza' },
  queue: 'atendimento',
  waitSeconds: 95,
  abandonedAt: '2026-03-10T12:00:00.000Z',
  status: 'pending',
  doneReason: null,
  doneAt: null,
  doneBy: null,
  attempts: [],
};

const overview: CtiOverview = {
  state: 'connected',
  host: 'pbx',
  since: null,
  lastEventAt: null,
  activeCalls: 0,
  leader: 'node-a',
  node: 'node-a',
  role: 'single',
  agents: [
    { extension: '1001', user: { id: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f01', name: 'Ana Atendente', username: 'atendente' }, state: 'available', reason: null, queues: ['atendimento'], connected: true },
    { extension: '1009', user: null, state: 'available', reason: null, queues: ['atendimento'], connected: false },
  ],
};

async function openAbandoned(routes: FakeRoutes) {
  storeSession(loginResponse('supervisor'));
  const server = fakeServer({ 'GET /api/auth/me': { status: 200, body: sessionUser('supervisor') }, 'GET /api/cti/overview': { status: 200, body: overview }, ...routes });
  const cti = fakeCti();
  const user = renderApp('/supervisao', cti);
  await user.click(await screen.findByRole('tab', { name: 'Abandonadas' }));
  return { server, user };
}

test('a supervisor calls an abandoned caller back through an attendant of the queues, and sees the try', async () => {
  let calledBack = false;
  const { server, user } = await openAbandoned({
    'GET /api/supervision/abandoned': () => ({
      status: 200,
      body: {
        items: [calledBack ? { ...abandoned, attempts: [{ at: '2026-03-10T12:05:00.000Z', userName: 'Sandra Supervisora', extension: '1001', result: 'calling', attendanceProtocol: null }] } : abandoned],
        total: 1,
      },
    }),
    [`POST /api/supervision/abandoned/${abandoned.id}/callback`]: () => {
      calledBack = true;
      return { status: 200, body: abandoned };
    },
  });
  const row = (await screen.findByText('21998765432')).closest('tr')!;
  expect(row).toHaveTextContent('João Souza');
  expect(row).toHaveTextContent('atendimento');
  await user.click(within(row).getByRole('button', { name: 'Ligar de volta' }));

  const dialog = screen.getByRole('dialog', { name: 'Ligar de volta para 21998765432' });
  // Only attendants with a user and a queue are offered.
  expect(within(dialog).getAllByRole('option').map((option) => option.textContent)).toEqual(['Escolha o atendente', 'Ana Atendente — ramal 1001']);
  await user.click(within(dialog).getByRole('button', { name: 'Ligar' }));
  expect(within(dialog).getByRole('combobox', { name: 'Atendente' })).toHaveAccessibleDescription('Escolha o ramal do atendente.');
  await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Atendente' }), 'Ana Atendente — ramal 1001');
  await user.click(within(dialog).getByRole('button', { name: 'Ligar' }));

  expect(await screen.findByRole('status')).toHaveTextContent('Ligando para o ramal 1001; quando o atendente atender, a central chama 21998765432.');
  expect(server.calls(`POST /api/supervision/abandoned/${abandoned.id}/callback`)[0].body).toEqual({ extension: '1001' });
  expect(await screen.findByText(/Sandra Supervisora · ramal 1001: Chamando/)).toBeInTheDocument();
});

test('a refused callback says why in the dialog; marking done by hand is confirmed', async () => {
  const { user } = await openAbandoned({
    'GET /api/supervision/abandoned': { status: 200, body: { items: [abandoned], total: 1 } },
    [`POST /api/supervision/abandoned/${abandoned.id}/callback`]: apiError(422, 'BUSINESS_RULE', 'Os retornos não estão configurados neste servidor (CTI_CALLBACK_CONTEXT).'),
    [`POST /api/supervision/abandoned/${abandoned.id}/done`]: { status: 200, body: { ...abandoned, status: 'done', doneReason: 'by_hand', doneAt: '2026-03-10T12:06:00.000Z', doneBy: 'Sandra Supervisora' } },
  });
  const row = (await screen.findByText('21998765432')).closest('tr')!;
  await user.click(within(row).getByRole('button', { name: 'Ligar de volta' }));
  const dialog = screen.getByRole('dialog');
  await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Atendente' }), 'Ana Atendente — ramal 1001');
  await user.click(within(dialog).getByRole('button', { name: 'Ligar' }));
  expect(await within(dialog).findByRole('alert')).toHaveTextContent('Os retornos não estão configurados neste servidor (CTI_CALLBACK_CONTEXT).');
  await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }));

  await user.click(within(row).getByRole('button', { name: 'Marcar como resolvida' }));
  expect(await screen.findByRole('status')).toHaveTextContent('Chamada de 21998765432 marcada como resolvida.');
});
