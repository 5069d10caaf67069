import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import type { ChangeFeed, ChangeFeedQuery, KnowledgeChange, KnowledgeEntity } from '@receptivo/shared';
import type { KnowledgeCollection, KnowledgeRow } from './knowledge-collection';

export const KNOWLEDGE_COLLECTIONS = 'knowledge:collections';

/**
 * Everything that changed in the knowledge base after a version, for the desktop's local cache:
 * rows as they are now (deactivated ones included, with active false) and deletions, in version order.
 */
@Injectable()
export class ChangeFeedService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(KNOWLEDGE_COLLECTIONS) private readonly collections: KnowledgeCollection<KnowledgeRow & { version: number }, unknown, unknown>[],
  ) {}

  async changesSince({ since, limit }: ChangeFeedQuery): Promise<ChangeFeed> {
    const pages = await Promise.all([
      ...this.collections.map(async ({ spec }) => {
        const rows = await this.dataSource.manager.find(spec.entity, {
          where: { version: MoreThan(since) } as never,
          relations: spec.relations,
          order: { version: 'ASC' } as never,
          take: limit + 1,
        });
        return rows.map(
          (row): KnowledgeChange => ({
            entity: spec.entityName,
            id: row.id,
            version: Number(row.version),
            deleted: false,
            data: spec.toView(row) as Record<string, unknown>,
          }),
        );
      }),
      this.dataSource
        .query<{ entity: KnowledgeEntity; id: string; version: string }[]>(
          'SELECT entity, id, version FROM knowledge_deletions WHERE version > $1 ORDER BY version LIMIT $2',
          [since, limit + 1],
        )
        .then((rows) => rows.map((row): KnowledgeChange => ({ ...row, version: Number(row.version), deleted: true, data: null }))),
    ]);
    const changes = pages.flat().sort((a, b) => a.version - b.version);
    const items = changes.slice(0, limit);
    return { items, version: items.at(-1)?.version ?? since, hasMore: changes.length > limit };
  }
}
