import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CallRinging, DesktopBridge } from '@receptivo/shared';
import { createIpcHandlers } from './ipc/ipc-handlers';
import { createSettingsStore } from './settings/settings-store';

// The real 'electron' module cannot load outside Electron: the preload gets a stand-in.
const mockInvoke = jest.fn();
const mockOn = jest.fn();
const mockRemoveListener = jest.fn();
const mockExposeInMainWorld = jest.fn();
jest.mock(
  'electron',
  () => ({
    contextBridge: { exposeInMainWorld: mockExposeInMainWorld },
    ipcRenderer: { invoke: mockInvoke, on: mockOn, removeListener: mockRemoveListener },
  }),
  { virtual: true },
);

// Every function of DesktopBridge at run time: a Record of its keys needs each one and no other.
const bridgeFunctions: Record<keyof DesktopBridge, true> = {
  getSettings: true,
  saveSettings: true,
  appVersion: true,
  setSession: true,
  callRinging: true,
  agentState: true,
  cacheStatus: true,
  cacheSearch: true,
  cacheCategories: true,
  cacheInformation: true,
  cacheScripts: true,
  onOpenDesk: true,
  onPause: true,
  onUnpause: true,
};

const call: CallRinging = {
  callId: '1764321000.42',
  callerNumber: '11987654321',
  callerE164: '+5511987654321',
  callerName: null,
  queue: 'atendimento',
  waitSeconds: 0,
  ura: {},
  matches: [],
  callerHistory: null,
  uraRoute: null,
};

describe('preload bridge', () => {
  let bridge: DesktopBridge;

  beforeAll(() => {
    jest.isolateModules(() => {
      require('./preload');
    });
    expect(mockExposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, exposed] = mockExposeInMainWorld.mock.calls[0];
    expect(key).toBe('receptivoDesktop');
    bridge = exposed;
  });
  beforeEach(() => {
    mockInvoke.mockReset();
    mockOn.mockReset();
    mockRemoveListener.mockReset();
  });

  it('exposes exactly the functions of DesktopBridge', () => {
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(bridgeFunctions).sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  const invocations: [string, (bridge: DesktopBridge) => Promise<unknown>, unknown[]][] = [
    ['getSettings', (b) => b.getSettings(), ['settings:get']],
    [
      'saveSettings',
      (b) => b.saveSettings({ serverUrl: 'http://10.0.0.6:3000', startAtLogin: false }),
      ['settings:save', { serverUrl: 'http://10.0.0.6:3000', startAtLogin: false }],
    ],
    ['appVersion', (b) => b.appVersion(), ['app:version']],
    ['setSession', (b) => b.setSession({ serverUrl: 'http://10.0.0.6:3000', token: 'jwt' }), ['session:set', { serverUrl: 'http://10.0.0.6:3000', token: 'jwt' }]],
    ['setSession (logout)', (b) => b.setSession(null), ['session:set', null]],
    ['callRinging', (b) => b.callRinging(call), ['call:ringing', call]],
    ['agentState', (b) => b.agentState({ state: 'available', pauseReasons: ['Intervalo'] }), ['agent:state', { state: 'available', pauseReasons: ['Intervalo'] }]],
    ['cacheStatus', (b) => b.cacheStatus(), ['cache:status']],
    ['cacheSearch', (b) => b.cacheSearch({ q: 'iluminação' }), ['cache:search', { q: 'iluminação' }]],
    ['cacheCategories', (b) => b.cacheCategories(), ['cache:categories']],
    ['cacheInformation', (b) => b.cacheInformation('6f1c1d0e-6a57-4c43-9a57-2f1e0a4b9c11'), ['cache:information', { id: '6f1c1d0e-6a57-4c43-9a57-2f1e0a4b9c11' }]],
    ['cacheScripts', (b) => b.cacheScripts(), ['cache:scripts']],
  ];

  it.each(invocations)('maps %s to its channel and passes the reply through', async (_name, use, expected) => {
    mockInvoke.mockResolvedValueOnce('the reply');
    await expect(use(bridge)).resolves.toBe('the reply');
    expect(mockInvoke.mock.calls).toEqual([expected]);
  });

  it('invokes only channels that main handles, and every one of them', async () => {
    mockInvoke.mockResolvedValue(undefined);
    for (const [, use] of invocations) await use(bridge);
    const handled = Object.keys(
      createIpcHandlers({
        store: createSettingsStore('/nonexistent'),
        appVersion: '0',
        settings: () => ({ serverUrl: 'http://127.0.0.1:3000', startAtLogin: true }),
        onSettingsSaved: () => undefined,
        cache: {} as never,
        screenPop: () => undefined,
        onAgentState: () => undefined,
      }),
    );
    expect([...new Set(mockInvoke.mock.calls.map(([channel]) => channel))].sort()).toEqual(handled.sort());
  });

  it.each([
    ['onOpenDesk', 'desktop:open-desk', { callId: '1764321000.42' }, [{ callId: '1764321000.42' }]],
    ['onPause', 'desktop:pause', { reason: 'Almoço' }, [{ reason: 'Almoço' }]],
    ['onUnpause', 'desktop:unpause', {}, []],
  ] as const)('%s subscribes to %s, hands the page only the payload, and unsubscribes', (name, channel, payload, received) => {
    const listener = jest.fn();
    const unsubscribe = bridge[name](listener);
    expect(mockOn).toHaveBeenCalledWith(channel, expect.any(Function));
    const forward = mockOn.mock.calls[0][1];
    forward({ sender: 'the ipcRenderer event' }, payload);
    expect(listener.mock.calls).toEqual([received]);

    unsubscribe();
    expect(mockRemoveListener).toHaveBeenCalledWith(channel, forward);
  });

  it('imports nothing but electron at run time, as a sandboxed preload must', () => {
    const source = readFileSync(path.join(__dirname, 'preload.ts'), 'utf8');
    const runtimeImports = [...source.matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm)].map((match) => match[1]);
    expect(runtimeImports).toEqual(['electron']);
    expect(source).not.toMatch(/\brequire\(/);
  });
});
