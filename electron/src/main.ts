import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  session,
  shell,
  Tray,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import type { AgentState, DesktopEvents, DesktopIpcChannel, DesktopSettings } from '@receptivo/shared';
import { applyLinuxAutostart, linuxAutostartEntry } from './autostart/linux-autostart';
import { startCacheWorker } from './cache/start-cache-worker';
import { createIpcHandlers, isTrustedSender } from './ipc/ipc-handlers';
import type { ScreenPop } from './screen-pop/notification-decision';
import { createSettingsStore } from './settings/settings-store';
import { toElectronMenu, trayIconName, trayMenuTemplate, trayTooltip, type TrayAction } from './tray/tray-menu';
import { withContentSecurityPolicy } from './window/content-security-policy';
import { createWindowOptions, decideNavigation } from './window/window-options';

// The appId of build/electron-builder.yml: Windows shows notifications only for the installed app's id.
const APP_ID = 'br.gov.receptivo.desktop';
const STATIC_DIR = path.join(__dirname, '..', 'static');
const SETTINGS_PAGE = path.join(STATIC_DIR, 'settings.html');
const SETTINGS_PAGE_URL = pathToFileURL(SETTINGS_PAGE).href;
const APP_ICON = path.join(STATIC_DIR, 'icon.png');
const CACHE_FILE = 'knowledge-cache.sqlite';
// net::ERR_ABORTED: the load was replaced by another one, which is no reason to leave the server.
const ERR_ABORTED = -3;

function send<E extends keyof DesktopEvents>(contents: WebContents, event: E, payload: DesktopEvents[E]): void {
  contents.send(event, payload);
}

/** Start at login, for the installed app only: from source it would start a bare Electron. */
function applyStartAtLogin(enabled: boolean): void {
  if (!app.isPackaged) return;
  if (process.platform === 'linux') {
    const entry = linuxAutostartEntry({
      home: app.getPath('home'),
      xdgConfigHome: process.env.XDG_CONFIG_HOME,
      execPath: process.execPath,
      appImage: process.env.APPIMAGE,
    });
    applyLinuxAutostart(enabled, entry).catch((error: unknown) => console.error(error));
  } else {
    app.setLoginItemSettings({ openAtLogin: enabled });
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  const store = createSettingsStore(app.getPath('userData'));
  let settings = await store.load();
  applyStartAtLogin(settings.startAtLogin);
  const cache = startCacheWorker(path.join(app.getPath('userData'), CACHE_FILE));
  app.on('will-quit', () => void cache.close());

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.url, details.responseHeaders, settings.serverUrl) });
  });

  // Every web contents (the main window and any window.open child) follows the same policy.
  const guardNavigation = (contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideNavigation(url, settings.serverUrl);
      if (decision === 'open-external') void shell.openExternal(url);
      return { action: decision === 'allow' ? 'allow' : 'deny' };
    });
    contents.on('will-navigate', (event) => {
      const decision = decideNavigation(event.url, settings.serverUrl);
      if (decision === 'allow') return;
      event.preventDefault();
      if (decision === 'open-external') void shell.openExternal(event.url);
    });
  };
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents));

  const mainWindow = new BrowserWindow(createWindowOptions(path.join(__dirname, 'preload.js'), APP_ICON));
  const { webContents } = mainWindow;
  const showWindow = () => {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', showWindow);
  mainWindow.on('focus', () => mainWindow.flashFrame(false));

  // Only the latest notification is kept: one collected by the GC no longer answers its click.
  let notification: Notification | null = null;
  const screenPop = (pop: ScreenPop) => {
    showWindow();
    // Windows and some Linux desktops refuse focus to a background app: the taskbar entry flashes.
    if (process.platform !== 'darwin' && !mainWindow.isFocused()) mainWindow.flashFrame(true);
    if (!Notification.isSupported()) return;
    notification = new Notification({ title: pop.title, body: pop.body, icon: APP_ICON, urgency: 'critical' });
    notification.on('click', () => {
      showWindow();
      send(webContents, 'desktop:open-desk', { callId: pop.callId });
    });
    notification.show();
  };

  let agent: AgentState | null = null;
  let pauseReasons: string[] = [];
  const tray = new Tray(nativeImage.createFromPath(path.join(STATIC_DIR, 'tray', trayIconName(agent))));
  const runTrayAction = (action: TrayAction) => {
    switch (action.type) {
      case 'pause':
        return send(webContents, 'desktop:pause', { reason: action.reason });
      case 'unpause':
        return send(webContents, 'desktop:unpause', {});
      case 'show-window':
        return showWindow();
      case 'toggle-start-at-login':
        store
          .save({ ...settings, startAtLogin: !settings.startAtLogin })
          .then(applySettings)
          .catch((error: unknown) => console.error(error));
        return;
      case 'quit':
        return app.quit();
    }
  };
  const refreshTray = () => {
    tray.setImage(nativeImage.createFromPath(path.join(STATIC_DIR, 'tray', trayIconName(agent))));
    tray.setToolTip(trayTooltip(agent));
    tray.setContextMenu(Menu.buildFromTemplate(toElectronMenu(trayMenuTemplate({ agent, pauseReasons, startAtLogin: settings.startAtLogin }), runTrayAction)));
  };
  tray.on('click', showWindow);

  function applySettings(saved: DesktopSettings): void {
    const serverChanged = new URL(saved.serverUrl).origin !== new URL(settings.serverUrl).origin;
    if (saved.startAtLogin !== settings.startAtLogin) applyStartAtLogin(saved.startAtLogin);
    settings = saved;
    refreshTray();
    // The session's token is the old server's: no sync until someone signs in on the new one.
    if (serverChanged) cache.setSession(null).catch((error: unknown) => console.error(error));
  }
  refreshTray();

  const isTrusted = (event: IpcMainInvokeEvent) =>
    event.sender === webContents &&
    event.senderFrame !== null &&
    isTrustedSender(event.senderFrame.url, settings, SETTINGS_PAGE_URL);

  const handlers = createIpcHandlers({
    store,
    appVersion: app.getVersion(),
    settings: () => settings,
    onSettingsSaved: applySettings,
    cache,
    screenPop,
    onAgentState: ({ pauseReasons: reasons, ...state }) => {
      agent = state;
      pauseReasons = reasons;
      refreshTray();
    },
  });
  for (const channel of Object.keys(handlers) as DesktopIpcChannel[]) {
    ipcMain.handle(channel, (event, request) => {
      if (!isTrusted(event)) throw new Error(`IPC ${channel} refused from ${event.senderFrame?.url ?? 'unknown frame'}`);
      return handlers[channel](request);
    });
  }

  webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED || validatedURL.startsWith('file:')) return;
    mainWindow
      .loadFile(SETTINGS_PAGE, { query: { url: validatedURL, error: errorDescription } })
      .catch((error: unknown) => console.error(error));
  });
  // The renderer guards an unsaved request form with beforeunload; Electron would then refuse to
  // close or reload the window without a word, so the question is asked here.
  webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(mainWindow, {
      type: 'question',
      title: 'Descartar a solicitação?',
      message: 'Há uma solicitação em edição que não foi salva. Sair e descartá-la?',
      buttons: ['Continuar editando', 'Descartar e sair'],
      defaultId: 0,
      cancelId: 0,
    });
    if (choice === 1) event.preventDefault();
  });
  // A refused load also rejects this promise; did-fail-load above already handles it.
  mainWindow.loadURL(settings.serverUrl).catch(() => undefined);
}

if (app.requestSingleInstanceLock()) {
  start().catch((error: unknown) => {
    console.error(error);
    app.exit(1);
  });
} else {
  app.quit();
}
