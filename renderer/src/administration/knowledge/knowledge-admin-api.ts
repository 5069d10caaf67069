import type { Category, FormSchema, Information, KnowledgeGaps, KnowledgeGapsQuery, Notice, Organ, RequestType, ScriptTopic } from '@receptivo/shared';
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/client';

/** What each list of /api/knowledge/<resource> holds. */
export interface KnowledgeItems {
  organs: Organ;
  categories: Category;
  informations: Information;
  'request-types': RequestType;
  'script-topics': ScriptTopic;
  notices: Notice;
}

export type KnowledgeResource = keyof KnowledgeItems;

/** Lists the server keeps in an order the administrator sets. */
export type OrderedResource = 'categories' | 'informations' | 'request-types' | 'script-topics';

const resourcePath = (resource: KnowledgeResource) => `/api/knowledge/${resource}`;
const itemPath = (resource: KnowledgeResource, id: string) => `${resourcePath(resource)}/${encodeURIComponent(id)}`;

/** Every item, inactive ones too, in the server's order; informations and request types by category. */
export async function listItems<R extends KnowledgeResource>(
  api: ApiClient,
  resource: R,
  categoryId?: string,
): Promise<KnowledgeItems[R][]> {
  const query = categoryId ? `?${new URLSearchParams({ categoryId })}` : '';
  const list = await api.get<{ items: KnowledgeItems[R][] }>(`${resourcePath(resource)}${query}`);
  return list.items;
}

/**
 * A list of the administration as a query; its key starts with 'knowledge', so a saved change
 * refreshes it wherever it is shown (useKnowledgeItems' update).
 */
export const knowledgeItemsQuery = <R extends KnowledgeResource>(api: ApiClient, resource: R, categoryId?: string) =>
  queryOptions({ queryKey: ['knowledge', 'admin', resource, categoryId ?? null], queryFn: () => listItems(api, resource, categoryId) });

export function createItem<R extends KnowledgeResource>(
  api: ApiClient,
  resource: R,
  body: object,
): Promise<KnowledgeItems[R]> {
  return api.post<KnowledgeItems[R]>(resourcePath(resource), body);
}

export function updateItem<R extends KnowledgeResource>(
  api: ApiClient,
  resource: R,
  id: string,
  patch: object,
): Promise<KnowledgeItems[R]> {
  return api.patch<KnowledgeItems[R]>(itemPath(resource, id), patch);
}

export function deleteItem(api: ApiClient, resource: KnowledgeResource, id: string): Promise<void> {
  return api.request<void>('DELETE', itemPath(resource, id));
}

/** The whole list's ids in the new order (for informations and request types: one category's). */
export function reorderItems(api: ApiClient, resource: OrderedResource, ids: string[]): Promise<void> {
  return api.post<void>(`${resourcePath(resource)}/order`, { ids });
}

/** Resolves when the server would accept the schema; otherwise fails with its VALIDATION_FAILED. */
export function validateFormSchema(api: ApiClient, formSchema: FormSchema): Promise<{ valid: true }> {
  return api.post<{ valid: true }>('/api/knowledge/form-schema/validate', { formSchema });
}

/** Lacunas da base of a period; its key starts with 'knowledge' as the lists' do. */
export const knowledgeGapsQuery = (api: ApiClient, { from, to, source, limit }: KnowledgeGapsQuery) =>
  queryOptions({
    queryKey: ['knowledge', 'gaps', { from, to, source, limit }],
    queryFn: () => {
      const params = new URLSearchParams({ from, to, limit: String(limit) });
      if (source) params.set('source', source);
      return api.get<KnowledgeGaps>(`/api/knowledge/gaps?${params}`);
    },
  });
