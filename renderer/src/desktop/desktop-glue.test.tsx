import { act, screen, waitFor } from '@testing-library/react';
import type { CallRinging, DesktopBridge, DesktopEvents } from '@receptivo/shared';
import { deskRoutes } from '../testing/desk';
import { fakeCti } from '../testing/fake-cti';
import { fakeServer, loginResponse } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => {
  delete window.receptivoDesktop;
});

/** The preload's bridge as the renderer sees it, recording every call and keeping the shell's listeners. */
function fakeBridge() {
  const listeners: {
    openDesk?: (event: DesktopEvents['desktop:open-desk']) => void;
    pause?: (event: DesktopEvents['desktop:pause']) => void;
    unpause?: () => void;
  } = {};
  const bridge = {
    getSettings: async () => ({ serverUrl: 'http://central.example:3000/' }),
    setSession: jest.fn(async () => undefined),
    callRinging: jest.fn(async () => undefined),
    agentState: jest.fn(async () => undefined),
    onOpenDesk: jest.fn((listener: NonNullable<typeof listeners.openDesk>) => {
      listeners.openDesk = listener;
      return () => delete listeners.openDesk;
    }),
    onPause: jest.fn((listener: NonNullable<typeof listeners.pause>) => {
      listeners.pause = listener;
      return () => delete listeners.pause;
    }),
    onUnpause: jest.fn((listener: NonNullable<typeof listeners.unpause>) => {
      listeners.unpause = listener;
      return () => delete listeners.unpause;
    }),
  };
  window.receptivoDesktop = bridge as unknown as DesktopBridge;
  return { bridge, listeners };
}

const ringing: CallRinging = {
  callId: '1741622400.101',
  callerNumber: '011987654321',
  callerE164: '+5511987654321',
  callerName: 'MARIA SILVA',
  queue: 'atendimento',
  waitSeconds: 12,
  ura: {},
  matches: [],
  callerHistory: null,
  uraRoute: null,
};

test('the shell follows the session, the calls and the agent state, and its tray and notification drive the desk', async () => {
  const { bridge, listeners } = fakeBridge();
  const session = loginResponse('attendant');
  fakeServer({
    'POST /api/auth/login': { status: 200, body: session },
    ...deskRoutes(),
    'GET /api/customers': { status: 200, body: { items: [], total: 0, totalCapped: false } },
    'GET /api/cti/pause-reasons': { status: 200, body: { reasons: ['Intervalo', 'Almoço'], ringNoAnswerReason: 'Não atendeu' } },
  });
  const cti = fakeCti();
  const user = renderApp('/login', cti);
  await waitFor(() => expect(bridge.setSession).toHaveBeenCalledWith(null));

  await user.type(screen.getByLabelText('Usuário'), 'ana');
  await user.type(screen.getByLabelText('Senha'), 'segredo-123');
  await user.click(screen.getByRole('button', { name: 'Entrar' }));
  await waitFor(() => expect(bridge.setSession).toHaveBeenLastCalledWith({ serverUrl: 'http://central.example:3000', token: session.token }));

  const socket = await cti.connected();
  socket.send('call:ringing', ringing);
  expect(bridge.callRinging).toHaveBeenCalledWith(ringing);
  socket.send('agent:state', { state: 'paused', reason: 'Almoço' });
  await waitFor(() => expect(bridge.agentState).toHaveBeenLastCalledWith({ state: 'paused', reason: 'Almoço', pauseReasons: ['Intervalo', 'Almoço'] }));

  // The tray pauses and resumes through the desk's own link; the notification's click opens the desk.
  act(() => listeners.pause!({ reason: 'Almoço' }));
  act(() => listeners.unpause!());
  await waitFor(() =>
    expect(socket.emitted).toEqual([
      { event: 'agent:pause', payload: { reason: 'Almoço' } },
      { event: 'agent:unpause', payload: undefined },
    ]),
  );
  await user.click(screen.getByRole('link', { name: 'Clientes' }));
  await waitFor(() => expect(window.location.pathname).toBe('/clientes'));
  act(() => listeners.openDesk!({ callId: ringing.callId }));
  await waitFor(() => expect(window.location.pathname).toBe('/receptivo'));

  await user.click(screen.getByRole('button', { name: 'Sair' }));
  await waitFor(() => expect(bridge.setSession).toHaveBeenLastCalledWith(null));
  // Signed out, the desk no longer listens to the tray.
  expect(listeners.pause).toBeUndefined();
});
