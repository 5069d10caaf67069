import { queryOptions } from '@tanstack/react-query';
import type { CategoryTree, CurrentNotices, Information, ScriptList, SearchResponse } from '@receptivo/shared';
import type { ApiClient } from '../api/client';
import { readKnowledge } from '../offline/knowledge-cache';

export type CategoryNode = CategoryTree['items'][number];
export type InformationSummary = CategoryNode['informations'][number];
export type RequestTypeSummary = CategoryNode['requestTypes'][number];

/** Busca geral (`q`) or palavra-chave (`keyword`): the server takes exactly one of them. */
export type KnowledgeQuery = { q: string } | { keyword: string };

export function getCurrentNotices(api: ApiClient): Promise<CurrentNotices> {
  return api.get<CurrentNotices>('/api/notices/current');
}

// Scripts, sessões, informations and search fall back to the knowledge kept on this computer
// while the server is out of reach (offline/knowledge-cache.ts).

export function getScripts(api: ApiClient): Promise<ScriptList> {
  return readKnowledge(
    () => api.get<ScriptList>('/api/scripts'),
    (local) => local.scripts(),
    (cache, data) => cache.saveScripts(data),
  );
}

export function getCategories(api: ApiClient): Promise<CategoryTree> {
  return readKnowledge(
    () => api.get<CategoryTree>('/api/categories'),
    (local) => local.categories(),
    (cache, data) => cache.saveCategories(data),
  );
}

export function getInformation(api: ApiClient, id: string): Promise<Information> {
  return readKnowledge(
    () => api.get<Information>(`/api/informations/${encodeURIComponent(id)}`),
    (local) => local.information(id),
    (cache, data) => cache.saveInformation(data),
  );
}

export function searchKnowledge(api: ApiClient, query: KnowledgeQuery): Promise<SearchResponse> {
  return readKnowledge(
    () => api.get<SearchResponse>(`/api/search?${new URLSearchParams(query)}`),
    (local) => local.search(query),
  );
}

/**
 * The desk's knowledge reads; their keys start with 'knowledge', which the knowledge administration
 * invalidates after each change. Offline they answer from the local cache (readKnowledge).
 */
export const knowledgeQueries = {
  notices: (api: ApiClient) => queryOptions({ queryKey: ['knowledge', 'notices', 'current'], queryFn: () => getCurrentNotices(api) }),
  scripts: (api: ApiClient) => queryOptions({ queryKey: ['knowledge', 'scripts'], queryFn: () => getScripts(api) }),
  categories: (api: ApiClient) => queryOptions({ queryKey: ['knowledge', 'categories'], queryFn: () => getCategories(api) }),
  information: (api: ApiClient, id: string) =>
    queryOptions({ queryKey: ['knowledge', 'informations', id], queryFn: () => getInformation(api, id) }),
};
