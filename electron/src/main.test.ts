import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventEmitter } from 'node:events';
import type { CallRinging } from '@receptivo/shared';

// The real 'electron' module cannot load outside Electron: main runs against this stand-in.
const mockElectron = {
  app: null as unknown as FakeApp,
  windows: [] as FakeWindow[],
  trays: [] as FakeTray[],
  notifications: [] as FakeNotification[],
  ipcHandlers: new Map<string, (event: unknown, request?: unknown) => unknown>(),
  headersListener: null as null | ((details: unknown, callback: (response: unknown) => void) => void),
  openExternal: jest.fn(async (_url: string) => undefined),
  showMessageBoxSync: jest.fn((_window: unknown, _options: unknown) => 0),
};

// The cache worker runs the built worker file; main's wiring is tested against this stand-in.
const mockCache = {
  setSession: jest.fn(async (_session: unknown) => undefined),
  status: jest.fn(async () => ({ version: 4, lastSyncAt: null, informations: 2, syncing: false, error: null })),
  close: jest.fn(async () => undefined),
};
const mockStartCacheWorker = jest.fn((_file: string) => mockCache);
jest.mock('./cache/start-cache-worker', () => ({ startCacheWorker: (file: string) => mockStartCacheWorker(file) }));

class FakeApp extends EventEmitter {
  constructor(
    readonly hasLock: boolean,
    readonly userData: string,
    readonly isPackaged: boolean,
  ) {
    super();
  }
  requestSingleInstanceLock = () => this.hasLock;
  whenReady = async () => undefined;
  getPath = (name: string) => (name === 'home' ? path.join(this.userData, 'home') : this.userData);
  getVersion = () => '0.1.0';
  setAppUserModelId = jest.fn();
  setLoginItemSettings = jest.fn();
  quit = jest.fn();
  exit = jest.fn();
}

class FakeWebContents extends EventEmitter {
  openHandler: (details: { url: string }) => { action: string } = () => ({ action: 'unset' });
  sent: [string, unknown][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
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
  isFocused = () => false;
  restore = jest.fn();
  show = jest.fn();
  focus = jest.fn();
  flashFrame = jest.fn();
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    mockElectron.windows.push(this);
    mockElectron.app.emit('web-contents-created', {}, this.webContents);
  }
}

type MenuItem = { label?: string; enabled?: boolean; checked?: boolean; click?: () => void; submenu?: MenuItem[] };

class FakeTray extends EventEmitter {
  image: string;
  tooltip = '';
  menu: MenuItem[] = [];
  constructor(image: string) {
    super();
    this.image = image;
    mockElectron.trays.push(this);
  }
  setImage = (image: string) => (this.image = image);
  setToolTip = (tooltip: string) => (this.tooltip = tooltip);
  setContextMenu = (menu: MenuItem[]) => (this.menu = menu);
  item(...labels: string[]): MenuItem {
    let items = this.menu;
    let found: MenuItem | undefined;
    for (const label of labels) {
      found = items.find((item) => item.label === label)!;
      items = found.submenu ?? [];
    }
    return found!;
  }
}

class FakeNotification extends EventEmitter {
  show = jest.fn();
  constructor(readonly options: { title: string; body: string }) {
    super();
    mockElectron.notifications.push(this);
  }
  static isSupported = () => true;
}

jest.mock(
  'electron',
  () => ({
    get app() {
      return mockElectron.app;
    },
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: { buildFromTemplate: (template: MenuItem[]) => template },
    // The stand-in image is its file's path, so tests can read which icon the tray shows.
    nativeImage: { createFromPath: (file: string) => file },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (listener: typeof mockElectron.headersListener) => (mockElectron.headersListener = listener) },
      },
    },
    ipcMain: { handle: (channel: string, handler: never) => mockElectron.ipcHandlers.set(channel, handler) },
    shell: { openExternal: (url: string) => mockElectron.openExternal(url) },
    dialog: { showMessageBoxSync: (window: unknown, options: unknown) => mockElectron.showMessageBoxSync(window, options) },
  }),
  { virtual: true },
);

const SETTINGS_PAGE = path.join(__dirname, '..', 'static', 'settings.html');
const SERVER_PAGE = 'http://127.0.0.1:3000/atendimentos';

async function startMain({ hasLock = true, isPackaged = false } = {}) {
  mockElectron.app = new FakeApp(hasLock, userData, isPackaged);
  jest.isolateModules(() => {
    require('./main');
  });
  // Start-up is asynchronous (ready, settings file); it is over once the server load was asked for.
  while (hasLock && !mockElectron.windows[0]?.loadURL.mock.calls.length) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return mockElectron.windows[0];
}

const invoke = (channel: string, sender: unknown, url: string | null, request?: unknown) =>
  mockElectron.ipcHandlers.get(channel)!({ sender, senderFrame: url === null ? null : { url } }, request);

