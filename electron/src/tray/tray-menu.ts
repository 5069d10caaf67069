import type { MenuItemConstructorOptions } from 'electron';
import { agentStateLabels, type AgentState } from '@receptivo/shared';

export type TrayAction =
  | { type: 'pause'; reason: string }
  | { type: 'unpause' }
  | { type: 'show-window' }
  | { type: 'toggle-start-at-login' }
  | { type: 'quit' };

/** A menu item without Electron's callbacks: what it says and which action it runs. */
export interface TrayMenuItem {
  label?: string;
  type?: 'separator' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  action?: TrayAction;
  submenu?: TrayMenuItem[];
}

export interface TrayState {
  /** Null until the desk reports one (signed out, or CTI off). */
  agent: AgentState | null;
  /** The server's pause reasons (CTI_PAUSE_REASONS), as the desk's pause dialog offers them. */
  pauseReasons: readonly string[];
  startAtLogin: boolean;
}

function stateText(agent: AgentState | null): string {
  if (!agent) return 'Telefonia não conectada';
  return agent.reason ? `${agentStateLabels[agent.state]} (${agent.reason})` : agentStateLabels[agent.state];
}

/** The tray's tooltip: the app and the agent state. */
export function trayTooltip(agent: AgentState | null): string {
  return `Receptivo — ${stateText(agent)}`;
}

/** The tray icon's file under static/tray: the app icon with a dot in the state's colour. */
export function trayIconName(agent: AgentState | null): string {
  return `${agent?.state ?? 'unknown'}.png`;
}

/**
 * The tray's context menu for the agent state: pausing is offered while connected and not
 * paused, resuming while paused; the desk does the pause itself (it owns the CTI socket).
 */
export function trayMenuTemplate({ agent, pauseReasons, startAtLogin }: TrayState): TrayMenuItem[] {
  const canPause = agent !== null && agent.state !== 'paused' && agent.state !== 'offline' && pauseReasons.length > 0;
  return [
    { label: stateText(agent), enabled: false },
    { type: 'separator' },
    {
      label: 'Pausar',
      enabled: canPause,
      submenu: pauseReasons.map((reason) => ({ label: reason, action: { type: 'pause', reason } })),
    },
    { label: 'Retomar', enabled: agent?.state === 'paused', action: { type: 'unpause' } },
    { type: 'separator' },
    { label: 'Mostrar janela', action: { type: 'show-window' } },
    { label: 'Iniciar com o sistema', type: 'checkbox', checked: startAtLogin, action: { type: 'toggle-start-at-login' } },
    { type: 'separator' },
    { label: 'Sair', action: { type: 'quit' } },
  ];
}

/** Electron's menu template for `items`, each click running its action. */
export function toElectronMenu(items: TrayMenuItem[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map(({ action, submenu, ...item }) => ({
    ...item,
    ...(action ? { click: () => run(action) } : {}),
    ...(submenu ? { submenu: toElectronMenu(submenu, run) } : {}),
  }));
}
