import { act, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import type { CallRinging, Role } from '@receptivo/shared';
import { SessionProvider } from '../auth/SessionProvider';
import { deskRoutes } from '../testing/desk';
import { fakeCti } from '../testing/fake-cti';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession, type FakeRoutes } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { CtiProvider, CtiSocketFactoryProvider, refusedRetryMs } from './CtiProvider';

beforeEach(() => localStorage.clear());
afterEach(() => jest.useRealTimers());

function openDesk(role: Role = 'attendant', routes: FakeRoutes = {}) {
  storeSession(loginResponse(role));
  const cti = fakeCti();
  fakeServer({
    ...deskRoutes(null, role),
    'GET /api/cti/pause-reasons': { status: 200, body: { reasons: pauseReasons, ringNoAnswerReason: 'Não atendeu' } },
    ...routes,
  });
  const user = renderApp('/receptivo', cti);
  return { cti, user };
}

const telephony = () => screen.getByRole('group', { name: 'Telefonia' });
/** The server's CTI_PAUSE_REASONS. */
const pauseReasons = ['Intervalo', 'Almoço', 'Banheiro', 'Feedback'];

test('the header tells whether calls can pop: desk link and PBX link both up', async () => {
  const { cti } = openDesk();
  const socket = await cti.socket();
  expect(socket.options.token).toBe('token-attendant');
  expect(within(telephony()).getByText('Telefonia reconectando…')).toBeInTheDocument();

  socket.deliver('connect');
  socket.send('cti:status', { connected: true, since: '2026-03-10T12:00:00.000Z', lastEventAt: null });
  expect(within(telephony()).getByText('Telefonia conectada')).toBeInTheDocument();

  socket.send('cti:status', { connected: false, since: null, lastEventAt: '2026-03-10T12:05:00.000Z' });
  expect(within(telephony()).getByText('Telefonia indisponível')).toBeInTheDocument();

  socket.send('cti:status', { connected: true, since: '2026-03-10T12:06:00.000Z', lastEventAt: null });
  socket.send('call:ringing', {
    callId: 'c1',
    callerNumber: '4003',
    callerE164: null,
    callerName: null,
    queue: null,
    waitSeconds: 0,
    ura: {},
    matches: [],
    callerHistory: null,
    uraRoute: null,
  });
  expect(screen.getByRole('alertdialog', { name: 'Chamada chegando' })).toBeInTheDocument();

  // A blip keeps the pop: a recovered link replays what it missed.
  socket.deliver('disconnect', 'transport close');
  expect(within(telephony()).getByText('Telefonia reconectando…')).toBeInTheDocument();
  expect(screen.getByRole('alertdialog', { name: 'Chamada chegando' })).toBeInTheDocument();
  socket.deliver('connect');
  expect(screen.getByRole('alertdialog', { name: 'Chamada chegando' })).toBeInTheDocument();

  // A fresh link (the server restarted) is told in the handshake which pops are on screen, and ends
  // those that are over: nothing kept from before may stay stuck.
  socket.deliver('disconnect', 'transport close');
  expect(socket.options.shownPops()).toEqual(['c1']);
  socket.deliver('connect');
  socket.send('call:ended', { callId: 'c1', reason: 'abandoned' });
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  expect(screen.getByText('O cidadão desistiu da chamada')).toBeInTheDocument();
  expect(socket.options.shownPops()).toEqual([]);
  expect(within(telephony()).getByText('Telefonia conectada')).toBeInTheDocument();

  socket.deliver('disconnect', 'io server disconnect');
  expect(within(telephony()).getByText('Telefonia indisponível')).toBeInTheDocument();
});

test('a link the server refused for another reason than the token is tried again', async () => {
  jest.useFakeTimers();
  const { cti } = openDesk();
  const socket = await cti.socket();
  socket.active = false;

  socket.deliver('connect_error', Object.assign(new Error('Sessão expirada.'), { data: { code: 'TOKEN_EXPIRED' } }));
  act(() => jest.advanceTimersByTime(refusedRetryMs));
  expect(socket.connectCalls).toBe(0);

  socket.deliver('connect_error', Object.assign(new Error('Erro interno.'), { data: { code: 'INTERNAL_ERROR' } }));
  expect(within(telephony()).getByText('Telefonia indisponível')).toBeInTheDocument();
  act(() => jest.advanceTimersByTime(refusedRetryMs));
  expect(socket.connectCalls).toBe(1);
});

