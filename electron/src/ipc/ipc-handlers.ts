import type { DesktopIpc, DesktopIpcChannel, DesktopSettings } from '@receptivo/shared';
import type { SettingsStore } from '../settings/settings-store';

/** One handler per channel of the shared map, so a channel without a handler does not compile. */
export type DesktopIpcHandlers = {
  [C in DesktopIpcChannel]: (request: DesktopIpc[C]['request']) => Promise<DesktopIpc[C]['reply']>;
};

export interface IpcHandlerDeps {
  store: SettingsStore;
  appVersion: string;
  /** Main keeps the current settings for the sender check and the navigation policy. */
  onSettingsSaved(settings: DesktopSettings): void;
}

export function createIpcHandlers({ store, appVersion, onSettingsSaved }: IpcHandlerDeps): DesktopIpcHandlers {
  return {
    'settings:get': () => store.load(),
    'settings:save': async (request) => {
      const saved = await store.save(request);
      onSettingsSaved(saved);
      return saved;
    },
    'app:version': async () => appVersion,
  };
}

/**
 * Whether a frame may use the desktop bridge: pages of the configured server, or the app's own
 * local settings page (compared without query and hash, which carry the load error).
 */
export function isTrustedSender(senderUrl: string, settings: DesktopSettings, localPageUrl: string): boolean {
  let sender: URL;
  try {
    sender = new URL(senderUrl);
  } catch {
    return false;
  }
  if (sender.protocol === 'file:') {
    sender.search = '';
    sender.hash = '';
    return sender.href === new URL(localPageUrl).href;
  }
  return sender.origin === new URL(settings.serverUrl).origin;
}
