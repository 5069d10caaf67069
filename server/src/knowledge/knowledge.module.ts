import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ChangeFeedService, KNOWLEDGE_COLLECTIONS } from './change-feed.service';
import { KnowledgeGapsController } from './knowledge-gaps.controller';
import { KnowledgeGapsReport } from './knowledge-gaps';
import { KnowledgeSearch } from './knowledge-search';
import { KnowledgeSearchLog } from './knowledge-search-log';
import { knowledgeCollectionControllers, knowledgeCollectionRoutes } from './knowledge-admin.controllers';
import { KnowledgeCollection } from './knowledge-collection';
import { KnowledgeReadService } from './knowledge-read.service';
import { knowledgeSpecs } from './knowledge-specs';
import { KnowledgeSeeder } from './knowledge.seeder';
import { KnowledgeController } from './knowledge.controller';
import { SearchService } from './search.service';

const collectionProviders = knowledgeSpecs.map((spec) => ({
  provide: `knowledge:${spec.entityName}`,
  useFactory: (dataSource: DataSource) => new KnowledgeCollection(dataSource, spec as never),
  inject: [DataSource],
}));

@Module({
  imports: [DiscoveryModule],
  controllers: [KnowledgeController, KnowledgeGapsController, ...knowledgeCollectionControllers],
  providers: [
    ...collectionProviders,
    {
      provide: KNOWLEDGE_COLLECTIONS,
      useFactory: (...collections: KnowledgeCollection<never, unknown, unknown>[]) => collections,
      inject: knowledgeCollectionRoutes.map((route) => route.token),
    },
    KnowledgeReadService,
    ChangeFeedService,
    SearchService,
    KnowledgeSearch,
    KnowledgeSearchLog,
    KnowledgeGapsReport,
    KnowledgeSeeder,
  ],
  exports: [SearchService, KnowledgeSearch, KnowledgeSearchLog, KnowledgeReadService],
})
export class KnowledgeModule {}
