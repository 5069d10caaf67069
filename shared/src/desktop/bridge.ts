import { z } from 'zod';

export const desktopSettingsSchema = z.object({
  serverUrl: z
    .string()
    .trim()
    .url('Informe um endereço válido, por exemplo http://127.0.0.1:3000')
    .refine((url) => /^https?:\/\//.test(url), 'O endereço deve começar com http:// ou https://'),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

/**
 * Every IPC channel between the renderer and the Electron main process, with its request and
 * reply. The preload exposes one named function per channel; nothing generic crosses the bridge.
 */
export interface DesktopIpc {
  'settings:get': { request: void; reply: DesktopSettings };
  'settings:save': { request: DesktopSettings; reply: DesktopSettings };
  'app:version': { request: void; reply: string };
}
export type DesktopIpcChannel = keyof DesktopIpc;

/** What the preload puts on `window.receptivoDesktop`. */
export interface DesktopBridge {
  getSettings(): Promise<DesktopSettings>;
  saveSettings(settings: DesktopSettings): Promise<DesktopSettings>;
  appVersion(): Promise<string>;
}
