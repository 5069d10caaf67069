import { Injectable } from '@nestjs/common';
import type { DeepPartial, EntityManager, ObjectLiteral } from 'typeorm';
import { type DemoSeeder, Seeder } from '../database/seeding/seeder';
import { demoKnowledge } from './knowledge-demo-data';
import type { CollectionSpec, KnowledgeRow } from './knowledge-collection';
import {
  categorySpec,
  informationSpec,
  noticeSpec,
  organSpec,
  requestTypeSpec,
  saveInformationRequestTypes,
  scriptTopicSpec,
} from './knowledge-specs';

const HOUR = 3_600_000;

/** A city hotline's knowledge base, through the same sanitizing and form checks as the admin screens. */
@Injectable()
@Seeder({ name: 'demo-knowledge', order: 20 })
export class KnowledgeSeeder implements DemoSeeder {
  async seed(manager: EntityManager): Promise<void> {
    const insert = async <Row extends KnowledgeRow & ObjectLiteral, Input>(
      spec: CollectionSpec<Row, unknown, Input>,
      input: Partial<Input>,
      extra: DeepPartial<Row> = {} as DeepPartial<Row>,
    ): Promise<string> => {
      const result = await manager.insert(spec.entity, { ...spec.toColumns(input), ...extra } as never);
      return String(result.identifiers[0].id);
    };

    const organs = new Map<string, string>();
    for (const { key, ...organ } of demoKnowledge.organs) organs.set(key, await insert(organSpec, organ));
    const requestTypeIds = new Map<string, string>();
    const links: { informationId: string; names: string[] }[] = [];

    for (const [categoryPosition, { informations, requestTypes, ...category }] of demoKnowledge.categories.entries()) {
      const categoryId = await insert(categorySpec, category, { position: categoryPosition });
      for (const [position, { requestTypes: names = [], ...information }] of informations.entries()) {
        links.push({ informationId: await insert(informationSpec, { ...information, categoryId }, { position }), names });
      }
      for (const [position, { organKey, ...type }] of requestTypes.entries()) {
        const organId = organs.get(organKey);
        if (!organId) throw new Error(`demo request type "${type.name}" names unknown organ ${organKey}`);
        requestTypeIds.set(type.name, await insert(requestTypeSpec, { ...type, categoryId, organId }, { position }));
      }
    }
    for (const { informationId, names } of links) {
      const ids = names.map((name) => {
        const id = requestTypeIds.get(name);
        if (!id) throw new Error(`demo information links unknown request type "${name}"`);
        return id;
      });
      if (ids.length) await saveInformationRequestTypes(manager, informationId, ids);
    }

    for (const [position, topic] of demoKnowledge.scriptTopics.entries()) await insert(scriptTopicSpec, topic, { position });

    const now = Date.now();
    for (const { startsInHours, endsInHours, ...notice } of demoKnowledge.notices) {
      await insert(noticeSpec, {
        ...notice,
        validFrom: new Date(now + startsInHours * HOUR).toISOString(),
        validUntil: endsInHours === null ? null : new Date(now + endsInHours * HOUR).toISOString(),
      });
    }
  }
}
