// Sandboxed preload: it may import only 'electron': everything else here must be a type import.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopBridge, DesktopEvents, DesktopIpc, DesktopIpcChannel } from '@receptivo/shared';

// Private to the preload: it ties each channel name to its request and reply types.
function invoke<C extends DesktopIpcChannel>(
  channel: C,
  ...request: DesktopIpc[C]['request'] extends void ? [] : [DesktopIpc[C]['request']]
): Promise<DesktopIpc[C]['reply']> {
  return ipcRenderer.invoke(channel, ...request);
}

// The page gets the payload only: Electron's event object would hand it ipcRenderer itself.
function subscribe<E extends keyof DesktopEvents>(event: E, listener: (payload: DesktopEvents[E]) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: DesktopEvents[E]) => listener(payload);
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
}

const bridge = {
  getSettings: () => invoke('settings:get'),
  saveSettings: (settings) => invoke('settings:save', settings),
  appVersion: () => invoke('app:version'),
  setSession: (session) => invoke('session:set', session),
  callRinging: (call) => invoke('call:ringing', call),
  agentState: (state) => invoke('agent:state', state),
  cacheStatus: () => invoke('cache:status'),
  cacheSearch: (query) => invoke('cache:search', query),
  cacheCategories: () => invoke('cache:categories'),
  cacheInformation: (id) => invoke('cache:information', { id }),
  cacheScripts: () => invoke('cache:scripts'),
  onOpenDesk: (listener) => subscribe('desktop:open-desk', listener),
  onPause: (listener) => subscribe('desktop:pause', listener),
  onUnpause: (listener) => subscribe('desktop:unpause', () => listener()),
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('receptivoDesktop', bridge);
