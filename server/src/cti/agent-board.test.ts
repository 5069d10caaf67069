import { AgentBoard } from './agent-board';

const MAX_MS = 120_000;
const WRAP_UP_REASON = 'Pós-atendimento';
const seen = (board: AgentBoard, extension = '1001') => {
  const view = board.view(extension);
  return view && `${view.state}${view.reason ? ` (${view.reason})` : ''} since ${view.since}`;
};

describe('agent board: the desk rules over the PBX states', () => {
  it('pause: the reason is shown while paused, and the time in state restarts on each change', () => {
    const board = new AgentBoard(MAX_MS, WRAP_UP_REASON);
    board.deskConnected('1001', 'desk', 0);
    board.announce('1001', { state: 'available', reason: null }, 1_000);
    expect(seen(board)).toBe('available since 1000');
    board.announce('1001', { state: 'paused', reason: 'Almoço' }, 5_000);
    expect(seen(board)).toBe('paused (Almoço) since 5000');
    expect(board.deskState('1001')).toEqual({ state: 'paused', reason: 'Almoço' });
    // Another reason is another state for the supervisor.
    board.announce('1001', { state: 'paused', reason: 'Intervalo' }, 6_000);
    expect(seen(board)).toBe('paused (Intervalo) since 6000');
    board.announce('1001', { state: 'available', reason: null }, 9_000);
    expect(seen(board)).toBe('available since 9000');
    expect(board.deskState('1001')).toEqual({ state: 'available' });
  });

  it('wrap-up: after the answered call until the attendance is finished, or until the maximum', () => {
    const board = new AgentBoard(MAX_MS, WRAP_UP_REASON);
    board.deskConnected('1001', 'desk', 0);
    board.announce('1001', { state: 'on_call', reason: null }, 1_000);
    board.announce('1001', { state: 'available', reason: null }, 8_000);
    board.startWrapUp('1001', 8_000);
    expect(board.deskState('1001')).toEqual({ state: 'wrap_up' });
    expect(seen(board)).toBe('wrap_up since 8000');
    expect(board.wrapUpEndsAt('1001')).toBe(8_000 + MAX_MS);

    // Finished in time.
    expect(board.endWrapUp('1001', 30_000)).toBe(true);
    expect(seen(board)).toBe('available since 30000');
    expect(board.endWrapUp('1001', 31_000)).toBe(false);
    expect(board.wrapUpEndsAt('1001')).toBeNull();

    // Another call: the shell ends it at wrapUpEndsAt, the attendance still open.
    board.startWrapUp('1001', 40_000);
    const endsAt = board.wrapUpEndsAt('1001')!;
    expect(endsAt).toBe(160_000);
    expect(board.endWrapUp('1001', endsAt)).toBe(true);
    expect(board.deskState('1001')).toEqual({ state: 'available' });
    expect(seen(board)).toBe('available since 160000');
  });

  it('wrap-up without a maximum (0) lasts until the attendance is finished; a new call shows over it', () => {
    const board = new AgentBoard(0, WRAP_UP_REASON);
    board.deskConnected('1001', 'desk', 0);
    board.announce('1001', { state: 'available', reason: null }, 0);
    board.startWrapUp('1001', 1_000);
    expect(board.wrapUpEndsAt('1001')).toBeNull();
    board.announce('1001', { state: 'ringing', reason: null }, 2_000);
    expect(board.deskState('1001')).toEqual({ state: 'ringing' });
    board.announce('1001', { state: 'available', reason: null }, 3_000);
    expect(board.deskState('1001')).toEqual({ state: 'wrap_up' });
    // A pause is the PBX's word: it wins over the wrap-up.
    board.announce('1001', { state: 'paused', reason: 'Feedback' }, 4_000);
    expect(board.deskState('1001')).toEqual({ state: 'paused', reason: 'Feedback' });
  });

  it('logout: no desk connected shows offline to supervisors, but a call in progress shows as it is', () => {
    const board = new AgentBoard(MAX_MS, WRAP_UP_REASON);
    board.announce('1001', { state: 'available', reason: null }, 0);
    expect(seen(board)).toBe('offline since null');
    board.deskConnected('1001', 'window-1', 1_000);
    board.deskConnected('1001', 'window-2', 1_500);
    // Told twice of one connection (a new leader's count, then the connection's own word): one desk.
    board.deskConnected('1001', 'window-2', 1_600);
    expect(seen(board)).toBe('available since 1000');
    // One of two windows closed: still at the desk.
    board.deskDisconnected('1001', 'window-1', 2_000);
    expect(seen(board)).toBe('available since 1000');
    board.deskDisconnected('1001', 'window-2', 3_000);
    expect(seen(board)).toBe('offline since 3000');
    // The attendant's own desk is told the PBX's state: it is connected whenever it hears it.
    expect(board.deskState('1001')).toEqual({ state: 'available' });

    board.announce('1001', { state: 'on_call', reason: null }, 4_000);
    expect(seen(board)).toBe('on_call since 4000');
    board.announce('1001', { state: 'available', reason: null }, 9_000);
    board.startWrapUp('1001', 9_000);
    expect(seen(board)).toBe('offline since 9000');
    board.deskConnected('1001', 'desk', 10_000);
    expect(seen(board)).toBe('wrap_up since 10000');
  });

  it('offline by the PBX (every device unavailable) shows offline with a desk connected', () => {
    const board = new AgentBoard(MAX_MS, WRAP_UP_REASON);
    board.deskConnected('1001', 'desk', 0);
    board.announce('1001', { state: 'offline', reason: null }, 1_000);
    expect(seen(board)).toBe('offline since null');
    expect(board.deskState('1001')).toEqual({ state: 'offline' });
    expect(board.deskState('4040')).toEqual({ state: 'offline' });
    expect(board.view('4040')).toBeUndefined();
  });

  it('wrap-up held in the PBX: the wrap-up pause shows as wrap_up, a pause of the attendant\'s own as a pause', () => {
    const board = new AgentBoard(MAX_MS, WRAP_UP_REASON);
    board.deskConnected('1001', 'desk', 0);
    board.announce('1001', { state: 'on_call', reason: null }, 1_000);
    board.startWrapUp('1001', 2_000);
    board.announce('1001', { state: 'available', reason: null }, 2_000);
    expect(board.deskState('1001')).toEqual({ state: 'wrap_up' });
    board.announce('1001', { state: 'paused', reason: WRAP_UP_REASON }, 2_050);
    expect(board.deskState('1001')).toEqual({ state: 'wrap_up' });
    expect(seen(board)).toBe('wrap_up since 2000');
    board.announce('1001', { state: 'paused', reason: 'Almoço' }, 3_000);
    expect(board.deskState('1001')).toEqual({ state: 'paused', reason: 'Almoço' });
    expect(seen(board)).toBe('paused (Almoço) since 3000');
  });
});
