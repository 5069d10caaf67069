// A sandboxed preload can require only 'electron': everything else here must be a type import.
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopBridge, DesktopIpc, DesktopIpcChannel, DesktopSettings } from '@receptivo/shared';

// Private to the preload: it ties each channel name to its request and reply types.
function invoke<C extends DesktopIpcChannel>(
  channel: C,
  ...request: DesktopIpc[C]['request'] extends void ? [] : [DesktopIpc[C]['request']]
): Promise<DesktopIpc[C]['reply']> {
  return ipcRenderer.invoke(channel, ...request);
}

const bridge = {
  getSettings: () => invoke('settings:get'),
  saveSettings: (settings: DesktopSettings) => invoke('settings:save', settings),
  appVersion: () => invoke('app:version'),
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('receptivoDesktop', bridge);
