import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DesktopBridge } from '@receptivo/shared';
import { createIpcHandlers } from './ipc/ipc-handlers';
import { createSettingsStore } from './settings/settings-store';

// The real 'electron' module cannot load outside Electron: the preload gets a stand-in.
const mockInvoke = jest.fn();
const mockExposeInMainWorld = jest.fn();
jest.mock(
  'electron',
  () => ({ contextBridge: { exposeInMainWorld: mockExposeInMainWorld }, ipcRenderer: { invoke: mockInvoke } }),
  { virtual: true },
);

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
  beforeEach(() => mockInvoke.mockReset());

  it('exposes only the named functions of the bridge', () => {
    expect(Object.keys(bridge).sort()).toEqual(['appVersion', 'getSettings', 'saveSettings']);
  });

  it('maps each function to its channel and passes the reply through', async () => {
    mockInvoke.mockResolvedValueOnce({ serverUrl: 'http://10.0.0.5:3000' });
    await expect(bridge.getSettings()).resolves.toEqual({ serverUrl: 'http://10.0.0.5:3000' });
    expect(mockInvoke).toHaveBeenLastCalledWith('settings:get');

    mockInvoke.mockResolvedValueOnce({ serverUrl: 'http://10.0.0.6:3000' });
    await expect(bridge.saveSettings({ serverUrl: 'http://10.0.0.6:3000' })).resolves.toEqual({
      serverUrl: 'http://10.0.0.6:3000',
    });
    expect(mockInvoke).toHaveBeenLastCalledWith('settings:save', { serverUrl: 'http://10.0.0.6:3000' });

    mockInvoke.mockResolvedValueOnce('0.1.0');
    await expect(bridge.appVersion()).resolves.toBe('0.1.0');
    expect(mockInvoke).toHaveBeenLastCalledWith('app:version');
  });

  it('invokes only channels that main handles', async () => {
    mockInvoke.mockResolvedValue(undefined);
    await bridge.getSettings();
    await bridge.saveSettings({ serverUrl: 'http://10.0.0.5:3000' });
    await bridge.appVersion();
    const handled = Object.keys(
      createIpcHandlers({ store: createSettingsStore('/nonexistent'), appVersion: '0', onSettingsSaved: () => undefined }),
    );
    for (const [channel] of mockInvoke.mock.calls) expect(handled).toContain(channel);
  });

  it('imports nothing but electron at run time, as a sandboxed preload must', () => {
    const source = readFileSync(path.join(__dirname, 'preload.ts'), 'utf8');
    const runtimeImports = [...source.matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm)].map((match) => match[1]);
    expect(runtimeImports).toEqual(['electron']);
    expect(source).not.toMatch(/\brequire\(/);
  });
});
