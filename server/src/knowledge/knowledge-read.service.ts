import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import type { CategoryTree, CurrentNotices, Information, OrganOptionList, RequestType, ScriptList } from '@receptivo/shared';
import { notFound } from '../common/api-exception';
import { CategoryEntity, InformationEntity, NoticeEntity, RequestTypeEntity, ScriptTopicEntity } from './knowledge.entities';
import { informationSpec } from './knowledge-specs';
import { toCategory, toInformation, toNotice, toRequestType, toScriptTopic } from './knowledge-views';

/** What the attendant reads on the Receptivo page: active items only, in their order. */
@Injectable()
export class KnowledgeReadService {
  constructor(private readonly dataSource: DataSource) {}

  async organOptions(): Promise<OrganOptionList> {
    const items = await this.dataSource.query<OrganOptionList['items']>('SELECT id, name, acronym, active FROM organs ORDER BY active DESC, name');
    return { items };
  }

  /**
   * The active categories and the request types one may register now (active, of an active organ:
   * a deactivated organ takes no new requests), each in its order: what the desk browses and the
   * portal offers.
   */
  offeredRequestTypes(): Promise<[CategoryEntity[], RequestType[]]> {
    const manager = this.dataSource.manager;
    return Promise.all([
      manager.find(CategoryEntity, { where: { active: true }, order: { position: 'ASC' } }),
      manager
        .find(RequestTypeEntity, { where: { active: true, organ: { active: true } }, relations: { organ: true }, order: { position: 'ASC' } })
        .then((types) => types.map(toRequestType)),
    ]);
  }

  async categoryTree(): Promise<CategoryTree> {
    const [[categories, requestTypes], informations] = await Promise.all([
      this.offeredRequestTypes(),
      this.dataSource.manager.find(InformationEntity, {
        where: { active: true },
        select: { id: true, categoryId: true, title: true, keywords: true, position: true },
        order: { position: 'ASC' },
      }),
    ]);
    return {
      items: categories.map((category) => ({
        ...toCategory(category),
        informations: informations
          .filter((information) => information.categoryId === category.id)
          .map(({ id, title, keywords }) => ({ id, title, keywords })),
        requestTypes: requestTypes
          .filter((type) => type.categoryId === category.id)
          .map(({ id, name, organName, formSchema, operatorGuidance, slaHours, restartWindowHours, groupByAddress, addressRequired }) => ({
            id,
            name,
            organName,
            formSchema,
            operatorGuidance,
            slaHours,
            restartWindowHours,
            groupByAddress,
            addressRequired,
          })),
      })),
    };
  }

  /** Inactive ones too: an old attendance may show an information since withdrawn. */
  async information(id: string): Promise<Information> {
    const information = await this.dataSource.manager.findOne(InformationEntity, { where: { id }, relations: informationSpec.relations });
    if (!information) throw notFound('Informação');
    return toInformation(information);
  }

  async scriptTopics(): Promise<ScriptList> {
    const topics = await this.dataSource.manager.find(ScriptTopicEntity, { where: { active: true }, order: { position: 'ASC' } });
    return { topics: topics.map(toScriptTopic) };
  }

  async currentNotices(now = new Date()): Promise<CurrentNotices> {
    const notices = await this.dataSource.manager.find(NoticeEntity, {
      where: [
        { active: true, validFrom: LessThanOrEqual(now), validUntil: IsNull() },
        { active: true, validFrom: LessThanOrEqual(now), validUntil: MoreThan(now) },
      ],
      order: { validFrom: 'DESC' },
    });
    const board = (kind: NoticeEntity['kind']) => notices.filter((notice) => notice.kind === kind).map(toNotice);
    return { notice: board('notice'), incident: board('incident'), event: board('event') };
  }
}
