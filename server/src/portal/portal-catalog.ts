import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PortalCatalog, PortalKnowledgeResults } from '@receptivo/shared';
import { KnowledgeReadService } from '../knowledge/knowledge-read.service';
import { KnowledgeSearch } from '../knowledge/knowledge-search';
import { KnowledgeSearchLog } from '../knowledge/knowledge-search-log';

/** Without words, Informações lists what is published, in the desk's order, up to this many. */
const BROWSE_LIMIT = 100;
const SEARCH_LIMIT = 20;

/** What the portal offers a citizen from the knowledge base: the request types to register and the published informations. */
@Injectable()
export class PortalCatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly knowledge: KnowledgeReadService,
    private readonly search: KnowledgeSearch,
    private readonly searchLog: KnowledgeSearchLog,
  ) {}

  /** The categories and request types the desk offers, in its order; categories with none are left out. */
  async catalog(): Promise<PortalCatalog> {
    const [categories, requestTypes] = await this.knowledge.offeredRequestTypes();
    return {
      categories: categories.flatMap((category) => {
        const offered = requestTypes
          .filter((type) => type.categoryId === category.id)
          .map(({ id, name, description, organName, formSchema, slaHours, addressRequired }) => ({ id, name, description, organName, formSchema, slaHours, addressRequired }));
        return offered.length ? [{ id: category.id, name: category.name, description: category.description, requestTypes: offered }] : [];
      }),
    };
  }

  /**
   * Published informations matching the words (the desk's ranking), or all of them in order when
   * there are none. A search is recorded for the knowledge gaps under the searcher's `address`.
   */
  async informations(text: string, address: string): Promise<PortalKnowledgeResults> {
    const ranked = text ? (await this.search.published(text, SEARCH_LIMIT)).map((result) => result.id) : null;
    if (ranked) this.searchLog.portalSearch({ text, kind: 'general', resultCount: ranked.length }, address);
    if (ranked?.length === 0) return { items: [] };
    const rows = await this.dataSource.query<
      { id: string; title: string; body: string; proposed_solution: string; category_name: string; request_types: { id: string; name: string }[] }[]
    >(
      `SELECT i.id, i.title, i.body, i.proposed_solution, c.name AS category_name,
              coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY l.position)
                          FROM information_request_types l JOIN request_types t ON t.id = l.request_type_id JOIN organs o ON o.id = t.organ_id
                         WHERE l.information_id = i.id AND t.active AND o.active), '[]') AS request_types
         FROM informations i JOIN categories c ON c.id = i.category_id
        WHERE i.active AND i.published AND c.active AND ($1::uuid[] IS NULL OR i.id = ANY($1))
        ORDER BY ${ranked ? 'array_position($1, i.id)' : 'c.position, c.name, i.position, i.title'}
        LIMIT ${BROWSE_LIMIT}`,
      [ranked],
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        title: row.title,
        body: row.body,
        proposedSolution: row.proposed_solution,
        categoryName: row.category_name,
        requestTypes: row.request_types,
      })),
    };
  }
}
