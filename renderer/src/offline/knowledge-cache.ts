import { z } from 'zod';
import {
  categoryTreeSchema,
  informationSchema,
  scriptListSchema,
  type CategoryTree,
  type DesktopBridge,
  type Information,
  type ScriptList,
  type SearchResponse,
} from '@receptivo/shared';
import { isUnreachable } from '../api/client';
import type { KnowledgeQuery } from '../knowledge/knowledge-api';
import { searchLocally } from './local-search';

/** Knowledge kept on this computer, read when the server is out of reach; null where there is no copy. */
export interface LocalKnowledge {
  scripts(): Promise<ScriptList | null>;
  categories(): Promise<CategoryTree | null>;
  information(id: string): Promise<Information | null>;
  search(query: KnowledgeQuery): Promise<SearchResponse | null>;
  /** When the copy was last brought up to date; null when there is none. */
  syncedAt(): Promise<string | null>;
}

/**
 * An information kept before informations named request types (in this browser, or by an older
 * desktop app) reads as naming none.
 */
const keptInformationSchema = informationSchema.extend({ requestTypeIds: informationSchema.shape.requestTypeIds.default([]) });

/** The desktop app's own cache (SQLite in the main process, synced by the change feed). */
function desktopKnowledge(bridge: DesktopBridge): LocalKnowledge {
  const synced = async () => (await bridge.cacheStatus()).lastSyncAt !== null;
  return {
    scripts: async () => ((await synced()) ? bridge.cacheScripts() : null),
    categories: async () => ((await synced()) ? bridge.cacheCategories() : null),
    information: async (id) => {
      const information = await bridge.cacheInformation(id);
      return information && keptInformationSchema.parse(information);
    },
    search: async (query) => ((await synced()) ? bridge.cacheSearch(query) : null),
    syncedAt: async () => (await bridge.cacheStatus()).lastSyncAt,
  };
}

const keys = {
  scripts: 'receptivo.knowledge.scripts',
  categories: 'receptivo.knowledge.categories',
  informations: 'receptivo.knowledge.informations',
};
/** Opened informations kept, most recent first: enough for a shift, far below the browser's quota. */
const keptInformations = 200;

const saved = <T extends z.ZodType>(data: T) => z.object({ savedAt: z.string(), data });
const savedScripts = saved(scriptListSchema);
const savedCategories = saved(categoryTreeSchema);
const savedInformations = saved(z.array(keptInformationSchema));

export const missingText =
  '<p><em>Texto indisponível sem conexão: esta informação não foi aberta neste computador enquanto o servidor respondia.</em></p>';

/**
 * In a plain browser: the last scripts, sessões and opened informations fetched, in localStorage.
 * Best effort: a full storage only means less is kept.
 */
export class BrowserKnowledge implements LocalKnowledge {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async scripts() {
    return this.read(keys.scripts, savedScripts)?.data ?? null;
  }

  async categories() {
    return this.read(keys.categories, savedCategories)?.data ?? null;
  }

  /** The opened text when kept; otherwise what the sessões know of it (title, keywords), so it can still be registered. */
  async information(id: string) {
    const kept = this.read(keys.informations, savedInformations)?.data.find((information) => information.id === id);
    if (kept) return kept;
    const categories = await this.categories();
    for (const category of categories?.items ?? []) {
      const summary = category.informations.find((information) => information.id === id);
      if (summary) {
        return {
          ...summary,
          categoryId: category.id,
          body: missingText,
          proposedSolution: '',
          requestTypeIds: [],
          position: 0,
          published: false,
          active: true,
          updatedAt: category.updatedAt,
        };
      }
    }
    return null;
  }

  async search(query: KnowledgeQuery) {
    const categories = await this.categories();
    if (!categories) return null;
    return searchLocally(categories, this.read(keys.informations, savedInformations)?.data ?? [], query);
  }

  async syncedAt() {
    return this.read(keys.categories, savedCategories)?.savedAt ?? null;
  }

  saveScripts(data: ScriptList): void {
    this.write(keys.scripts, data);
  }

  saveCategories(data: CategoryTree): void {
    this.write(keys.categories, data);
  }

  saveInformation(information: Information): void {
    const others = (this.read(keys.informations, savedInformations)?.data ?? []).filter((item) => item.id !== information.id);
    const kept = [information, ...others].slice(0, keptInformations);
    // When the storage is full, the older half of the opened informations makes room.
    if (!this.write(keys.informations, kept)) this.write(keys.informations, kept.slice(0, Math.ceil(kept.length / 2)));
  }

  private read<T extends z.ZodType>(key: string, schema: T): z.output<T> | null {
    const raw = this.storage.getItem(key);
    if (!raw) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private write(key: string, data: unknown): boolean {
    try {
      this.storage.setItem(key, JSON.stringify({ savedAt: this.now().toISOString(), data }));
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * The shell's cache when it has one. The page comes from the server and the preload from the
 * installed app, so an older desktop app may lack it: the browser's storage serves then.
 */
const desktopCache = (): DesktopBridge | undefined => (window.receptivoDesktop?.cacheStatus ? window.receptivoDesktop : undefined);

/** The desktop cache inside Electron, the browser's storage elsewhere. */
export function localKnowledge(): LocalKnowledge {
  const bridge = desktopCache();
  return bridge ? desktopKnowledge(bridge) : new BrowserKnowledge(window.localStorage);
}

/**
 * Reads from the server and, in a browser, keeps a copy (the desktop app keeps its own, synced by
 * the change feed); when the server is out of reach, answers the local copy, or the error without one.
 */
export async function readKnowledge<T>(
  remote: () => Promise<T>,
  local: (knowledge: LocalKnowledge) => Promise<T | null>,
  keep?: (cache: BrowserKnowledge, data: T) => void,
): Promise<T> {
  let data: T;
  try {
    data = await remote();
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    const copy = await local(localKnowledge()).catch(() => null);
    if (copy === null) throw error;
    return copy;
  }
  if (!desktopCache()) keep?.(new BrowserKnowledge(window.localStorage), data);
  return data;
}
