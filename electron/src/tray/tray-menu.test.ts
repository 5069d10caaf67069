import { existsSync } from 'node:fs';
import path from 'node:path';
import { agentStates, type AgentState } from '@receptivo/shared';
import { toElectronMenu, trayIconName, trayMenuTemplate, trayTooltip, type TrayAction, type TrayMenuItem } from './tray-menu';

const find = (items: TrayMenuItem[], label: string) => items.find((item) => item.label === label)!;
/** What GET /api/cti/pause-reasons answers by default, passed on by the desk. */
const REASONS = ['Intervalo', 'Almoço', 'Treinamento', 'Banheiro'];

describe('tray menu', () => {
  it('shows the state and offers the pause reasons while available', () => {
    const items = trayMenuTemplate({ agent: { state: 'available' }, pauseReasons: REASONS, startAtLogin: true });
    expect(items.map((item) => item.label ?? '—')).toEqual(['Disponível', '—', 'Pausar', 'Retomar', '—', 'Mostrar janela', 'Iniciar com o sistema', '—', 'Sair']);
    expect(items[0].enabled).toBe(false);
    expect(find(items, 'Pausar')).toMatchObject({
      enabled: true,
      submenu: [
        { label: 'Intervalo', action: { type: 'pause', reason: 'Intervalo' } },
        { label: 'Almoço', action: { type: 'pause', reason: 'Almoço' } },
        { label: 'Treinamento', action: { type: 'pause', reason: 'Treinamento' } },
        { label: 'Banheiro', action: { type: 'pause', reason: 'Banheiro' } },
      ],
    });
    expect(find(items, 'Retomar')).toMatchObject({ enabled: false, action: { type: 'unpause' } });
    expect(find(items, 'Mostrar janela').action).toEqual({ type: 'show-window' });
    expect(find(items, 'Iniciar com o sistema')).toMatchObject({ type: 'checkbox', checked: true, action: { type: 'toggle-start-at-login' } });
    expect(find(items, 'Sair').action).toEqual({ type: 'quit' });
  });

  it('offers the reasons the server configured, and no pause before the desk sent them', () => {
    const configured = trayMenuTemplate({ agent: { state: 'available' }, pauseReasons: ['Reunião', 'Ginástica laboral'], startAtLogin: true });
    expect(find(configured, 'Pausar').submenu!.map((item) => item.label)).toEqual(['Reunião', 'Ginástica laboral']);
    expect(find(trayMenuTemplate({ agent: { state: 'available' }, pauseReasons: [], startAtLogin: true }), 'Pausar').enabled).toBe(false);
  });

  it('offers resuming while paused, with the reason in the state', () => {
    const items = trayMenuTemplate({ agent: { state: 'paused', reason: 'Almoço' }, pauseReasons: REASONS, startAtLogin: false });
    expect(items[0].label).toBe('Em pausa (Almoço)');
    expect(find(items, 'Pausar').enabled).toBe(false);
    expect(find(items, 'Retomar').enabled).toBe(true);
    expect(find(items, 'Iniciar com o sistema').checked).toBe(false);
  });

  it.each<[string, AgentState | null]>([
    ['signed out or without CTI', null],
    ['offline', { state: 'offline' }],
  ])('offers neither pause nor resume when %s', (_case, agent) => {
    const items = trayMenuTemplate({ agent, pauseReasons: REASONS, startAtLogin: true });
    expect(find(items, 'Pausar').enabled).toBe(false);
    expect(find(items, 'Retomar').enabled).toBe(false);
  });

  it.each(['ringing', 'on_call', 'wrap_up'] as const)('lets the attendant schedule a pause while %s', (state) => {
    expect(find(trayMenuTemplate({ agent: { state }, pauseReasons: REASONS, startAtLogin: true }), 'Pausar').enabled).toBe(true);
  });

  it('says the state in the tooltip', () => {
    expect(trayTooltip({ state: 'on_call' })).toBe('Receptivo — Em ligação');
    expect(trayTooltip({ state: 'paused', reason: 'Intervalo' })).toBe('Receptivo — Em pausa (Intervalo)');
    expect(trayTooltip(null)).toBe('Receptivo — Telefonia não conectada');
  });

  it('has an icon, at two scales, for every state', () => {
    for (const agent of [null, ...agentStates.map((state) => ({ state }))]) {
      const file = path.join(__dirname, '..', '..', 'static', 'tray', trayIconName(agent));
      expect(existsSync(file)).toBe(true);
      expect(existsSync(file.replace('.png', '@2x.png'))).toBe(true);
    }
    expect(trayIconName({ state: 'paused' })).toBe('paused.png');
  });

  it('turns into an Electron template whose clicks run the actions', () => {
    const run = jest.fn<void, [TrayAction]>();
    const menu = toElectronMenu(trayMenuTemplate({ agent: { state: 'available' }, pauseReasons: REASONS, startAtLogin: true }), run);
    expect(menu[0]).toEqual({ label: 'Disponível', enabled: false });
    expect(menu[1]).toEqual({ type: 'separator' });
    const pause = menu.find((item) => item.label === 'Pausar')!;
    const lunch = (pause.submenu as typeof menu).find((item) => item.label === 'Almoço')!;
    lunch.click!(undefined as never, undefined, undefined as never);
    menu.find((item) => item.label === 'Sair')!.click!(undefined as never, undefined, undefined as never);
    expect(run.mock.calls).toEqual([[{ type: 'pause', reason: 'Almoço' }], [{ type: 'quit' }]]);
    expect(pause.click).toBeUndefined();
  });
});
