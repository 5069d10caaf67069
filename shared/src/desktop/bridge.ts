import { z } from 'zod';
import { type CallRinging, agentStateSchema } from '../cti/schemas';
import type { CategoryTree, Information, ScriptList, SearchResponse } from '../knowledge/schemas';

export const desktopSettingsSchema = z.object({
  serverUrl: z
    .string()
    .trim()
    .url('Informe um endereço válido, por exemplo http://127.0.0.1:3000')
    .refine((url) => /^https?:\/\//.test(url), 'O endereço deve começar com http:// ou https://'),
  /** Open the app when the attendant signs in to the computer (installed app only). */
  startAtLogin: z.boolean().default(true),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

/** session:set: the signed-in server and token, or null once signed out. */
export const desktopSessionSchema = z
  .object({ serverUrl: z.string().url(), token: z.string().min(1) })
  .nullable();
export type DesktopSession = z.infer<typeof desktopSessionSchema>;

/**
 * Every IPC channel between the renderer and the Electron main process, with its request and
 * reply. The preload exposes one named function per channel; nothing generic crosses the bridge.
 */
export interface DesktopIpc {
  'settings:get': { request: void; reply: DesktopSettings };
  'settings:save': { request: DesktopSettings; reply: DesktopSettings };
  'app:version': { request: void; reply: string };
  /** The signed-in session (null on logout): the cache syncs with its token. */
  'session:set': { request: DesktopSession; reply: void };
  /** A call rings: the window comes to front and the OS notification shows it. */
  'call:ringing': { request: CallRinging; reply: void };
  /** The agent state, shown in the tray, with the pause reasons its menu offers. */
  'agent:state': { request: DesktopAgentState; reply: void };
  'cache:status': { request: void; reply: DesktopCacheStatus };
  'cache:search': { request: { q?: string; keyword?: string }; reply: SearchResponse };
  'cache:categories': { request: void; reply: CategoryTree };
  'cache:information': { request: { id: string }; reply: Information | null };
  'cache:scripts': { request: void; reply: ScriptList };
}

/** The agent state for the tray, and the server's pause reasons (CTI_PAUSE_REASONS) for its menu. */
export const desktopAgentStateSchema = agentStateSchema.extend({ pauseReasons: z.array(z.string().min(1).max(80)).max(50) });
export type DesktopAgentState = z.infer<typeof desktopAgentStateSchema>;

export const desktopCacheStatusSchema = z.object({
  /** Change feed version reached; 0 before the first sync. */
  version: z.number().int().nonnegative(),
  lastSyncAt: z.string().datetime().nullable(),
  informations: z.number().int().nonnegative(),
  syncing: z.boolean(),
  /** The last sync error in pt-BR, null when the last sync worked. */
  error: z.string().nullable(),
});
export type DesktopCacheStatus = z.infer<typeof desktopCacheStatusSchema>;

/** Main → renderer messages (the preload turns each into an `on…` subscription). */
export interface DesktopEvents {
  /** The attendant clicked the call's notification: open the desk. */
  'desktop:open-desk': { callId: string };
  /** Tray menu: pause with this reason / resume. */
  'desktop:pause': { reason: string };
  'desktop:unpause': Record<string, never>;
}
export type DesktopIpcChannel = keyof DesktopIpc;

/** What the preload puts on `window.receptivoDesktop`. */
export interface DesktopBridge {
  getSettings(): Promise<DesktopSettings>;
  saveSettings(settings: DesktopSettings): Promise<DesktopSettings>;
  appVersion(): Promise<string>;
  setSession(session: DesktopIpc['session:set']['request']): Promise<void>;
  callRinging(call: CallRinging): Promise<void>;
  agentState(state: DesktopAgentState): Promise<void>;
  cacheStatus(): Promise<DesktopCacheStatus>;
  cacheSearch(query: DesktopIpc['cache:search']['request']): Promise<SearchResponse>;
  cacheCategories(): Promise<CategoryTree>;
  cacheInformation(id: string): Promise<Information | null>;
  cacheScripts(): Promise<ScriptList>;
  /** Each returns the unsubscribe function. */
  onOpenDesk(listener: (event: DesktopEvents['desktop:open-desk']) => void): () => void;
  onPause(listener: (event: DesktopEvents['desktop:pause']) => void): () => void;
  onUnpause(listener: () => void): () => void;
}
