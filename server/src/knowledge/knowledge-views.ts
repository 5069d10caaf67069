import type { Category, Information, Notice, Organ, RequestType, ScriptTopic } from '@receptivo/shared';
import type { CategoryEntity, InformationEntity, NoticeEntity, OrganEntity, RequestTypeEntity, ScriptTopicEntity } from './knowledge.entities';

export const toOrgan = (organ: OrganEntity): Organ => ({
  id: organ.id,
  name: organ.name,
  acronym: organ.acronym,
  email: organ.email,
  active: organ.active,
  updatedAt: organ.updatedAt.toISOString(),
});

export const toCategory = (category: CategoryEntity): Category => ({
  id: category.id,
  name: category.name,
  description: category.description,
  position: category.position,
  active: category.active,
  updatedAt: category.updatedAt.toISOString(),
});

/** Loaded with its request type links (informationSpec.relations). */
export const toInformation = (information: InformationEntity): Information => ({
  id: information.id,
  categoryId: information.categoryId,
  title: information.title,
  body: information.body,
  proposedSolution: information.proposedSolution,
  keywords: information.keywords,
  requestTypeIds: [...(information.requestTypeLinks ?? [])].sort((a, b) => a.position - b.position).map((link) => link.requestTypeId),
  position: information.position,
  published: information.published,
  active: information.active,
  updatedAt: information.updatedAt.toISOString(),
});

/** Loaded with its organ: the attendant sees which organ will work the request. */
export const toRequestType = (type: RequestTypeEntity): RequestType => ({
  id: type.id,
  categoryId: type.categoryId,
  organId: type.organId,
  organName: type.organ?.name ?? '',
  name: type.name,
  description: type.description,
  formSchema: type.formSchema,
  operatorGuidance: type.operatorGuidance,
  slaHours: type.slaHours,
  restartWindowHours: type.restartWindowHours,
  groupByAddress: type.groupByAddress,
  addressRequired: type.addressRequired,
  position: type.position,
  active: type.active,
  updatedAt: type.updatedAt.toISOString(),
});

export const toScriptTopic = (topic: ScriptTopicEntity): ScriptTopic => ({
  id: topic.id,
  title: topic.title,
  content: topic.content,
  position: topic.position,
  active: topic.active,
  updatedAt: topic.updatedAt.toISOString(),
});

export const toNotice = (notice: NoticeEntity): Notice => ({
  id: notice.id,
  kind: notice.kind,
  title: notice.title,
  body: notice.body,
  validFrom: notice.validFrom.toISOString(),
  validUntil: notice.validUntil?.toISOString() ?? null,
  active: notice.active,
  updatedAt: notice.updatedAt.toISOString(),
});