test('the agent pauses with a reason of the server\'s list; a refusal of the PBX is shown in the dialog', async () => {
  const { cti, user } = openDesk();
  const socket = await cti.connected();
  socket.send('agent:state', { state: 'available' });
  expect(within(telephony()).getByText('Disponível')).toBeInTheDocument();
  cti.answers['agent:pause'] = (payload) =>
    (payload as { reason: string }).reason === 'Almoço'
      ? { ok: true }
      : { ok: false, error: { code: 'NOT_IN_QUEUE', message: 'O ramal 1001 não está em nenhuma fila.' } };

  await user.click(within(telephony()).getByRole('button', { name: 'Pausar' }));
  const dialog = screen.getByRole('dialog', { name: 'Pausar atendimento' });
  await within(dialog).findByRole('option', { name: 'Almoço' });
  // Exactly the reasons the server accepts, no free text.
  expect(within(dialog).getAllByRole('option').map((option) => option.textContent)).toEqual(['Escolha o motivo', ...pauseReasons]);
  expect(within(dialog).queryByRole('textbox')).not.toBeInTheDocument();
  await user.click(within(dialog).getByRole('button', { name: 'Pausar' }));
  expect(within(dialog).getByLabelText('Motivo da pausa')).toHaveAccessibleDescription('Informe o motivo da pausa.');
  expect(socket.emitted).toEqual([]);

  await user.selectOptions(within(dialog).getByLabelText('Motivo da pausa'), 'Feedback');
  await user.click(within(dialog).getByRole('button', { name: 'Pausar' }));

  expect(await within(dialog).findByRole('alert')).toHaveTextContent('O ramal 1001 não está em nenhuma fila.');
  expect(socket.emitted).toEqual([{ event: 'agent:pause', payload: { reason: 'Feedback' } }]);

  await user.selectOptions(within(dialog).getByLabelText('Motivo da pausa'), 'Almoço');
  await user.click(within(dialog).getByRole('button', { name: 'Pausar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(socket.emitted[1]).toEqual({ event: 'agent:pause', payload: { reason: 'Almoço' } });
  socket.send('agent:state', { state: 'paused', reason: 'Almoço' });
  expect(within(telephony()).getByText('Em pausa')).toHaveTextContent('Em pausa (Almoço)');
  expect(within(telephony()).queryByRole('button', { name: 'Pausar' })).not.toBeInTheDocument();
});

test('pause reasons that cannot be loaded are told, and nothing can be sent', async () => {
  const { cti, user } = openDesk('attendant', { 'GET /api/cti/pause-reasons': apiError(500, 'INTERNAL_ERROR', 'Erro interno.') });
  const socket = await cti.connected();
  await user.click(within(telephony()).getByRole('button', { name: 'Pausar' }));
  const dialog = screen.getByRole('dialog', { name: 'Pausar atendimento' });
  expect(await within(dialog).findByRole('alert')).toHaveTextContent('Não foi possível carregar os motivos de pausa. Erro interno.');
  expect(within(dialog).getByLabelText('Motivo da pausa')).toBeDisabled();
  expect(within(dialog).getByRole('button', { name: 'Tentar novamente' })).toBeInTheDocument();
  await user.click(within(dialog).getByRole('button', { name: 'Pausar' }));
  expect(socket.emitted).toEqual([]);
});

test('a refused Retomar is shown in the header; an accepted one waits for the new state', async () => {
  const { cti, user } = openDesk();
  const socket = await cti.connected();
  socket.send('agent:state', { state: 'paused', reason: 'Intervalo' });
  cti.answers['agent:unpause'] = () => ({ ok: false, error: { code: 'AMI_DOWN', message: 'A central telefônica está fora do ar.' } });

  await user.click(within(telephony()).getByRole('button', { name: 'Retomar' }));

  expect(await within(telephony()).findByRole('alert')).toHaveTextContent('A central telefônica está fora do ar.');
  expect(socket.emitted).toEqual([{ event: 'agent:unpause', payload: undefined }]);

  cti.answers['agent:unpause'] = () => ({ ok: true });
  await user.click(within(telephony()).getByRole('button', { name: 'Retomar' }));
  await waitFor(() => expect(within(telephony()).queryByRole('alert')).not.toBeInTheDocument());
  socket.send('agent:state', { state: 'available' });
  expect(within(telephony()).getByRole('button', { name: 'Pausar' })).toBeInTheDocument();
});

test('paused by the PBX after calls rang out unanswered, the desk says why and offers Retomar; an own pause says nothing', async () => {
  const { cti, user } = openDesk();
  const socket = await cti.connected();
  socket.send('agent:state', { state: 'paused', reason: 'Não atendeu' });
  expect(await within(telephony()).findByRole('alert')).toHaveTextContent(
    'Pausa automática: chamadas tocaram no seu ramal sem resposta. Clique em Retomar quando puder atender.',
  );
  cti.answers['agent:unpause'] = () => ({ ok: true });
  await user.click(within(telephony()).getByRole('button', { name: 'Retomar' }));
  expect(socket.emitted).toEqual([{ event: 'agent:unpause', payload: undefined }]);
  socket.send('agent:state', { state: 'available' });
  expect(within(telephony()).queryByRole('alert')).not.toBeInTheDocument();

  socket.send('agent:state', { state: 'paused', reason: 'Almoço' });
  expect(within(telephony()).getByRole('button', { name: 'Retomar' })).toBeInTheDocument();
  expect(within(telephony()).queryByRole('alert')).not.toBeInTheDocument();
});

test('Pausar and Retomar cannot be used while the telephony is down, and say why', async () => {
  const { cti } = openDesk();
  const socket = await cti.socket();
  const pausar = () => within(telephony()).getByRole('button', { name: 'Pausar' });
  expect(pausar()).toBeDisabled();
  expect(pausar()).toHaveAccessibleDescription('Telefonia reconectando…');

  socket.deliver('connect');
  socket.send('cti:status', { connected: true, since: '2026-03-10T12:00:00.000Z', lastEventAt: null });
  expect(pausar()).toBeEnabled();
  expect(pausar()).not.toHaveAttribute('aria-describedby');

  // The PBX link drops: the desk's own link is up, but no pause can reach the PBX.
  socket.send('cti:status', { connected: false, since: null, lastEventAt: '2026-03-10T12:05:00.000Z' });
  expect(pausar()).toBeDisabled();
  expect(pausar()).toHaveAccessibleDescription('Telefonia indisponível');
  expect(pausar()).toHaveAttribute('title', 'Telefonia indisponível');

  socket.send('cti:status', { connected: true, since: '2026-03-10T12:06:00.000Z', lastEventAt: null });
  socket.send('agent:state', { state: 'paused', reason: 'Intervalo' });
  socket.deliver('disconnect', 'transport close');
  const retomar = within(telephony()).getByRole('button', { name: 'Retomar' });
  expect(retomar).toBeDisabled();
  expect(retomar).toHaveAccessibleDescription('Telefonia reconectando…');
});

test('a pause sent after the link dropped under an open dialog answers at once instead of waiting for a reconnection', async () => {
  const { cti, user } = openDesk();
  const socket = await cti.connected();

  await user.click(within(telephony()).getByRole('button', { name: 'Pausar' }));
  const dialog = screen.getByRole('dialog', { name: 'Pausar atendimento' });
  await within(dialog).findByRole('option', { name: 'Banheiro' });
  await user.selectOptions(within(dialog).getByLabelText('Motivo da pausa'), 'Banheiro');
  socket.deliver('disconnect', 'transport close');
  await user.click(within(dialog).getByRole('button', { name: 'Pausar' }));

  expect(await within(dialog).findByRole('alert')).toHaveTextContent(
    'Sem conexão com a telefonia. Aguarde a reconexão e tente novamente.',
  );
  expect(socket.emitted).toEqual([]);
});

test('a new token reconnects with it, and logout disconnects', async () => {
  const { cti, user } = openDesk();
  const first = await cti.socket();

  // Another tab signed in again: same user, new token.
  const renewed = { ...loginResponse('attendant'), token: 'token-renovado' };
  localStorage.setItem('receptivo.session', JSON.stringify(renewed));
  act(() => window.dispatchEvent(new StorageEvent('storage', { key: 'receptivo.session' })));

  const second = await cti.socket();
  expect(first.disconnected).toBe(true);
  expect(second.options.token).toBe('token-renovado');

  await user.click(screen.getByRole('button', { name: 'Sair' }));
  expect(await screen.findByRole('button', { name: 'Entrar' })).toBeInTheDocument();
  expect(second.disconnected).toBe(true);
});

test('back-office users take no calls: no connection, no indicator', async () => {
  storeSession(loginResponse('backoffice'));
  const cti = fakeCti();
  fakeServer({ 'GET /api/auth/me': { status: 200, body: sessionUser('backoffice') } });
  renderApp('/atendimentos', cti);

  expect(await screen.findByRole('heading', { level: 1, name: 'Atendimentos' })).toBeInTheDocument();
  expect(screen.queryByRole('group', { name: 'Telefonia' })).not.toBeInTheDocument();
  expect(cti.sockets).toHaveLength(0);
});

test('onRinging hears every accepted call, for the desktop shell to come forward', async () => {
  storeSession(loginResponse('supervisor'));
  fakeServer({ 'GET /api/auth/me': { status: 200, body: sessionUser('supervisor') } });
  const cti = fakeCti();
  const onRinging = jest.fn<void, [CallRinging]>();
  const router = createMemoryRouter([
    {
      path: '*',
      element: (
        <SessionProvider>
          <CtiProvider onRinging={onRinging}>
            <p>Mesa</p>
          </CtiProvider>
        </SessionProvider>
      ),
    },
  ]);
  render(
    <CtiSocketFactoryProvider value={cti.factory}>
      <RouterProvider router={router} />
    </CtiSocketFactoryProvider>,
  );
  const socket = await cti.connected();
  const call: CallRinging = { callId: 'c9', callerNumber: null, callerE164: null, callerName: null, queue: 'q', waitSeconds: 3, ura: {}, matches: [], callerHistory: null, uraRoute: null };

  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});

  socket.deliver('call:ringing', { ...call, waitSeconds: -1 });
  socket.send('call:ringing', call);

  expect(onRinging.mock.calls).toEqual([[call]]);
  expect(warn).toHaveBeenCalledTimes(1);
  warn.mockRestore();
});
