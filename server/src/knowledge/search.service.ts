import { Injectable, type OnApplicationBootstrap, SetMetadata } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { SearchQuery, SearchResponse, SearchResult } from '@receptivo/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { KnowledgeSearchLog } from './knowledge-search-log';

const SEARCH_SOURCE = 'receptivo:search-source';

/**
 * Busca geral is extended by providing a class with this decorator: informations and request types here; requests
 * and protocols from the requests feature. Each source answers its best `limit` matches.
 */
export const SearchSource = () => SetMetadata(SEARCH_SOURCE, true);

export interface SearchSourceProvider {
  /** `user` is who searches: a source holds them to what they may read (the back office to its organ). */
  search(query: SearchQuery, user: AuthenticatedUser): Promise<SearchResult[]>;
}

/**
 * The words of a query, lower case: only letters and digits, so what reaches to_tsquery can hold
 * no operator.
 */
export function queryWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
}

/** Every word of the query as a prefix, for the pt_unaccent configuration ("ilumin" finds "iluminação"). */
export function prefixTsQuery(text: string): string | undefined {
  const words = queryWords(text);
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : undefined;
}

@Injectable()
export class SearchService implements OnApplicationBootstrap {
  private sources: SearchSourceProvider[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly log: KnowledgeSearchLog,
  ) {}

  /** Sources are found once, at start, not on every search. */
  onApplicationBootstrap(): void {
    this.sources = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance && this.reflector.get(SEARCH_SOURCE, wrapper.metatype))
      .map((wrapper) => wrapper.instance as SearchSourceProvider);
  }

  async search(query: SearchQuery, user: AuthenticatedUser): Promise<SearchResponse> {
    const results = await Promise.all(this.sources.map((source) => source.search(query, user)));
    const items = results.flat().sort((a, b) => b.score - a.score).slice(0, query.limit);
    // Counted for the knowledge gaps, written after the answer (KnowledgeSearchLog).
    const search = query.keyword ? { text: query.keyword, kind: 'keyword' as const } : { text: query.q ?? '', kind: 'general' as const };
    this.log.deskSearch({ ...search, resultCount: items.length }, user.id);
    return { items };
  }
}
