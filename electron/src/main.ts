import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { DesktopIpcChannel } from '@receptivo/shared';
import { createIpcHandlers, isTrustedSender } from './ipc/ipc-handlers';
import { createSettingsStore } from './settings/settings-store';
import { createWindowOptions, decideNavigation } from './window/window-options';

const SETTINGS_PAGE = path.join(__dirname, '..', 'static', 'settings.html');
const SETTINGS_PAGE_URL = pathToFileURL(SETTINGS_PAGE).href;
// net::ERR_ABORTED: the load was replaced by another one, which is no reason to leave the server.
const ERR_ABORTED = -3;

async function start(): Promise<void> {
  await app.whenReady();
  const store = createSettingsStore(app.getPath('userData'));
  let settings = await store.load();

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

  const mainWindow = new BrowserWindow(createWindowOptions(path.join(__dirname, 'preload.js')));
  const { webContents } = mainWindow;

  app.on('second-instance', () => {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  const isTrusted = (event: IpcMainInvokeEvent) =>
    event.sender === webContents &&
    event.senderFrame !== null &&
    isTrustedSender(event.senderFrame.url, settings, SETTINGS_PAGE_URL);

  const handlers = createIpcHandlers({
    store,
    appVersion: app.getVersion(),
    onSettingsSaved: (saved) => {
      settings = saved;
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
