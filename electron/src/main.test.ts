import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventEmitter } from 'node:events';

// The real 'electron' module cannot load outside Electron: main runs against this stand-in.
const mockElectron = {
  app: null as unknown as FakeApp,
  windows: [] as FakeWindow[],
  ipcHandlers: new Map<string, (event: unknown, request?: unknown) => unknown>(),
  openExternal: jest.fn(async (_url: string) => undefined),
  showMessageBoxSync: jest.fn((_window: unknown, _options: unknown) => 0),
};

class FakeApp extends EventEmitter {
  constructor(
    readonly hasLock: boolean,
    readonly userData: string,
  ) {
    super();
  }
  requestSingleInstanceLock = () => this.hasLock;
  whenReady = async () => undefined;
  getPath = () => this.userData;
  getVersion = () => '0.1.0';
  quit = jest.fn();
  exit = jest.fn();
}

class FakeWebContents extends EventEmitter {
  openHandler: (details: { url: string }) => { action: string } = () => ({ action: 'unset' });
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

class FakeWindow extends EventEmitter {
  webContents = new FakeWebContents();
  // A server that is down: Electron rejects the load and emits did-fail-load.
  loadURL = jest.fn(async (_url: string) => {
    throw new Error('ERR_CONNECTION_REFUSED (-102)');
  });
  loadFile = jest.fn(async (_file: string, _options?: unknown) => undefined);
  isMinimized = () => true;
  restore = jest.fn();
  focus = jest.fn();
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    mockElectron.windows.push(this);
    mockElectron.app.emit('web-contents-created', {}, this.webContents);
  }
}

jest.mock(
  'electron',
  () => ({
    get app() {
      return mockElectron.app;
    },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, handler: never) => mockElectron.ipcHandlers.set(channel, handler) },
    shell: { openExternal: (url: string) => mockElectron.openExternal(url) },
    dialog: { showMessageBoxSync: (window: unknown, options: unknown) => mockElectron.showMessageBoxSync(window, options) },
  }),
  { virtual: true },
);

const SETTINGS_PAGE = path.join(__dirname, '..', 'static', 'settings.html');

async function startMain(hasLock = true) {
  mockElectron.app = new FakeApp(hasLock, userData);
  jest.isolateModules(() => {
    require('./main');
  });
  // Start-up is asynchronous (ready, settings file); it is over once the server load was asked for.
  while (hasLock && !mockElectron.windows[0]?.loadURL.mock.calls.length) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return mockElectron.windows[0];
}

let userData: string;
beforeEach(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'receptivo-main-'));
  mockElectron.windows = [];
  mockElectron.ipcHandlers.clear();
  mockElectron.openExternal.mockClear();
});
afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('quits when another instance already runs', async () => {
    await startMain(false);
    expect(mockElectron.app.quit).toHaveBeenCalled();
    expect(mockElectron.windows).toEqual([]);
  });

  it('opens one isolated window on the configured server', async () => {
    const window = await startMain();
    expect(mockElectron.windows).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({
      preload: path.join(__dirname, 'preload.js'),
      sandbox: true,
      contextIsolation: true,
    });
    expect(window.loadURL).toHaveBeenCalledWith('http://127.0.0.1:3000');
    expect(mockElectron.app.exit).not.toHaveBeenCalled();
  });

  it('brings its window back when the attendant starts the app again', async () => {
    const window = await startMain();
    mockElectron.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('shows the local settings page when the server cannot be loaded', async () => {
    const window = await startMain();
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'http://127.0.0.1:3000/', true);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://127.0.0.1:3000/x.png', false);
    expect(window.loadFile).not.toHaveBeenCalled();

    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://127.0.0.1:3000/', true);
    expect(window.loadFile).toHaveBeenCalledWith(SETTINGS_PAGE, {
      query: { url: 'http://127.0.0.1:3000/', error: 'ERR_CONNECTION_REFUSED' },
    });
    expect(existsSync(SETTINGS_PAGE)).toBe(true);
  });

  it('answers IPC only from its own window on the server or the settings page', async () => {
    const window = await startMain();
    expect([...mockElectron.ipcHandlers.keys()].sort()).toEqual(['app:version', 'settings:get', 'settings:save']);
    const invoke = (channel: string, sender: unknown, url: string | null, request?: unknown) =>
      mockElectron.ipcHandlers.get(channel)!({ sender, senderFrame: url === null ? null : { url } }, request);

    await expect(invoke('app:version', window.webContents, 'http://127.0.0.1:3000/atendimentos')).resolves.toBe('0.1.0');
    expect(() => invoke('app:version', window.webContents, 'https://evil.test/')).toThrow(/refused/);
    expect(() => invoke('app:version', new FakeWebContents(), 'http://127.0.0.1:3000/')).toThrow(/refused/);
    expect(() => invoke('app:version', window.webContents, null)).toThrow(/refused/);

    const settingsPage = `${pathToFileURL(SETTINGS_PAGE).href}?url=x&error=y`;
    await expect(
      invoke('settings:save', window.webContents, settingsPage, { serverUrl: 'http://10.0.0.5:3000' }),
    ).resolves.toEqual({ serverUrl: 'http://10.0.0.5:3000' });
    // The new server is trusted from now on, the old one no longer.
    await expect(invoke('settings:get', window.webContents, 'http://10.0.0.5:3000/')).resolves.toEqual({
      serverUrl: 'http://10.0.0.5:3000',
    });
    expect(() => invoke('settings:get', window.webContents, 'http://127.0.0.1:3000/')).toThrow(/refused/);
  });

  it('keeps the server in the window and sends the rest of the web to the browser', async () => {
    const window = await startMain();
    const navigate = (url: string) => {
      const event = { url, preventDefault: jest.fn() };
      window.webContents.emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0 ? 'prevented' : 'allowed';
    };

    expect(navigate('http://127.0.0.1:3000/login')).toBe('allowed');
    expect(navigate('file:///etc/passwd')).toBe('prevented');
    expect(navigate('https://www.gov.br/')).toBe('prevented');
    expect(mockElectron.openExternal).toHaveBeenCalledTimes(1);
    expect(mockElectron.openExternal).toHaveBeenCalledWith('https://www.gov.br/');

    expect(window.webContents.openHandler({ url: 'http://127.0.0.1:3000/impressao' })).toEqual({ action: 'allow' });
    expect(window.webContents.openHandler({ url: 'https://maps.example/' })).toEqual({ action: 'deny' });
    expect(window.webContents.openHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(mockElectron.openExternal).toHaveBeenLastCalledWith('https://maps.example/');
    expect(mockElectron.openExternal).toHaveBeenCalledTimes(2);
  });

  it('asks before closing over an unsaved form, and closes only when the attendant discards it', async () => {
    const window = await startMain();
    const unload = (choice: number) => {
      mockElectron.showMessageBoxSync.mockReturnValueOnce(choice);
      const event = { preventDefault: jest.fn() };
      window.webContents.emit('will-prevent-unload', event);
      return event.preventDefault.mock.calls.length > 0 ? 'closes' : 'stays';
    };
    expect(unload(0)).toBe('stays');
    expect(unload(1)).toBe('closes');
    expect(mockElectron.showMessageBoxSync).toHaveBeenLastCalledWith(window, expect.objectContaining({ title: 'Descartar a solicitação?' }));
  });
});