let userData: string;
const xdgConfigHome = process.env.XDG_CONFIG_HOME;
beforeEach(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'receptivo-main-'));
  delete process.env.XDG_CONFIG_HOME;
  mockElectron.windows = [];
  mockElectron.trays = [];
  mockElectron.notifications = [];
  mockElectron.ipcHandlers.clear();
  mockElectron.headersListener = null;
  mockElectron.openExternal.mockClear();
  mockCache.setSession.mockClear();
  mockCache.close.mockClear();
  mockStartCacheWorker.mockClear();
});
afterEach(async () => {
  if (xdgConfigHome !== undefined) process.env.XDG_CONFIG_HOME = xdgConfigHome;
  await rm(userData, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('quits when another instance already runs', async () => {
    await startMain({ hasLock: false });
    expect(mockElectron.app.quit).toHaveBeenCalled();
    expect(mockElectron.windows).toEqual([]);
    expect(mockStartCacheWorker).not.toHaveBeenCalled();
  });

  it('opens one isolated window on the configured server', async () => {
    const window = await startMain();
    expect(mockElectron.windows).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({
      preload: path.join(__dirname, 'preload.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(window.loadURL).toHaveBeenCalledWith('http://127.0.0.1:3000');
    expect(mockElectron.app.exit).not.toHaveBeenCalled();
  });

  it('brings its window back when the attendant starts the app again', async () => {
    const window = await startMain();
    mockElectron.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
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
    expect([...mockElectron.ipcHandlers.keys()].sort()).toEqual([
      'agent:state',
      'app:version',
      'cache:categories',
      'cache:information',
      'cache:scripts',
      'cache:search',
      'cache:status',
      'call:ringing',
      'session:set',
      'settings:get',
      'settings:save',
    ]);

    await expect(invoke('app:version', window.webContents, SERVER_PAGE)).resolves.toBe('0.1.0');
    expect(() => invoke('app:version', window.webContents, 'https://evil.test/')).toThrow(/refused/);
    expect(() => invoke('app:version', new FakeWebContents(), 'http://127.0.0.1:3000/')).toThrow(/refused/);
    expect(() => invoke('app:version', window.webContents, null)).toThrow(/refused/);
    expect(() => invoke('cache:status', window.webContents, 'https://evil.test/')).toThrow(/refused/);
    expect(mockCache.status).not.toHaveBeenCalled();

    const settingsPage = `${pathToFileURL(SETTINGS_PAGE).href}?url=x&error=y`;
    await expect(
      invoke('settings:save', window.webContents, settingsPage, { serverUrl: 'http://10.0.0.5:3000', startAtLogin: true }),
    ).resolves.toEqual({ serverUrl: 'http://10.0.0.5:3000', startAtLogin: true });
    // The new server is trusted from now on, the old one no longer.
    await expect(invoke('settings:get', window.webContents, 'http://10.0.0.5:3000/')).resolves.toEqual({
      serverUrl: 'http://10.0.0.5:3000',
      startAtLogin: true,
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

  it('sets the Content-Security-Policy on the pages of the configured server', async () => {
    const window = await startMain();
    const headersOf = (url: string) => {
      let response: { responseHeaders?: Record<string, string[]> } = {};
      mockElectron.headersListener!({ url, responseHeaders: { 'content-type': ['text/html'] } }, (answer) => (response = answer as never));
      return response.responseHeaders!;
    };
    expect(headersOf('http://127.0.0.1:3000/')['Content-Security-Policy'][0]).toContain("connect-src 'self' http://127.0.0.1:3000 ws://127.0.0.1:3000");
    expect(headersOf('https://www.gov.br/')).toEqual({ 'content-type': ['text/html'] });

    await invoke('settings:save', window.webContents, SERVER_PAGE, { serverUrl: 'https://receptivo.example', startAtLogin: true });
    expect(headersOf('https://receptivo.example/')['Content-Security-Policy'][0]).toContain('wss://receptivo.example');
    expect(headersOf('http://127.0.0.1:3000/')['Content-Security-Policy']).toBeUndefined();
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

describe('screen-pop', () => {
  const call: CallRinging = {
    callId: '1764321000.42',
    callerNumber: '11987654321',
    callerE164: '+5511987654321',
    callerName: 'Maria da Silva',
    queue: 'atendimento',
    waitSeconds: 4,
    ura: { document: '52998224725' },
    matches: [],
    callerHistory: null,
    uraRoute: null,
  };

  it('brings the window forward and notifies the call once; a click opens the desk', async () => {
    const window = await startMain();
    await invoke('call:ringing', window.webContents, SERVER_PAGE, call);

    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(window.flashFrame).toHaveBeenCalledWith(true);
    expect(mockElectron.notifications).toHaveLength(1);
    const [notification] = mockElectron.notifications;
    expect(notification.options).toMatchObject({
      title: 'Maria da Silva',
      body: 'Chamada na fila atendimento\nTelefone: (11) 98765-4321\nCPF informado na URA: 529.982.247-25',
    });
    expect(notification.show).toHaveBeenCalled();

    window.focus.mockClear();
    notification.emit('click');
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.sent).toEqual([['desktop:open-desk', { callId: '1764321000.42' }]]);

    window.emit('focus');
    expect(window.flashFrame).toHaveBeenLastCalledWith(false);

    await invoke('call:ringing', window.webContents, SERVER_PAGE, call);
    expect(mockElectron.notifications).toHaveLength(1);
  });

  it('shows nothing for an invalid call', async () => {
    const window = await startMain();
    await expect(invoke('call:ringing', window.webContents, SERVER_PAGE, { callId: 1 })).rejects.toThrow('Dados da chamada inválidos.');
    expect(window.show).not.toHaveBeenCalled();
    expect(mockElectron.notifications).toEqual([]);
  });
});

describe('tray', () => {
  it('shows the agent state and pauses, resumes, shows the window and quits through the desk', async () => {
    const window = await startMain();
    const [tray] = mockElectron.trays;
    expect(tray.tooltip).toBe('Receptivo — Telefonia não conectada');
    expect(path.basename(tray.image)).toBe('unknown.png');
    expect(tray.item('Pausar').enabled).toBe(false);

    await invoke('agent:state', window.webContents, SERVER_PAGE, { state: 'available', pauseReasons: ['Intervalo', 'Almoço'] });
    expect(tray.tooltip).toBe('Receptivo — Disponível');
    expect(path.basename(tray.image)).toBe('available.png');
    tray.item('Pausar', 'Almoço').click!();
    expect(window.webContents.sent).toEqual([['desktop:pause', { reason: 'Almoço' }]]);

    await invoke('agent:state', window.webContents, SERVER_PAGE, { state: 'paused', reason: 'Almoço', pauseReasons: ['Intervalo', 'Almoço'] });
    expect(tray.tooltip).toBe('Receptivo — Em pausa (Almoço)');
    expect(tray.item('Retomar').enabled).toBe(true);
    tray.item('Retomar').click!();
    expect(window.webContents.sent.at(-1)).toEqual(['desktop:unpause', {}]);

    tray.item('Mostrar janela').click!();
    expect(window.show).toHaveBeenCalled();
    tray.emit('click');
    expect(window.show).toHaveBeenCalledTimes(2);
    tray.item('Sair').click!();
    expect(mockElectron.app.quit).toHaveBeenCalled();
  });
});

describe('start at login', () => {
  const entryFile = () => path.join(userData, 'home', '.config', 'autostart', 'receptivo.desktop');
  const settled = async (check: () => Promise<boolean>) => {
    while (!(await check())) await new Promise((resolve) => setImmediate(resolve));
  };
  const exists = () => stat(entryFile()).then(() => true, () => false);

  // Windows and macOS go through app.setLoginItemSettings; the XDG entry is Linux's way.
  const onLinux = process.platform === 'linux' ? it : it.skip;

  onLinux('registers the installed app on Linux, and the tray turns it off and on', async () => {
    await startMain({ isPackaged: true });
    await settled(exists);
    expect(await readFile(entryFile(), 'utf8')).toContain(`Exec="${process.env.APPIMAGE ?? process.execPath}"`);

    const [tray] = mockElectron.trays;
    expect(tray.item('Iniciar com o sistema').checked).toBe(true);
    tray.item('Iniciar com o sistema').click!();
    await settled(async () => !(await exists()));
    await settled(async () => tray.item('Iniciar com o sistema').checked === false);
    expect(JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8'))).toMatchObject({ startAtLogin: false });

    tray.item('Iniciar com o sistema').click!();
    await settled(exists);
  });

  it('leaves the system alone when run from source', async () => {
    await startMain({ isPackaged: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await exists()).toBe(false);
    expect(mockElectron.app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});

describe('local cache', () => {
  it('runs in a worker on a file in userData, follows the session and stops with the app', async () => {
    const window = await startMain();
    expect(mockStartCacheWorker).toHaveBeenCalledWith(path.join(userData, 'knowledge-cache.sqlite'));

    await invoke('session:set', window.webContents, SERVER_PAGE, { serverUrl: 'http://127.0.0.1:3000', token: 'jwt' });
    expect(mockCache.setSession).toHaveBeenLastCalledWith({ serverUrl: 'http://127.0.0.1:3000', token: 'jwt' });
    await expect(invoke('cache:status', window.webContents, SERVER_PAGE)).resolves.toMatchObject({ version: 4 });

    // Another server: the old session's token is of no use there.
    await invoke('settings:save', window.webContents, SERVER_PAGE, { serverUrl: 'http://10.0.0.5:3000', startAtLogin: true });
    expect(mockCache.setSession).toHaveBeenLastCalledWith(null);

    mockElectron.app.emit('will-quit');
    expect(mockCache.close).toHaveBeenCalled();
  });
});
