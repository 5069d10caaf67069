import {
  desktopAgentStateSchema,
  desktopSessionSchema,
  informationSchema,
  searchQuerySchema,
  type DesktopAgentState,
  type DesktopIpc,
  type DesktopIpcChannel,
  type DesktopSettings,
} from '@receptivo/shared';
import type { z } from 'zod';
import type { CacheApi } from '../cache/cache-service';
import { decideScreenPop, rememberCall, type ScreenPop } from '../screen-pop/notification-decision';
import type { SettingsStore } from '../settings/settings-store';

/** One handler per channel of the shared map, so a channel without a handler does not compile. */
export type DesktopIpcHandlers = {
  [C in DesktopIpcChannel]: (request: DesktopIpc[C]['request']) => Promise<DesktopIpc[C]['reply']>;
};

export interface IpcHandlerDeps {
  store: SettingsStore;
  appVersion: string;
  /** The settings main runs with: a session must be on their server. */
  settings(): DesktopSettings;
  /** Main keeps the current settings for the sender check and the navigation policy. */
  onSettingsSaved(settings: DesktopSettings): void;
  cache: CacheApi;
  /** A new call to bring forward: main shows the window and the notification. */
  screenPop(pop: ScreenPop): void;
  onAgentState(state: DesktopAgentState): void;
}

/** A payload from the renderer that its schema refuses; `message` is pt-BR. */
export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
}

// Requests come from a renderer, whatever their declared types: each is parsed before use.
function parse<T>(schema: z.ZodType<T>, request: unknown): T {
  const parsed = schema.safeParse(request);
  if (!parsed.success) throw new InvalidPayloadError(parsed.error.issues[0]?.message ?? 'Dados inválidos.');
  return parsed.data;
}

const informationRequestSchema = informationSchema.pick({ id: true });

export function createIpcHandlers(deps: IpcHandlerDeps): DesktopIpcHandlers {
  const { store, appVersion, cache } = deps;
  const notifiedCallIds = new Set<string>();
  return {
    'settings:get': () => store.load(),
    'settings:save': async (request) => {
      const saved = await store.save(request);
      deps.onSettingsSaved(saved);
      return saved;
    },
    'app:version': async () => appVersion,
    'session:set': async (request) => {
      const session = parse(desktopSessionSchema, request);
      // The token goes only to the configured server, whatever URL a page names.
      if (session && new URL(session.serverUrl).origin !== new URL(deps.settings().serverUrl).origin) {
        throw new InvalidPayloadError('A sessão não é do servidor configurado.');
      }
      await cache.setSession(session);
    },
    'call:ringing': async (request) => {
      const decision = decideScreenPop(request, notifiedCallIds);
      if (decision.action === 'invalid') throw new InvalidPayloadError(decision.message);
      if (decision.action === 'skip') return;
      rememberCall(notifiedCallIds, decision.pop.callId);
      deps.screenPop(decision.pop);
    },
    'agent:state': async (request) => deps.onAgentState(parse(desktopAgentStateSchema, request)),
    'cache:status': () => cache.status(),
    'cache:search': async (request) => cache.search(parse(searchQuerySchema, request)),
    'cache:categories': () => cache.categories(),
    'cache:information': async (request) => cache.information(parse(informationRequestSchema, request).id),
    'cache:scripts': () => cache.scripts(),
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
