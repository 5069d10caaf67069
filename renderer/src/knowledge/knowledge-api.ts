import type { CategoryTree, CurrentNotices, Information, ScriptList, SearchResponse } from '@receptivo/shared';
import type { ApiClient } from '../api/client';

export type CategoryNode = CategoryTree['items'][number];
export type InformationSummary = CategoryNode['informations'][number];
export type RequestTypeSummary = CategoryNode['requestTypes'][number];

/** Busca geral (`q`) or palavra-chave (`keyword`): the server takes exactly one of them. */
export type KnowledgeQuery = { q: string } | { keyword: string };

export function getCurrentNotices(api: ApiClient): Promise<CurrentNotices> {
  return api.get<CurrentNotices>('/api/notices/current');
}

export function getScripts(api: ApiClient): Promise<ScriptList> {
  return api.get<ScriptList>('/api/scripts');
}

export function getCategories(api: ApiClient): Promise<CategoryTree> {
  return api.get<CategoryTree>('/api/categories');
}

export function getInformation(api: ApiClient, id: string): Promise<Information> {
  return api.get<Information>(`/api/informations/${encodeURIComponent(id)}`);
}

export function searchKnowledge(api: ApiClient, query: KnowledgeQuery): Promise<SearchResponse> {
  return api.get<SearchResponse>(`/api/search?${new URLSearchParams(query)}`);
}
